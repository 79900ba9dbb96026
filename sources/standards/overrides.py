"""Publishing over a warning: an editor's reason for each warning, kept as a `StandardsOverride`."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from sources.models import StandardsOverride
from sources.standards.findings import Finding, blocking_findings

# An override reason is keyed by "code" (every finding with that code), "code:target" or
# (code, target) (one finding).
OverrideKey = str | tuple[str, str]


def _override_reasons(overrides: dict | None) -> tuple[dict, dict]:
    """Split override reasons into per-code ({code: reason}) and per-finding ones."""
    by_code: dict[str, str] = {}
    by_target: dict[tuple[str, str], str] = {}
    for key, reason in (overrides or {}).items():
        reason = (reason or "").strip()
        if isinstance(key, tuple):
            code, target = key
        else:
            code, separator, target = str(key).partition(":")
            if not separator:
                by_code[code] = reason
                continue
        by_target[(code, target)] = reason
    return by_code, by_target


def override_reason(finding: Finding, overrides: dict | None) -> str:
    """The reason given for publishing over `finding`, or ""."""
    by_code, by_target = _override_reasons(overrides)
    return by_target.get((finding.code, finding.target)) or by_code.get(finding.code, "")


def unresolved_warnings(findings: Iterable[Finding], overrides: dict | None) -> list[Finding]:
    """Warnings that no override reason covers."""
    return [f for f in findings if not f.is_blocking and not override_reason(f, overrides)]


@transaction.atomic
def record_overrides(
    *, article, findings: Iterable[Finding], overrides: dict | None, user, now=None
) -> list[StandardsOverride]:
    """Record an editor's reason for publishing over each warning: one row per finding.

    Called by the publish transition once the story has no blocking finding. Raises
    ValidationError (code `override_blocking`) if a finding is blocking and
    `override_reason_missing` if a warning has no reason; nothing is recorded then. Reasons
    for findings the story no longer has are ignored: the story may have been fixed since
    the editor read the warning.
    """
    findings = list(findings)
    blocking = blocking_findings(findings)
    if blocking:
        raise ValidationError(
            f"“{blocking[0].code}” is a blocking finding: fix the story, it cannot be overridden.",
            code="override_blocking",
        )
    missing = unresolved_warnings(findings, overrides)
    if missing:
        raise ValidationError(
            f"Give a reason for publishing despite “{missing[0].code}”.",
            code="override_reason_missing",
        )
    rows, seen = [], set()
    for finding in findings:
        if (finding.code, finding.target) in seen:
            continue
        seen.add((finding.code, finding.target))
        rows.append(
            StandardsOverride.objects.create(
                article=article,
                code=finding.code,
                target=finding.target,
                reason=override_reason(finding, overrides),
                by=user,
                **({"created_at": now} if now else {}),
            )
        )
    return rows

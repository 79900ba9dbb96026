"""Standards checks run before a story is published.

`check_article(article)` returns findings; a blocking finding stops the publish, a
warning may be overridden by an editor with a recorded reason. The publish transition
(`articles.workflow.transitions.publish`) asks `unresolved_warnings` and `record_overrides` here, the
one home of the override rules.
Each check is a small function taking the article and yielding findings, listed in
CHECKS. The rules follow AP, Reuters and New York Times practice on anonymous sources,
attribution, descriptors and right of reply; messages are written for the reporter who
has to fix the story.
"""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from newsroom.html import html_to_text
from sources.anonymity import approver_names
from sources.assistant import find_quotes
from sources.confidential import has_knowing_editor
from sources.lookup import search_sources
from sources.models import AttributionKind, CommentOutcome, StandardsOverride

BLOCKING = "blocking"
WARNING = "warning"

# A direct quotation this long is a quote, not a term in quotation marks: it must be attributed.
QUOTE_MIN_WORDS = 4


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str  # BLOCKING or WARNING
    target: str  # the field or attribution concerned, e.g. "headline" or "attribution:12"
    message: str  # what is wrong and how to fix it
    quoted: str = ""  # for an unattributed quotation: its words, to find the proposal fixing it

    @property
    def is_blocking(self) -> bool:
        return self.severity == BLOCKING


# --- the story itself ------------------------------------------------------------------


def check_headline(article) -> Iterator[Finding]:
    if not (article.headline or "").strip():
        yield Finding("headline_missing", BLOCKING, "headline", "Write a headline.")


def check_byline(article) -> Iterator[Finding]:
    if not article.author_links.exists():
        yield Finding(
            "byline_missing", BLOCKING, "authors", "Add at least one author to the byline."
        )


def check_section(article) -> Iterator[Finding]:
    if article.section_id is None:
        yield Finding("section_missing", BLOCKING, "section", "Choose a section for the story.")


def check_lead_image(article) -> Iterator[Finding]:
    image = article.lead_image
    if image is None:
        return
    if not image.alt_text.strip():
        yield Finding(
            "image_alt_missing",
            BLOCKING,
            "lead_image",
            "Describe the lead image in its alt text for readers who cannot see it.",
        )
    # A handout may honestly have no credit, so an editor can override this one with a reason.
    if not image.credit.strip():
        yield Finding(
            "image_credit_missing",
            WARNING,
            "lead_image",
            "Credit the lead image (photographer and agency, e.g. “Ana Ruiz/Newsroom”) "
            "in the image's credit field.",
        )


# Markers reporters leave for what is still to come ("to kum"): "[TK: figure]", "TKTK",
# "TK: name", "[[link]]", "XXX". Upper case only for TK and XXX, so "Atkins" and "xxx-large"
# pass; "Super Bowl XXX" is a numeral, not a gap.
_PLACEHOLDER = re.compile(
    r"\[\s*(?i:tk)|TKTK|(?<![A-Za-z])TK\s*:|\[\[|(?<![A-Za-z])XXX+(?![A-Za-z])"
)
_NUMERAL_BEFORE = re.compile(
    r"(?i)\b(?:bowl|olympiad|chapter|article|part|volume|vol\.|book|act|title|pope|king|"
    r"queen|louis|pius|leo|gregory|john|benedict)\s+$"
)
_PLACEHOLDER_FIELDS = (("headline", "headline"), ("dek", "dek"), ("body", "body"))


def _placeholders(text: str) -> list[re.Match]:
    return [
        match
        for match in _PLACEHOLDER.finditer(text)
        if not (match.group().startswith("X") and _NUMERAL_BEFORE.search(text[: match.start()]))
    ]


def _around(text: str, match: re.Match, width: int = 40) -> str:
    """The marker with the words around it, on one line, cut at word boundaries."""
    start, end = max(0, match.start() - width), min(len(text), match.end() + width)
    if start > 0 and (space := text.find(" ", start, match.start())) != -1:
        start = space + 1
    if end < len(text) and (space := text.rfind(" ", match.end(), end)) != -1:
        end = space
    shown = " ".join(text[start:end].split())
    return ("…" if start > 0 else "") + shown + ("…" if end < len(text) else "")


def check_placeholders(article) -> Iterator[Finding]:
    for name, label in _PLACEHOLDER_FIELDS:
        text = _body_text(article) if name == "body" else getattr(article, name) or ""
        found = _placeholders(text)
        if not found:
            continue
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        yield Finding(
            "placeholder_left",
            BLOCKING,
            name,
            f"The {label} still has a placeholder: “{_around(text, found[0])}”{more}. Fill in "
            "what is missing or cut it before publishing.",
        )


# --- attributions ------------------------------------------------------------------------


def _attributions(article) -> list:
    """Every attribution of the story with what the checks need, loaded once per check run."""
    cache = getattr(article, "_standards_attributions", None)
    if cache is None:
        cache = list(
            article.attributions.select_related(
                "source", "comment_request", "approved_by", "confidential"
            )
            .prefetch_related("confidential__editors_who_know")
            .order_by("position", "id")
        )
        article._standards_attributions = cache
    return cache


def _label(attribution) -> str:
    """How a finding names an attribution to the reporter."""
    if attribution.anonymous:
        who = f"“{attribution.public_descriptor}”" if attribution.public_descriptor else "anonymous"
    elif attribution.source is not None:
        who = attribution.source.name
    else:
        who = "no source"
    return f"{attribution.get_kind_display()} attribution #{attribution.position + 1} ({who})"


def _target(attribution) -> str:
    return f"attribution:{attribution.pk}"


def check_attribution_source(article) -> Iterator[Finding]:
    for attribution in _attributions(article):
        if attribution.source_id is None and not attribution.anonymous:
            yield Finding(
                "attribution_source_missing",
                BLOCKING,
                _target(attribution),
                f"{_label(attribution)} names no source: pick one from the registry "
                "(or add it with the + button next to the source field).",
            )


# "a source" alone tells readers nothing (AP: describe how the source knows).
VAGUE_DESCRIPTORS = {
    "source",
    "a source",
    "one source",
    "sources",
    "a person",
    "someone",
    "an insider",
    "an informant",
    "a confidential source",
    "an anonymous source",
    "anonymous sources",
}
# Where a descriptor's head noun phrase ends: "people familiar with …", "officials who …".
_HEAD_END = {
    "with",
    "who",
    "that",
    "familiar",
    "at",
    "in",
    "of",
    "from",
    "for",
    "close",
    "involved",
    "briefed",
    "knowledgeable",
    "on",
    "to",
    "under",
    "inside",
    "within",
}
_PLURAL_WORDS = {"people", "officials", "sources", "aides", "staff", "staffers", "employees"}
_NOT_PLURAL_ENDINGS = ("ss", "us", "is", "news")


def _is_plural(descriptor: str) -> bool:
    words = re.findall(r"[A-Za-z.'-]+", descriptor.lower())
    head = []
    for word in words:
        if word in _HEAD_END:
            break
        head.append(word)
    if not head:
        return False
    if {"two", "three", "four", "several", "many", "multiple"} & set(head):
        return True
    noun = head[-1].strip(".")
    if noun in _PLURAL_WORDS:
        return True
    return noun.endswith("s") and not noun.endswith(_NOT_PLURAL_ENDINGS) and len(noun) > 3


def _who_approves() -> str:
    names = approver_names()
    if not names:
        return (
            "nobody may approve anonymity yet: an admin must add an editor to the Editors group "
            "(or give someone the “approve anonymity” permission)."
        )
    return f"ask {names} (they approve with one button on the attribution)."


def check_anonymous(article) -> Iterator[Finding]:
    who_approves = None
    for attribution in _attributions(article):
        if not attribution.anonymous:
            continue
        label, target = _label(attribution), _target(attribution)
        if not attribution.anonymity_reason.strip():
            yield Finding(
                "anon_reason_missing",
                BLOCKING,
                target,
                f"{label} is anonymous but gives readers no reason: fill in “reason for "
                "anonymity”, e.g. “because they were not authorized to discuss the talks”.",
            )
        if attribution.approved_by_id is None:
            who_approves = who_approves or _who_approves()
            yield Finding(
                "anon_not_approved",
                BLOCKING,
                target,
                f"{label} has no approving editor. To approve the grant of anonymity, "
                f"{who_approves}",
            )
        if not has_knowing_editor(attribution):
            yield Finding(
                "anon_identity_unknown_to_editors",
                BLOCKING,
                target,
                f"{label}: no editor is recorded as knowing who the source is. At least one "
                "editor must know the identity; the editor who approves the grant of "
                "anonymity is recorded as knowing.",
            )
        descriptor = " ".join(attribution.public_descriptor.lower().split())
        if not descriptor or descriptor in VAGUE_DESCRIPTORS:
            yield Finding(
                "anon_descriptor_vague",
                BLOCKING,
                target,
                f"{label}: “{attribution.public_descriptor or 'a source'}” alone tells readers "
                "nothing. Describe the source as specifically as you can without identifying "
                "them, e.g. “a Harbor Authority official involved in the talks”.",
            )
        elif attribution.source_count == 1 and _is_plural(descriptor):
            yield Finding(
                "anon_plural_for_one",
                BLOCKING,
                target,
                f"{label} stands for one person but is described in the plural "
                f"(“{attribution.public_descriptor}”). Use the singular, or set “source count” "
                "to the number of people if there really are several.",
            )
        elif attribution.source_count > 1 and not _is_plural(descriptor):
            yield Finding(
                "anon_singular_for_many",
                WARNING,
                target,
                f"{label} stands for {attribution.source_count} people but is described in "
                f"the singular (“{attribution.public_descriptor}”). Use the plural.",
            )


def check_anonymous_also_declined(article) -> Iterator[Finding]:
    attributions = _attributions(article)
    refusing = {
        a.source_id: a
        for a in attributions
        if a.source_id and a.kind in (AttributionKind.DECLINED, AttributionKind.NO_RESPONSE)
    }
    for attribution in attributions:
        if not attribution.anonymous or attribution.source_id not in refusing:
            continue
        other = refusing[attribution.source_id]
        yield Finding(
            "anon_source_also_declined",
            BLOCKING,
            _target(attribution),
            f"{_label(attribution)} is the same source the story says "
            f"{'declined to comment' if other.kind == AttributionKind.DECLINED else 'did not respond'}"
            f" ({_label(other)}). Readers would be misled: remove one of the two.",
        )


_REPLY_OUTCOMES = {
    AttributionKind.DECLINED: CommentOutcome.DECLINED,
    AttributionKind.NO_RESPONSE: CommentOutcome.NO_RESPONSE,
}


def check_right_of_reply(article) -> Iterator[Finding]:
    for attribution in _attributions(article):
        expected = _REPLY_OUTCOMES.get(attribution.kind)
        if expected is None:
            continue
        label, target = _label(attribution), _target(attribution)
        request = attribution.comment_request or _matching_request(article, attribution, expected)
        if request is None:
            yield Finding(
                "reply_without_request",
                BLOCKING,
                target,
                f"{label}: the story says this, but no comment request backs it. Record who "
                "was asked, when and how under “Comment requests” (same source, outcome "
                f"“{CommentOutcome(expected).label}”) and link it to this attribution.",
            )
        elif request.outcome != expected:
            yield Finding(
                "reply_outcome_mismatch",
                BLOCKING,
                target,
                f"{label}: the linked comment request's outcome is "
                f"“{request.get_outcome_display()}”, not “{CommentOutcome(expected).label}”. "
                "Correct the outcome or the attribution.",
            )
        elif (
            request.source_id
            and attribution.source_id
            and request.source_id != (attribution.source_id)
        ):
            yield Finding(
                "reply_source_mismatch",
                BLOCKING,
                target,
                f"{label}: the linked comment request was sent to {request.source}, "
                "a different source. Link the request that went to this source.",
            )


def _matching_request(article, attribution, outcome):
    """A request on this story to the same source with the outcome the story states."""
    if attribution.source_id is None:
        return None
    return (
        article.comment_requests.filter(source_id=attribution.source_id, outcome=outcome)
        .order_by("-asked_at")
        .first()
    )


def check_pending_requests(article) -> Iterator[Finding]:
    for request in article.comment_requests.filter(outcome=CommentOutcome.PENDING).select_related(
        "source"
    ):
        yield Finding(
            "comment_request_pending",
            WARNING,
            f"comment_request:{request.pk}",
            f"The request for comment to {request.source or 'a source'} has no outcome yet. "
            "Record whether they responded, declined or did not respond before publishing.",
        )


def check_outlets(article) -> Iterator[Finding]:
    for attribution in _attributions(article):
        if attribution.kind != AttributionKind.REPORTED_BY:
            continue
        missing = []
        if not attribution.outlet_report.strip():
            missing.append("what it reported")
        if attribution.reported_on is None:
            missing.append("when it reported it")
        if missing:
            yield Finding(
                "outlet_credit_incomplete",
                BLOCKING,
                _target(attribution),
                f"{_label(attribution)}: credit the outlet with {' and '.join(missing)} "
                "(“what the outlet reported” and “reported on”).",
            )


# --- the body ------------------------------------------------------------------------------

_WORD = re.compile(r"[\w’']+")


def _quotations(text: str) -> list[str]:
    """The body's direct quotations, as the sourcing assistant reads them."""
    return [quote.text for quote in find_quotes(text)]


def _words(text: str) -> list[str]:
    return [w.replace("’", "'").strip("'") for w in _WORD.findall(text.lower())]


def _overlaps(body_quote: list[str], attributed: list[str]) -> bool:
    """True when the quote in the body shares a run of words with an attributed quote."""
    if not body_quote or not attributed:
        return False
    needed = min(len(body_quote), 5)
    joined = " " + " ".join(attributed) + " "
    for i in range(len(body_quote) - needed + 1):
        if " " + " ".join(body_quote[i : i + needed]) + " " in joined:
            return True
    return False


def _body_text(article) -> str:

    return html_to_text(article.body or "")


def check_quotes(article) -> Iterator[Finding]:
    attributed = [
        _words(a.quote)
        for a in _attributions(article)
        if a.kind == AttributionKind.QUOTED and a.quote.strip()
    ]
    for quote_text in _quotations(_body_text(article)):
        words = _words(quote_text)
        if not words or any(_overlaps(words, known) for known in attributed):
            continue
        shown = quote_text if len(quote_text) <= 80 else quote_text[:77] + "…"
        if len(words) >= QUOTE_MIN_WORDS:
            yield Finding(
                "quote_unattributed",
                BLOCKING,
                "body",
                f"The quotation “{shown}” is not attributed. Add a “Quoted” attribution for "
                "the speaker and paste these words into its “quoted words”.",
                quoted=quote_text,
            )
        else:
            yield Finding(
                "quote_fragment_unattributed",
                WARNING,
                "body",
                f"The words in quotation marks “{shown}” match no quoted attribution. If "
                "someone said them, attribute them; if it is a term, an editor can override.",
                quoted=quote_text,
            )


def proposal_fixing(finding: Finding, proposals: Iterable):
    """The assistant's pending proposal that would settle `finding`, or None: for an
    unattributed quotation, the Quoted proposal whose words are that quotation's."""
    if not finding.quoted:
        return None
    words = _words(finding.quoted)
    for proposal in proposals:
        if proposal.kind == AttributionKind.QUOTED and _overlaps(words, _words(proposal.quote)):
            return proposal
    return None


def _normal_descriptor(value: str) -> str:
    value = value.strip()
    inner = re.search(r"\(([^()]*)\)", value)
    if inner:
        value = inner.group(1)
    return re.sub(r"[\s.()]", "", value.lower())


def _descriptors_agree(written: str, canonical: str) -> bool:
    a, b = _normal_descriptor(written), _normal_descriptor(canonical)
    return not a or not b or a in b or b in a


_PARTY_STATE = re.compile(r"\(\s*([A-Z][A-Za-z]{0,2}\s*-\s*[^()\n]{1,40}?)\s*\)")


def _names_of(source) -> list[str]:
    names = [source.name, *source.aliases]
    return [n for n in names if n and n.strip()]


def check_descriptors(article) -> Iterator[Finding]:
    attributions = _attributions(article)
    sources = {a.source_id: a.source for a in attributions if a.source_id and not a.anonymous}
    reported = set()  # one warning per source: the body and its attribution say the same thing
    for attribution in attributions:
        source = attribution.source
        if attribution.anonymous or source is None or not source.descriptor:
            continue
        written = attribution.descriptor_as_written.strip()
        if written and not _descriptors_agree(written, source.descriptor):
            reported.add(source.pk)
            yield Finding(
                "descriptor_mismatch",
                WARNING,
                _target(attribution),
                f"{_label(attribution)} describes {source.name} as “{written}”, but the "
                f"registry says “{source.descriptor}”. Check which is right and fix the story "
                "or the registry.",
            )
    text = _body_text(article)
    for match in _PARTY_STATE.finditer(text):
        before = text[max(0, match.start() - 80) : match.start()].rstrip()
        named = [
            source
            for source in sources.values()
            if any(before.lower().endswith(name.lower()) for name in _names_of(source))
        ]
        for source in named or _registry_sources_named(before):
            if not source.descriptor or source.pk in reported:
                continue
            if not _descriptors_agree(match.group(1), source.descriptor):
                reported.add(source.pk)
                yield Finding(
                    "descriptor_mismatch",
                    WARNING,
                    "body",
                    f"The story describes {source.name} as “({match.group(1)})”, but the "
                    f"registry says “{source.descriptor}”. Check which is right and fix the "
                    "story or the registry.",
                )


def _registry_sources_named(before: str) -> list:
    """Registry sources whose name or alias is the last two or three words before `before`'s end."""

    words = before.split()
    candidates = {" ".join(words[-n:]).strip(",;:") for n in (2, 3) if len(words) >= n}
    found = []
    for candidate in candidates:
        found.extend(search_sources(query=candidate, exact=True))
    return found


CHECKS = [
    check_headline,
    check_byline,
    check_section,
    check_lead_image,
    check_placeholders,
    check_attribution_source,
    check_anonymous,
    check_anonymous_also_declined,
    check_right_of_reply,
    check_pending_requests,
    check_outlets,
    check_quotes,
    check_descriptors,
]


def check_article(article) -> list[Finding]:
    """Every finding for `article`, blocking ones first."""
    article.__dict__.pop("_standards_attributions", None)
    try:
        findings = [finding for check in CHECKS for finding in check(article)]
    finally:
        article.__dict__.pop("_standards_attributions", None)
    return sorted(findings, key=lambda f: (not f.is_blocking, f.code, f.target))


def blocking_findings(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.is_blocking]


# --- publishing over a warning -----------------------------------------------------------

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

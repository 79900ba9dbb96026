"""The sources app's answers to what the stories app asks (`articles.sourcing.Sourcing`).

Stories never import sourcing; `SourcesConfig.ready()` registers this module as their
answers, and connects `store_findings_counts` to every save (`articles.workflow.signals.
story_saved`). Each answer is a thin call into the module that owns the rule: the standards
checks (`sources.standards`), corrections (`sources.corrections`), what readers see
(`sources.public_sourcing`), what a revision keeps (`sources.history`) and the assistant
(`sources.proposals`), and the credit of wire copy (`sources.registry`).
"""

from articles.models import Article
from articles.workflow.errors import StandardsBlocked
from sources import (
    corrections,
    entry_sourcing,
    history,
    permissions,
    proposals,
    public_sourcing,
    registry,
    standards,
)
from sources.models import Attribution
from sources.standards import counts, entry_checks


def check_before_publish(*, user, article: Article, overrides: dict | None, now) -> None:
    """Refuse a publish the standards block; record the reasons given for warnings."""
    findings = standards.check_article(article)
    blocking = standards.blocking_findings(findings)
    if blocking:
        raise StandardsBlocked(
            f"“{article.headline}” cannot be published yet: "
            + " ".join(f.message for f in blocking),
            findings=findings,
        )
    unexplained = standards.unresolved_warnings(findings, overrides)
    if unexplained:
        raise StandardsBlocked(
            "Publishing over a standards warning needs an override reason: "
            + " ".join(f"{f.message} ({f.code})" for f in unexplained),
            findings=findings,
            code="override_reason_needed",
        )
    standards.record_overrides(
        article=article, findings=findings, overrides=overrides, user=user, now=now
    )


def check_live_entry(*, entry, user) -> None:
    """Refuse a live entry whose words or sources the standards block."""
    blocking = standards.blocking_findings(entry_checks.check_entry(entry))
    if blocking:
        raise StandardsBlocked(
            "This entry cannot go out yet: " + " ".join(f.message for f in blocking),
            findings=blocking,
        )


def add_entry_sources(*, entry, user, sources: list[dict]) -> None:
    entry_sourcing.add_entry_sources(user=user, entry=entry, sources=sources)


def remove_entry_source(*, entry, user, attribution_id) -> None:
    entry_sourcing.remove_entry_source(user=user, entry=entry, attribution_id=attribution_id)


def approve_entry_source(*, entry, user, attribution_id) -> None:
    entry_sourcing.approve_entry_source(user=user, entry=entry, attribution_id=attribution_id)


def entry_sources(entries, user) -> dict[int, list[dict]]:
    return entry_sourcing.entry_sources(entries, user)


def entry_proposals(entries) -> dict[int, list[dict]]:
    return entry_sourcing.entry_proposals(entries)


def public_entry_sourcing(entry) -> dict:
    return entry_sourcing.public_entry_sourcing(entry)


def check_correction(correction: dict | None) -> None:
    corrections.check_written(correction)


def check_corrections_publishable(article: Article, *, correction: dict | None, now) -> None:
    corrections.check_publishable(article, correction=correction, now=now)


def publish_corrections(article: Article, *, correction: dict | None, user, revision, now):
    corrections.publish_with(article, correction=correction, user=user, revision=revision, now=now)


def public_attributions(article: Article) -> list[dict]:
    return public_sourcing.public_attributions(article)


def public_corrections(article: Article) -> list[dict]:
    return public_sourcing.public_corrections(article)


def sourcing_box(article: Article, attributions: list[dict]) -> dict:
    return public_sourcing.sourcing_box(article, attributions)


def history_lines(article: Article) -> dict[str, list]:
    return {
        "attributions": history.attributions_for_history(article),
        "corrections": history.corrections_for_history(article),
    }


def jsonld_extras(story) -> dict:
    return public_sourcing.jsonld_extras(story)


def trust_pages() -> dict[str, str]:
    return public_sourcing.trust_pages()


def refresh_proposals(article: Article) -> int:
    return proposals.proposals_refresh(article=article)


def credit_publisher(article: Article, *, publisher: str) -> None:
    registry.credit_publisher(article, publisher=publisher)


def shows_confidential(user, article: Article) -> bool:
    # The approver of a grant sees themselves named as its approver, which others may not see.
    return permissions.can_view_confidential(user) or (
        article.pk is not None
        and Attribution.objects.filter(article=article, approved_by_id=user.pk).exists()
    )


def store_findings_counts(sender, *, article: Article, **kwargs) -> None:
    """Store how many standards findings the saved story has (blocking, and warnings), for
    the lists and the start page. Connected to `story_saved`: every save path runs it."""
    counts.store_findings_counts(article)

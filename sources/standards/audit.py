"""The sourcing audit: how a section, a reporter or a period sources its published stories.

Computed exactly from the registry, never guessed from text: which stories lean on an
anonymous source, on a single voice, on no one on the record; whose voices are heard (by the
registry's "whose voice", or the source's kind where that is not said); which outlets the
newsroom leans on; how often people declined or did not respond; how often anonymity was
granted and who approved it (counts only: no source's identity is read or shown).

A *voice* is a source the story quotes or paraphrases; an anonymous attribution counts as
one voice (the audit does not add up "officials" it cannot tell apart). A story is
single-source when it has exactly one voice, and has no one on the record when no voice is
named and on the record.

Stories in the audit are the ones readers can read now (live, not scheduled) that were first
published in the period; the
audit is for standards editors only (`sources.permissions.can_see_sourcing_audit`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from articles.models import Article, PublishedArticle
from newsroom.people import display_name
from sources.models import AttributionKind, SourceKind, SourceVoice, SourcingTerms

VOICE_KINDS = (AttributionKind.QUOTED, AttributionKind.PARAPHRASED)
KIND_LABELS = {
    SourceKind.PERSON: "Person (whose voice not said)",
    SourceKind.ORGANIZATION: "Organization (whose voice not said)",
    SourceKind.OUTLET: "News outlet",
    SourceKind.DOCUMENT: "Document",
}
ANONYMOUS = "Anonymous"
# The longest period one audit reads, so the page's cost stays bounded.
MAX_DAYS = 366


@dataclass
class AuditScope:
    """Which stories: first published from `start` to `end` (dates, inclusive)."""

    start: date
    end: date
    section_id: int | None = None
    author_id: int | None = None


@dataclass
class StoryRow:
    article: Article
    voices: int
    anonymous: bool
    on_record: bool
    outlets: list[str]
    declined: int
    no_response: int


@dataclass
class Audit:
    scope: AuditScope
    rows: list[StoryRow] = field(default_factory=list)
    voices: Counter = field(default_factory=Counter)
    outlets: Counter = field(default_factory=Counter)
    approvers: Counter = field(default_factory=Counter)
    anonymous_grants: int = 0
    unapproved_grants: int = 0

    @property
    def stories(self) -> int:
        return len(self.rows)

    def count(self, test) -> int:
        return sum(1 for row in self.rows if test(row))

    def percent(self, count: int) -> int:
        """`count` stories as a whole percentage of the stories (0 with none)."""
        return round(100 * count / self.stories) if self.rows else 0

    @property
    def with_anonymous(self) -> int:
        return self.count(lambda row: row.anonymous)

    @property
    def single_source(self) -> int:
        return self.count(lambda row: row.voices == 1)

    @property
    def no_on_record(self) -> int:
        return self.count(lambda row: not row.on_record)

    @property
    def declined(self) -> int:
        return sum(row.declined for row in self.rows)

    @property
    def no_response(self) -> int:
        return sum(row.no_response for row in self.rows)


def default_scope(today: date | None = None) -> AuditScope:
    """The last 30 days."""
    today = today or timezone.localdate()
    return AuditScope(start=today - timedelta(days=29), end=today)


def stories_in(scope: AuditScope):
    start = timezone.make_aware(datetime.combine(scope.start, time.min))
    end = timezone.make_aware(datetime.combine(scope.end + timedelta(days=1), time.min))
    stories = Article.objects.filter(
        snapshot__in=PublishedArticle.objects.visible(),
        first_published_at__gte=start,
        first_published_at__lt=end,
    )
    if scope.section_id is not None:
        stories = stories.filter(section_id=scope.section_id)
    if scope.author_id is not None:
        stories = stories.filter(author_links__author_id=scope.author_id)
    return (
        stories.distinct()
        .select_related("section")
        .prefetch_related(
            "attributions__source", "attributions__approved_by", "author_links__author"
        )
        .order_by("-first_published_at", "pk")
    )


def _voice_label(attribution) -> str:
    if attribution.anonymous or attribution.source is None:
        return ANONYMOUS
    source = attribution.source
    if source.voice:
        return SourceVoice(source.voice).label
    return KIND_LABELS.get(source.kind, source.kind)


def run_audit(scope: AuditScope) -> Audit:
    """The audit of the stories in `scope` (six queries whatever their number)."""
    audit = Audit(scope)
    for article in stories_in(scope):
        attributions = list(article.attributions.all())
        voices = [a for a in attributions if a.kind in VOICE_KINDS]
        named = {a.source_id for a in voices if not a.anonymous and a.source_id}
        anonymous = [a for a in voices if a.anonymous]
        outlets = [
            a.source.name
            for a in attributions
            if a.kind == AttributionKind.REPORTED_BY and a.source
        ]
        audit.rows.append(
            StoryRow(
                article=article,
                voices=len(named) + len(anonymous),
                anonymous=bool(anonymous),
                on_record=any(
                    not a.anonymous and a.terms == SourcingTerms.ON_RECORD for a in voices
                ),
                outlets=sorted(set(outlets)),
                declined=sum(a.kind == AttributionKind.DECLINED for a in attributions),
                no_response=sum(a.kind == AttributionKind.NO_RESPONSE for a in attributions),
            )
        )
        seen = set()
        for attribution in voices:
            key = attribution.pk if attribution.anonymous else attribution.source_id
            if key not in seen:
                seen.add(key)
                audit.voices[_voice_label(attribution)] += 1
        audit.outlets.update(set(outlets))
        for grant in anonymous:
            audit.anonymous_grants += 1
            if grant.approved_by is None:
                audit.unapproved_grants += 1
            else:
                audit.approvers[display_name(grant.approved_by)] += 1
    return audit


CSV_HEADER = [
    "first published",
    "headline",
    "section",
    "byline",
    "voices",
    "anonymous source",
    "single source",
    "someone on the record",
    "outlets credited",
    "declined",
    "did not respond",
]


def csv_rows(audit: Audit):
    """One row per story, counts only (no anonymous source's identity is in the registry's
    public fields, and none is read here)."""
    yield CSV_HEADER
    for row in audit.rows:
        article = row.article
        yield [
            timezone.localtime(article.first_published_at).date().isoformat(),
            article.headline,
            article.section.name if article.section else "",
            ", ".join(link.author.name for link in article.author_links.all()),
            row.voices,
            "yes" if row.anonymous else "no",
            "yes" if row.voices == 1 else "no",
            "yes" if row.on_record else "no",
            "; ".join(row.outlets),
            row.declined,
            row.no_response,
        ]

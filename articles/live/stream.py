"""What readers see of a live story: the only reads public code makes of live coverage.

Every read starts from a visible snapshot (`PublishedArticle.objects.visible()`, which
holds embargoes) and reads only the public fields of published entries: a filed or deleted
entry, an edit not yet published, or anything of a story readers cannot see, never leaves
here. Entries are plain dicts, ready for a template or JSON.
"""

from dataclasses import dataclass, field

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from articles.models import CoverageState, EntryStatus, LiveCoverage, LiveEntry, PublishedArticle
from articles.public import queries as public_queries
from newsroom.html import html_to_text
from newsroom.ids import parse_id

PAGE_SIZE = 20
UPDATES_MAX = 50
NEWEST, OLDEST = "newest", "oldest"
PUBLIC_FIELDS = (
    "id",
    "author_name",
    "public_headline",
    "public_html",
    "public_correction",
    "published_at",
    "public_updated_at",
    "pinned",
    "key_event",
    "key_position",
    "linked_story_id",
    "public_image",
    "public_sourcing",
)


@dataclass
class Stream:
    """One page of a live story's stream, as a reader asked for it."""

    coverage: LiveCoverage
    entries: list[dict]
    pinned: list[dict] = field(default_factory=list)
    key_events: list[dict] = field(default_factory=list)
    order: str = NEWEST
    older_cursor: int | None = None  # newest first: the next page's `before`
    later_cursor: int | None = None  # oldest first: the next page's `after`
    first_page: bool = True
    last_id: int = 0  # the newest published entry: where the updates poll starts

    @property
    def is_live(self) -> bool:
        return self.coverage.state == CoverageState.LIVE

    @property
    def has_ended(self) -> bool:
        return self.coverage.state == CoverageState.ENDED


def live_story_paths() -> frozenset[str]:
    """The public addresses of stories whose coverage is live now, for the cards' "Live"
    badge: read with the site's state (`site_state`, one cached query for every page)."""
    return frozenset(public_queries.site_state().get("live_paths") or ())


def public_coverage(article_id: int) -> LiveCoverage | None:
    return (
        LiveCoverage.objects.filter(article_id=article_id)
        .only("id", "article_id", "state", "started_at", "ended_at", "closing_note")
        .first()
    )


def _published(coverage: LiveCoverage):
    return (
        LiveEntry.objects.filter(coverage=coverage, status=EntryStatus.PUBLISHED)
        .only(*PUBLIC_FIELDS)
        .order_by("-id")
    )


def permalink(snapshot, entry_id: int) -> str:
    return f"{snapshot.url_path.rstrip('/')}/entries/{entry_id}/"


def _linked_cards(entries: list[LiveEntry], now) -> dict[int, dict]:
    wanted = {e.linked_story_id for e in entries if e.linked_story_id}
    if not wanted:
        return {}
    return {
        row["article_id"]: row
        for row in PublishedArticle.objects.visible(now)
        .filter(article_id__in=wanted)
        .values("article_id", "headline", "dek", "url_path")
    }


def _as_dicts(snapshot, entries: list[LiveEntry], now) -> list[dict]:
    cards = _linked_cards(entries, now)
    return [
        {
            "id": entry.id,
            "headline": entry.public_headline,
            "html": entry.public_html,
            "text": html_to_text(entry.public_html),
            "correction": entry.public_correction,
            "author_name": entry.author_name,
            "published_at": entry.published_at,
            "updated_at": entry.public_updated_at,
            "pinned": entry.pinned,
            "key_event": entry.key_event,
            "url": permalink(snapshot, entry.id),
            "linked_story": cards.get(entry.linked_story_id),
            "image": entry.public_image,
            "sourcing": entry.public_sourcing,
        }
        for entry in entries
    ]


def stream_page(snapshot, params, *, now=None) -> Stream | None:
    """The page of `snapshot`'s stream `params` ask for (`order`, `before`, `after`), or
    None when the story has no live coverage. Unreadable cursors read as the first page."""
    coverage = public_coverage(snapshot.article_id)
    if coverage is None:
        return None
    now = now or timezone.now()
    order = OLDEST if params.get("order") == OLDEST else NEWEST
    published = _published(coverage)
    before = parse_id(params.get("before")) if order == NEWEST else None
    if order == NEWEST:
        rows = published.filter(id__lt=before) if before else published
    else:
        after = parse_id(params.get("after"))
        rows = published.order_by("id")
        rows = rows.filter(id__gt=after) if after else rows
    rows = list(rows[: PAGE_SIZE + 1])
    more, rows = len(rows) > PAGE_SIZE, rows[:PAGE_SIZE]
    if order == NEWEST and not before:
        newest = rows[0].id if rows else 0  # the page starts at the newest: no query for it
    else:
        newest = published.values_list("id", flat=True).first() or 0
    first_page = not (params.get("before") or params.get("after")) or not rows
    # Pinned entries (first page only) and key events in one query, newest first.
    marked = published.filter(Q(key_event=True) | Q(pinned=True)) if first_page else None
    marked = list(marked if marked is not None else published.filter(key_event=True))
    pinned = [entry for entry in marked if entry.pinned] if first_page else []
    keys = sorted((e for e in marked if e.key_event), key=lambda e: (e.key_position, e.id))
    return Stream(
        coverage=coverage,
        entries=_as_dicts(snapshot, rows, now),
        pinned=_as_dicts(snapshot, pinned, now),
        key_events=_as_dicts(snapshot, keys, now),
        order=order,
        older_cursor=rows[-1].id if more and order == NEWEST else None,
        later_cursor=rows[-1].id if more and order == OLDEST else None,
        first_page=first_page,
        last_id=newest,
    )


def public_entry(snapshot, entry_id) -> dict | None:
    """One published entry of `snapshot`'s story, for its permalink; None for anything else."""
    entry_id = parse_id(entry_id)
    coverage = public_coverage(snapshot.article_id)
    if entry_id is None or coverage is None:
        return None
    entry = _published(coverage).filter(id=entry_id).first()
    return _as_dicts(snapshot, [entry], timezone.now())[0] if entry else None


def _coverage_for_updates(article_id: int, now) -> LiveCoverage | None:
    """The coverage of a visible story with its address (`url_path`) and its newest published
    entry's id (`newest`), in one query; None when readers cannot see the story. Polls ask
    for nothing new far more often than not, and this one query answers them."""
    visible_path = (
        PublishedArticle.objects.visible(now)
        .filter(article_id=OuterRef("article_id"))
        .values("url_path")[:1]
    )
    newest = (
        LiveEntry.objects.filter(coverage=OuterRef("pk"), status=EntryStatus.PUBLISHED)
        .order_by("-id")
        .values("id")[:1]
    )
    return (
        LiveCoverage.objects.filter(article_id=article_id)
        .annotate(url_path=Subquery(visible_path), newest=Subquery(newest))
        .filter(url_path__isnull=False)
        .only("id", "article_id", "state")
        .first()
    )


def updates_after(article_id, after, *, now=None) -> dict | None:
    """The published entries newer than `after` (oldest first, at most UPDATES_MAX) of a
    visible live story, with the coverage's state; None when readers cannot see the story.
    One query when nothing is new, two when something is."""
    article_id, after = parse_id(article_id), parse_id(after) or 0
    if article_id is None:
        return None
    now = now or timezone.now()
    coverage = _coverage_for_updates(article_id, now)
    if coverage is None:
        return None
    rows = []
    if (coverage.newest or 0) > after:
        rows = list(_published(coverage).filter(id__gt=after).order_by("id")[:UPDATES_MAX])
    # The stream's dicts need only the story's address (permalinks) and id (edge keys).
    snapshot = PublishedArticle(article_id=coverage.article_id, url_path=coverage.url_path)
    return {
        "snapshot": snapshot,
        "coverage": coverage,
        "entries": _as_dicts(snapshot, rows, now),
        "last_id": rows[-1].id if rows else after,
    }


def latest_entries(snapshot, *, count: int) -> list[dict]:
    """The newest `count` published entries of a visible story, newest first (its feed)."""
    coverage = public_coverage(snapshot.article_id)
    if coverage is None:
        return []
    return _as_dicts(snapshot, list(_published(coverage)[:count]), timezone.now())

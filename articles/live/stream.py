"""What readers see of a live story: the only reads public code makes of live coverage.

Every read starts from a visible snapshot (`PublishedArticle.objects.visible()`, which
holds embargoes) and reads only the public fields of published entries: a filed or deleted
entry, an edit not yet published, or anything of a story readers cannot see, never leaves
here. Entries are plain dicts, ready for a template or JSON.
"""

import functools
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connections, router
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import JSONObject
from django.utils import timezone

from articles.live import cards
from articles.models import CoverageState, EntryStatus, LiveCoverage, LiveEntry, PublishedArticle
from articles.public import queries as public_queries
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
CARD_FIELDS = ("public_card", "public_card_key")


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


def _published(coverage: LiveCoverage, *, with_cards: bool = False):
    fields = (*PUBLIC_FIELDS, *CARD_FIELDS) if with_cards else PUBLIC_FIELDS
    return (
        LiveEntry.objects.filter(coverage=coverage, status=EntryStatus.PUBLISHED)
        .only(*fields)
        .order_by("-id")
    )


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


def _as_dicts(snapshot, entries: list[LiveEntry], now, *, with_cards: bool = False) -> list[dict]:
    """The entries as dicts (`cards.entry_dict`); `with_cards` adds each one's `card`, its
    kept card when it holds, else rendered now."""
    linked = _linked_cards(entries, now)
    found = []
    for entry in entries:
        data = cards.entry_dict(
            entry, story_path=snapshot.url_path, linked_story=linked.get(entry.linked_story_id)
        )
        if with_cards:
            kept = cards.served(entry.public_card, entry.public_card_key, snapshot.url_path)
            data["card"] = kept or cards.render(data)
        found.append(data)
    return found


def stream_page(snapshot, params, *, now=None) -> Stream | None:
    """The page of `snapshot`'s stream `params` ask for (`order`, `before`, `after`), or
    None when the story has no live coverage. Unreadable cursors read as the first page."""
    coverage = public_coverage(snapshot.article_id)
    if coverage is None:
        return None
    now = now or timezone.now()
    order = OLDEST if params.get("order") == OLDEST else NEWEST
    published = _published(coverage, with_cards=True)
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
        entries=_as_dicts(snapshot, rows, now, with_cards=True),
        pinned=_as_dicts(snapshot, pinned, now, with_cards=True),
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
    entry = _published(coverage, with_cards=True).filter(id=entry_id).first()
    return _as_dicts(snapshot, [entry], timezone.now(), with_cards=True)[0] if entry else None


# Stand-ins for a poll's values while its SQL is compiled (as in public.stored.pages).
_ARTICLE, _AFTER, _NOW = -7_000_001, -7_000_002, datetime(1900, 1, 1, tzinfo=UTC)


@functools.cache
def _updates_query() -> tuple[str, tuple]:
    """A poll's SQL, compiled once (compiling it cost more than running it): the coverage of
    the story, the story's address if readers may see it, and the id and kept card of the
    published entries after the poll's id, oldest first."""
    visible_path = (
        PublishedArticle.objects.visible(_NOW)
        .filter(article_id=OuterRef("article_id"))
        .values("url_path")[:1]
    )
    new = (
        LiveEntry.objects.filter(coverage=OuterRef("pk"), status=EntryStatus.PUBLISHED)
        .filter(id__gt=_AFTER)
        .order_by("id")
        .values(row=JSONObject(id="id", card="public_card", key="public_card_key"))
    )
    queryset = (
        LiveCoverage.objects.filter(article_id=_ARTICLE)
        .annotate(url_path=Subquery(visible_path), new=ArraySubquery(new[:UPDATES_MAX]))
        .order_by()
        .values_list("article_id", "state", "url_path", "new")
    )
    return queryset.query.sql_with_params()


def updates_after(article_id, after, *, now=None) -> dict | None:
    """The published entries newer than `after` (oldest first, at most UPDATES_MAX, each
    with its card as `html`) of a visible live story, with the coverage's state; None when
    readers cannot see the story. One query, whether anything is new or not; one more for
    an entry whose kept card does not hold (a linked story, a template changed since)."""
    article_id, after = parse_id(article_id), parse_id(after) or 0
    if article_id is None:
        return None
    now = now or timezone.now()
    sql, params = _updates_query()
    stand_ins = {_ARTICLE: article_id, _AFTER: after, _NOW: now}
    values = [stand_ins.get(p, p) if isinstance(p, int | datetime) else p for p in params]
    with connections[router.db_for_read(LiveEntry)].cursor() as cursor:
        cursor.execute(sql, values)
        found = cursor.fetchone()
    if found is None or found[2] is None:
        return None
    story_id, state, path, new = found
    # psycopg hands a jsonb[] over as JSON texts.
    rows = [json.loads(row) if isinstance(row, str) else row for row in new]
    entries = [
        {"id": row["id"], "html": cards.served(row["card"], row["key"], path)} for row in rows
    ]
    unkept = [entry["id"] for entry in entries if not entry["html"]]
    if unkept:
        # The stream's dicts need only the story's address (permalinks).
        snapshot = PublishedArticle(article_id=story_id, url_path=path)
        rows = LiveEntry.objects.filter(id__in=unkept, status=EntryStatus.PUBLISHED)
        rendered = {
            data["id"]: data["card"]
            for data in _as_dicts(
                snapshot, list(rows.only(*PUBLIC_FIELDS, *CARD_FIELDS)), now, with_cards=True
            )
        }
        entries = [e for e in entries if e["html"] or e["id"] in rendered]
        for entry in entries:
            entry["html"] = entry["html"] or rendered[entry["id"]]
    return {
        "article_id": story_id,
        "state": state,
        "entries": entries,
        "last_id": entries[-1]["id"] if entries else after,
    }


def latest_entries(snapshot, *, count: int) -> list[dict]:
    """The newest `count` published entries of a visible story, newest first (its feed)."""
    coverage = public_coverage(snapshot.article_id)
    if coverage is None:
        return []
    return _as_dicts(snapshot, list(_published(coverage)[:count]), timezone.now())

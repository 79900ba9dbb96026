"""The only reads public views make: published snapshots, never the working copy.

Besides snapshots, public pages read the two public directories: sections (name, description,
menu order) and author profiles (name, title, bio, photo — never e-mail or account). Every
function here costs a fixed number of queries, whatever the size of the site.
"""

import functools
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.contrib.postgres.expressions import ArraySubquery
from django.core.cache import cache
from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import JSONObject
from django.http import Http404
from django.utils import timezone

from articles.models import (
    CoverageState,
    FrontVersion,
    LiveCoverage,
    PublicStatus,
    PublishedArticle,
    Section,
    SlugRedirect,
)
from articles.public.cache import cache_timeout, default_timeout, versioned_key
from authors.models import Author

PAGE_SIZE = 12
RELATED_COUNT = 4
SECTION_FRONT_COUNT = 3
# What a story card needs; the big text columns stay in the database.
CARD_FIELDS = (
    "id",
    "headline",
    "slug",
    "dek",
    "section_name",
    "section_slug",
    "byline",
    "lead_image",
    "published_at",
    "updated_at",
    "url_path",
    "kind_of_work",
    "tags",
)
# A related-story card: the card without its tag names (ranking needs only the slugs).
RELATED_FIELDS = (*(name for name in CARD_FIELDS if name != "tags"), "tag_slugs")
# What a story page reads only when its article markup was not rendered at publish time.
ARTICLE_ONLY_FIELDS = ("body_html", "sourcing", "how_we_reported")


def visible_stories(now: datetime | None = None):
    """Every snapshot a reader may see now, newest first: live, its go-live time come, and so
    its embargo over (`PublishedQuerySet.visible`: a snapshot never goes live before its
    embargo). Every list, feed, sitemap count and the API start here; the single-story reads
    below use `_not_yet`, which also tests the embargo itself on the one row."""
    return PublishedArticle.objects.visible(now).order_by("-published_at", "-id")


def story_cards(now: datetime | None = None):
    return visible_stories(now).only(*CARD_FIELDS)


def paginate(queryset, page_number, *, per_page: int = PAGE_SIZE) -> Page:
    """One count query and one page query. No page number means the first page; a page
    that does not exist is a 404, so made-up numbers cannot mint duplicate pages."""
    try:
        return Paginator(queryset, per_page).page(page_number or 1)
    except InvalidPage:
        raise Http404("There is no such page.") from None


# Story lists (home's later pages, sections, authors, tags) page by keyset: "older" is
# ?before=<cursor of the last story shown>, "newer" ?after=<cursor of the first>. Each
# page is one indexed range read of PAGE_SIZE + 1 rows however deep it is, and there is no
# count. ?page=N (links from before keyset pages) still works for the first
# NUMBERED_PAGES pages, where its OFFSET stays small.
NUMBERED_PAGES = 20
CURSOR = re.compile(r"(\d{1,17})-(\d{1,18})")
NO_PAGE = "There is no such page."


def cursor_of(story) -> str:
    """A story's place in a list: its go-live time in microseconds and its id."""
    stamp = story.published_at.astimezone(UTC)
    micros = (stamp - _EPOCH) // timedelta(microseconds=1)
    return f"{micros}-{story.pk}"


def _parse_cursor(value: str) -> tuple[datetime, int]:
    match = CURSOR.fullmatch(value)
    if not match:
        raise Http404(NO_PAGE)
    try:
        at = _EPOCH + timedelta(microseconds=int(match[1]))
    except OverflowError:
        raise Http404(NO_PAGE) from None
    return at, int(match[2])


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass
class ListPage:
    """One page of a story list: its stories and the links to its neighbours ("" = none;
    "./" = the list's first page, whose address has no query)."""

    object_list: list
    newer: str = ""
    older: str = ""
    canonical: str = ""  # this page's own query string, "" for the first page

    @property
    def has_other_pages(self) -> bool:
        return bool(self.newer or self.older)

    @property
    def is_first(self) -> bool:
        return not self.canonical


def list_page(queryset, params, *, per_page: int = PAGE_SIZE) -> ListPage:
    """The page of `queryset` (newest first) that ?before=, ?after= or ?page= names.

    A malformed cursor, a page number past NUMBERED_PAGES and a page with no stories
    (other than the first) are 404s: made-up addresses cannot mint duplicate pages.
    """
    before, after, number = params.get("before"), params.get("after"), params.get("page")
    if before:
        at, pk = _parse_cursor(before)
        rows = list(
            queryset.filter(published_at__lte=at).filter(Q(published_at__lt=at) | Q(pk__lt=pk))[
                : per_page + 1
            ]
        )
        if not rows:
            raise Http404(NO_PAGE)
        page = ListPage(rows[:per_page], canonical=f"?before={before}")
        page.newer = f"?after={cursor_of(rows[0])}"
    elif after:
        at, pk = _parse_cursor(after)
        rows = list(
            queryset.filter(published_at__gte=at)
            .filter(Q(published_at__gt=at) | Q(pk__gt=pk))
            .order_by("published_at", "id")[: per_page + 1]
        )
        if not rows:
            raise Http404(NO_PAGE)
        more_newer = len(rows) > per_page
        rows = rows[:per_page][::-1]
        page = ListPage(rows, canonical=f"?after={after}")
        page.newer = f"?after={cursor_of(rows[0])}" if more_newer else "./"
        page.older = f"?before={cursor_of(rows[-1])}"
        return page
    else:
        try:
            n = int(number or 1)
        except ValueError:
            raise Http404(NO_PAGE) from None
        if not 1 <= n <= NUMBERED_PAGES:
            raise Http404(NO_PAGE)
        start = (n - 1) * per_page
        rows = list(queryset[start : start + per_page + 1])
        if not rows and n > 1:
            raise Http404(NO_PAGE)
        page = ListPage(rows[:per_page], canonical=f"?page={n}" if n > 1 else "")
        if n > 1:
            page.newer = f"?page={n - 1}" if n > 2 else "./"
    if len(rows) > per_page:
        page.older = f"?before={cursor_of(rows[per_page - 1])}"
    return page


def site_state(now: datetime | None = None) -> dict:
    """Menu sections and the next scheduled go-live (of a story or a front), cached until whichever comes first:
    the next publish (the cache version changes), the next go-live, or the default timeout.

    One query: sections annotated with the next go-live time (and the addresses of the
    stories whose live coverage runs).
    """
    key = versioned_key("site-state")
    state = cache.get(key)
    if state is not None:
        return state
    now = now or timezone.now()
    next_go_live = Subquery(
        PublishedArticle.objects.filter(status=PublicStatus.LIVE, published_at__gt=now)
        .order_by("published_at")
        .values("published_at")[:1]
    )
    # A front scheduled to change ("at 06:00 put the results in the lead") counts as a go-live.
    next_front = Subquery(
        FrontVersion.objects.filter(live_from__gt=now).order_by("live_from").values("live_from")[:1]
    )
    # The stories whose live coverage runs (articles.live: the cards' "Live" badge).
    live_paths = ArraySubquery(
        PublishedArticle.objects.filter(article__live__state=CoverageState.LIVE).values("url_path")
    )
    rows = list(
        Section.objects.annotate(
            next_go_live=next_go_live, next_front=next_front, live_paths=live_paths
        ).values("name", "slug", "description", "next_go_live", "next_front", "live_paths")
    )
    if rows:
        upcoming = _earliest(rows[0]["next_go_live"], rows[0]["next_front"])
    else:  # a site without sections yet still needs the go-live time
        upcoming = _earliest(
            PublishedArticle.objects.filter(status=PublicStatus.LIVE, published_at__gt=now)
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first(),
            FrontVersion.objects.filter(live_from__gt=now)
            .order_by("live_from")
            .values_list("live_from", flat=True)
            .first(),
        )
    state = {
        "sections": [{k: row[k] for k in ("name", "slug", "description")} for row in rows],
        "next_go_live": upcoming,
        "live_paths": rows[0]["live_paths"] if rows else [],
    }
    timeout = cache_timeout(next_go_live=upcoming, now=now)
    if timeout > 0:
        cache.set(key, state, min(timeout, default_timeout()))
    return state


def _earliest(*moments: datetime | None) -> datetime | None:
    return min((moment for moment in moments if moment is not None), default=None)


@dataclass(frozen=True)
class StoryLookup:
    """What lives at a story address: a visible story, a taken-down one, or a redirect.

    A visible story found by `story_at` comes with its related stories (`related`).
    """

    story: PublishedArticle | None = None
    gone: PublishedArticle | None = None
    redirect_to: str = ""
    related: list = field(default_factory=list)


def story_at(path: str, *, now: datetime | None = None) -> StoryLookup:
    """The snapshot at `path` with its related stories (one query), or where its old address
    moved to (one more).

    Scheduled-but-not-yet stories are not found: their address answers 404 until go-live.
    The columns only the article markup needs are left in the database when that markup was
    rendered at publish time; an old snapshot without it costs one more query.
    """
    now = now or timezone.now()
    sql, params = _story_query()
    values = [path if p == _PATH else now if p == _NOW else p for p in params]
    snapshot = (
        next(iter(PublishedArticle.objects.raw(sql, values)), None)
        or _redirected(path)
        or _at_another_date(path)
    )
    if snapshot is None:
        return StoryLookup()
    if snapshot.url_path != path:
        return _lookup_redirect(snapshot, now=now)
    if snapshot.status != PublicStatus.LIVE:
        return StoryLookup(gone=snapshot)
    if _not_yet(snapshot, now):
        return StoryLookup()
    if not snapshot.article_html:
        # Kept on purpose: a snapshot published before markup was rendered at publish (or
        # whose markup is being re-rendered) is served through the same live include that
        # previews use, so supporting it costs this one branch and no second template.
        snapshot.refresh_from_db(fields=ARTICLE_ONLY_FIELDS)
    # A snapshot reached through an old address has no cards (its page is a redirect).
    cards = getattr(snapshot, "related_cards", None) or []
    rows = [json.loads(row) if isinstance(row, str) else row for row in cards]
    return StoryLookup(story=snapshot, related=[_card(row) for row in _tag_first(rows, snapshot)])


def _not_yet(snapshot: PublishedArticle, now: datetime) -> bool:
    """Scheduled, or still under embargo: readers get the same 404 as for no story at all."""
    embargo = snapshot.embargo_until
    return snapshot.published_at > now or (embargo is not None and embargo > now)


# Stand-ins for the two values of a story lookup while its SQL is compiled.
_PATH, _NOW = "\x00story-path", datetime(1900, 1, 1, tzinfo=UTC)


@functools.cache
def _story_query() -> tuple[str, tuple]:
    """The story page's SQL, compiled once by the ORM: only the path and the time change.

    Compiling the related-cards subquery costs more than running it, so it is done once
    per process; the stand-ins mark where the request's values go.
    """
    queryset = (
        PublishedArticle.objects.defer("search_vector", "body_text", *ARTICLE_ONLY_FIELDS)
        .annotate(related_cards=_related_cards(_NOW))
        # Whether the page shows a live stream (articles.live), without a query of its own.
        .annotate(
            has_live_coverage=Exists(LiveCoverage.objects.filter(article=OuterRef("article")))
        )
        .filter(url_path=_PATH)
        .order_by()
    )
    return queryset.query.sql_with_params()


def _related_cards(now: datetime, fields=RELATED_FIELDS) -> ArraySubquery:
    """The outer snapshot's related-story candidates, newest first, as JSON card rows."""
    return ArraySubquery(
        visible_stories(now)
        .filter(
            Q(section_slug=OuterRef("section_slug")) | Q(tag_slugs__overlap=OuterRef("tag_slugs"))
        )
        .exclude(pk=OuterRef("pk"))
        .values(card=JSONObject(**{name: name for name in fields}))[: RELATED_COUNT * 3]
    )


def related_candidates(now: datetime, fields: tuple[str, ...]) -> ArraySubquery:
    """`_related_cards` with only `fields` (at least id, updated_at, tag_slugs): what
    `articles.public.stored.pages` needs to tell whether a stored page's cards still hold."""
    return _related_cards(now, fields)


def json_row(row) -> dict:
    """A JSON row as the driver gives it (decoded or still text)."""
    return json.loads(row) if isinstance(row, str) else row


def rank_related(candidates: list[dict], tag_slugs) -> list[dict]:
    """The related cards shown, of the candidates (JSON rows, newest first): those sharing
    most tags with the story first, ties newest first."""
    tags = set(tag_slugs or ())
    ranked = sorted(
        candidates, key=lambda card: -len(tags.intersection(card["tag_slugs"] or ()))
    )  # stable: ties stay newest first
    return ranked[:RELATED_COUNT]


def _card(row: dict) -> PublishedArticle:
    """An unsaved snapshot holding one card's fields (the templates call its methods)."""
    row["published_at"] = datetime.fromisoformat(row["published_at"])
    row["updated_at"] = datetime.fromisoformat(row["updated_at"])
    return PublishedArticle(**row)


def _redirected(path: str) -> PublishedArticle | None:
    redirect = (
        SlugRedirect.objects.select_related("snapshot")
        .defer("snapshot__search_vector", "snapshot__body_text")
        .filter(old_path=path)
        .first()
    )
    return redirect.snapshot if redirect else None


STORY_PATH = re.compile(r"/(?P<section>[-\w]+)/\d+/\d+/\d+/(?P<slug>[-\w]+)/")


def _at_another_date(path: str) -> PublishedArticle | None:
    """The story a mistyped date points to: the same section and slug under another date (a
    link typed by hand, a date read in another time zone). Only one such story counts."""
    match = STORY_PATH.fullmatch(path)
    if not match:
        return None
    found = list(
        PublishedArticle.objects.defer("search_vector", "body_text").filter(
            section_slug=match["section"], slug=match["slug"]
        )[:2]
    )
    return found[0] if len(found) == 1 else None


def _lookup_redirect(snapshot: PublishedArticle, *, now: datetime) -> StoryLookup:
    if snapshot.status == PublicStatus.LIVE and not _not_yet(snapshot, now):
        return StoryLookup(redirect_to=snapshot.url_path)
    if snapshot.status != PublicStatus.LIVE:
        return StoryLookup(gone=snapshot)
    return StoryLookup()


def _tag_first(candidates: list[dict], story: PublishedArticle) -> list[dict]:
    return rank_related(candidates, story.tag_slugs)


def front_page(*, now: datetime | None = None) -> dict:
    """The home page's lead story, the latest ones, and each section's latest (two queries).

    Each section's latest come from a correlated subquery per section (the section index,
    SECTION_FRONT_COUNT rows each), not a window over every story: the cost does not grow
    with the archive.
    """
    now = now or timezone.now()
    latest = list(story_cards(now)[: PAGE_SIZE + 1])
    fronts = Section.objects.order_by().annotate(
        cards=ArraySubquery(
            visible_stories(now)
            .filter(section_slug=OuterRef("slug"))
            .values(card=JSONObject(**{name: name for name in CARD_FIELDS}))[:SECTION_FRONT_COUNT]
        )
    )
    by_section: dict[str, list] = {}
    for slug, cards in fronts.values_list("slug", "cards"):
        rows = [json.loads(row) if isinstance(row, str) else row for row in cards]
        if rows:
            by_section[slug] = [_card(row) for row in rows]
    return {
        "lead": latest[0] if latest else None,
        "latest": latest[1:],
        "by_section": by_section,
    }


def latest_page(params, *, now: datetime | None = None) -> "ListPage":
    return list_page(story_cards(now), params)


def section_by_slug(slug: str) -> Section | None:
    return Section.objects.filter(slug=slug).first()


def section_page(slug: str, params, *, now: datetime | None = None) -> "ListPage":
    return list_page(story_cards(now).filter(section_slug=slug), params)


def author_by_slug(slug: str) -> Author | None:
    """An author's public profile (never the e-mail address or staff account)."""
    return (
        Author.objects.only("name", "slug", "job_title", "bio", "photo").filter(slug=slug).first()
    )


def author_page(slug: str, params, *, now: datetime | None = None) -> "ListPage":
    return list_page(story_cards(now).filter(author_slugs__contains=[slug]), params)


def tag_page(slug: str, params, *, now: datetime | None = None) -> "ListPage":
    return list_page(story_cards(now).filter(tag_slugs__contains=[slug]), params)


def tag_name(slug: str, stories) -> str:
    """A tag's display name, read from the stories that carry it."""
    for story in stories:
        for tag in story.tags or []:
            if tag["slug"] == slug:
                return tag["name"]
    return slug.replace("-", " ")


def story_by_id(article_id: int, *, now: datetime | None = None) -> StoryLookup:
    """The snapshot of story `article_id` for the API, with the same visibility as pages."""
    now = now or timezone.now()
    snapshot = PublishedArticle.objects.defer("search_vector").filter(article_id=article_id).first()
    if snapshot is None:
        return StoryLookup()
    if snapshot.status != PublicStatus.LIVE:
        return StoryLookup(gone=snapshot)
    if _not_yet(snapshot, now):
        return StoryLookup()
    return StoryLookup(story=snapshot)


def author_slugs_with_stories(*, now: datetime | None = None) -> list[str]:
    """Authors who have at least one visible story, for the sitemap (one query: a GIN probe
    per author profile, not a pass over every story)."""
    has_story = visible_stories(now).filter(author_slugs__contains=[OuterRef("slug")])
    return list(
        Author.objects.filter(Exists(has_story)).order_by("slug").values_list("slug", flat=True)
    )

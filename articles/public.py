"""The only reads public views make: published snapshots, never the working copy.

Besides snapshots, public pages read the two public directories: sections (name, description,
menu order) and author profiles (name, title, bio, photo — never e-mail or account). Every
function here costs a fixed number of queries, whatever the size of the site.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import F, Func, Q, Subquery, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from authors.models import Author

from .cache import cache_timeout, default_timeout, versioned_key
from .models import PublicStatus, PublishedArticle, Section, SlugRedirect

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


def visible_stories(now: datetime | None = None):
    """Every snapshot a reader may see now, newest first."""
    return PublishedArticle.objects.visible(now).order_by("-published_at", "-id")


def story_cards(now: datetime | None = None):
    return visible_stories(now).only(*CARD_FIELDS)


def paginate(queryset, page_number, *, per_page: int = PAGE_SIZE) -> Page:
    """One count query and one page query; an out-of-range page gives the last page."""
    return Paginator(queryset, per_page).get_page(page_number)


def site_state(now: datetime | None = None) -> dict:
    """Menu sections and the next scheduled go-live, cached until whichever comes first:
    the next publish (the cache version changes), the next go-live, or the default timeout.

    One query: sections annotated with the next go-live time.
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
    rows = list(
        Section.objects.annotate(next_go_live=next_go_live).values(
            "name", "slug", "description", "next_go_live"
        )
    )
    if rows:
        upcoming = rows[0]["next_go_live"]
    else:  # a site without sections yet still needs the go-live time
        upcoming = (
            PublishedArticle.objects.filter(status=PublicStatus.LIVE, published_at__gt=now)
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        )
    state = {
        "sections": [{k: row[k] for k in ("name", "slug", "description")} for row in rows],
        "next_go_live": upcoming,
    }
    timeout = cache_timeout(next_go_live=upcoming, now=now)
    if timeout > 0:
        cache.set(key, state, min(timeout, default_timeout()))
    return state


@dataclass(frozen=True)
class StoryLookup:
    """What lives at a story address: a visible story, a taken-down one, or a redirect."""

    story: PublishedArticle | None = None
    gone: PublishedArticle | None = None
    redirect_to: str = ""


def story_at(path: str, *, now: datetime | None = None) -> StoryLookup:
    """The snapshot at `path` (one query), or where its old address moved to (one more).

    Scheduled-but-not-yet stories are not found: their address answers 404 until go-live.
    """
    now = now or timezone.now()
    snapshot = PublishedArticle.objects.defer("search_vector", "body_text").filter(
        url_path=path
    ).first() or _redirected(path)
    if snapshot is None:
        return StoryLookup()
    if snapshot.url_path != path:
        return _lookup_redirect(snapshot, now=now)
    if snapshot.status != PublicStatus.LIVE:
        return StoryLookup(gone=snapshot)
    if snapshot.published_at > now:
        return StoryLookup()
    return StoryLookup(story=snapshot)


def _redirected(path: str) -> PublishedArticle | None:
    redirect = (
        SlugRedirect.objects.select_related("snapshot")
        .defer("snapshot__search_vector", "snapshot__body_text")
        .filter(old_path=path)
        .first()
    )
    return redirect.snapshot if redirect else None


def _lookup_redirect(snapshot: PublishedArticle, *, now: datetime) -> StoryLookup:
    if snapshot.status == PublicStatus.LIVE and snapshot.published_at <= now:
        return StoryLookup(redirect_to=snapshot.url_path)
    if snapshot.status != PublicStatus.LIVE:
        return StoryLookup(gone=snapshot)
    return StoryLookup()


def related_stories(story: PublishedArticle, *, now: datetime | None = None) -> list:
    """Other stories sharing a tag or the section, those sharing tags first (one query)."""
    shares = Q(section_slug=story.section_slug)
    if story.tag_slugs:
        shares |= Q(tag_slugs__overlap=story.tag_slugs)
    candidates = story_cards(now).filter(shares).exclude(pk=story.pk)[: RELATED_COUNT * 3]
    return _tag_first(list(candidates), story)


def _tag_first(candidates: list, story: PublishedArticle) -> list:
    tags = set(story.tag_slugs)
    ranked = sorted(
        candidates, key=lambda s: -len(tags & {t["slug"] for t in s.tags or []})
    )  # stable: ties stay newest first
    return ranked[:RELATED_COUNT]


def front_page(*, now: datetime | None = None) -> dict:
    """The home page's lead story, the latest ones, and each section's latest (two queries)."""
    latest = list(story_cards(now)[: PAGE_SIZE + 1])
    ranked = (
        story_cards(now)
        .annotate(
            row=Window(
                RowNumber(),
                partition_by=[F("section_slug")],
                order_by=[F("published_at").desc(), F("id").desc()],
            )
        )
        .filter(row__lte=SECTION_FRONT_COUNT)
        .order_by("section_slug", "row")
    )
    by_section: dict[str, list] = {}
    for card in ranked:
        by_section.setdefault(card.section_slug, []).append(card)
    return {
        "lead": latest[0] if latest else None,
        "latest": latest[1:],
        "by_section": by_section,
    }


def latest_page(page_number, *, now: datetime | None = None) -> Page:
    return paginate(story_cards(now), page_number)


def section_by_slug(slug: str) -> Section | None:
    return Section.objects.filter(slug=slug).first()


def section_page(slug: str, page_number, *, now: datetime | None = None) -> Page:
    return paginate(story_cards(now).filter(section_slug=slug), page_number)


def author_by_slug(slug: str) -> Author | None:
    """An author's public profile (never the e-mail address or staff account)."""
    return (
        Author.objects.only("name", "slug", "job_title", "bio", "photo").filter(slug=slug).first()
    )


def author_page(slug: str, page_number, *, now: datetime | None = None) -> Page:
    return paginate(story_cards(now).filter(author_slugs__contains=[slug]), page_number)


def tag_page(slug: str, page_number, *, now: datetime | None = None) -> Page:
    return paginate(story_cards(now).filter(tag_slugs__contains=[slug]), page_number)


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
    if snapshot.published_at > now:
        return StoryLookup()
    return StoryLookup(story=snapshot)


def author_slugs_with_stories(*, now: datetime | None = None) -> list[str]:
    """Authors who have at least one visible story, for the sitemap (one query)."""
    return list(
        visible_stories(now)
        .order_by()
        .annotate(author_slug=Func(F("author_slugs"), function="unnest"))
        .values_list("author_slug", flat=True)
        .distinct()
    )

"""Between a live story and other stories: an entry broken out into a draft story of its own
(which links back to the live story), and a published story linked in as an entry."""

from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator, slugify

from articles.live import entries, permissions
from articles.live.errors import LiveError, LivePermissionError
from articles.models import Article, ArticleAuthor, LiveEntry, PublishedArticle
from articles.workflow import saving
from articles.workflow.byline import default_byline_author
from newsroom.html import html_to_text
from newsroom.people import display_name


def story_at_address(address: str) -> Article | None:
    """The story readers see at `address` (a full URL or a path), to link in as an entry."""
    path = urlsplit(str(address or "").replace("\x00", "").strip()).path
    if not path:
        return None
    if not path.endswith("/"):
        path += "/"
    snapshot = PublishedArticle.objects.visible().filter(url_path=path).first()
    if snapshot is None:
        raise LiveError(
            f"No published story is at “{Truncator(address).chars(80)}”: paste the address "
            "of a story readers can see.",
            code="no_story_at_address",
        )
    return snapshot.article


def _unique_slug(headline: str, entry_id: int) -> str:
    base = slugify(headline)[:180] or "live-update"
    slug = f"{base}-{entry_id}"
    while Article.objects.filter(slug=slug).exists():
        slug = f"{slug}-more"[:200]
    return slug


@transaction.atomic
def break_out(*, user, entry: LiveEntry, now=None) -> Article:
    """Make `entry` a draft story of its own, bylined to its author (or the live story's
    byline), whose last paragraph links back to the live story. The entry keeps a link to it."""
    entries.lock_entry(entry)
    if not permissions.can_arrange(user, entry):
        raise LivePermissionError(
            f"{display_name(user, 'Nobody signed in')} may not break entries out: editors do."
        )
    if entry.breakout_id:
        raise LiveError("This entry is already a story of its own.", code="already_broken_out")
    live = entry.coverage.article
    text = html_to_text(entry.body_html)
    headline = entry.headline or Truncator(text).words(12, truncate="…") or live.headline
    back = getattr(live, "snapshot", None)
    link = (
        format_html(
            '<p>From our live coverage: <a href="{}">{}</a></p>', back.url_path, back.headline
        )
        if back is not None
        else ""
    )
    story = Article(
        headline=headline[:200],
        slug=_unique_slug(headline, entry.pk),
        body=entry.body_html + link,
        section=live.section,
        created_by=user,
    )

    def byline(article):
        author = None
        if entry.author is not None:
            author = default_byline_author(entry.author)
        authors = [author] if author else live.byline_authors()
        for position, person in enumerate(authors):
            ArticleAuthor.objects.create(article=article, author=person, position=position)

    saving.save_article(
        user,
        story,
        expected_version=None,
        now=now or timezone.now(),
        comment=f"Broken out of a live entry of “{live.headline}”",
        save_parts=byline,
    )
    entry.breakout = story
    entry.save(update_fields=["breakout"])
    entries.record_change(entry, user, entries.BROKEN_OUT, f"story {story.pk}", now=now)
    return story

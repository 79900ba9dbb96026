"""Building the public snapshot of a story from its working copy.

Only what a reader may see is copied: the body is sanitized again, attributions and
corrections are what the sources app says readers may see (`articles.sourcing`, never a
confidential record). Written only by `articles.workflow.transitions.publish`;
`build_preview_snapshot` gives an unsaved one for previews. Each write also records the
story's published version (`articles.versions.record`), which decides the "Updated" list
and whether `updated_at` (dateModified) moves.
"""

from datetime import datetime

from django.utils import timezone

from articles.clips.in_stories import snapshot_clips
from articles.images.galleries import snapshot_galleries
from articles.images.renditions import lead_image_data
from articles.models import Article, PublicStatus, PublishedArticle, Section, SlugRedirect
from articles.public.rendering import render_article_html, render_head_html
from articles.sourcing import answers
from articles.versions import record as story_versions
from articles.wire.provenance import public_provenance
from newsroom.html import curl_quotes, curl_quotes_html, html_to_text, sanitize_html


def story_path(*, section_slug: str, slug: str, first_published_at: datetime) -> str:
    """The canonical path, dated by the local day of first publication."""
    day = timezone.localdate(first_published_at)
    return f"/{section_slug}/{day:%Y}/{day:%m}/{day:%d}/{slug}/"


def _byline(article: Article) -> list[dict]:
    byline = []
    for link in article.author_links.select_related("author").order_by("position", "id"):
        author = link.author
        byline.append(
            {
                "name": author.name,
                "slug": author.slug,
                "job_title": author.job_title,
                "url": author.get_absolute_url(),
            }
        )
    return byline


def _tags(article: Article) -> list[dict]:
    return [{"name": tag.name, "slug": tag.slug} for tag in article.tags.order_by("name")]


def fill_snapshot(
    snapshot: PublishedArticle,
    article: Article,
    *,
    published_at: datetime,
    first_published_at: datetime,
    updated_at: datetime,
    render: bool = True,
) -> PublishedArticle:
    """Copy the public parts of `article` onto `snapshot` (not saved); render its markup
    unless `render` is false (the caller renders it once it has finished)."""
    # Readers get typographic quotes; the working copy keeps what the reporter typed.
    body_html = curl_quotes_html(sanitize_html(article.body))
    byline = _byline(article)
    tags = _tags(article)
    sourcing = answers()
    attributions = sourcing.public_attributions(article)
    section = article.section
    snapshot.article = article
    snapshot.headline = curl_quotes(article.headline)
    snapshot.seo_headline = curl_quotes(article.seo_headline)
    snapshot.social_headline = curl_quotes(article.social_headline)
    snapshot.slug = article.slug
    snapshot.dek = curl_quotes(article.dek)
    snapshot.body_html = body_html
    snapshot.body_text = html_to_text(body_html)
    snapshot.dateline = article.dateline
    snapshot.kind_of_work = article.kind_of_work
    snapshot.how_we_reported = article.how_we_reported
    snapshot.section_name = section.name if section else ""
    snapshot.section_slug = section.slug if section else ""
    snapshot.byline = byline
    snapshot.author_slugs = [item["slug"] for item in byline]
    snapshot.tags = tags
    snapshot.tag_slugs = [item["slug"] for item in tags]
    snapshot.lead_image = lead_image_data(article.lead_image)
    snapshot.galleries = snapshot_galleries(article)
    snapshot.clips = snapshot_clips(article)
    snapshot.attributions = attributions
    snapshot.sourcing = sourcing.sourcing_box(article, attributions)
    snapshot.corrections = sourcing.public_corrections(article)
    snapshot.provenance = public_provenance(article)
    snapshot.published_at = published_at
    snapshot.first_published_at = first_published_at
    snapshot.updated_at = updated_at
    snapshot.url_path = story_path(
        section_slug=snapshot.section_slug or "news",
        slug=article.slug,
        first_published_at=first_published_at,
    )
    if render:
        _render(snapshot)
    return snapshot


def _render(snapshot: PublishedArticle) -> None:
    snapshot.article_html = render_article_html(snapshot)
    snapshot.head_html = render_head_html(snapshot)


def snapshot_from_data(
    article: Article,
    *,
    section: Section,
    byline: list[dict],
    tags: list[dict],
    published_at: datetime,
    first_published_at: datetime | None = None,
    updated_at: datetime | None = None,
    render: bool = True,
    **fields,
) -> PublishedArticle:
    """An UNSAVED snapshot made from public data the way publishing makes one: the same
    address, derived slugs and rendered markup. For what cannot go through the workflow
    one story at a time: the benchmark's generated archive and tests needing many stories.
    `fields` are the snapshot's other columns (headline, slug, dek, body_html, ...)."""
    first_published_at = first_published_at or published_at
    snapshot = PublishedArticle(
        article=article,
        section_name=section.name,
        section_slug=section.slug,
        byline=byline,
        author_slugs=[item["slug"] for item in byline],
        tags=tags,
        tag_slugs=[item["slug"] for item in tags],
        published_at=published_at,
        first_published_at=first_published_at,
        updated_at=updated_at or published_at,
        **fields,
    )
    snapshot.url_path = story_path(
        section_slug=section.slug, slug=snapshot.slug, first_published_at=first_published_at
    )
    if render:
        snapshot.article_html = render_article_html(snapshot)
        snapshot.head_html = render_head_html(snapshot)
    return snapshot


def build_preview_snapshot(article: Article, *, now=None) -> PublishedArticle:
    """An UNSAVED snapshot of the working copy as it would be published now (for previews)."""
    now = now or timezone.now()
    existing = PublishedArticle.objects.filter(article=article).first()
    first = existing.first_published_at if existing else now
    published = existing.published_at if existing else now
    return fill_snapshot(
        PublishedArticle(),
        article,
        published_at=published,
        first_published_at=first,
        updated_at=now,
    )


def write_snapshot(
    article: Article,
    *,
    go_live: datetime,
    now: datetime,
    embargo_until: datetime | None = None,
) -> PublishedArticle:
    """Create or replace the story's snapshot; keep its old address as a redirect if it moved.

    `go_live` is the first publication time (possibly in the future = scheduled). An update
    of a story already live keeps its original publication time and gets `updated_at=now`.
    `embargo_until` is the embargo the snapshot is published under; the workflow makes sure
    the snapshot does not go live before it (and a constraint refuses one that would).
    """
    snapshot = PublishedArticle.objects.select_for_update().filter(article=article).first()
    if snapshot is None:
        snapshot = PublishedArticle()
        first = published = go_live
    elif snapshot.status != PublicStatus.LIVE:
        # Back after a takedown: same address, goes live again at `go_live`.
        first, published = snapshot.first_published_at, go_live
    elif snapshot.published_at > now:
        # Rescheduling (or publishing at once) a story that is not live yet. One readers saw
        # before a takedown keeps its first publication, and so its address.
        published = go_live
        first = go_live if snapshot.first_published_at > now else snapshot.first_published_at
    else:
        first, published = snapshot.first_published_at, snapshot.published_at
    old_path = snapshot.url_path if snapshot.pk else None
    previous_updated_at = snapshot.updated_at if snapshot.pk else None
    fill_snapshot(
        snapshot,
        article,
        published_at=published,
        first_published_at=first,
        updated_at=now,
        render=False,
    )
    # The version log decides what "Updated" says, and whether dateModified moves.
    version = story_versions.prepare(snapshot, previous_updated_at=previous_updated_at, now=now)
    _render(snapshot)
    snapshot.status = PublicStatus.LIVE
    snapshot.notice = ""
    # An embargo readers' copy has already outlived (a live story's earlier go-live) is moot.
    snapshot.embargo_until = (
        embargo_until if embargo_until is not None and embargo_until <= published else None
    )
    if embargo_until is not None and embargo_until > published and embargo_until > now:
        raise ValueError("A snapshot must not go live before the story's embargo.")
    snapshot.save()
    snapshot.refresh_search_vector()
    story_versions.save(version, snapshot, now=now)

    # The new address must not be answered by a stale redirect of this or another story.
    SlugRedirect.objects.filter(old_path=snapshot.url_path).delete()
    if old_path and old_path != snapshot.url_path:
        SlugRedirect.objects.update_or_create(old_path=old_path, defaults={"snapshot": snapshot})
    return snapshot


def hold_for_embargo(snapshot: PublishedArticle, *, embargo_until: datetime, now: datetime):
    """Move a scheduled snapshot's go-live (not yet public) to `embargo_until`, unchanged
    otherwise: an embargo set after the story was scheduled holds the scheduled copy too.
    Its address follows its first publication day unless readers saw it before a takedown."""
    snapshot.published_at = embargo_until
    snapshot.embargo_until = embargo_until
    if snapshot.first_published_at > now:
        snapshot.first_published_at = embargo_until
        snapshot.url_path = story_path(
            section_slug=snapshot.section_slug or "news",
            slug=snapshot.slug,
            first_published_at=embargo_until,
        )
    _render(snapshot)
    snapshot.save()
    story_versions.retime_unseen(snapshot, now=now)
    SlugRedirect.objects.filter(old_path=snapshot.url_path).delete()
    return snapshot

"""Rendering a snapshot's article and head markup once, at publish time; related cards; the
story page itself (for the view and for the stored pages) and every page's feed links.

All keep template work off the request: the article markup and the page's head markup
(title, meta tags, JSON-LD) are stored in the snapshot, and a list of related cards is
rendered once per content and public-cache version.
"""

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import format_html_join
from django.utils.http import http_date
from django.utils.safestring import SafeString, mark_safe

from articles.embeds.facade import allow_players
from articles.public import edge
from articles.public.cache import default_timeout, public_cache_version, versioned_key
from articles.public.structured_data import HOST_SLOT, with_site_url


def render_article_html(snapshot) -> str:
    """The <article> markup of a story, stored in the snapshot so serving it is cheap."""
    return render_to_string("articles/includes/story_article.html", {"story": snapshot})


def render_head_html(snapshot) -> str:
    """The story page's head markup (title, description, canonical, Open Graph, Twitter,
    NewsArticle JSON-LD), stored in the snapshot so serving it is cheap.

    Only snapshot data and settings go in: nothing from a request or the clock, so the
    stored markup is what the page would render at any time until the next publish. The
    site's address is left out (`HOST_SLOT` in its place; the story view puts SITE_URL in),
    so changing SITE_URL never leaves a stale canonical behind.
    """
    context = {
        "story": snapshot,
        "preview": False,
        # No request at publish time, so no context processor: the values they give.
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": HOST_SLOT,
    }
    return render_to_string("articles/includes/story_head.html", context)


def stored_head_html(snapshot) -> SafeString:
    """The snapshot's stored head markup on today's SITE_URL; "" when there is none to use
    (a preview, or markup stored before the host was left out: the page renders it live)."""
    if HOST_SLOT not in snapshot.head_html:
        return mark_safe("")
    return mark_safe(with_site_url(snapshot.head_html))  # noqa: S308 -- rendered at publish


def related_html(related: list) -> str:
    """The "Related stories" aside for these cards ("" for none), cached by content.

    A card shows only its snapshot's data: the ids and update times name the markup. A typo
    fix keeps `updated_at` (articles.versions), but the public cache version in the key drops
    it with every page on any publish or takedown, as for the pages themselves.
    """
    if not related:
        return ""
    identity = ",".join(f"{card.pk}@{card.updated_at.isoformat()}" for card in related)
    key = versioned_key("related:" + hashlib.sha256(identity.encode()).hexdigest()[:32])
    html = cache.get(key)
    if html is None:
        html = render_to_string("articles/includes/related_stories.html", {"related": related})
        cache.set(key, str(html), default_timeout())
    return mark_safe(html)  # noqa: S308 -- rendered by the template engine, escaped there


def feeds_html(kind: str = "", slug: str = "", title: str = "") -> SafeString:
    """The <link rel=alternate> feed links of a page (latest, plus the page's own if any)."""
    # reverse() and the template loop are a noticeable part of a page-cache miss, and the
    # markup changes only with what is passed here: it is built once per process.
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _feed_links(kind, slug, title, get_script_prefix(), urlconf, settings.SITE_NAME)


@functools.lru_cache(maxsize=1024)
def _feed_links(
    kind: str, slug: str, title: str, script_prefix: str, urlconf: str, site_name: str
) -> SafeString:
    feeds = []
    if kind:
        feeds += [
            {"title": f"{title} (RSS)", "type": "application/rss+xml",
             "url": reverse(f"feed-{kind}", urlconf, kwargs={"slug": slug})},
            {"title": f"{title} (Atom)", "type": "application/atom+xml",
             "url": reverse(f"feed-{kind}-atom", urlconf, kwargs={"slug": slug})},
        ]  # fmt: skip
    feeds += [
        {"title": f"{site_name} (RSS)", "type": "application/rss+xml",
         "url": reverse("feed-latest", urlconf)},
        {"title": f"{site_name} (Atom)", "type": "application/atom+xml",
         "url": reverse("feed-latest-atom", urlconf)},
    ]  # fmt: skip
    return format_html_join(
        "",
        '<link rel="alternate" type="{}" title="{}" href="{}">\n  ',
        ((feed["type"], feed["title"], feed["url"]) for feed in feeds),
    )


def render_story_page(request, snapshot, related: list):
    """A live story's page (not live coverage: `articles.public.views.story` adds that) as
    readers get it; the same code makes the bytes `articles.public.stored.pages` keeps."""
    response = render(
        request,
        "articles/story.html",
        {
            "story": snapshot,
            "preview": False,
            "head_html": stored_head_html(snapshot),
            "related_html": related_html(related),
            "feeds": feeds_html("section", snapshot.section_slug, snapshot.section_name),
        },
    )
    return story_headers(response, snapshot, related)


def story_headers(response, snapshot, related: list):
    """A story page's Last-Modified, edge keys and, with embeds, the policies that let its
    players load on a click (`allow_players`). Returns `response`."""
    # What the page shows last changed when the story or one of its related cards did.
    changed = max([snapshot.updated_at, *(card.updated_at for card in related)])
    response["Last-Modified"] = http_date(changed.timestamp())
    allow_players(response, snapshot)
    # Its section and tag keys also cover the related stories: each shares one of them.
    return edge.name_keys(response, edge.keys_of(snapshot))


# Where a search card's snippet goes: a character that cannot occur in escaped text.
SNIPPET_SLOT = "\ue010"
_SEARCH_CARD = {"show_image": True, "lazy": True, "show_section": True}
_SEARCH_CARD_SIZES = "(min-width: 48rem) 12rem, 33vw"


def search_cards_html(stories) -> str:
    """The search page's list of cards. Each card is rendered once per snapshot version and
    public-cache version (as the related cards) and cached; only its snippet, which depends
    on the query, is put into its slot on every request. One cache read for the whole list.
    The snapshot's version is its row's (`row_version`, which any write to it changes) when
    the search read it, else its update time.
    """
    version = public_cache_version()
    keys = [
        f"public:{version}:search-card:{story.pk}@"
        f"{getattr(story, 'row_version', None) or story.updated_at.isoformat()}:"
        f"{int(bool(story.snippet))}"
        for story in stories
    ]
    found = cache.get_many(keys)
    rendered = {}
    items = []
    for story, key in zip(stories, keys, strict=True):
        html = found.get(key)
        if html is None:
            context = {**_SEARCH_CARD, "image_sizes": _SEARCH_CARD_SIZES, "story": story}
            snippet = story.snippet
            story.snippet = mark_safe(SNIPPET_SLOT) if snippet else ""
            try:
                html = str(render_to_string("includes/story_card.html", context))
            finally:
                story.snippet = snippet
            rendered[key] = html
        items.append(f"<li>{html.replace(SNIPPET_SLOT, str(story.snippet))}</li>")
    if rendered:
        cache.set_many(rendered, default_timeout())
    return mark_safe('<ul class="story-list">\n  ' + "\n  ".join(items) + "\n</ul>")  # noqa: S308

"""Template helpers of the public site: the section menu and JSON-LD embedding."""

import copy

from django import template
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import dateformat, timezone
from django.utils.safestring import mark_safe

from articles.public import queries as public_queries
from articles.public import structured_data
from articles.public.cache import cache_timeout, versioned_key
from articles.public.rendering import search_cards_html
from articles.public.structured_data import jsonld_script, news_article_jsonld

register = template.Library()
UPDATE_GRACE_SECONDS = 10 * 60


@register.simple_tag
def search_result_cards(stories):
    """The search page's cards: cached per snapshot, the query's snippets put in (rendering)."""
    return search_cards_html(stories)


@register.simple_tag
def site_sections() -> list[dict]:
    """The menu's sections (cached with the page cache's version; see public_queries.site_state)."""
    return public_queries.site_state()["sections"]


@register.simple_tag
def section_menu(current_section: str = ""):
    """The header's section menu markup, rendered once per public cache version.

    Sections change rarely and every page shows them, so a page-cache miss should not loop
    over them again: the markup is cached under the version that every publish bumps, and
    no longer than the site state it is made from (one variant per highlighted section).
    """
    key = versioned_key(f"section-menu:{current_section or ''}")
    html = cache.get(key)
    if html is None:
        state = public_queries.site_state()
        html = str(
            render_to_string(
                "includes/section_menu.html",
                {"sections": state["sections"], "current_section": current_section},
            )
        )
        timeout = cache_timeout(next_go_live=state["next_go_live"], now=timezone.now())
        if timeout > 0:
            cache.set(key, html, timeout)
    return mark_safe(html)  # noqa: S308 -- rendered by the template engine, escaped there


@register.simple_tag
def story_jsonld(story, site_url: str):
    """The NewsArticle JSON-LD <script> of a snapshot (see articles.public.structured_data)."""
    return jsonld_script(news_article_jsonld(story, site_url))


@register.simple_tag
def home_jsonld():
    """The home page's WebSite and NewsMediaOrganization JSON-LD <script>."""
    return jsonld_script(structured_data.home_jsonld())


@register.simple_tag
def author_jsonld(author):
    """An author page's ProfilePage JSON-LD <script>."""
    return jsonld_script(structured_data.profile_page_jsonld(author))


@register.filter
def card_time(moment) -> str:
    """A card's time in the site's time zone: "12:40 p.m." today, "Dec. 6, 12:40 p.m." on
    another day this year, "Dec. 6, 2025, 12:40 p.m." before."""
    if not moment:
        return ""
    local = timezone.localtime(moment)
    today = timezone.localdate()
    clock = dateformat.format(local, "P")
    if local.date() == today:
        return clock
    day = dateformat.format(local, "N j" if local.year == today.year else "N j, Y")
    return f"{day}, {clock}"


@register.filter
def card_datetime(moment) -> str:
    """A valid HTML datetime in the site's time zone: whole seconds and the offset (a
    fraction of a second with six digits is not valid HTML)."""
    return timezone.localtime(moment).replace(microsecond=0).isoformat() if moment else ""


@register.filter
def card_updated(story) -> bool:
    """`was_updated` for a card: a list's cards leave their corrections and change log in
    the database (reading them would cost a query per card), so those go by the time alone
    (an announced change moves `updated_at`; a typo fix does not)."""
    deferred = story.get_deferred_fields() & {"corrections", "changes"}
    if deferred:
        story = copy.copy(story)
        for name in deferred:
            setattr(story, name, [])
    return was_updated(story)


@register.filter
def was_updated(story) -> bool:
    """Whether a story changed after it went live: always when it carries a published
    correction (readers must see that the page changed, however soon); otherwise a
    re-publish within minutes of going live (a fixed typo) doesn't count. A story with an
    announced change in its log (articles.versions) always is; its typo fixes never move
    `updated_at`."""
    if getattr(story, "changes", None):
        return True
    if not story.updated_at or not story.published_at or story.updated_at <= story.published_at:
        return False
    if story.corrections:
        return True
    return (story.updated_at - story.published_at).total_seconds() > UPDATE_GRACE_SECONDS

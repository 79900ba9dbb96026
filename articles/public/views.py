"""Public views: thin wrappers over articles.public.queries, cached whole by articles.public.cache.

No view reads the editorial working copy, the session or the user, so every page is the
same for everyone and can be cached and served with validators.
"""

import functools

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import format_html_join
from django.utils.http import http_date
from django.utils.safestring import SafeString
from django.views.decorators.http import require_safe

from articles.fronts.resolve import HOME, ResolvedFront, live_front
from articles.images.portraits import portrait
from articles.live.views import live_page_context
from articles.models import PublicStatus
from articles.public import edge
from articles.public import queries as public_queries
from articles.public.page_cache import public_page
from articles.public.rendering import related_html, stored_head_html
from articles.public.search import SORTS, clean_params, search_stories
from articles.public.spelling.suggestions import did_you_mean


def _feeds(kind: str = "", slug: str = "", title: str = "") -> SafeString:
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


def front_keys(front: ResolvedFront) -> list[str]:
    """A front's edge keys: itself (purged when it is published), every story on it (so a
    story's withdrawal purges every front that showed it), and what each zone's rule draws
    from (so a new story that would fill an empty slot purges it too)."""
    keys = [edge.front_key(front.slug), *(edge.story_key(s.article_id) for s in front.stories)]
    for zone in front.zones:
        if not zone.spec.auto:
            continue
        rule = zone.rule
        if rule["tag"]:
            keys.append(edge.tag_key(rule["tag"]))
        elif rule["section"]:
            keys.append(edge.section_key(rule["section"]))
        else:  # any story, or a type of work: every publish may change it
            keys.append(edge.FRONT)
    return keys


@require_safe
@public_page
def home(request):
    params = request.GET
    if params.get("before") or params.get("after") or params.get("page", "1") != "1":
        page = public_queries.latest_page(params)
        return edge.name_keys(
            render(
                request,
                "articles/latest.html",
                {"page": page, "stories": page.object_list, "feeds": _feeds()},
            ),
            [edge.FRONT],
        )
    front = live_front(HOME, section_slug="", sections=public_queries.site_state()["sections"])
    response = render(request, "articles/home.html", {"front": front, "feeds": _feeds()})
    return edge.name_keys(response, [edge.FRONT, *front_keys(front)])


@require_safe
@public_page
def section_page(request, slug):
    params = request.GET
    if params.get("before") or params.get("after") or params.get("page", "1") != "1":
        return _section_list(request, slug)
    sections = public_queries.site_state()["sections"]
    # The menu's cached sections hold what the page needs (name, slug, description).
    section = next((item for item in sections if item["slug"] == slug), None)
    if section is None:
        raise Http404("No section at this address.")
    front = live_front(slug, section_slug=slug, sections=sections)
    response = render(
        request,
        "articles/section_front.html",
        {
            "section": section,
            "front": front,
            "feeds": _feeds("section", slug, section["name"]),
        },
    )
    return edge.name_keys(response, [edge.section_key(slug), *front_keys(front)])


def _section_list(request, slug):
    """A section's older stories (?before=, ?after=, ?page=): a plain list."""
    section = public_queries.section_by_slug(slug)
    if section is None:
        raise Http404("No section at this address.")
    page = public_queries.section_page(slug, request.GET)
    response = render(
        request,
        "articles/section.html",
        {
            "section": section,
            "page": page,
            "stories": page.object_list,
            "feeds": _feeds("section", slug, section.name),
        },
    )
    return edge.name_keys(response, [edge.section_key(slug)])


@require_safe
@public_page
def author_page(request, slug):
    author = public_queries.author_by_slug(slug)
    if author is None:
        raise Http404("No author at this address.")
    page = public_queries.author_page(slug, request.GET)
    response = render(
        request,
        "articles/author.html",
        {
            "author": author,
            "portrait": portrait(author.photo),
            "page": page,
            "stories": page.object_list,
            "feeds": _feeds("author", slug, author.name),
        },
    )
    return edge.name_keys(response, [edge.author_key(slug)])


@require_safe
@public_page
def tag_page(request, slug):
    page = public_queries.tag_page(slug, request.GET)
    if not page.object_list:
        raise Http404("No stories with this tag.")
    name = public_queries.tag_name(slug, page.object_list)
    response = render(
        request,
        "articles/tag.html",
        {
            "tag": {"slug": slug, "name": name},
            "page": page,
            "stories": page.object_list,
            "feeds": _feeds("tag", slug, name),
        },
    )
    return edge.name_keys(response, [edge.tag_key(slug)])


@require_safe
@public_page
def story(request, section, year, month, day, slug):
    found = public_queries.story_at(request.path)
    if found.redirect_to:
        return HttpResponsePermanentRedirect(found.redirect_to)
    if found.gone is not None:
        retracted = found.gone.status == PublicStatus.RETRACTED
        response = render(
            request,
            "410.html",
            {"story": found.gone if retracted else None, "retracted": retracted},
            status=410,
        )
        return edge.name_keys(response, edge.keys_of(found.gone))
    if found.story is None:
        raise Http404("No story at this address.")
    snapshot = found.story
    live = live_page_context(request, snapshot)  # None unless the story has live coverage
    response = render(
        request,
        "articles/live/story.html" if live else "articles/story.html",
        {
            "story": snapshot,
            "preview": False,
            "head_html": stored_head_html(snapshot),
            "related_html": related_html(found.related),
            "feeds": _feeds("section", snapshot.section_slug, snapshot.section_name),
            **(live or {}),
        },
    )
    # What the page shows last changed when the story or one of its related cards did.
    changed = max([snapshot.updated_at, *(card.updated_at for card in found.related)])
    response["Last-Modified"] = http_date(changed.timestamp())
    # Its section and tag keys also cover the related stories: each shares one of them.
    return edge.name_keys(response, edge.keys_of(snapshot))


@require_safe
@public_page
def search(request):
    form = clean_params(request.GET)
    page = None if form.is_empty else search_stories(form, request.GET.get("page"))
    suggestion = did_you_mean(form) if page is not None and not page.object_list else ""
    response = render(
        request,
        "articles/search.html",
        {
            "form": form,
            "page": page,
            "stories": page.object_list if page else [],
            "query_string": _without_page(request),
            "sorts": SORTS,
            "suggestion": suggestion,
            "suggestion_query": _with_query(request, suggestion) if suggestion else "",
        },
    )
    return edge.name_keys(response, [edge.FRONT])  # any publish may change what matches


def _with_query(request, query: str) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    params["q"] = query
    return params.urlencode()


def _without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@require_safe
@public_page
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        # Not /search/: its pages say noindex, which a crawler only reads if it may fetch them.
        "Disallow: /preview/",
        "",
        f"Sitemap: {settings.SITE_URL}{reverse('sitemap-index')}",
        f"Sitemap: {settings.SITE_URL}{reverse('news-sitemap')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def not_found(request, exception=None):
    """A 404 that helps: a search for the words in the address, and the sections. In the
    admin, a page for staff instead (no reader's search), pointing to the start page."""
    if request.path.startswith(reverse("admin:index")):
        return render(request, "admin/404.html", status=404)
    words = " ".join(
        part for part in request.path.replace("-", " ").split("/") if part and not part.isdigit()
    )
    return render(request, "404.html", {"suggested_query": words[:100]}, status=404)

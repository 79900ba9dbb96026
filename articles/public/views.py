"""Public views: thin wrappers over articles.public.queries, cached whole by articles.public.cache.

No view reads the editorial working copy, the session or the user, so every page is the
same for everyone and can be cached and served with validators.
"""

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from articles.fronts.resolve import HOME, ResolvedFront
from articles.images.portraits import portrait
from articles.live.views import live_headers, live_page_context
from articles.models import PublicStatus
from articles.public import edge
from articles.public import queries as public_queries
from articles.public.page_cache import public_page, wanted_encodings
from articles.public.rendering import (
    feeds_html,
    related_html,
    render_story_page,
    stored_head_html,
    story_headers,
)
from articles.public.search import SORTS, clean_params, hydrate, search_stories
from articles.public.spelling.suggestions import did_you_mean
from articles.public.stored import fronts as stored_fronts
from articles.public.stored import pages as stored_pages
from articles.public.stored import searches as stored_searches


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
                {"page": page, "stories": page.object_list, "feeds": feeds_html()},
            ),
            [edge.FRONT],
        )
    # Kept whole as bytes while everything on it is the same (articles.public.stored.fronts).
    response, front = stored_fronts.serve(
        request,
        HOME,
        section_slug="",
        state=public_queries.site_state(),
        render=lambda front: render(
            request, "articles/home.html", {"front": front, "feeds": feeds_html()}
        ),
    )
    return edge.name_keys(response, [edge.FRONT, *front_keys(front)])


@require_safe
@public_page
def section_page(request, slug):
    params = request.GET
    if params.get("before") or params.get("after") or params.get("page", "1") != "1":
        return _section_list(request, slug)
    state = public_queries.site_state()
    # The menu's cached sections hold what the page needs (name, slug, description).
    section = next((item for item in state["sections"] if item["slug"] == slug), None)
    if section is None:
        raise Http404("No section at this address.")
    response, front = stored_fronts.serve(
        request,
        slug,
        section_slug=slug,
        state=state,
        extra=f"{section['name']}|{section['description']}",
        render=lambda front: render(
            request,
            "articles/section_front.html",
            {
                "section": section,
                "front": front,
                "feeds": feeds_html("section", slug, section["name"]),
            },
        ),
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
            "feeds": feeds_html("section", slug, section.name),
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
            "feeds": feeds_html("author", slug, author.name),
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
            "feeds": feeds_html("tag", slug, name),
        },
    )
    return edge.name_keys(response, [edge.tag_key(slug)])


@require_safe
@public_page
def story(request, section, year, month, day, slug):
    # A live story's page is stored whole (articles.public.stored.pages): served as it is
    # while the snapshot, the frame and the related cards are those it was made from.
    stored = stored_pages.look_up(request.path, encodings=wanted_encodings(request))
    if stored.response is not None:
        return stored.response
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
    if live is None:
        response = render_story_page(request, snapshot, found.related)
        stored_pages.keep(stored, response, related=found.related)
        return response
    response = render(
        request,
        "articles/live/story.html",
        {
            "story": snapshot,
            "preview": False,
            "head_html": stored_head_html(snapshot),
            "related_html": related_html(found.related),
            "feeds": feeds_html("section", snapshot.section_slug, snapshot.section_name),
            **live,
        },
    )
    return live_headers(story_headers(response, snapshot, found.related), live)


@require_safe
@public_page
def search(request):
    """The results page. The search runs on every request; with stored pages on only its
    ids and row versions, and the page is rendered only when no page kept under a digest of
    what it shows is in the cache (`articles.public.stored.searches`)."""
    form = clean_params(request.GET)
    stored = stored_searches.enabled()
    page = None if form.is_empty else search_stories(form, request.GET.get("page"), light=stored)
    suggestion = did_you_mean(form) if page is not None and not page.object_list else ""
    query_string = _without_page(request)
    suggestion_query = _with_query(request, suggestion) if suggestion else ""

    def render_page():
        if stored and page is not None:
            hydrate(page, form)  # the cards and snippets, read only to render them
        return render(
            request,
            "articles/search.html",
            {
                "form": form,
                "page": page,
                "stories": page.object_list if page else [],
                "query_string": query_string,
                "sorts": SORTS,
                "suggestion": suggestion,
                "suggestion_query": suggestion_query,
            },
        )

    if stored:
        links = (query_string, suggestion_query)
        digest = stored_searches.identity(form, page, suggestion=suggestion, links=links)
        response = stored_searches.serve(request, digest, render_page)
    else:
        response = render_page()
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

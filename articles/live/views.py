"""A live story's public addresses besides its page: one entry's permalink and the updates
endpoint the page's script polls. Reads only `articles.live.stream` (published entries of a
visible story); no session, no user: the same answer for everyone, cached at the edge.

The story page itself stays `articles.public.views.story`, which shows the stream when the
story has live coverage (`live_page_context`).
"""

from django.conf import settings
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from articles.embeds.facade import all_player_origins, allow_origins
from articles.live import purge, stream
from articles.live.structured_data import live_blog_jsonld
from articles.public import edge
from articles.public import queries as public_queries
from articles.public.page_cache import public_page
from articles.public.structured_data import jsonld_script
from newsroom.ids import parse_id

UPDATES_BROWSER_SECONDS = 3


def edge_seconds() -> int:
    """How long the edge keeps an updates answer (a publish purges it sooner)."""
    return int(getattr(settings, "LIVE_UPDATES_EDGE_SECONDS", 5))


def poll_seconds() -> int:
    return int(getattr(settings, "LIVE_POLL_SECONDS", 10))


def live_page_context(request, snapshot) -> dict | None:
    """What `articles/live/story.html` adds to a story page, or None for a story not live
    (the page's own lookup says so: `has_live_coverage`, no query of its own)."""
    if not getattr(snapshot, "has_live_coverage", True):
        return None
    found = stream.stream_page(snapshot, request.GET)
    if found is None:
        return None
    shown = [*found.entries, *found.pinned]
    return {
        "live": found,
        "live_has_embeds": any(entry["players"] for entry in shown),
        "live_jsonld": jsonld_script(live_blog_jsonld(snapshot, found)),
        "live_updates_url": reverse("live-updates", args=[snapshot.article_id]),
        "live_poll_seconds": poll_seconds(),
    }


def live_headers(response, live: dict):
    """A live story page's policies for outside players: every player of the allow-list
    while entries may arrive by poll (one may carry a player the page has not shown yet) or
    when an entry on the page carries one; else the page's own (`story_headers`)."""
    if live["live"].is_live or live["live_has_embeds"]:
        allow_origins(response, all_player_origins())
    return response


@require_safe
@public_page
def entry_page(request, section, year, month, day, slug, entry_id):
    """One entry on its own page (shareable, with its own Open Graph)."""
    found = public_queries.story_at(request.path.rsplit("entries/", 1)[0])
    if found.story is None:
        raise Http404("No live update at this address.")
    entry = stream.public_entry(found.story, entry_id)
    if entry is None:
        raise Http404("No live update at this address.")
    response = render(
        request, "articles/live/entry_page.html", {"story": found.story, "entry": entry}
    )
    allow_origins(response, entry["players"])
    return edge.name_keys(
        response, {edge.story_key(found.story.article_id), purge.live_key(found.story.article_id)}
    )


@require_safe
def updates(request, article_id):
    """The published entries after `?after=<id>` as rendered HTML, oldest first (JSON)."""
    after = request.GET.get("after", "0")
    if parse_id(after) is None:
        return JsonResponse(
            {"error": "“after” must be the id of an entry: ASCII digits, e.g. ?after=120."},
            status=400,
        )
    found = stream.updates_after(article_id, after)
    if found is None:
        return JsonResponse({"error": "No live story at this address."}, status=404)
    response = JsonResponse(
        {"state": found["state"], "last_id": found["last_id"], "entries": found["entries"]}
    )
    response["Cache-Control"] = f"public, max-age={UPDATES_BROWSER_SECONDS}"
    if edge.enabled():
        response["Surrogate-Control"] = edge.surrogate_control(edge_seconds())
    return edge.name_keys(response, {purge.live_key(found["article_id"])})

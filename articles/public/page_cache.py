"""Whole public pages served from the cache, with ETag/Last-Modified and 304s.

`public_page` wraps a public view. Keys, the cache version and lifetimes come from
`articles.public.cache`; the next scheduled go-live, which caps every lifetime, from
`articles.public.queries.site_state`. This module sits above both, so neither imports the other.
With an edge cache configured (`articles.public.edge`), each page also carries its surrogate keys
(`xkey`) and the edge's lifetime (`Surrogate-Control`).

A page is stored with its compressed copies (`articles.public.delivery.compression`), made once
per cache fill, and its Last-Modified is what the view says it shows (a story's update time)
when it says so, else the time the page was made. A story page may come already made
(`articles.public.stored.pages`: bytes, copies and ETag kept in the database): it is served as
it came, nothing hashed or compressed again.
"""

import hashlib
import math
from collections.abc import Callable
from datetime import datetime
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

from articles.public import edge
from articles.public import queries as public_queries
from articles.public.cache import (
    CACHED_STATUSES,
    browser_max_age,
    cache_timeout,
    page_cache_enabled,
    page_key,
    seconds_until,
    stale_while_revalidate,
)
from articles.public.delivery import compression

# The view's own headers a cached copy keeps: a story with embeds sends its own policies
# (articles.embeds.facade.allow_players); the middleware adds the site's to all others.
KEPT_HEADERS = {"content-type", "location", "x-robots-tag", "link", "xkey",
                "content-security-policy", "permissions-policy"}  # fmt: skip


def _cache_control(entry: dict, *, now: datetime) -> str:
    # Computed when served, so a page cached earlier never tells browsers to keep it
    # past the moment its server-side copy (capped by the next go-live) expires.
    remaining = max(0, math.floor(entry["expires_at"] - now.timestamp()))
    max_age = min(browser_max_age(), remaining)
    # A browser may show its copy while it asks again, but never past the server-side
    # expiry either (a scheduled go-live shows on time).
    stale = min(stale_while_revalidate(), remaining - max_age)
    if stale > 0:
        return f"public, max-age={max_age}, stale-while-revalidate={stale}"
    return f"public, max-age={max_age}"


def _serve(request, entry: dict, *, now: datetime):
    encoded = entry.get("encoded", {})
    encoding = compression.choose(request.headers.get("Accept-Encoding", ""), encoded)
    etag = compression.weak(entry["etag"]) if encoding else entry["etag"]
    response = None
    if entry["status"] == 200:
        response = get_conditional_response(
            request, etag=etag, last_modified=entry["last_modified"]
        )
    if response is None:
        response = HttpResponse(encoded[encoding] if encoding else entry["content"])
        response.status_code = entry["status"]
        for header, value in entry["headers"].items():
            response[header] = value
        if encoding:
            response["Content-Encoding"] = encoding
        response["Content-Length"] = str(len(response.content))
    elif "xkey" in entry["headers"]:
        response["xkey"] = entry["headers"]["xkey"]  # a 304 names its page too
    if entry.get("varies"):
        patch_vary_headers(response, ["Accept-Encoding"])
    response["ETag"] = etag
    response["Last-Modified"] = http_date(entry["last_modified"])
    response["Cache-Control"] = _cache_control(entry, now=now)
    if edge.enabled() and "edge_expires_at" in entry:
        # The edge keeps the page longer than browsers do (a publish purges it by its keys),
        # but never past the next scheduled go-live either.
        remaining = math.floor(entry["edge_expires_at"] - now.timestamp())
        response["Surrogate-Control"] = edge.surrogate_control(remaining)
    return response


def _last_modified(response, *, now: datetime) -> int:
    """The view's own Last-Modified (what the page shows changed then), else now."""
    stated = parse_http_date_safe(response.get("Last-Modified", ""))
    return min(stated, math.floor(now.timestamp())) if stated else math.floor(now.timestamp())


def wanted_encodings(request) -> tuple[str, ...]:
    """The compressed copies a page made for this request needs: all of them when the page
    is kept in the cache (the next reader may take another), else the one this browser takes
    ("" alone: the page as it is)."""
    if page_cache_enabled():
        return compression.ENCODINGS
    return (compression.choose(request.headers.get("Accept-Encoding", ""), compression.ENCODINGS),)


class CachedPageMiddleware:
    """A reader's cached page served before the rest of the middleware and the URL resolver.

    Placed after the middleware that adds the site's headers to every response (security,
    Content-Security-Policy, Permissions-Policy, X-Frame-Options) and before the sessions,
    CSRF, authentication, two-factor and messages middleware, which a reader's public page
    never uses: a GET or HEAD without a session cookie whose page is in the cache is answered
    from it here (the entry `public_page` stored, the same `_serve`), so it pays for one key
    and one cache read. Anything else goes on down; the key and the miss are passed along so
    `public_page` does not look again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and page_cache_enabled()
        ):
            key = page_key(request)
            entry = cache.get(key)
            if entry is not None:
                return _serve(request, entry, now=timezone.now())
            request.public_page_miss = key  # public_page makes it under this key
        return self.get_response(request)


def public_page(view: Callable) -> Callable:
    """Serve a public view from the page cache, with ETag/Last-Modified and 304s.

    The view's response is stored whole (status 200, 301 and 410 only; a 404 is cheap and
    its addresses are unbounded). The site state lookup (see articles.public.queries) tells when the
    next scheduled story goes live, which caps both the server-side and browser lifetimes.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        enabled = page_cache_enabled()
        missed = getattr(request, "public_page_miss", None)  # CachedPageMiddleware looked
        key = (missed or page_key(request)) if enabled else ""
        entry = cache.get(key) if enabled and not missed else None
        if entry is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()  # sitemaps answer with a lazy TemplateResponse
            if response.status_code not in CACHED_STATUSES or getattr(response, "streaming", False):
                return response
            now = timezone.now()
            next_go_live = public_queries.site_state()["next_go_live"]
            timeout = cache_timeout(next_go_live=next_go_live, now=now)
            # A stored story page (articles.public.stored.pages) comes with its copies and
            # ETag: nothing is hashed or compressed again.
            stored = getattr(response, "stored_entry", None)
            if stored is not None:
                content, encoded, compressible = stored["content"], stored["encoded"], True
                etag = stored["etag"]
            else:
                content = response.content
                compressible = compression.compressible(response.get("Content-Type", ""), content)
                # A page kept in the cache gets every copy; one made for this request alone
                # (the cache off) only the copy this browser takes.
                wanted = wanted_encodings(request)
                encoded = compression.encode(content, wanted) if compressible else {}
                etag = f'"{hashlib.sha256(content).hexdigest()[:32]}"'
            edge.name_keys(response, edge.route_keys(request))
            until = seconds_until(next_go_live, now=now)
            edge_timeout = edge.edge_seconds() if until is None else min(edge.edge_seconds(), until)
            entry = {
                "content": content,
                "status": response.status_code,
                "headers": {
                    name: value for name, value in response.items() if name.lower() in KEPT_HEADERS
                },
                "encoded": encoded,
                "varies": compressible,
                "etag": etag,
                "last_modified": _last_modified(response, now=now),
                "expires_at": now.timestamp() + timeout,
                "edge_expires_at": now.timestamp() + edge_timeout,
            }
            if enabled and timeout > 0:
                cache.set(key, entry, timeout)
        return _serve(request, entry, now=timezone.now())

    return wrapped

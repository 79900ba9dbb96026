"""The public page cache: whole responses keyed by a version number, plus HTTP validators.

Anything published, updated or unpublished calls `invalidate_public_cache()`, which bumps the
version: every cached page becomes unreachable at once, on every process sharing the cache.
Local memory (the development default) is shared by nothing but its own process, so a
publish from another process reaches it only when its entries expire; production settings
therefore refuse to start without REDIS_URL. Scheduled stories need no job: no
cached page, and no `max-age` sent to browsers, outlives the next scheduled go-live.
"""

import hashlib
import math
from collections.abc import Callable
from datetime import datetime
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

VERSION_KEY = "public-cache-version"
CACHED_STATUSES = {200, 301, 410}


def default_timeout() -> int:
    """Seconds a page stays cached server-side when nothing is scheduled sooner."""
    return int(getattr(settings, "PUBLIC_CACHE_SECONDS", 300))


def page_cache_enabled() -> bool:
    """Whether whole pages are cached (PUBLIC_PAGE_CACHE; the benchmark turns it off)."""
    return bool(getattr(settings, "PUBLIC_PAGE_CACHE", True))


def browser_max_age() -> int:
    """Seconds browsers and CDNs may reuse a page without asking again."""
    return int(getattr(settings, "PUBLIC_MAX_AGE", 60))


def public_cache_version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, timeout=None)


def invalidate_public_cache() -> None:
    """Make every cached public page stale (called on commit by the workflow)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def seconds_until(moment: datetime | None, *, now: datetime) -> int | None:
    """Whole seconds from `now` to `moment`, rounded down so a cache expires before it."""
    if moment is None:
        return None
    return max(0, math.floor((moment - now).total_seconds()))


def cache_timeout(*, next_go_live: datetime | None, now: datetime) -> int:
    """min(default, seconds until the next scheduled story goes live); 0 means don't cache."""
    until = seconds_until(next_go_live, now=now)
    return default_timeout() if until is None else min(default_timeout(), until)


def versioned_key(name: str) -> str:
    return f"public:{public_cache_version()}:{name}"


# The only query parameters public views read; anything else must not mint a cache entry.
PAGE_PARAMS = ("page", "q", "section", "from", "to")


def page_key(request) -> str:
    """The cache key of a public page: its host and scheme, path and the parameters read.

    Host and scheme are part of it because a page may print absolute addresses built from
    the request (sitemaps, feeds, redirects): a page rendered for one host name must never
    be served to another.
    """
    params = urlencode(
        [(name, value) for name in PAGE_PARAMS for value in request.GET.getlist(name)[:1]]
    )
    address = f"{request.scheme}://{request.get_host()}{request.path}?{params}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return versioned_key(f"page:{digest}")


def _cache_control(entry: dict, *, now: datetime) -> str:
    # Computed when served, so a page cached earlier never tells browsers to keep it
    # past the moment its server-side copy (capped by the next go-live) expires.
    remaining = max(0, math.floor(entry["expires_at"] - now.timestamp()))
    return f"public, max-age={min(browser_max_age(), remaining)}"


def _serve(request, entry: dict, *, now: datetime):
    from django.http import HttpResponse

    response = None
    if entry["status"] == 200:
        response = get_conditional_response(
            request, etag=entry["etag"], last_modified=entry["last_modified"]
        )
    if response is None:
        response = HttpResponse(entry["content"], status=entry["status"])
        for header, value in entry["headers"].items():
            response[header] = value
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = http_date(entry["last_modified"])
    response["Cache-Control"] = _cache_control(entry, now=now)
    return response


def public_page(view: Callable) -> Callable:
    """Serve a public view from the page cache, with ETag/Last-Modified and 304s.

    The view's response is stored whole (status 200, 301 and 410 only; a 404 is cheap and
    its addresses are unbounded). The site state lookup (see articles.public) tells when the
    next scheduled story goes live, which caps both the server-side and browser lifetimes.
    """
    from . import public

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        enabled = page_cache_enabled()
        key = page_key(request) if enabled else ""
        entry = cache.get(key) if enabled else None
        if entry is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()  # sitemaps answer with a lazy TemplateResponse
            if response.status_code not in CACHED_STATUSES or getattr(response, "streaming", False):
                return response
            now = timezone.now()
            timeout = cache_timeout(next_go_live=public.site_state()["next_go_live"], now=now)
            content = response.content
            entry = {
                "content": content,
                "status": response.status_code,
                "headers": {
                    name: value
                    for name, value in response.items()
                    if name.lower() in {"content-type", "location", "x-robots-tag", "link"}
                },
                "etag": f'"{hashlib.sha256(content).hexdigest()[:32]}"',
                "last_modified": math.floor(now.timestamp()),
                "expires_at": now.timestamp() + timeout,
            }
            if enabled and timeout > 0:
                cache.set(key, entry, timeout)
        return _serve(request, entry, now=timezone.now())

    return wrapped

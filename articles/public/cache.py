"""The public cache's keys, version and lifetimes (the page decorator is `page_cache`).

Anything published, updated or unpublished calls `invalidate_public_cache()`, which bumps the
version: every cached page becomes unreachable at once, on every process sharing the cache.
Local memory (the development default) is shared by nothing but its own process, so a
publish from another process reaches it only when its entries expire; production settings
therefore refuse to start without REDIS_URL. Scheduled stories need no job: no
cached page, and no `max-age` sent to browsers, outlives the next scheduled go-live.
"""

import hashlib
import math
from datetime import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache

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


def stale_while_revalidate() -> int:
    """Seconds past max-age a browser may show its copy while it asks again
    (PUBLIC_STALE_SECONDS)."""
    return int(getattr(settings, "PUBLIC_STALE_SECONDS", 30))


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
PAGE_PARAMS = ("page", "before", "after", "q", "section", "from", "to", "sort", "order")


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
    # Pages print SITE_URL (canonical, og:url, JSON-LD): one cached before a move to another
    # domain or to HTTPS must not be served after it.
    address += f"|{settings.SITE_URL}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return versioned_key(f"page:{digest}")

"""The public page cache's one switch: anything published, updated or unpublished clears it."""

from django.core.cache import cache

VERSION_KEY = "public-cache-version"


def public_cache_version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, timeout=None)


def invalidate_public_cache() -> None:
    """Make every cached public page stale (called on commit by the workflow)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)

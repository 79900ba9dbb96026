"""After an entry or the coverage changes for readers: the page cache goes, then the edge
drops the story's page, its entries' permalinks and its updates endpoint (by their keys),
once the change is committed. The front is not purged: it shows only the "Live" badge,
which changes with the coverage's state (`coverage_changed`)."""

from django.core.cache import cache as django_cache
from django.db import transaction

from articles.public import cache, edge

LIVE_PATHS_KEY = "live-story-paths"  # articles.live.stream.live_story_paths


def live_key(article_id: int) -> str:
    """The edge key of a live story's updates endpoint and entry permalinks."""
    return f"live-{article_id}"


def live_changed(article_id: int) -> None:
    transaction.on_commit(cache.invalidate_public_cache)
    edge.purge_on_commit({edge.story_key(article_id), live_key(article_id)})


def coverage_changed(article_id: int) -> None:
    """The coverage started or ended: the fronts' "Live" badge changes too."""
    transaction.on_commit(lambda: django_cache.delete(LIVE_PATHS_KEY))
    live_changed(article_id)
    edge.purge_on_commit({edge.FRONT})

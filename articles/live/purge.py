"""After an entry or the coverage changes for readers: the page cache goes, then the edge
drops the story's page, its entries' permalinks and its updates endpoint (by their keys),
once the change is committed. Lists are purged only when the coverage starts or ends
(`coverage_changed`): all they show of it is the "Live" badge."""

from django.db import transaction

from articles.models import PublishedArticle
from articles.public import cache, edge


def live_key(article_id: int) -> str:
    """The edge key of a live story's updates endpoint and entry permalinks."""
    return f"live-{article_id}"


def live_changed(article_id: int) -> None:
    transaction.on_commit(cache.invalidate_public_cache)
    edge.purge_on_commit({edge.story_key(article_id), live_key(article_id)})


def coverage_changed(article_id: int) -> None:
    """The coverage started or ended: the "Live" badge of its cards changes too (the front,
    and its section, author and tag pages)."""
    live_changed(article_id)
    snapshot = PublishedArticle.objects.filter(article_id=article_id).first()
    edge.purge_on_commit({edge.FRONT, *(edge.keys_of(snapshot) if snapshot else ())})

"""When readers' copy of a story changes: the page cache goes, then the edge is purged.

Connected to `articles.workflow.signals.public_copy_changed` (publish, a new go-live time,
a cancelled schedule, an unpublish, a scheduled copy held for its embargo). Both run after
the commit, the page cache first, so the edge refetches fresh pages.
"""

from django.db import transaction

from articles.public import cache, edge


def purge_after_commit(sender, *, snapshots, **kwargs) -> None:
    """Drop the page cache and purge what `snapshots` showed (their story, section, authors,
    tags) and the front from the edge, once the change is committed."""
    keys = {edge.FRONT}
    for snapshot in snapshots:
        keys |= edge.keys_of(snapshot)
    transaction.on_commit(cache.invalidate_public_cache)
    edge.purge_on_commit(keys)


def purge_policy_pages(sender, **kwargs) -> None:
    """A policy page was written or deleted (connected by the sources app): drop the page
    cache and purge the pages that show or list policies, after the commit."""
    transaction.on_commit(cache.invalidate_public_cache)
    edge.purge_on_commit({edge.POLICIES})

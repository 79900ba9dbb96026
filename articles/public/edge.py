"""The edge cache (Varnish with the xkey vmod, or a CDN with surrogate keys) in front of the site.

Every public page names what it shows in an `xkey` response header: `story-<id>` for each
story on it, `section-<slug>`, `author-<slug>`, `tag-<slug>` for the listings it belongs
to, `curated-<slug>` for a curated front (home, a section: `articles.fronts`), `front` for
pages that list the newest stories (home, latest, search, the latest feeds, sitemaps,
corrections), `policies` for the policy pages and what lists them and `site` for the frame every page carries (the section menu). A
`Surrogate-Control: max-age=N` tells the edge how long it may keep the page; browsers get
the short `Cache-Control` of `articles.public.page_cache`. deploy/varnish.vcl honours both and
strips them before the browser.

Publishing, updating or unpublishing a story purges exactly the keys of what readers saw
and will see (old and new section, authors and tags, the story, `front`) after commit, by a
`PURGE` with an `xkey-purge` header to each address in `EDGE_PURGE_URLS`. The purge is a
task (django-tasks); a failure is logged and never undoes or breaks the publish.

With `EDGE_PURGE_URLS` empty there is no edge: pages carry neither header (an edge lifetime
longer than the browser's is only safe where the site can purge it) and purging does nothing.
"""

import logging
import urllib.error
import urllib.request
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django_tasks import task

logger = logging.getLogger("newsroom.edge")

FRONT = "front"
SITE = "site"
POLICIES = "policies"
KEY_HEADER = "xkey"
PURGE_HEADER = "xkey-purge"
PURGE_TIMEOUT_SECONDS = 2.0


def story_key(article_id: int) -> str:
    return f"story-{article_id}"


def front_key(slug: str) -> str:
    """A curated front ("home" or a section's slug): purged when the front is published."""
    return f"curated-{slug}"


def section_key(slug: str) -> str:
    return f"section-{slug}"


def author_key(slug: str) -> str:
    return f"author-{slug}"


def tag_key(slug: str) -> str:
    return f"tag-{slug}"


def purge_urls() -> list[str]:
    return list(getattr(settings, "EDGE_PURGE_URLS", []))


def enabled() -> bool:
    """Whether an edge cache is configured (EDGE_PURGE_URLS names at least one)."""
    return bool(purge_urls())


def edge_seconds() -> int:
    """How long the edge may keep a page when nothing is scheduled sooner (EDGE_SECONDS)."""
    return int(getattr(settings, "EDGE_SECONDS", 3600))


def snapshot_keys(
    *, article_id: int, section_slug: str, author_slugs: Iterable[str], tag_slugs: Iterable[str]
) -> set[str]:
    """The keys of one story: itself and the listings it appears on."""
    return {
        story_key(article_id),
        section_key(section_slug),
        *(author_key(slug) for slug in author_slugs),
        *(tag_key(slug) for slug in tag_slugs),
    }


def keys_of(snapshot) -> set[str]:
    """`snapshot_keys` of a PublishedArticle (or a card with the same fields)."""
    return snapshot_keys(
        article_id=snapshot.article_id,
        section_slug=snapshot.section_slug,
        author_slugs=snapshot.author_slugs or (),
        tag_slugs=snapshot.tag_slugs or (),
    )


def name_keys(response, keys: Iterable[str]):
    """Add `keys` to the response's xkey header (no-op without an edge). Returns `response`."""
    if not enabled():
        return response
    named = set(response.get(KEY_HEADER, "").split()) | {key for key in keys if key}
    response[KEY_HEADER] = " ".join(sorted(named))
    return response


def route_keys(request) -> set[str]:
    """`site` for every page, plus the keys of a page whose view is a library's (feeds,
    sitemaps), read from its route: what a feed lists, `front` for the latest and sitemaps."""
    match = getattr(request, "resolver_match", None)
    name = (match.url_name or "") if match is not None else ""
    slug = match.kwargs.get("slug", "") if match is not None else ""
    keys = {SITE}
    if name.startswith("feed-section"):
        keys.add(section_key(slug))
    elif name.startswith("feed-author"):
        keys.add(author_key(slug))
    elif name.startswith("feed-tag"):
        keys.add(tag_key(slug))
    elif name.startswith(("feed-latest", "sitemap", "news-sitemap", "corrections")):
        keys.add(FRONT)  # the corrections page and feed change with any publish
    if name in ("policy", "corrections", "sitemap-index") or (
        name == "sitemap-section" and match.kwargs.get("section") == "standards"
    ):
        keys.add(POLICIES)  # they show or list the policy pages (the index: their lastmod)
    return keys


def surrogate_control(seconds: int) -> str:
    return f"max-age={max(0, seconds)}"


# --- purging ----------------------------------------------------------------------------


def _purge_one(url: str, keys: str) -> bool:
    request = urllib.request.Request(url, method="PURGE", headers={PURGE_HEADER: keys})
    try:
        with urllib.request.urlopen(request, timeout=PURGE_TIMEOUT_SECONDS) as response:
            response.read()
        return True
    except (OSError, ValueError) as error:  # URLError, HTTPError, timeouts, a bad address
        logger.warning(
            "edge purge failed: %s at %s (%s); those pages stay cached until they expire",
            keys,
            url,
            error,
        )
        return False


@task()
def purge_task(keys: list[str]) -> int:
    """Purge `keys` on every edge; returns how many edges accepted it."""
    joined = " ".join(keys)
    return sum(_purge_one(url, joined) for url in purge_urls())


def purge(keys: Iterable[str]) -> None:
    """Queue a purge of `keys` on every edge now (call it after commit: `purge_on_commit`)."""
    if not enabled():
        return
    wanted = sorted({key for key in keys if key})
    if not wanted:
        return
    try:
        purge_task.enqueue(wanted)
    except Exception:  # a queue that is down must not turn a done publish into an error
        logger.exception("edge purge could not be queued: %s", " ".join(wanted))


def purge_on_commit(keys: Iterable[str]) -> None:
    """Purge `keys` once the current transaction commits (at once outside one)."""
    wanted = set(keys)
    transaction.on_commit(lambda: purge(wanted))

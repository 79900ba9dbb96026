"""The home page and section fronts kept as the bytes readers get: no template work per request.

A front's whole page (frame included) is kept in `StoredFront` under its address, with its
brotli and gzip copies and ETag (`articles.public.stored.common`, shared with story pages).
A request still resolves the front as it always did (`articles.fronts.resolve.live_front`:
the live layout version, then every story on it, two queries), so what the page would show
now is known; the stored bytes are served only when they were made from exactly that:

- the same live layout version (a front edit, a roll-back or a scheduled version going live
  changes it),
- the same stories in the same zones, each the same row version (PostgreSQL's `xmin` and
  `ctid` of its snapshot: a publish, an update, a correction, a picture swapped changes it),
  which also covers stories leaving (withdrawn, retracted: no longer found) and arriving
  (a new publish, a scheduled story going live, an embargo lifting: found from that moment),
- the same "Live" badges (`site_state`'s live coverage, read as the render reads it),
- the same frame (`stored_pages.frame_signature`: menu, footer, templates, SITE_URL), the
  same section name and description, and the same day (cards print "12:40 p.m." today and the
  date on other days).

All of it is a digest, `identity`: the read is one more query (by primary key), and a page
that no longer holds is rendered and kept again (`keep`), as a page cache refills. So a
stored front is never staler than a render would be, whatever path changed the data. After a
publish, withdrawal or front edit the worker re-makes the fronts it touched
(`store_fronts`), so the first reader after it does not pay for the render.
`PUBLIC_STORED_PAGES = False` turns it off with story pages.
"""

import functools
import hashlib
import inspect
import json
import logging

from django.conf import settings
from django.db import connections, router, transaction
from django.urls import resolve
from django.utils import timezone
from django_tasks import task

from articles.fronts.resolve import hydrate
from articles.models import PublishedArticle, StoredFront
from articles.public import queries as public_queries
from articles.public.stored import common as stored_bytes
from articles.public.stored import pages as stored_pages

logger = logging.getLogger("newsroom.stored_pages")

HOME, HOME_PATH = "home", "/"  # as articles.fronts.resolve names the home front


def identity(front, *, extra: str = "") -> str:
    """The digest of everything a rendered front shows (see the module's docstring);
    `extra`: what the view adds of its own (a section's name and description)."""
    live_paths = frozenset(public_queries.site_state().get("live_paths") or ())
    parts = [
        stored_pages.frame_signature(),
        _settings_digest(),
        timezone.localdate().isoformat(),
        f"{front.slug}:{front.version_id}:{front.older}",
        extra,
    ]
    for zone in front.zones:
        cards = ",".join(f"{s.pk}@{s.row_version}" for s in zone.stories)
        parts.append(f"{zone.key}|{zone.label}|{cards}")
    parts.append(",".join(sorted(s.url_path for s in front.stories if s.url_path in live_paths)))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


@functools.cache
def _settings_digest() -> str:
    """What the home page prints from the settings (its JSON-LD: logo, profiles; read once
    per process, as a deploy starts new ones)."""
    from articles.public import structured_data

    return hashlib.sha256(json.dumps(structured_data.home_jsonld()).encode()).hexdigest()[:16]


def serve(request, front, *, extra: str = "", render):
    """The front's page for `request`: the stored bytes if they still hold (one query), else
    `render(front)`'s response, kept for the next request. `front` is light when stored
    fronts are on (`live_front(light=enabled())`): its cards are read only to render it."""
    if not enabled():
        return render(front)
    from articles.public.page_cache import wanted_encodings

    wanted = wanted_encodings(request)
    digest = identity(front, extra=extra)
    found = look_up(request.path, digest, wanted)
    if found is not None:
        return stored_bytes.response_of(found, wanted)
    response = render(hydrate(front))
    keep(request.path, digest, response)
    return response


def enabled() -> bool:
    return stored_pages.enabled()


def look_up(path: str, digest: str, wanted: tuple[str, ...]) -> dict | None:
    """The stored front at `path` if it was made with `digest`: its ETag, Last-Modified and
    the byte columns `wanted` needs. One query."""
    columns = ("etag", "last_modified", *stored_bytes.copy_columns(wanted))
    table = StoredFront._meta.db_table
    sql = f"SELECT {', '.join(columns)} FROM {table} WHERE front = %s AND identity = %s"
    # Read where the front's stories are read (a replica for a reader), as story pages are.
    with connections[router.db_for_read(PublishedArticle)].cursor() as cursor:
        cursor.execute(sql, [path, digest])
        row = cursor.fetchone()
    return dict(zip(columns, row, strict=True)) if row else None


def keep(path: str, digest: str, response) -> bool:
    """Store `response`, the front at `path` just rendered, as made with `digest`."""
    fields = stored_bytes.fields_of(response)
    if fields is None:
        return False
    return stored_bytes.write(StoredFront(front=path, identity=digest, **fields))


# --- re-making after a change ---------------------------------------------------------------


def store_path(path: str) -> bool:
    """Make the front at `path` again if its stored page no longer holds (the view does it:
    it resolves the front, and renders and keeps it only when the digest changed)."""
    match = resolve(path)
    view = inspect.unwrap(match.func)  # the view itself: no page cache, no method check
    response = view(stored_bytes.reader_request(path), *match.args, **match.kwargs)
    return response.status_code == 200


def front_path(slug: str) -> str:
    """The address of the front `slug` ("home", or a section's slug)."""
    return HOME_PATH if slug == HOME else f"/{slug}/"


def front_paths(section_slugs=()) -> list[str]:
    """The home page and the fronts of these sections."""
    return [HOME_PATH, *(front_path(slug) for slug in sorted(set(section_slugs)) if slug)]


@task()
def store_fronts(paths: list[str]) -> int:
    """The task: make these fronts' pages again (after a publish or a front edit)."""
    made = 0
    for path in paths:
        try:
            made += store_path(path)
        except Exception:  # a section gone meanwhile: its front is a 404, nothing to keep
            logger.warning("front %s not stored", path, exc_info=True)
    return made


def queue_on_commit(paths: list[str]) -> None:
    """Re-make `paths` once the current transaction commits (PUBLIC_STORED_FRONTS_REMAKE:
    the test settings leave them to their next request)."""
    remake = getattr(settings, "PUBLIC_STORED_FRONTS_REMAKE", True)
    if remake and stored_pages.enabled() and paths:
        transaction.on_commit(lambda: _queue(paths))


def _queue(paths: list[str]) -> None:
    try:
        store_fronts.enqueue(paths)
    except Exception:  # a queue that is down leaves the fronts to be made on the next request
        logger.exception("stored fronts could not be queued: %s", paths)


def replace_on_change(sender, *, snapshots, **kwargs) -> None:
    """Receiver of `public_copy_changed`: the home page and the fronts of the changed stories'
    sections are made again after the commit."""
    queue_on_commit(front_paths(snapshot.section_slug for snapshot in snapshots))

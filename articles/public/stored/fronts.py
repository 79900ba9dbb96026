"""The home page and section fronts kept as the bytes readers get: no template work per request.

A front's whole page (frame included) is kept in `StoredFront` under its address, with its
brotli and gzip copies and ETag (`articles.public.stored.common`, shared with story pages).
A request still resolves the front as a render would (`articles.fronts.resolve`: the live
layout version, then every story on it, light: ids, addresses, times, row versions), so what
the page would show now is known; but it does so in ONE prepared statement that also reads
the stored page (`_read`): the layout a process last saw is remembered, the statement's UNION
is built from it, and the statement names the version it finds live, so a remembered layout
is used only while it is still the live one (else it is read again: one more query). The
stored bytes are served only when they were made from exactly what the front shows now:

- the same live layout version (a front edit, a roll-back or a scheduled version going live
  changes it; so does a write to the version's row, by its `xmin` and `ctid`),
- the same stories in the same zones, each the same row version (PostgreSQL's `xmin` and
  `ctid` of its snapshot: a publish, an update, a correction, a picture swapped changes it),
  which also covers stories leaving (withdrawn, retracted: no longer found) and arriving
  (a new publish, a scheduled story going live, an embargo lifting: found from that moment),
- the same "Live" badges (`site_state`'s live coverage, read as the render reads it),
- the same frame (`stored_pages.frame_signature`: menu, footer, templates, SITE_URL), the
  same section name and description, and the same day (cards print "12:40 p.m." today and the
  date on other days).

All of it is a digest, `identity`, compared with the one the stored page was made with (read
in the same statement); a page that no longer holds is rendered (its cards read: one more
query) and kept again (`keep`), as a page cache refills. So a stored front is never staler
than a render would be, whatever path changed the data. After a publish, withdrawal or front
edit the worker re-makes the fronts it touched (`store_fronts`), so the first reader after it
does not pay for the render.
`PUBLIC_STORED_PAGES = False` turns it off with story pages.
"""

import functools
import hashlib
import inspect
import json
import logging

from django.conf import settings
from django.db import router, transaction
from django.db.models.expressions import RawSQL
from django.urls import resolve
from django.utils import timezone
from django_tasks import task

from articles.fronts.resolve import LightCard, assemble, hydrate, live_front, plan
from articles.models import Front, FrontVersion, PublishedArticle, StoredFront
from articles.public import queries as public_queries
from articles.public.stored import common as stored_bytes
from articles.public.stored import pages as stored_pages

logger = logging.getLogger("newsroom.stored_pages")

HOME, HOME_PATH = "home", "/"  # as articles.fronts.resolve names the home front


def identity(front, *, extra: str = "", live_paths=None) -> str:
    """The digest of everything a rendered front shows (see the module's docstring);
    `extra`: what the view adds of its own (a section's name and description); `live_paths`:
    the addresses with running live coverage, if the caller has `site_state` at hand."""
    if live_paths is None:
        live_paths = public_queries.site_state().get("live_paths") or ()
    live_paths = frozenset(live_paths)
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


def serve(request, slug: str, *, section_slug: str, state: dict, extra: str = "", render):
    """The front `slug` for `request`, and the front resolved (for its edge keys): the
    stored bytes if they still hold, else `render(front)`'s response, kept for the next
    request. `state`: `site_state()` (the menu's sections, the live badges).

    One query in the steady state (`_read`): the live layout version, the front's stories and
    the stored page in one prepared statement."""
    sections = state["sections"]
    if not enabled():
        front = live_front(slug, section_slug=section_slug, sections=sections)
        return render(front), front
    from articles.public.page_cache import wanted_encodings

    wanted = wanted_encodings(request)
    front, found = _read(slug, request.path, section_slug, sections, wanted)
    digest = identity(front, extra=extra, live_paths=state.get("live_paths") or ())
    if found is not None and found["identity"] == digest:
        return stored_bytes.response_of(found, wanted), front
    response = render(hydrate(front))
    keep(request.path, digest, response)
    return response, front


def enabled() -> bool:
    return stored_pages.enabled()


# The live layout each front was last seen with, per process: (version id, its row's version,
# layout). The statement names the version it finds live, so a layout remembered here is
# used only while it is still the live one (`_read`).
_layouts: dict[str, tuple] = {}
_plans: dict[tuple, object] = {}
_FIELDS = ("id", "article_id", "published_at", "url_path", "row_version", "part")
_STORED = ("identity", "etag", "last_modified")


def _read(slug, path, section_slug, sections, wanted, *, now=None):
    """The front `slug` resolved light, and its stored page at `path` (None if none is kept;
    whether it holds is for its `identity` to tell). One statement while the live layout is
    the one remembered; when another version has gone live (a front edit, a roll-back, a
    scheduled version), its layout is read (one more query) and the statement runs again."""
    now = now or timezone.now()
    alias = router.db_for_read(PublishedArticle)
    for _attempt in range(3):
        known = _layouts.get(slug)
        if known is None:
            known = _layouts[slug] = _live_version(slug, now)
        version_id, stamp, layout = known
        shape = _plan(slug, known, section_slug, sections)
        if not shape.sql:
            break
        sql = _statement(shape.sql, wanted)
        row = stored_bytes.fetch_one(alias, sql, [slug, now, *shape.values(now), path])
        if (row[0], row[1]) != (version_id, stamp):
            _layouts.pop(slug, None)  # another version is live: read its layout
            continue
        columns = dict(zip(_FIELDS, row[2:8], strict=True))
        rows = map(LightCard, *(columns[name] or () for name in _FIELDS))
        front = assemble(shape, rows, slug=slug, now=now)
        front.version_id = version_id
        stored = (*_STORED, *stored_bytes.copy_columns(wanted))
        found = dict(zip(stored, row[8:], strict=True))
        return front, (found if found["etag"] is not None else None)
    # The live version changed under each attempt (or the layout reads no story): as before.
    return live_front(slug, section_slug=section_slug, sections=sections, now=now, light=True), None


def _plan(slug: str, known: tuple, section_slug: str, sections: list[dict]):
    """The light plan of the layout `known` (kept per process: working it out costs more than
    the query; the home page's rails follow the menu's sections, so they are part of its key)."""
    menu = () if section_slug else tuple((item["slug"], item["name"]) for item in sections)
    key = (slug, known[0], known[1], section_slug, menu)
    shape = _plans.get(key)
    if shape is None:
        if len(_plans) > 256:
            _plans.clear()
        layout = known[2]
        shape = _plans[key] = plan(layout, section_slug=section_slug, sections=sections, light=True)
    return shape


def _live_version(slug: str, now) -> tuple:
    """The live version of the front `slug`: its id, its row's version and its layout."""
    table = FrontVersion._meta.db_table
    row = (
        FrontVersion.objects.filter(front__slug=slug, live_from__lte=now)
        .order_by("-live_from", "-id")
        .annotate(stamp=RawSQL(f'"{table}".xmin::text || \':\' || "{table}".ctid::text', ()))
        .values_list("id", "stamp", "layout")
        .first()
    )
    return row if row else (None, None, {})


@functools.lru_cache(maxsize=256)
def _statement(union: str, wanted: tuple[str, ...]) -> str:
    """One statement for a front (its UNION's shape, the copies `wanted`): the live layout
    version and its row's version, the UNION's rows as arrays (in each part's order: newest
    first), and the stored page at the path. Parameters: the front's slug, the time, the
    UNION's, the path."""
    versions, fronts = FrontVersion._meta.db_table, Front._meta.db_table
    stored = ", ".join(f"s.{column}" for column in (*_STORED, *stored_bytes.copy_columns(wanted)))
    order = "ORDER BY u.part, u.published_at DESC, u.id DESC"
    arrays = ", ".join(f"array_agg(u.{name} {order}) AS all_{name}" for name in _FIELDS)
    return (
        f"SELECT v.id, v.stamp, r.*, {stored} FROM (SELECT 1) AS one "
        f"LEFT JOIN LATERAL (SELECT fv.id, fv.xmin::text || ':' || fv.ctid::text AS stamp "
        f"FROM {versions} fv INNER JOIN {fronts} f ON f.id = fv.front_id "
        f"WHERE f.slug = %s AND fv.live_from <= %s "
        f"ORDER BY fv.live_from DESC, fv.id DESC LIMIT 1) AS v ON TRUE "
        f"CROSS JOIN (SELECT {arrays} FROM ({union}) AS u) AS r "
        f"LEFT JOIN {StoredFront._meta.db_table} s ON s.front = %s"
    )


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

"""Story pages kept as the bytes readers get: a request for one does no template work.

A live story's whole page (the frame included: header, section menu, footer, the hashed
static addresses) is kept in `StoredPage` with its brotli and gzip copies, its ETag and its
Last-Modified, made by the same code as a rendered page (`rendering.render_story_page`).
A request reads it in one query, which also checks that it still holds:

- the snapshot is one readers may see now (live, its go-live and embargo passed): a stored
  page is never served for anything else, whatever is stored;
- the snapshot row is the one the page was made from (PostgreSQL's `xmin` and `ctid` of the
  row, which every write to it changes, by any path, even twice in one transaction);
- the frame is the same (`frame_signature`: the empty frame rendered, the project's
  templates and SITE_URL; a section renamed, a policy page added or a deploy changes it);
- the related cards shown are the same (the query brings their ids and update times).

When one of these fails the view renders the page as before and keeps the new bytes (`keep`):
the page is re-made on the first request after a change, as a page cache refills. A publish,
an unpublish or a withdrawal also drops the story's stored page in its transaction and
re-makes it after the commit (the `store_pages` task), and `articles.public.rerender`
re-makes the pages it re-renders. Stories with live coverage are rendered on every request
(their stream changes between publishes). `PUBLIC_STORED_PAGES = False` turns it all off.
"""

import functools
import hashlib
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import router, transaction
from django.db.models import BinaryField, Case, Exists, F, OuterRef, When
from django.db.models.expressions import RawSQL
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.template.utils import get_app_template_dirs
from django.utils import timezone
from django_tasks import task

from articles.models import LiveCoverage, PublicStatus, PublishedArticle, StoredPage
from articles.public import edge
from articles.public import queries as public_queries
from articles.public.cache import default_timeout, versioned_key
from articles.public.delivery import compression
from articles.public.rendering import render_story_page
from articles.public.stored import common as stored_bytes

logger = logging.getLogger("newsroom.stored_pages")

# What the query reads of the snapshot and of its related candidates.
_SNAPSHOT = ("id", "article_id", "status", "published_at", "embargo_until", "section_slug",
             "author_slugs", "tag_slugs")  # fmt: skip
_CARD = ("id", "updated_at", "tag_slugs")
_STORED = ("snapshot_version", "frame", "related", "etag", "last_modified")
# Stand-ins for the request's values while the SQL is compiled (as in queries.story_at).
_PATH, _NOW = "\x00stored-page-path", datetime(1900, 1, 1, tzinfo=UTC)


def enabled() -> bool:
    return bool(getattr(settings, "PUBLIC_STORED_PAGES", True))


@dataclass(frozen=True)
class Stored:
    """What `look_up` found: the page to serve (`response`), or, for a visible story whose
    page must be made again, what `keep` stores it under (`snapshot_id`, `version`,
    `frame`). All empty when the address is not a visible story without live coverage."""

    response: HttpResponse | None = None
    snapshot_id: int | None = None
    version: str = ""
    frame: str = ""


def look_up(path: str, *, encodings=compression.ENCODINGS, now: datetime | None = None) -> Stored:
    """The stored page at `path` if it still holds (one query), with the copies `encodings`
    ("" is the page as it is; see `page_cache.wanted_encodings`)."""
    if not enabled():
        return Stored()
    now = now or timezone.now()
    wanted = tuple(encodings)
    sql, params = _query(wanted)
    values = [path if p == _PATH else now if p == _NOW else p for p in params]
    row = stored_bytes.fetch_one(router.db_for_read(PublishedArticle), sql, values)
    if row is None:
        return Stored()
    found = dict(zip(_columns(wanted), row, strict=True))
    embargo = found["embargo_until"]
    if (
        found["status"] != PublicStatus.LIVE
        or found["published_at"] > now
        or (embargo is not None and embargo > now)
        or found["live"]
    ):
        return Stored()  # the view answers (404, 410, live coverage) as it always has
    frame = frame_signature()
    cards = public_queries.rank_related(
        [public_queries.json_row(card) for card in found["candidates"] or ()], found["tag_slugs"]
    )
    fresh = (
        found["etag"] is not None
        and found["snapshot_version"] == found["version"]
        and found["frame"] == frame
        and found["related"] == related_identity(cards)
    )
    if not fresh:
        return Stored(snapshot_id=found["id"], version=found["version"], frame=frame)
    return Stored(response=_response(found, wanted))


def _response(found: dict, wanted: tuple[str, ...]) -> HttpResponse:
    response = stored_bytes.response_of(found, wanted)
    edge.name_keys(
        response,
        edge.snapshot_keys(
            article_id=found["article_id"],
            section_slug=found["section_slug"],
            author_slugs=found["author_slugs"] or (),
            tag_slugs=found["tag_slugs"] or (),
        ),
    )
    return response


def _columns(wanted: tuple[str, ...]) -> tuple[str, ...]:
    return (*_SNAPSHOT, "candidates", "live", "version", *_STORED, *_copies(wanted))


def _copies(wanted: tuple[str, ...]) -> tuple[str, ...]:
    return stored_bytes.copy_columns(wanted)


@functools.cache
def _query(wanted: tuple[str, ...]) -> tuple[str, tuple]:
    """The lookup's SQL, compiled once per set of copies (compiling costs more than running)."""
    table = PublishedArticle._meta.db_table
    copies = [column for column in _copies(wanted) if column != "content"]
    if "" in wanted or len(copies) != 1:
        content = F("stored_page__content")
    else:  # the page as it is only where its one copy is missing
        content = Case(
            When(**{f"stored_page__{copies[0]}__isnull": True}, then=F("stored_page__content")),
            output_field=BinaryField(),
        )
    queryset = (
        PublishedArticle.objects.filter(url_path=_PATH)
        .annotate(
            candidates=public_queries.related_candidates(_NOW, _CARD),
            live=Exists(LiveCoverage.objects.filter(article=OuterRef("article"))),
            version=RawSQL(f'"{table}".xmin::text || \':\' || "{table}".ctid::text', ()),
            **{f"page_{name}": F(f"stored_page__{name}") for name in _STORED},
            **{f"page_{column}": F(f"stored_page__{column}") for column in copies},
            page_content=content,
        )
        .order_by()
        .values_list(
            *_SNAPSHOT,
            "candidates",
            "live",
            "version",
            *(f"page_{name}" for name in _STORED),
            *(f"page_{column}" for column in copies),
            "page_content",
        )
    )
    return queryset.query.sql_with_params()


def related_identity(cards) -> str:
    """The related cards a page shows, as ids and update times (cards or JSON rows)."""
    parts = []
    for card in cards:
        if isinstance(card, dict):
            parts.append(f"{card['id']}@{datetime.fromisoformat(card['updated_at']).isoformat()}")
        else:
            parts.append(f"{card.pk}@{card.updated_at.isoformat()}")
    return ",".join(parts)


# --- the frame --------------------------------------------------------------------------


def frame_signature() -> str:
    """What a story page shows of the site around the story, as a digest: the empty frame
    (`base.html`: section menu, footer links, static addresses), SITE_URL, and the project's
    templates. Kept under the public cache version, which a section or policy change bumps."""
    key = versioned_key("stored-page-frame:" + settings.SITE_URL)
    signature = cache.get(key)
    if signature is None:
        shell = render_to_string(
            "base.html", {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL}
        )
        source = f"{templates_digest()}|{settings.SITE_URL}|{settings.SITE_NAME}|{shell}"
        signature = hashlib.sha256(source.encode()).hexdigest()[:32]
        cache.set(key, signature, default_timeout())
    return signature


@functools.cache
def templates_digest() -> str:
    """The project's own templates (read once per process: a deploy starts new ones)."""
    digest = hashlib.sha256()
    folders = [Path(folder) for engine in settings.TEMPLATES for folder in engine.get("DIRS", ())]
    folders += [
        Path(folder)
        for folder in get_app_template_dirs("templates")
        if "site-packages" not in Path(folder).parts
    ]
    for folder in folders:
        for path in sorted(folder.rglob("*.html")):
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


# --- keeping pages ------------------------------------------------------------------------


def keep(stored: Stored, response, *, related) -> bool:
    """Store `response`, a story page just rendered, under what `look_up` found (nothing when
    it found no page to make). Never fails the request: a write that fails is logged."""
    if stored.snapshot_id is None:
        return False
    fields = stored_bytes.fields_of(response)
    if fields is None:
        return False
    page = StoredPage(
        snapshot_id=stored.snapshot_id,
        snapshot_version=stored.version,
        frame=stored.frame,
        related=related_identity(related),
        **fields,
    )
    return stored_bytes.write(page)


def store_path(path: str) -> bool:
    """Make and keep the page at `path` if it is a visible story whose page does not hold."""
    stored = look_up(path)
    if stored.snapshot_id is None:
        return False
    found = public_queries.story_at(path)
    if found.story is None:
        return False
    response = render_story_page(stored_bytes.reader_request(path), found.story, found.related)
    return keep(stored, response, related=found.related)


def store(snapshot_ids) -> int:
    """Make the pages of these snapshots that need it; how many were made."""
    if not enabled():
        return 0
    paths = PublishedArticle.objects.filter(pk__in=list(snapshot_ids)).values_list(
        "url_path", flat=True
    )
    return sum(store_path(path) for path in paths)


@task()
def store_pages(snapshot_ids: list[int]) -> int:
    """The task: make these snapshots' pages again (after a publish, from the queue)."""
    return store(snapshot_ids)


def replace_on_change(sender, *, snapshots, **kwargs) -> None:
    """Receiver of `public_copy_changed`, in the change's transaction: the stories' stored
    pages go with it, and are made again once it is committed."""
    ids = sorted({snapshot.pk for snapshot in snapshots if snapshot.pk})
    if not ids:
        return
    StoredPage.objects.filter(snapshot_id__in=ids).delete()
    if enabled():
        transaction.on_commit(lambda: _queue(ids))


def _queue(ids: list[int]) -> None:
    try:
        store_pages.enqueue(ids)
    except Exception:  # a queue that is down leaves the pages to be made on the next request
        logger.exception("stored pages could not be queued: %s", ids)

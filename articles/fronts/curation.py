"""Every change to a front: the editor's draft (fill, pin, reorder, empty, a zone's rule),
publishing it now or at a time, rolling back to an earlier version, cancelling a schedule.

Each service checks the permission itself (`articles.fronts.permissions`), so the admin, a
crafted POST and a shell get the same answer, and locks the front's row, so two editors'
changes apply one after the other. Publishing writes a `FrontVersion` (the history: who,
when, what) and, after the commit, drops the page cache and purges exactly that front's key
at the edge. A scheduled version needs no job: until it goes live, no cached page (server,
browser or edge) outlives its time (`articles.public.queries.site_state` counts it as a
go-live), and the purge at scheduling time makes the edge learn that.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from articles.fronts import layout as layouts
from articles.fronts.layout import LayoutError
from articles.fronts.permissions import can_edit_fronts
from articles.fronts.resolve import HOME, live_layout
from articles.models import Front, FrontVersion, PublicStatus, PublishedArticle, Section
from articles.public import cache, edge
from articles.public.stored import fronts as stored_fronts
from newsroom.time_zone import newsroom_time

NOTE_LENGTH = 200
SEARCH_RESULTS = 10


class FrontPermissionError(PermissionDenied):
    """The user may look at fronts but not change them."""


def _require_editor(user) -> None:
    if not can_edit_fronts(user):
        raise FrontPermissionError("Only editors change fronts; you can look at them.")


def ensure_fronts() -> None:
    """A front for the home page and for every section (idempotent: creates what is missing)."""
    Front.objects.get_or_create(slug=HOME, defaults={"name": "Home page"})
    have = set(Front.objects.filter(section__isnull=False).values_list("section_id", flat=True))
    for section in Section.objects.exclude(pk__in=have):
        Front.objects.get_or_create(
            slug=section.slug, defaults={"name": section.name, "section": section}
        )


def sections() -> list[dict]:
    return list(Section.objects.values("name", "slug"))


def specs_of(front: Front, section_list: list[dict] | None = None) -> list[layouts.ZoneSpec]:
    section_slug = "" if front.is_home else front.slug
    return layouts.zone_specs(section_slug, sections() if section_list is None else section_list)


def labels_of(specs) -> dict[str, str]:
    return {spec.key: spec.label for spec in specs}


def draft_of(front: Front, specs=None, *, now: datetime | None = None) -> dict:
    """The layout an editor is changing: the draft, or the live layout before the first change."""
    specs = specs or specs_of(front)
    stored = front.draft or live_layout(front.slug, now=now or timezone.now())[1]
    return layouts.normalized(stored, specs)


def has_unpublished_changes(front: Front, *, now: datetime | None = None) -> bool:
    if not front.draft:
        return False
    specs = specs_of(front)
    live = live_layout(front.slug, now=now or timezone.now())[1]
    return layouts.normalized(front.draft, specs) != layouts.normalized(live, specs)


def _locked(front: Front) -> Front:
    return Front.objects.select_for_update().get(pk=front.pk)


def _save_draft(user, front: Front, layout: dict) -> Front:
    front.draft = layout
    front.draft_changed_at = timezone.now()
    front.draft_changed_by = user
    front.save(update_fields=["draft", "draft_changed_at", "draft_changed_by"])
    return front


def _placeable(story_id: int | None) -> PublishedArticle:
    """A story editors may place: one with a live snapshot (now, or scheduled to go live)."""
    found = (
        PublishedArticle.objects.filter(article_id=story_id, status=PublicStatus.LIVE)
        .only("id", "article_id", "headline")
        .first()
        if story_id is not None
        else None
    )
    if found is None:
        raise LayoutError(
            "No published story has that number: choose one from the search results.",
            code="no_story",
        )
    return found


@transaction.atomic
def change_slot(
    user, front: Front, *, action: str, zone: str, index: int, story: int | None = None
) -> Front:
    """fill (with `story`), pin, unpin, up, down or empty one slot of the draft."""
    _require_editor(user)
    front = _locked(front)
    specs = specs_of(front)
    labels = labels_of(specs)
    draft = draft_of(front, specs)
    if action == "fill":
        draft = layouts.fill(draft, zone, index, _placeable(story).article_id, labels=labels)
    elif action in ("pin", "unpin"):
        draft = layouts.set_pinned(draft, zone, index, action == "pin", labels=labels)
    elif action in ("up", "down"):
        draft = layouts.move(draft, zone, index, -1 if action == "up" else 1, labels=labels)
    elif action == "empty":
        draft = layouts.empty(draft, zone, index, labels=labels)
    else:
        raise LayoutError("Unknown change to a slot.", code="no_action")
    return _save_draft(user, front, draft)


@transaction.atomic
def set_zone_rule(user, front: Front, *, zone: str, section: str, tag: str, kind: str) -> Front:
    """The rule that fills a zone's empty slots (section, tag, type of work; blank: any)."""
    _require_editor(user)
    front = _locked(front)
    specs = specs_of(front)
    draft = layouts.set_rule(
        draft_of(front, specs),
        zone,
        section=section,
        tag=tag,
        kind=kind,
        sections={item["slug"] for item in sections()},
        labels=labels_of(specs),
    )
    return _save_draft(user, front, draft)


@transaction.atomic
def discard_draft(user, front: Front) -> Front:
    """Forget the draft's changes: the editor starts again from what readers see."""
    _require_editor(user)
    front = _locked(front)
    front.draft = {}
    front.save(update_fields=["draft"])
    return front


def _announce(front: Front) -> None:
    """After the commit: every cached page goes, and the edge drops exactly this front."""
    transaction.on_commit(cache.invalidate_public_cache)
    edge.purge_on_commit({edge.front_key(front.slug)})
    # The stored front (articles.public.stored.fronts) is made again by the worker.
    stored_fronts.queue_on_commit([stored_fronts.front_path(front.slug)])


@transaction.atomic
def publish_front(
    user, front: Front, *, live_from: datetime | None = None, note: str = "", now=None
) -> FrontVersion:
    """Put the draft live now, or at `live_from` (scheduled). Returns the new version."""
    _require_editor(user)
    now = now or timezone.now()
    front = _locked(front)
    if live_from is not None and live_from <= now:
        raise LayoutError(
            f"{newsroom_time(live_from, now=now)} has passed: choose a later time, or publish now.",
            code="past",
        )
    version = FrontVersion.objects.create(
        front=front,
        layout=draft_of(front, now=now),
        live_from=live_from or now,
        created_by=user,
        note=note.strip()[:NOTE_LENGTH],
    )
    front.draft = {}
    front.save(update_fields=["draft"])
    _announce(front)
    return version


@transaction.atomic
def rollback_front(user, front: Front, *, version_id: int | None, now=None) -> FrontVersion:
    """Put an earlier version's layout back live now, as a new version that says so."""
    _require_editor(user)
    now = now or timezone.now()
    front = _locked(front)
    earlier = (
        front.versions.filter(pk=version_id, live_from__lte=now).first() if version_id else None
    )
    if earlier is None:
        raise LayoutError("This front has no such earlier version.", code="no_version")
    version = FrontVersion.objects.create(
        front=front,
        layout=earlier.layout,
        live_from=now,
        created_by=user,
        note=f"Rolled back to the version of {newsroom_time(earlier.live_from, now=now)}",
        rolled_back_to=earlier,
    )
    front.draft = {}
    front.save(update_fields=["draft"])
    _announce(front)
    return version


@transaction.atomic
def cancel_scheduled(user, front: Front, *, version_id: int | None, now=None) -> None:
    """Take back a scheduled version before its time (it is deleted: readers never saw it)."""
    _require_editor(user)
    now = now or timezone.now()
    front = _locked(front)
    deleted, _ = front.versions.filter(pk=version_id, live_from__gt=now).delete()
    if not deleted:
        raise LayoutError(
            "That version is not waiting to go live (it may have gone live already).",
            code="not_scheduled",
        )
    _announce(front)


@dataclass(frozen=True)
class HistoryLine:
    version: FrontVersion
    state: str  # "live", "scheduled" or "earlier"


def front_history(front: Front, *, now=None, limit: int = 30) -> list[HistoryLine]:
    """The front's versions, newest first, each marked live, scheduled or earlier."""
    now = now or timezone.now()
    versions = list(front.versions.select_related("created_by")[:limit])
    live_id = next((v.pk for v in versions if v.live_from <= now), None)
    return [
        HistoryLine(
            v, "scheduled" if v.live_from > now else "live" if v.pk == live_id else "earlier"
        )
        for v in versions
    ]


def stories_to_place(query: str, *, limit: int = SEARCH_RESULTS) -> list[PublishedArticle]:
    """Published stories (live or scheduled) whose headline holds `query`, or whose number it
    is, newest first: the editor's search box."""
    words = query.strip()[:200]
    if not words or "\x00" in words:
        return []
    found = PublishedArticle.objects.filter(status=PublicStatus.LIVE).only(
        "id", "article_id", "headline", "section_name", "published_at", "url_path"
    )
    condition = {"headline__icontains": words}
    if words.isascii() and words.isdigit() and len(words) <= 18:
        return list(found.filter(article_id=int(words))[:1]) or list(
            found.filter(**condition).order_by("-published_at")[:limit]
        )
    return list(found.filter(**condition).order_by("-published_at")[:limit])

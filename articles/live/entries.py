"""Every write of a live entry: filing, publishing, editing, pinning, key events, deleting.

Each service checks its permission (`articles.live.permissions`), locks the entry's row,
records a `LiveEntryChange` with the text as it was, and, when readers' copy changed, purges
after the commit (`articles.live.purge`). Publishing copies the working text into the
public fields after the standards gate (asked through `articles.sourcing`) and the picture's
checks (`articles.live.pictures`) let it out, with readers' copy of the entry's own sources
and picture. An entry's sources are the sources app's (asked through `articles.sourcing`);
a new entry whose only obstacle is an anonymous source waiting for approval is filed and
held, not lost: `entry.held` says why.
"""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from articles.embeds import providers as embeds
from articles.live import cards, permissions, pictures, purge
from articles.live.errors import LiveError, LivePermissionError
from articles.live.text import (
    HEADLINE_MAX,
    NOTE_MAX,
    clean_body,
    clean_plain,
    embed_figure,
    has_words,
)
from articles.models import (
    Article,
    CoverageState,
    EntryStatus,
    Image,
    LiveCoverage,
    LiveEntry,
    LiveEntryChange,
)
from articles.sourcing import answers as sourcing
from articles.workflow.errors import StandardsBlocked
from newsroom.people import display_name

FILED = "filed"
PUBLISHED = "published"
PUBLISHED_DIRECTLY = "published_directly"  # by a reporter, on a story open to reporters
REPUBLISHED = "republished"
EDITED = "edited"
DELETED = "deleted"
PINNED, UNPINNED = "pinned", "unpinned"
KEY_EVENT, NOT_KEY_EVENT = "key_event", "not_key_event"
KEY_EVENTS_ORDERED = "key_events_ordered"
BROKEN_OUT = "broken_out"
PICTURE_CHANGED = "picture_changed"
# A publish refused only for these findings files the entry and holds it for an editor.
HOLDING_FINDINGS = {"anon_not_approved", "anon_identity_unknown_to_editors"}
CHANGE_LABELS = {
    FILED: "filed",
    PUBLISHED: "published",
    PUBLISHED_DIRECTLY: "published directly (story open to reporters)",
    REPUBLISHED: "update published",
    EDITED: "edited",
    DELETED: "deleted",
    PINNED: "pinned",
    UNPINNED: "unpinned",
    KEY_EVENT: "marked a key event",
    NOT_KEY_EVENT: "no longer a key event",
    KEY_EVENTS_ORDERED: "key events reordered",
    BROKEN_OUT: "broken out into a story",
    PICTURE_CHANGED: "picture changed",
}


def _name(user) -> str:
    return display_name(user, "Nobody signed in")


def record_change(entry: LiveEntry, user, action: str, note: str = "", *, now=None) -> None:
    LiveEntryChange.objects.create(
        entry=entry,
        actor=user if getattr(user, "pk", None) else None,
        action=action,
        headline=entry.headline,
        body_html=entry.body_html,
        note=note,
        created_at=now or timezone.now(),
    )


def lock_entry(entry: LiveEntry) -> LiveEntry:
    """Lock the entry's row and read it afresh, with its coverage (another request may have won)."""
    locked = LiveEntry.objects.select_for_update().select_related("coverage").get(pk=entry.pk)
    entry.__dict__.update(
        {f.attname: getattr(locked, f.attname) for f in LiveEntry._meta.concrete_fields}
    )
    entry.coverage = locked.coverage
    return entry


def _words(*, headline, body, correction, linked_story, embed: str) -> dict:
    """The entry's cleaned fields; `embed` is the figure to keep after the text ("": none)."""
    words = {
        "headline": clean_plain(headline, field="headline", limit=HEADLINE_MAX),
        "body_html": clean_body(body),
        "correction": clean_plain(correction, field="correction", limit=NOTE_MAX),
    }
    if not has_words(words["body_html"]) and linked_story is None:
        raise LiveError("Write the entry's text before filing it.", code="text_missing")
    words["body_html"] += embed
    return words


def _go_public(entry: LiveEntry, user, *, now, directly: bool) -> None:
    """Copy the working text, sources and picture to readers' copy, after the picture's
    checks and the standards gate let it out."""
    pictures.check_picture(entry.image, now=now)
    sourcing().check_live_entry(entry=entry, user=user)
    first = entry.status != EntryStatus.PUBLISHED
    entry.public_headline = entry.headline
    entry.public_html = entry.body_html
    entry.public_correction = entry.correction
    entry.public_sourcing = sourcing().public_entry_sourcing(entry)
    entry.public_image = pictures.public_picture(entry.image)
    entry.status = EntryStatus.PUBLISHED
    entry.has_unpublished_changes = False
    if first:
        entry.published_at = now
        entry.published_by = user
        action = PUBLISHED_DIRECTLY if directly else PUBLISHED
    else:
        entry.public_updated_at = now
        action = REPUBLISHED
    cards.keep(entry)
    entry.save()
    note = f"open to reporters by {_name(entry.coverage.opened_by)}" if directly else ""
    record_change(entry, user, action, note, now=now)
    purge.live_changed(entry.coverage.article_id)


def _refuse_publish(user, entry: LiveEntry) -> None:
    if entry.status == EntryStatus.DELETED:
        raise LiveError(
            "This entry was deleted: it stays in the history, never again for readers.",
            code="entry_deleted",
        )
    if entry.coverage.state == CoverageState.ENDED:
        raise LiveError("The coverage has ended: its stream is frozen.", code="coverage_ended")
    if not permissions.can_publish(user, entry):
        raise LivePermissionError(
            f"{_name(user)} may not publish entries on this story: an editor publishes them, "
            "unless an editor opens the story to reporters. File it for an editor instead."
        )


@transaction.atomic
def file_entry(
    *,
    user,
    coverage: LiveCoverage,
    headline: str = "",
    body: str = "",
    correction: str = "",
    linked_story: Article | None = None,
    sources: list[dict] = (),
    image: Image | None = None,
    embed: str = "",
    embed_caption: str = "",
    embed_credit: str = "",
    publish: bool = False,
    now=None,
) -> LiveEntry:
    """File a new entry on `coverage` with its `sources` (see `Sourcing.add_entry_sources`),
    `image` and `embed` (an outside player's address, with its caption and credit:
    `text.embed_figure`); with `publish`, publish it in the same step.

    Nothing is saved when any check refuses (the text, the permission, a source, the
    standards): the caller still has what was typed and the refusal says why. One exception:
    an anonymous source waiting for an editor's approval files the entry and holds it
    (`entry.held`, the reason), for the editor to approve and publish."""
    coverage = LiveCoverage.objects.select_for_update().get(pk=coverage.pk)
    if not permissions.can_file(user, coverage):
        if coverage.state == CoverageState.ENDED:
            raise LiveError("The coverage has ended: its stream is frozen.", code="coverage_ended")
        raise LivePermissionError(f"{_name(user)} may not file entries on this story.")
    now = now or timezone.now()
    entry = LiveEntry(
        coverage=coverage,
        author=user,
        author_name=_name(user),
        linked_story=linked_story,
        image=image,
        filed_at=now,
        **_words(
            headline=headline,
            body=body,
            correction=correction,
            linked_story=linked_story,
            embed=embed_figure(embed, caption=embed_caption, credit=embed_credit),
        ),
    )
    if publish:
        _refuse_publish(user, entry)
    entry.save()
    record_change(entry, user, FILED, now=now)
    if sources:
        sourcing().add_entry_sources(entry=entry, user=user, sources=list(sources))
    entry.held = ""
    if publish:
        directly = permissions.publishes_directly(user, coverage)
        try:
            _go_public(entry, user, now=now, directly=directly)
        except StandardsBlocked as blocked:
            # The gate refuses before anything is written: the entry stays filed.
            if not blocked.findings or any(
                f.code not in HOLDING_FINDINGS for f in blocked.findings
            ):
                raise
            entry.held = (
                "Filed and held: it goes out once an editor approves its anonymous source. "
                + " ".join(f.message for f in blocked.findings)
            )
    return entry


@transaction.atomic
def publish_entry(*, user, entry: LiveEntry, now=None) -> LiveEntry:
    """Publish a filed entry, or an edit waiting on a published one ("Updated" for readers)."""
    lock_entry(entry)
    _refuse_publish(user, entry)
    if entry.status == EntryStatus.PUBLISHED and not entry.has_unpublished_changes:
        raise LiveError("Readers already see this entry as it is.", code="nothing_to_publish")
    directly = permissions.publishes_directly(user, entry.coverage)
    _go_public(entry, user, now=now or timezone.now(), directly=directly)
    return entry


@transaction.atomic
def edit_entry(
    *,
    user,
    entry: LiveEntry,
    headline: str = "",
    body: str = "",
    correction: str = "",
    image: Image | None | bool = False,
    embed: str | None = None,
    embed_caption: str = "",
    embed_credit: str = "",
    publish: bool = False,
    now=None,
) -> LiveEntry:
    """Change an entry's text, its picture unless `image` is False, and its outside player
    (with its caption and credit) unless `embed` is None ("" takes it off; history keeps the
    old text). A published entry keeps showing readers its old text and picture until the
    edit is published (`publish`: in the same step)."""
    lock_entry(entry)
    if not permissions.can_edit(user, entry):
        raise LivePermissionError(
            f"{_name(user)} may not edit this entry: a reporter edits their own entry until "
            "it is published; editors edit any."
        )
    if embed is None:
        kept = embeds.FIGURE.search(entry.body_html or "")
        figure = kept[0] if kept else ""
    else:
        figure = embed_figure(embed, caption=embed_caption, credit=embed_credit)
    words = _words(
        headline=headline,
        body=body,
        correction=correction,
        linked_story=entry.linked_story,
        embed=figure,
    )
    if publish:
        _refuse_publish(user, entry)
    now = now or timezone.now()
    changed = any(getattr(entry, name) != value for name, value in words.items())
    for name, value in words.items():
        setattr(entry, name, value)
    new_picture = image is not False and getattr(image, "pk", None) != entry.image_id
    if new_picture:
        entry.image = image
    if changed or new_picture:
        entry.has_unpublished_changes = (
            entry.has_unpublished_changes or entry.status == EntryStatus.PUBLISHED
        )
        entry.save()
        if changed:
            record_change(entry, user, EDITED, now=now)
        if new_picture:
            record_change(entry, user, PICTURE_CHANGED, str(image or "none"), now=now)
    if publish and (entry.status != EntryStatus.PUBLISHED or entry.has_unpublished_changes):
        _go_public(
            entry, user, now=now, directly=permissions.publishes_directly(user, entry.coverage)
        )
    return entry


def _arrange(user, entry: LiveEntry, what: str) -> None:
    lock_entry(entry)
    if not permissions.can_arrange(user, entry):
        raise LivePermissionError(f"{_name(user)} may not {what}: editors do.")
    if entry.coverage.state == CoverageState.ENDED and what != "delete entries":
        raise LiveError("The coverage has ended: its stream is frozen.", code="coverage_ended")


@transaction.atomic
def delete_entry(*, user, entry: LiveEntry, reason: str = "", now=None) -> LiveEntry:
    """Take an entry off every public address; its text and history stay for the newsroom."""
    reason = clean_plain(reason, field="reason", limit=NOTE_MAX)
    _arrange(user, entry, "delete entries")
    was_public = entry.status == EntryStatus.PUBLISHED
    now = now or timezone.now()
    entry.status = EntryStatus.DELETED
    entry.deleted_at = now
    entry.pinned = entry.key_event = False
    cards.keep(entry)  # none: readers never see it again
    entry.save()
    record_change(entry, user, DELETED, reason, now=now)
    if was_public:
        purge.live_changed(entry.coverage.article_id)
    return entry


@transaction.atomic
def set_pinned(*, user, entry: LiveEntry, pinned: bool, now=None) -> LiveEntry:
    """Pin an entry above the stream (or unpin it)."""
    _arrange(user, entry, "pin entries")
    if entry.pinned != pinned:
        entry.pinned = pinned
        entry.save(update_fields=["pinned", *cards.keep(entry)])
        record_change(entry, user, PINNED if pinned else UNPINNED, now=now)
        if entry.is_public:
            purge.live_changed(entry.coverage.article_id)
    return entry


@transaction.atomic
def set_key_event(*, user, entry: LiveEntry, key_event: bool, now=None) -> LiveEntry:
    """List an entry under "What we know" (last of the key events), or take it off."""
    _arrange(user, entry, "mark key events")
    if entry.key_event != key_event:
        entry.key_event = key_event
        if key_event:
            top = LiveEntry.objects.filter(coverage=entry.coverage, key_event=True).aggregate(
                top=Max("key_position")
            )["top"]
            entry.key_position = (top or 0) + 1
        entry.save(update_fields=["key_event", "key_position", *cards.keep(entry)])
        record_change(entry, user, KEY_EVENT if key_event else NOT_KEY_EVENT, now=now)
        if entry.is_public:
            purge.live_changed(entry.coverage.article_id)
    return entry


@transaction.atomic
def move_key_event(*, user, entry: LiveEntry, up: bool, now=None) -> LiveEntry:
    """Move a key event one place up or down in "What we know"."""
    _arrange(user, entry, "order key events")
    if not entry.key_event:
        raise LiveError("This entry is not a key event.", code="not_key_event")
    events = list(
        LiveEntry.objects.select_for_update()
        .filter(coverage=entry.coverage, key_event=True)
        .order_by("key_position", "id")
    )
    at = next(i for i, e in enumerate(events) if e.pk == entry.pk)
    other = at - 1 if up else at + 1
    if 0 <= other < len(events):
        events[at], events[other] = events[other], events[at]
        for position, event in enumerate(events, start=1):
            if event.key_position != position:
                event.key_position = position
                event.save(update_fields=["key_position"])
        record_change(entry, user, KEY_EVENTS_ORDERED, now=now)
        purge.live_changed(entry.coverage.article_id)
    entry.refresh_from_db(fields=["key_position"])
    return entry

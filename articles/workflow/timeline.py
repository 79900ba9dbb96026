"""A story's history as one timeline: revisions, workflow events and editorial notes, newest first.

A selector (a read, no writes): the story page's history panel shows it, and anything else
that wants a story's history in time order asks here rather than merging the three itself.
"""

from dataclasses import dataclass
from datetime import datetime

from articles.models import Article
from articles.workflow import revisions
from articles.workflow.events import EVENT_LABELS


@dataclass(frozen=True)
class TimelineEntry:
    """One line of the timeline. `kind` is "revision", "event" or "note"; the fields after
    `text` belong to one kind each (a revision's number, an event's move)."""

    kind: str
    at: datetime
    who: object  # the user, or None (a scheduled go-live has no actor)
    text: str
    number: int | None = None
    version_id: int | None = None
    action: str = ""
    from_state: str = ""
    to_state: str = ""
    scheduled_for: datetime | None = None


def story_timeline(*, article: Article, versions=None) -> list[TimelineEntry]:
    """Every revision, workflow event and editorial note of `article`, newest first.

    `versions` are `revisions.numbered_versions(article)` when the caller has them already."""
    if versions is None:
        versions = revisions.numbered_versions(article)
    entries = [_revision_entry(number, version) for number, version in versions]
    entries += [_event_entry(event) for event in article.events.select_related("actor")]
    entries += [
        TimelineEntry(kind="note", at=note.created_at, who=note.author, text=note.text)
        for note in article.notes.select_related("author")
    ]
    # Stable: entries at the same instant keep revisions, then events, then notes.
    entries.sort(key=lambda entry: entry.at, reverse=True)
    return entries


def _revision_entry(number: int, version) -> TimelineEntry:
    revision = version.revision
    return TimelineEntry(
        kind="revision",
        at=revision.date_created,
        who=revision.user,
        text=revision.comment,
        number=number,
        version_id=version.pk,
    )


def _event_entry(event) -> TimelineEntry:
    return TimelineEntry(
        kind="event",
        at=event.created_at,
        who=event.actor,
        text=event.note,
        action=EVENT_LABELS.get(event.action, event.action),
        from_state=event.get_from_state_display(),
        to_state=event.get_to_state_display(),
        scheduled_for=event.scheduled_for,
    )

"""Presence: who else has a story open, and what happened to it since this page was opened.

Each open story page sends a heartbeat every `HEARTBEAT_SECONDS`
(static/js/admin-story-presence.js). A heartbeat keeps one `StoryPresence` row per (story,
person) alive and answers, for that page:

- who else has the story open ("Ana Ruiz is editing, since 10:02"); a row not seen for
  `EXPIRES_AFTER` counts as gone (a closed tab stops its heartbeat) and is deleted;
- whether someone saved a newer version than the one the page's form was opened at, who and
  when: the page says so at once and offers the merge view (`articles.collaboration.merge`); the
  optimistic lock (`workflow.save_article`) still refuses a stale save;
- whether someone else took over editing since this person opened the story
  (`take_over` records it in the story's history).

Between heartbeats, an open and visible page asks only the story's version every
`POLL_SECONDS` (`saved_version`: one indexed read of one column), so "Ana Ruiz saved a newer
version" shows within about two seconds; when the version moved, the page sends a heartbeat
at once for the who and when. A hidden tab does not poll. A short poll rather than a held
connection (server-sent events) because the same sync workers serve the public site.

Nothing here is a lock: anyone who may edit still may save. Who may send a heartbeat, or
poll, is who may see the story (`articles.workflow.permissions.can_view`).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from articles.models import Article, StoryPresence, WorkflowEvent
from articles.workflow import permissions, revisions
from articles.workflow.errors import WorkflowError, WorkflowPermissionError
from articles.workflow.events import TAKE_OVER, record
from articles.workflow.states import lock, user_name
from newsroom.ids import parse_id
from newsroom.people import display_name

HEARTBEAT_SECONDS = 15
# How often a visible page asks whether the story was saved (the "someone saved" notice).
POLL_SECONDS = 1.5
# Three missed heartbeats: the page is closed (or its computer asleep).
EXPIRES_AFTER = timedelta(seconds=45)
MAX_VERSION = 2**31 - 1


class PresenceRefused(Exception):
    """A heartbeat not taken, with the sentence to show and the HTTP status that fits."""

    def __init__(self, message: str, *, code: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.code = code
        self.status = status


def clock_label(moment: datetime) -> str:
    """ "10:02" in the newsroom's time zone (with the day when it is not today)."""
    local, today = timezone.localtime(moment), timezone.localdate()
    if local.date() == today:
        return f"{local:%H:%M}"
    return f"{local:%b} {local.day}, {local:%H:%M}"


def parse_version(value) -> int:
    """The story version a page says its form was opened at; refuses anything else."""
    version = parse_id(value)
    if version is None:
        raise PresenceRefused(
            "The story's version sent by the page is not a number; reload the story.",
            code="bad_version",
        )
    if not 0 < version <= MAX_VERSION:
        raise PresenceRefused(
            "The story's version sent by the page is out of range; reload the story.",
            code="bad_version",
        )
    return version


def check_may_be_present(user, article: Article) -> None:
    if not permissions.can_view(user, article):
        raise PresenceRefused(
            "You may not see this story, so you are not shown as having it open.",
            code="permission_denied",
            status=403,
        )


@dataclass(frozen=True)
class Other:
    """Someone else with the story open."""

    name: str
    since: datetime
    editing: bool  # may edit it (else they are reading)

    @property
    def sentence(self) -> str:
        doing = "is editing" if self.editing else "has it open"
        return f"{self.name} {doing}, since {clock_label(self.since)}"


def others_present(article: Article, user, *, now: datetime | None = None) -> list[Other]:
    """Everyone but `user` whose page of `article` sent a heartbeat recently, first opened first."""
    now = now or timezone.now()
    rows = (
        StoryPresence.objects.filter(article=article, last_seen__gte=now - EXPIRES_AFTER)
        .exclude(user=user)
        .select_related("user")
        .order_by("opened_at", "pk")
    )
    return [
        Other(
            name=display_name(row.user, "Someone"),
            since=row.opened_at,
            editing=permissions.can_edit(row.user, article),
        )
        for row in rows
    ]


def is_present(article: Article, user, *, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return StoryPresence.objects.filter(
        article=article, user=user, last_seen__gte=now - EXPIRES_AFTER
    ).exists()


@transaction.atomic
def heartbeat(user, article: Article, *, now: datetime | None = None) -> StoryPresence:
    """Note that `user` has `article` open now. A page back after its row expired is a new
    opening (its "since" starts again); expired rows of the story are deleted."""
    check_may_be_present(user, article)
    now = now or timezone.now()
    StoryPresence.objects.filter(article=article, last_seen__lt=now - EXPIRES_AFTER).delete()
    # One upsert, not a read then a save: another person's heartbeat may delete this row (as
    # expired by its slightly later clock) between the two, and the save would find no row.
    StoryPresence.objects.bulk_create(
        [StoryPresence(article=article, user=user, opened_at=now, last_seen=now)],
        update_conflicts=True,
        unique_fields=["article", "user"],
        update_fields=["last_seen"],
    )
    return StoryPresence.objects.get(article=article, user=user)


def saved_version(user, pk: int) -> int | None:
    """The story's saved version (None: no such story), for the short poll of an open page."""
    if not permissions.can_view(user):
        raise PresenceRefused(
            "You may not see this story, so its version is not told.",
            code="permission_denied",
            status=403,
        )
    found = Article.objects.filter(pk=pk).order_by().values_list("version", flat=True)[:1]
    return next(iter(found), None)


def leave(user, article: Article) -> int:
    """The page was closed: `user` no longer has `article` open."""
    deleted, _ = StoryPresence.objects.filter(article=article, user=user).delete()
    return deleted


def newer_save(article: Article, user, *, version: int) -> dict | None:
    """Who saved `article` after `version` (the version the page's form holds), and when."""
    if article.version <= version:
        return None
    latest = revisions.versions_of(article).select_related("revision__user").first()
    saver = latest.revision.user if latest is not None else None
    at = latest.revision.date_created if latest is not None else article.updated_at
    if saver is not None and saver.pk == getattr(user, "pk", None):
        who = "You"
        message = (
            f"You saved a newer version at {clock_label(at)} in another window — the text "
            "in this page is kept; compare and merge."
        )
    else:
        who = display_name(saver, "Someone")
        message = (
            f"{who} saved a newer version at {clock_label(at)} — your text is kept; "
            "compare and merge."
        )
    return {
        "version": article.version,
        "by": who,
        "at": at.isoformat(),
        "time": clock_label(at),
        "message": message,
    }


def taken_over(article: Article, presence: StoryPresence, *, now=None) -> dict | None:
    """The latest take-over of `article`, if someone else did it since this person opened the
    story and still has it open ("Ana Ruiz took over at 10:09")."""
    event = (
        WorkflowEvent.objects.filter(article=article, action=TAKE_OVER)
        .select_related("actor")
        .order_by("-created_at", "-pk")
        .first()
    )
    if event is None or event.actor_id in (None, presence.user_id):
        return None
    if event.created_at < presence.opened_at or not is_present(article, event.actor, now=now):
        return None
    name = display_name(event.actor, "Someone")
    return {
        "by": name,
        "at": event.created_at.isoformat(),
        "time": clock_label(event.created_at),
        "message": (
            f"{name} took over at {clock_label(event.created_at)}. Your text is still in this "
            "page; save or merge before you leave it."
        ),
    }


def page_status(user, article: Article, *, version: int, now=None) -> dict:
    """A heartbeat's whole answer for `user`'s page of `article`, opened at `version`."""
    now = now or timezone.now()
    presence = heartbeat(user, article, now=now)
    others = others_present(article, user, now=now)
    return {
        "version": article.version,
        "others": [
            {"name": other.name, "since": clock_label(other.since), "editing": other.editing}
            for other in others
        ],
        "message": "; ".join(other.sentence for other in others),
        "newer": newer_save(article, user, version=version),
        "taken_over": taken_over(article, presence, now=now),
        "can_take_over": bool(others) and permissions.can_edit(user, article),
        "next_in": HEARTBEAT_SECONDS,
    }


def take_over(user, article: Article, *, now=None) -> WorkflowEvent:
    """Take over editing a story someone else has open. Not a lock: nothing is refused to the
    others; the event is kept in the history and their pages say "Ana Ruiz took over at
    10:09" at their next heartbeat. Only someone who may edit the story takes it over, and
    only while someone else has it open."""
    now = now or timezone.now()
    if not permissions.can_edit(user, article):
        raise WorkflowPermissionError(
            f"{user_name(user)} may not edit “{article.headline}”, so cannot take it over.",
        )
    others = others_present(article, user, now=now)
    if not others:
        raise WorkflowError(
            f"Nobody else has “{article.headline}” open: there is nothing to take over.",
            code="nobody_to_take_over_from",
        )
    with transaction.atomic():
        lock(article)
        names = ", ".join(other.name for other in others)
        return record(user, article, TAKE_OVER, article.state, note=f"From {names}.", now=now)

"""A story's history: the events the workflow records, their labels, and reading them back.

Every move between states, and a few things that are not moves (a reviewer named, a source
changed, a sign-off, an embargo broken, someone taking over editing), is a `WorkflowEvent`:
who, from, to, note, when. Only the workflow's services write them, through `record`.
"""

from datetime import datetime

from django.utils import timezone

from articles.models import Article, WorkflowEvent
from articles.workflow.states import ACTION_LABELS, DRAFT

# Events that are not transitions: recorded in a story's history, never a button.
SOURCE_CHANGED = "source_changed"
ASSIGN_REVIEWER = "assign_reviewer"
APPROVAL_REQUESTED = "anonymity_approval_requested"
# Review chains (articles.review.chains): decisions on a step, reopenings, links.
SIGN_OFF = "sign_off"
REJECT_SIGN_OFF = "reject_sign_off"
SIGN_OFF_REOPENED = "sign_off_reopened"
SIGN_OFF_KEPT = "sign_off_kept"
SIGN_OFF_LINK_SENT = "sign_off_link_sent"
SIGN_OFF_LINK_REVOKED = "sign_off_link_revoked"
SIGN_OFF_ASKED = "sign_off_asked"  # a story's own step (articles.review.story_steps)
SIGN_OFF_STEP_REMOVED = "sign_off_step_removed"
SIGN_OFF_EVENTS = (
    SIGN_OFF,
    REJECT_SIGN_OFF,
    SIGN_OFF_REOPENED,
    SIGN_OFF_KEPT,
    SIGN_OFF_LINK_SENT,
    SIGN_OFF_LINK_REVOKED,
    SIGN_OFF_ASKED,
    SIGN_OFF_STEP_REMOVED,
)
BREAK_EMBARGO = "break_embargo"
EMBARGO_HOLD = "embargo_hold"
# Presence (articles.collaboration.presence): someone took over editing from the others.
TAKE_OVER = "take_over"
# Sourcing (sources.proposals): an attribution accepted on the story page, with no revision.
PROPOSAL_ACCEPTED = "proposal_accepted"
# Pictures (articles.images.expiry): a live story's picture replaced when its licence ended.
PICTURE_LICENCE_ENDED = "picture_licence_ended"
# Videos and sounds (articles.clips.expiry): the same for a clip in a live story's body.
CLIP_LICENCE_ENDED = "clip_licence_ended"
EVENT_LABELS = {
    **ACTION_LABELS,
    SOURCE_CHANGED: "a source it names changed",
    ASSIGN_REVIEWER: "reviewer named",
    APPROVAL_REQUESTED: "approval of an anonymous source asked for",
    SIGN_OFF: "signed off",
    REJECT_SIGN_OFF: "sign-off refused",
    SIGN_OFF_REOPENED: "sign-off reopened",
    SIGN_OFF_KEPT: "sign-offs kept",
    SIGN_OFF_LINK_SENT: "sign-off link sent",
    SIGN_OFF_LINK_REVOKED: "sign-off link revoked",
    SIGN_OFF_ASKED: "sign-off asked for",
    SIGN_OFF_STEP_REMOVED: "sign-off step removed",
    BREAK_EMBARGO: "embargo broken",
    EMBARGO_HOLD: "held for the embargo",
    TAKE_OVER: "took over editing",
    PROPOSAL_ACCEPTED: "attribution accepted from a proposal",
    PICTURE_LICENCE_ENDED: "picture replaced: its licence ended",
    CLIP_LICENCE_ENDED: "video or sound replaced: its licence ended",
}

# Events that record something other than a move between states.
NOT_MOVES = (
    "edit",
    SOURCE_CHANGED,
    ASSIGN_REVIEWER,
    APPROVAL_REQUESTED,
    BREAK_EMBARGO,
    EMBARGO_HOLD,
    TAKE_OVER,
    PROPOSAL_ACCEPTED,
    PICTURE_LICENCE_ENDED,
    CLIP_LICENCE_ENDED,
    *SIGN_OFF_EVENTS,
)


def record(
    user,
    article: Article,
    action: str,
    from_state: str,
    *,
    note: str = "",
    now: datetime,
    scheduled_for: datetime | None = None,
) -> WorkflowEvent:
    """Keep one event in the story's history (`to_state` is the story's state now)."""
    return WorkflowEvent.objects.create(
        article=article,
        actor=user if user and user.is_authenticated else None,
        action=action,
        from_state=from_state,
        to_state=article.state,
        note=note,
        scheduled_for=scheduled_for,
        created_at=now,
    )


def record_approval_request(user, article: Article, *, note: str, now=None) -> WorkflowEvent:
    """Write into the story's history that its writer asked editors to approve an anonymous
    source (sources.anonymity.request_approval checks who may ask). The state does not move."""
    return record(
        user, article, APPROVAL_REQUESTED, article.state, note=note, now=now or timezone.now()
    )


def record_source_change(user, articles, *, note: str, now=None) -> int:
    """Write into each story's history that a source it names changed (renamed, re-described,
    merged). The state does not move: the live copy keeps its words until the story's next
    publish, which carries the change; this entry is how the editor publishing it learns why.
    """
    now = now or timezone.now()
    actor = user if user and user.is_authenticated else None
    events = [
        WorkflowEvent(
            article=article,
            actor=actor,
            action=SOURCE_CHANGED,
            from_state=article.state,
            to_state=article.state,
            note=note,
            created_at=now,
        )
        for article in articles
    ]
    WorkflowEvent.objects.bulk_create(events)
    return len(events)


def latest_move(article: Article) -> WorkflowEvent | None:
    """The story's last move between states (submit, request changes, publish…)."""
    return (
        article.events.exclude(action__in=NOT_MOVES)
        .select_related("actor")
        .order_by("-created_at", "-pk")
        .first()
    )


def change_request(article: Article, *, last_move=None) -> WorkflowEvent | None:
    """The editor's "request changes" the story is waiting on, if it is: a draft whose last
    move was a change request. Its note says what to change; resubmitting answers it.
    `last_move` may be passed when already read (e.g. annotated on a list)."""
    if article.state != DRAFT:
        return None
    event = latest_move(article) if last_move is None else last_move
    if event is not None and event.action == "request_changes":
        return event
    return None

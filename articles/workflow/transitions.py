"""Every change of a story's workflow state, and the save path of the working copy.

Each transition is a keyword-only function taking the acting user and the article. It
checks the permission (`articles.workflow.permissions`), locks the article row, re-reads the state
under the lock, checks the move against `ALLOWED`, does its work, records a
`WorkflowEvent`, and schedules side effects (cache purge, email) for after the commit.
A refusal raises a `WorkflowError` subclass with a `code` and a message saying what was
asked and what state the story is in; nothing is half-done.

Positions: the working copy's `state`, except that a story with a live snapshot and edits
in progress is "live_draft" or "live_in_review", and a published story whose go-live time
is still ahead is "scheduled" (readers see nothing yet; it goes live by itself), or
"scheduled_draft" / "scheduled_in_review" once someone edits it. `ALLOWED` maps each
position to the actions possible there and the state each leads to; the admin shows buttons
from it.
"""

from collections.abc import Callable
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from articles.collaboration import autosave, presence
from articles.models import (
    Article,
    ArticleState,
    PublicStatus,
    PublishedArticle,
    ReviewStep,
    SignOff,
    SignOffDecision,
    SignOffLink,
    WorkflowEvent,
)
from articles.public import cache, edge
from articles.review import chains as review_chains
from articles.workflow import notifications, permissions, revisions, snapshot
from newsroom.time_zone import newsroom_time
from sources import standards
from sources.models import Correction, CorrectionKind
from sources.standards import Finding

DRAFT = ArticleState.DRAFT.value
IN_REVIEW = ArticleState.IN_REVIEW.value
PUBLISHED = ArticleState.PUBLISHED.value
UNPUBLISHED = ArticleState.UNPUBLISHED.value
SPIKED = ArticleState.SPIKED.value
LIVE_DRAFT = "live_draft"
LIVE_IN_REVIEW = "live_in_review"
SCHEDULED = "scheduled"
SCHEDULED_DRAFT = "scheduled_draft"
SCHEDULED_IN_REVIEW = "scheduled_in_review"

ALLOWED: dict[str, dict[str, str]] = {
    DRAFT: {"submit": IN_REVIEW, "spike": SPIKED},
    IN_REVIEW: {
        "withdraw": DRAFT,
        "request_changes": DRAFT,
        "publish": PUBLISHED,
        "spike": SPIKED,
    },
    PUBLISHED: {"unpublish": UNPUBLISHED},
    # Never seen by readers yet: no unpublish, but the schedule can change or go.
    SCHEDULED: {"publish_now": PUBLISHED, "reschedule": PUBLISHED, "cancel_schedule": IN_REVIEW},
    # Edited since it was scheduled: the edits go out with a new publish (now or at a time).
    SCHEDULED_DRAFT: {"submit": IN_REVIEW, "publish": PUBLISHED, "cancel_schedule": DRAFT},
    SCHEDULED_IN_REVIEW: {
        "withdraw": DRAFT,
        "request_changes": DRAFT,
        "publish": PUBLISHED,
        "cancel_schedule": IN_REVIEW,
    },
    LIVE_DRAFT: {"submit": IN_REVIEW, "publish": PUBLISHED, "unpublish": UNPUBLISHED},
    LIVE_IN_REVIEW: {
        "withdraw": DRAFT,
        "request_changes": DRAFT,
        "publish": PUBLISHED,
        "unpublish": UNPUBLISHED,
    },
    UNPUBLISHED: {"submit": IN_REVIEW, "spike": SPIKED},
    SPIKED: {"restore": DRAFT},
}

ACTION_LABELS = {
    "submit": "submit for review",
    "withdraw": "withdraw from review",
    "request_changes": "request changes",
    "publish": "publish",
    "publish_now": "publish now",
    "reschedule": "reschedule",
    "cancel_schedule": "cancel schedule",
    "unpublish": "unpublish",
    "spike": "spike",
    "restore": "restore",
    "edit": "edit",
}

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
SIGN_OFF_EVENTS = (
    SIGN_OFF,
    REJECT_SIGN_OFF,
    SIGN_OFF_REOPENED,
    SIGN_OFF_KEPT,
    SIGN_OFF_LINK_SENT,
    SIGN_OFF_LINK_REVOKED,
)
BREAK_EMBARGO = "break_embargo"
EMBARGO_HOLD = "embargo_hold"
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
    BREAK_EMBARGO: "embargo broken",
    EMBARGO_HOLD: "held for the embargo",
    presence.TAKE_OVER: "took over editing",
}

POSITION_LABELS = {
    DRAFT: "a draft",
    IN_REVIEW: "in review",
    PUBLISHED: "published",
    SCHEDULED: "scheduled",
    SCHEDULED_DRAFT: "scheduled, with a draft in progress",
    SCHEDULED_IN_REVIEW: "scheduled, with changes in review",
    UNPUBLISHED: "unpublished",
    SPIKED: "spiked",
    LIVE_DRAFT: "live with a draft in progress",
    LIVE_IN_REVIEW: "live with changes in review",
}


# How far in the past a chosen publish time may be (the form took a moment to send).
PUBLISH_TIME_GRACE = timedelta(minutes=2)


class WorkflowError(Exception):
    """A refused workflow request. `code` names the reason; the message says what to do."""

    code = "workflow_error"

    def __init__(self, message: str, *, code: str | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code

    def __str__(self) -> str:
        return self.message


class TransitionNotAllowed(WorkflowError):
    code = "transition_not_allowed"


class WorkflowPermissionError(WorkflowError, PermissionDenied):
    code = "permission_denied"


class NoteRequired(WorkflowError):
    code = "note_required"


class StandardsBlocked(WorkflowError):
    code = "standards_blocked"

    def __init__(self, message: str, *, findings: list[Finding], code: str | None = None):
        super().__init__(message, code=code)
        self.findings = findings


class StaleEdit(WorkflowError):
    code = "stale_edit"


class Embargoed(WorkflowError):
    """Readers would see the story before its embargo: schedule it later, or (editors) break
    the embargo with a reason."""

    code = "embargoed"


class CorrectionNeedsPublishedStory(WorkflowError):
    """A correction corrects what readers saw: a story never published has nothing to correct."""

    code = "correction_needs_published_story"


def position(article: Article) -> str:
    """The key of `ALLOWED` for this story: its state, "live + …" for a live story with edits,
    "scheduled…" for one whose go-live time is ahead."""
    if article.has_unpublished_changes and article.state in (DRAFT, IN_REVIEW):
        scheduled = scheduled_go_live(article) is not None
        if article.state == DRAFT:
            return SCHEDULED_DRAFT if scheduled else LIVE_DRAFT
        return SCHEDULED_IN_REVIEW if scheduled else LIVE_IN_REVIEW
    if article.state == PUBLISHED and scheduled_go_live(article) is not None:
        return SCHEDULED
    return article.state


def scheduled_go_live(article: Article, *, now: datetime | None = None) -> datetime | None:
    """When a scheduled story goes live by itself; None if readers can see it, or never will."""
    if article.pk is None:
        return None
    return (
        PublishedArticle.objects.filter(
            article=article, status=PublicStatus.LIVE, published_at__gt=now or timezone.now()
        )
        .values_list("published_at", flat=True)
        .first()
    )


def has_been_public(article: Article, *, now: datetime | None = None) -> bool:
    """Whether readers have seen the story (a scheduled first publication does not count)."""
    if article.pk is None:
        return False
    return PublishedArticle.objects.filter(
        article=article, first_published_at__lte=now or timezone.now()
    ).exists()


def allowed_actions(user, article: Article) -> list[str]:
    """The actions `user` may take on `article` now, in ALLOWED's order (for the buttons)."""
    return [
        action
        for action in ALLOWED.get(position(article), {})
        if permissions.can_do(user, article, action)
    ]


# --- the machinery every transition shares -----------------------------------------------


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


def _user_name(user) -> str:
    if not user or not user.is_authenticated:
        return "You"
    return user.get_full_name() or user.get_username()


def _check_permission(user, article: Article, action: str) -> None:
    if not permissions.can_do(user, article, action):
        raise WorkflowPermissionError(
            f"{_user_name(user)} may not {ACTION_LABELS[action]} “{article.headline}” "
            f"(it is {POSITION_LABELS.get(position(article), article.state)}).",
        )


def _lock(article: Article) -> Article:
    """Lock the row and refresh the workflow fields from it (another request may have won)."""
    locked = Article.objects.select_for_update().get(pk=article.pk)
    for name in (
        "state",
        "has_unpublished_changes",
        "submitted_by_id",
        "submitted_at",
        "first_published_at",
        "last_published_at",
        "version",
    ):
        setattr(article, name, getattr(locked, name))
    return article


def _target(article: Article, action: str) -> str:
    moves = ALLOWED.get(position(article), {})
    if action not in moves:
        possible = ", ".join(ACTION_LABELS[a] for a in moves) or "nothing"
        raise TransitionNotAllowed(
            f"Cannot {ACTION_LABELS[action]} “{article.headline}”: it is "
            f"{POSITION_LABELS.get(position(article), article.state)}. "
            f"From here you can: {possible}.",
            code=f"cannot_{action}_from_{position(article)}",
        )
    return moves[action]


def _record(
    user, article: Article, action: str, from_state: str, *, note="", now, scheduled_for=None
) -> WorkflowEvent:
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


def _save_state(article: Article, *extra: str) -> None:
    # Only workflow fields: a transition never writes the editorial text someone is editing.
    fields = dict.fromkeys(["state", "has_unpublished_changes", "updated_at", *extra])
    article.save(update_fields=list(fields))


def _after_commit(func, *args) -> None:
    transaction.on_commit(lambda: func(*args))


def _begin(user, article: Article, action: str) -> str:
    """Permission, lock, re-read, state check. Returns the state the story moves to."""
    _check_permission(user, article, action)
    _lock(article)
    # The state may have changed while we waited for the lock: check again on fresh data.
    _check_permission(user, article, action)
    return _target(article, action)


# --- transitions -------------------------------------------------------------------------


def submit_for_review(user, article: Article, *, note: str = "", now=None) -> Article:
    """Send the story to the editors' review queue."""
    now = _now(now)
    with transaction.atomic():
        to_state = _begin(user, article, "submit")
        from_state = article.state
        article.state = to_state
        article.submitted_by = user
        article.submitted_at = now
        _save_state(article, "submitted_by", "submitted_at")
        _record(user, article, "submit", from_state, note=note, now=now)
        _after_commit(notifications.story_submitted, article.pk, note)
        _after_commit(review_chains.notify_next_signers, article.pk)
    return article


def _move(user, article: Article, action: str, *, note: str, now, **fields) -> Article:
    """A transition that only changes state (and `fields`) and records itself."""
    now = _now(now)
    with transaction.atomic():
        to_state = _begin(user, article, action)
        from_state = article.state
        article.state = to_state
        for name, value in fields.items():
            setattr(article, name, value)
        _save_state(article, *fields)
        _record(user, article, action, from_state, note=note, now=now)
    return article


def withdraw(user, article: Article, *, note: str = "", now=None) -> Article:
    """Take the story back out of review, to draft."""
    return _move(user, article, "withdraw", note=note, now=now)


def request_changes(user, article: Article, *, note: str, now=None) -> Article:
    """Send the story back to its reporter with a note saying what to change."""
    now = _now(now)
    if not (note or "").strip():
        raise NoteRequired(
            f"Say what should change before sending “{article.headline}” back to its reporter.",
        )
    with transaction.atomic():
        to_state = _begin(user, article, "request_changes")
        from_state = article.state
        article.state = to_state
        _save_state(article)
        _record(user, article, "request_changes", from_state, note=note, now=now)
        _after_commit(notifications.changes_requested, article.pk, note, _user_name(user))
    return article


def _embargo_for(user, article: Article, *, go_live: datetime, reason: str, now) -> datetime | None:
    """The embargo the snapshot is published under, or None when there is none or `user`
    breaks it (readers see the story at `go_live`, before the embargo).

    Breaking needs an editor and a stated reason (`break_embargo`); anyone else, or an
    editor without a reason, is refused with `Embargoed` / `WorkflowPermissionError`.
    """
    embargo = article.embargo_until
    if embargo is None or go_live >= embargo:
        return embargo
    when = newsroom_time(embargo, now=now)
    may_break = permissions.can_break_embargo(user, article)
    if not (reason or "").strip():
        raise Embargoed(
            f"“{article.headline}” is embargoed until {when}: readers would see it before "
            f"then. Schedule it for {when} or later"
            + (
                ", or break the embargo and say why."
                if may_break
                else "; only an editor can break an embargo, with a reason."
            ),
        )
    if not may_break:
        raise WorkflowPermissionError(
            f"{_user_name(user)} may not break the embargo on “{article.headline}” (until "
            f"{when}): only an editor can, with a reason.",
            code="cannot_break_embargo",
        )
    return None


def _record_broken_embargo(user, article: Article, *, reason: str, now) -> None:
    """The embargo is over for this story: kept in its history with the editor's reason."""
    when = newsroom_time(article.embargo_until, now=now)
    _record(
        user,
        article,
        BREAK_EMBARGO,
        article.state,
        note=f"Embargo until {when} broken: {reason.strip()}",
        now=now,
    )
    article.embargo_until = None
    Article.objects.filter(pk=article.pk).update(embargo_until=None)


def _check_standards(user, article: Article, overrides: dict | None, *, now) -> None:
    """Refuse a publish the standards block; record the reasons given for warnings."""
    findings = standards.check_article(article)
    blocking = standards.blocking_findings(findings)
    if blocking:
        raise StandardsBlocked(
            f"“{article.headline}” cannot be published yet: "
            + " ".join(f.message for f in blocking),
            findings=findings,
        )
    unexplained = standards.unresolved_warnings(findings, overrides)
    if unexplained:
        raise StandardsBlocked(
            "Publishing over a standards warning needs an override reason: "
            + " ".join(f"{f.message} ({f.code})" for f in unexplained),
            findings=findings,
            code="override_reason_needed",
        )
    standards.record_overrides(
        article=article, findings=findings, overrides=overrides, user=user, now=now
    )


def publish(
    user,
    article: Article,
    *,
    at: datetime | None = None,
    note: str = "",
    correction: dict | None = None,
    overrides: dict[standards.OverrideKey, str] | None = None,
    break_embargo: str = "",
    now=None,
) -> PublishedArticle:
    """Publish the story (or its update) now, or schedule it for `at`.

    A story under embargo (`embargo_until`) must not reach readers before it: a publish
    that would show it earlier is refused (`Embargoed`), unless an editor breaks the
    embargo by giving the reason in `break_embargo` (recorded; the embargo is then over).

    Runs the standards checks (`overrides` gives a reason per warning, keyed by "code",
    "code:target" or (code, target)); records a revision of what is published; writes the
    public snapshot. A `correction` ({"kind", "text"}) is published with it and shown to
    readers with its time; it and any correction written in the story form go live
    approved by `user` and tied to this publish's revision, as does a published correction
    whose words were changed since (`sources.corrections.reopen_if_changed`): readers saw its
    approved words until now. A story readers have never seen cannot carry a correction
    (`CorrectionNeedsPublishedStory`).
    """
    now = _now(now)
    if at is not None and at < now - PUBLISH_TIME_GRACE:
        # A mistyped embargo (last year, yesterday) must not publish at once.
        local = timezone.localtime(at)
        raise WorkflowError(
            f"The publish time you chose ({local:%b %d, %Y %H:%M}) has already passed: "
            "choose a time in the future, or leave it empty to publish now.",
            code="publish_time_passed",
        )
    scheduled = at is not None and at > now
    go_live = at if scheduled else now
    if correction is not None:
        kind = correction.get("kind") or CorrectionKind.CORRECTION
        if kind not in (
            CorrectionKind.CORRECTION,
            CorrectionKind.CLARIFICATION,
            CorrectionKind.EDITORS_NOTE,
        ):
            raise WorkflowError(
                f"Unknown correction kind “{kind}”: use correction, clarification or editors_note.",
                code="correction_kind_invalid",
            )
        if not (correction.get("text") or "").strip():
            raise NoteRequired(
                "Write the text of the correction readers will see.",
                code="correction_text_required",
            )
    with transaction.atomic():
        to_state = _begin(user, article, "publish")
        from_state = article.state
        live = PublishedArticle.objects.filter(
            article=article, status=PublicStatus.LIVE, published_at__lte=now
        ).exists()
        if scheduled and live:
            raise TransitionNotAllowed(
                f"“{article.headline}” is live: its update is published now, not scheduled. "
                "Leave the time empty to publish the update.",
                code="cannot_schedule_live_update",
            )
        # Publish what is saved, never unsaved attributes of the object passed in.
        article.refresh_from_db()
        _check_sign_offs(article)
        pending = article.corrections.filter(is_published=False)
        if (correction is not None or pending.exists()) and not has_been_public(article, now=now):
            raise CorrectionNeedsPublishedStory(
                f"“{article.headline}” has not been published yet, so there is nothing to "
                "correct: a correction needs a published story. Publish without the correction "
                "(delete it from the story form if you wrote one there) and add it to a later "
                "update.",
            )
        embargo = _embargo_for(user, article, go_live=go_live, reason=break_embargo, now=now)
        _check_standards(user, article, overrides, now=now)
        if embargo is None and article.is_embargoed(go_live):
            _record_broken_embargo(user, article, reason=break_embargo, now=now)
        article.state = to_state
        article.has_unpublished_changes = False
        revision = revisions.record_revision(
            article,
            user=user,
            comment="Published" + (" (scheduled)" if scheduled else ""),
        )
        if correction is not None:
            Correction.objects.create(
                article=article,
                kind=correction.get("kind") or CorrectionKind.CORRECTION,
                text=correction["text"].strip(),
                created_at=now,
            )
        # Corrections written or reworded in the story form wait for the update that carries
        # them; the editor publishing it is the one who approved them.
        article.corrections.filter(is_published=False).update(
            is_published=True, approved_by=user, revision=revision
        )

        # What readers saw (old section, authors, tags) is purged from the edge with the new.
        seen = (
            PublishedArticle.objects.filter(article=article)
            .only("article_id", "section_slug", "author_slugs", "tag_slugs")
            .first()
        )
        purge_keys = edge.keys_of(seen) if seen is not None else set()
        snap = snapshot.write_snapshot(article, go_live=go_live, now=now, embargo_until=embargo)
        article.first_published_at = snap.first_published_at
        article.last_published_at = go_live
        _save_state(article, "first_published_at", "last_published_at")
        _record(
            user,
            article,
            "publish",
            from_state,
            note=note,
            now=now,
            scheduled_for=go_live if scheduled else None,
        )
        _after_commit(cache.invalidate_public_cache)
        # After the page cache is invalidated, so the edge refetches fresh pages.
        edge.purge_on_commit(purge_keys | edge.keys_of(snap) | {edge.FRONT})
        _after_commit(notifications.story_published, article.pk, scheduled)
    return snap


def publish_now(
    user, article: Article, *, note: str = "", break_embargo: str = "", now=None
) -> PublishedArticle:
    """Publish a scheduled story at once instead of at its go-live time.

    Needs the publish permission. The story is published as it was scheduled: the
    standards checks ran then, and any edit since would have made it a draft again.
    Before its embargo only an editor can, with a reason (`break_embargo`), as for `publish`.
    """
    return _retime(
        user, article, "publish_now", at=None, note=note, break_embargo=break_embargo, now=now
    )


def reschedule(
    user, article: Article, *, at: datetime, note: str = "", break_embargo: str = "", now=None
):
    """Move a scheduled story's go-live time (`at`, in the future); it still goes live by
    itself. Needs the publish permission. Readers see nothing until then. A time before the
    story's embargo is refused, unless an editor breaks it (`break_embargo`, a reason)."""
    now = _now(now)
    if at is None or at <= now:
        when = f" ({timezone.localtime(at):%b %d, %Y %H:%M})" if at is not None else ""
        passed = f": the time you chose{when} has already passed" if when else ""
        raise WorkflowError(
            f"Choose a new go-live time in the future{passed}, or use Publish now.",
            code="publish_time_passed",
        )
    return _retime(
        user, article, "reschedule", at=at, note=note, break_embargo=break_embargo, now=now
    )


def _retime(
    user, article: Article, action: str, *, at, note: str, break_embargo: str = "", now
) -> PublishedArticle:
    """Give a scheduled story's snapshot a new go-live time (`at`, or now), re-rendered so
    its page shows that time; record the event; purge and notify as publishing does."""
    now = _now(now)
    go_live = at or now
    with transaction.atomic():
        to_state = _begin(user, article, action)
        from_state = article.state
        article.refresh_from_db()
        _check_sign_offs(article)
        embargo = _embargo_for(user, article, go_live=go_live, reason=break_embargo, now=now)
        if embargo is None and article.is_embargoed(go_live):
            _record_broken_embargo(user, article, reason=break_embargo, now=now)
        snap = snapshot.write_snapshot(article, go_live=go_live, now=now, embargo_until=embargo)
        article.state = to_state
        article.first_published_at = snap.first_published_at
        article.last_published_at = go_live
        _save_state(article, "first_published_at", "last_published_at")
        _record(user, article, action, from_state, note=note, now=now, scheduled_for=at)
        _after_commit(cache.invalidate_public_cache)
        edge.purge_on_commit(edge.keys_of(snap) | {edge.FRONT})
        _after_commit(notifications.story_published, article.pk, at is not None)
    return snap


def cancel_schedule(user, article: Article, *, note: str = "", now=None) -> Article:
    """Take a scheduled story off the schedule: it does not go live, readers see nothing.

    The story goes back to "in review", where it was before the editor scheduled it: copy
    approved and waiting on the desk, which an editor can publish, schedule again or send
    back to its reporter. Not to draft: that would make the reporter resubmit words nobody
    asked them to change. A story edited since it was scheduled keeps its place (a draft
    stays a draft, changes in review stay in review). The snapshot that was waiting is
    deleted, so its address stays unknown; a story readers saw before it was taken down and
    scheduled again stays down (410 Gone). Needs the unpublish permission.
    """
    now = _now(now)
    with transaction.atomic():
        to_state = _begin(user, article, "cancel_schedule")
        from_state = article.state
        snap = PublishedArticle.objects.select_for_update().get(article=article)
        purge_keys = edge.keys_of(snap) | {edge.FRONT}
        if snap.first_published_at > now:
            snap.delete()
            article.first_published_at = article.last_published_at = None
        else:
            snap.status = PublicStatus.WITHDRAWN
            snap.updated_at = now
            snap.save(update_fields=["status", "updated_at"])
        article.state = to_state
        article.has_unpublished_changes = False
        _save_state(article, "first_published_at", "last_published_at")
        _record(user, article, "cancel_schedule", from_state, note=note, now=now)
        _after_commit(cache.invalidate_public_cache)
        edge.purge_on_commit(purge_keys)
    return article


def unpublish(user, article: Article, *, note: str, mode: str = "withdrawn", now=None):
    """Take a story off the site: "withdrawn" answers 410, "retracted" keeps a notice (the note)."""
    now = _now(now)
    if mode not in (PublicStatus.WITHDRAWN, PublicStatus.RETRACTED):
        raise WorkflowError(
            f"Unknown way to unpublish “{mode}”: use withdrawn or retracted.", code="mode_invalid"
        )
    if not (note or "").strip():
        raise NoteRequired(
            f"Say why “{article.headline}” is being taken down"
            + (" (readers see it as the retraction notice)." if mode == "retracted" else ".")
        )
    with transaction.atomic():
        to_state = _begin(user, article, "unpublish")
        from_state = article.state
        snap = PublishedArticle.objects.select_for_update().filter(article=article).first()
        purge_keys = (edge.keys_of(snap) if snap is not None else set()) | {edge.FRONT}
        if snap is not None and snap.published_at > now:
            # Never seen by readers: cancelling the schedule leaves nothing behind.
            snap.delete()
        elif snap is not None:
            snap.status = mode
            snap.notice = note.strip() if mode == PublicStatus.RETRACTED else ""
            snap.updated_at = now
            snap.save(update_fields=["status", "notice", "updated_at"])
        article.state = to_state
        article.has_unpublished_changes = False
        _save_state(article)
        _record(user, article, "unpublish", from_state, note=f"[{mode}] {note.strip()}", now=now)
        _after_commit(cache.invalidate_public_cache)
        edge.purge_on_commit(purge_keys)
    return article


def spike(user, article: Article, *, note: str = "", now=None) -> Article:
    """Kill the story (restorable)."""
    return _move(user, article, "spike", note=note, now=now)


def restore(user, article: Article, *, note: str = "", now=None) -> Article:
    """Bring a spiked story back as a draft."""
    return _move(user, article, "restore", note=note, now=now, has_unpublished_changes=False)


# --- saving the working copy ---------------------------------------------------------------


def stale_message(article: Article, current_version: int) -> str:
    latest = revisions.versions_of(article).first()
    who = ""
    if latest is not None and latest.revision.user is not None:
        user = latest.revision.user
        when = timezone.localtime(latest.revision.date_created)
        who = f" by {user.get_full_name() or user.get_username()} at {when:%H:%M}"
    return (
        f"Someone else saved “{article.headline}” since you opened it (now version "
        f"{current_version}{who}). Your changes were NOT saved and are kept in the form below: "
        "use “Compare and merge” at the top of the side panel to keep what you need."
    )


def save_article(
    user,
    article: Article,
    *,
    expected_version: int | None,
    now=None,
    comment: str | Callable[[], str] = "",
    save_parts: Callable[[Article], None] | None = None,
) -> Article:
    """Save the working copy with an optimistic lock and keep a revision.

    `expected_version` is the version the editor started from; if someone saved since, the
    save is refused with `StaleEdit` (the one place the version is checked). Editing a live
    story never touches its snapshot: the story becomes "live + draft" until an editor
    publishes the update. `save_parts(article)`, if given, saves what belongs to the story
    (byline, tags, sources) after the story's row and before the revision, in the same
    transaction: the revision holds them, and a refused save saves none of them.
    """
    now = _now(now)
    with transaction.atomic():
        created = article.pk is None
        if created:
            if not permissions.can_create(user):
                raise WorkflowPermissionError(
                    f"{_user_name(user)} may not create stories.", code="permission_denied"
                )
            article.created_by = article.created_by or user
            article.state = DRAFT
            article.version = 1
        else:
            _lock_for_edit(user, article)
            if expected_version is not None and int(expected_version) != article.version:
                raise StaleEdit(stale_message(article, article.version))
            _mark_edited(user, article, now=now)
        article.save()
        if not created:
            _hold_scheduled_copy_for_embargo(user, article, now=now)
        if save_parts is not None:
            save_parts(article)
        if callable(comment):  # it depends on what save_parts did (e.g. accepted a proposal)
            comment = comment()
        note_findings(article)
        revisions.record_revision(
            article, user=user, comment=comment or ("Created" if created else "Saved")
        )
        if not created:
            reopen_sign_offs(user, article, now=now)
        # The save holds what was typed: the saver's autosave is no longer needed.
        autosave.drop_after_save(user, article, created=created)
    return article


def _hold_scheduled_copy_for_embargo(user, article: Article, *, now) -> None:
    """An embargo set (or moved later) on a scheduled story holds its waiting snapshot too:
    its go-live moves to the embargo, so the copy scheduled earlier cannot go out first."""
    embargo = article.embargo_until
    if embargo is None or embargo <= now:
        return
    snap = (
        PublishedArticle.objects.select_for_update()
        .filter(article=article, status=PublicStatus.LIVE, published_at__gt=now)
        .first()
    )
    if snap is None or snap.published_at >= embargo:
        return
    purge_keys = edge.keys_of(snap) | {edge.FRONT}
    snapshot.hold_for_embargo(snap, embargo_until=embargo, now=now)
    fields = {"last_published_at": embargo, "first_published_at": snap.first_published_at}
    Article.objects.filter(pk=article.pk).update(**fields)
    for name, value in fields.items():
        setattr(article, name, value)
    _record(
        user,
        article,
        EMBARGO_HOLD,
        article.state,
        note=f"The scheduled copy now goes live at the embargo, {newsroom_time(embargo, now=now)}.",
        now=now,
        scheduled_for=embargo,
    )
    _after_commit(cache.invalidate_public_cache)
    edge.purge_on_commit(purge_keys)


def save_import(article: Article, *, user=None, comment: str, save_parts=None) -> Article:
    """Save a story the wire importer wrote: a new draft, or a new version of an import the
    newsroom has not touched (the importer decides that). The importer is the system, so no
    user permission applies; a revision is kept as for any save."""
    with transaction.atomic():
        if article.pk is not None:
            article.version += 1
        article.save()
        if save_parts is not None:
            save_parts(article)
        note_findings(article)
        revisions.record_revision(article, user=user, comment=comment)
        reopen_sign_offs(user, article, now=timezone.now())
    return article


def note_findings(article: Article) -> None:
    """Store how many standards findings the saved story has (blocking, and warnings), for
    the lists and the start page."""
    article.__dict__.pop("_standards_attributions", None)  # the checks' cache predates the save
    findings = standards.check_article(article)
    blocking = sum(1 for finding in findings if finding.is_blocking)
    counts = {"findings_to_fix": blocking, "findings_to_weigh": len(findings) - blocking}
    Article.objects.filter(pk=article.pk).update(**counts)
    for name, value in counts.items():
        setattr(article, name, value)


def restore_revision(user, article: Article, *, version_id: int, expected_version=None, now=None):
    """Make the working copy look like an old revision again, saved as a new revision.

    A save like any other (`save_article`): the same permission, lock and live-story rules,
    so a live story becomes "live + draft". History is never rewritten. Authors, sections
    and pictures deleted since are left out rather than restored as dangling references.
    """
    version = revisions.versions_of(article).filter(pk=version_id).first()
    if version is None:
        raise WorkflowError(
            "That revision is not part of this story's history: nothing was restored.",
            code="revision_not_found",
        )
    number = dict((v.pk, n) for n, v in revisions.numbered_versions(article))[version.pk]
    data = revisions.revision_data(version, number=number)
    revisions.apply_content(article, data)
    return save_article(
        user,
        article,
        expected_version=article.version if expected_version is None else expected_version,
        now=now,
        comment=f"Restored revision #{number} of {version.revision.date_created:%Y-%m-%d %H:%M}",
        save_parts=lambda saved: revisions.apply_byline_and_tags(saved, data),
    )


def _lock_for_edit(user, article: Article) -> None:
    """Permission, row lock, permission again on the fresh state (for every edit of a story)."""
    if not permissions.can_edit(user, article):
        raise WorkflowPermissionError(
            f"{_user_name(user)} may not edit “{article.headline}” "
            f"(it is {POSITION_LABELS.get(position(article), article.state)}).",
        )
    _lock(article)
    if not permissions.can_edit(user, article):
        raise WorkflowPermissionError(
            f"{_user_name(user)} may not edit “{article.headline}” any more: it is now "
            f"{POSITION_LABELS.get(position(article), article.state)}.",
        )


def _mark_edited(user, article: Article, *, now) -> None:
    """A new version; a live story becomes "live + draft" (not saved: the caller saves)."""
    article.version += 1
    from_state = article.state
    if article.state == PUBLISHED:
        # The live page stays as published; the edit waits for the next publish.
        article.state = DRAFT
        article.has_unpublished_changes = True
    if from_state != article.state:
        _record(user, article, "edit", from_state, note="Edited the live story.", now=now)


def touch_article(user, article: Article, *, comment: str = "", now=None) -> Article:
    """Record that something belonging to the story changed (its sources, corrections…).

    The same permission check, lock, version bump, "live + draft" rule and revision as
    `save_article`, without writing the story's text: the story is re-read from the
    database, so nothing unsaved on `article` is written. Call it in the transaction that
    saves the change, before saving it, so a refused edit saves nothing.
    """
    now = _now(now)
    with transaction.atomic():
        _lock_for_edit(user, article)
        article.refresh_from_db()
        _mark_edited(user, article, now=now)
        article.save(update_fields=["version", "state", "has_unpublished_changes", "updated_at"])
        revisions.record_revision(
            article, user=user, comment=comment or "Sources or corrections changed"
        )
        reopen_sign_offs(user, article, now=now)
    return article


def assign_reviewer(user, article: Article, *, reviewer, due_at=None, now=None) -> Article:
    """Name who reviews a story in review, and optionally by when. Editors name anyone who
    may review (themselves included: "I'll take it"); the reviewer is told by mail unless
    they named themselves. The state does not move; the event is kept in the history."""
    now = _now(now)
    if not permissions.can_assign_reviewer(user, article):
        raise WorkflowPermissionError(
            f"{_user_name(user)} may not name a reviewer for “{article.headline}”: only "
            "editors may.",
        )
    if reviewer is None or not reviewer.is_active or not permissions.can_review(reviewer, article):
        raise WorkflowError(
            f"{_user_name(reviewer)} cannot review stories: choose an editor.",
            code="reviewer_cannot_review",
        )
    if due_at is not None and due_at < now - PUBLISH_TIME_GRACE:
        raise WorkflowError(
            "The review's due time has already passed: choose a later time, or none.",
            code="due_in_the_past",
        )
    with transaction.atomic():
        _lock(article)
        if article.state != IN_REVIEW:
            raise TransitionNotAllowed(
                f"Cannot name a reviewer for “{article.headline}”: it is "
                f"{POSITION_LABELS.get(position(article), article.state)}, not in review.",
                code="not_in_review",
            )
        article.reviewer = reviewer
        article.review_due_at = due_at
        Article.objects.filter(pk=article.pk).update(reviewer=reviewer, review_due_at=due_at)
        due = f", due {timezone.localtime(due_at):%a %-d %b, %H:%M %Z}" if due_at else ""
        _record(
            user,
            article,
            ASSIGN_REVIEWER,
            article.state,
            note=f"Reviewer: {_user_name(reviewer)}{due}.",
            now=now,
        )
        if reviewer.pk != getattr(user, "pk", None):
            _after_commit(
                notifications.reviewer_assigned, article.pk, reviewer.pk, _user_name(user)
            )
    return article


def take_over(user, article: Article, *, now=None) -> WorkflowEvent:
    """Take over editing a story someone else has open (`articles.collaboration.presence`). Not a lock:
    nothing is refused to the others; the event is kept in the history and their pages say
    "Ana Ruiz took over at 10:09" at their next heartbeat. Only someone who may edit the
    story takes it over, and only while someone else has it open."""
    now = _now(now)
    if not permissions.can_edit(user, article):
        raise WorkflowPermissionError(
            f"{_user_name(user)} may not edit “{article.headline}”, so cannot take it over.",
        )
    others = presence.others_present(article, user, now=now)
    if not others:
        raise WorkflowError(
            f"Nobody else has “{article.headline}” open: there is nothing to take over.",
            code="nobody_to_take_over_from",
        )
    with transaction.atomic():
        _lock(article)
        names = ", ".join(other.name for other in others)
        return _record(
            user, article, presence.TAKE_OVER, article.state, note=f"From {names}.", now=now
        )


def record_approval_request(user, article: Article, *, note: str, now=None) -> WorkflowEvent:
    """Write into the story's history that its writer asked editors to approve an anonymous
    source (sources.anonymity.request_approval checks who may ask). The state does not move."""
    return _record(user, article, APPROVAL_REQUESTED, article.state, note=note, now=_now(now))


def record_source_change(user, articles, *, note: str, now=None) -> int:
    """Write into each story's history that a source it names changed (renamed, re-described,
    merged). The state does not move: the live copy keeps its words until the story's next
    publish, which carries the change; this entry is how the editor publishing it learns why.
    """
    now = _now(now)
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


# --- review chains: sign-offs before publishing (rules in articles.review.chains) ------------


class SignOffsMissing(WorkflowError):
    """The story's section chain has steps not signed off for its current text."""

    code = "sign_offs_missing"


def _check_sign_offs(article: Article) -> None:
    refusal = review_chains.publish_refusal(article)
    if refusal:
        raise SignOffsMissing(refusal)


def _check_signable(article: Article, what: str) -> None:
    if article.state not in review_chains.SIGNABLE_STATES:
        raise TransitionNotAllowed(
            f"Cannot {what} “{article.headline}”: it is "
            f"{POSITION_LABELS.get(position(article), article.state)}, with nothing waiting "
            "to be published.",
            code="not_signable",
        )


def _check_decision(decision: str, note: str) -> None:
    if decision not in SignOffDecision.values:
        raise WorkflowError(
            "Choose approve or reject for the sign-off.", code="sign_off_decision_invalid"
        )
    if decision == SignOffDecision.REJECT and not (note or "").strip():
        raise NoteRequired("Say why you reject it: the reporter and the editors read your note.")


def _check_read_version(article: Article, read_version) -> None:
    """The decision is on the text the signer read: refuse it if the story changed since."""
    if read_version in (None, ""):
        return
    if str(read_version).strip() != str(article.version):
        raise StaleEdit(
            f"“{article.headline}” was changed while you read it (now version "
            f"{article.version}): read the new text, then decide again.",
            code="changed_while_reading",
        )


def _decision_event(user, article: Article, sign_off: SignOff, *, by: str, now) -> WorkflowEvent:
    verb = "approved" if sign_off.decision == SignOffDecision.APPROVE else "rejected"
    note = f" {sign_off.note.strip()}" if sign_off.note.strip() else ""
    return _record(
        user,
        article,
        SIGN_OFF if sign_off.decision == SignOffDecision.APPROVE else REJECT_SIGN_OFF,
        article.state,
        note=f"{sign_off.step.name}: {verb} by {by} (version {sign_off.based_on_version}).{note}",
        now=now,
    )


def _keep_baseline(user, article: Article, *, comment: str) -> None:
    # The reopening rule compares later saves with the text decided on: keep it.
    if not review_chains.has_revision_at(article, article.version):
        revisions.record_revision(article, user=user, comment=comment)


def sign_off(
    user,
    article: Article,
    *,
    step: ReviewStep,
    decision: str,
    note: str = "",
    read_version=None,
    now=None,
) -> SignOff:
    """Approve or reject one step of the story's review chain as `user` (the step's person
    or a member of its group, never the story's own reporter). Approvals go in the chain's
    order; a rejection needs a note and blocks publishing until the step approves.
    `read_version`, if given, is the version the signer read: a story changed since is
    refused (`StaleEdit`)."""
    now = _now(now)
    note = review_chains.clean_typed(note)
    _check_decision(decision, note)
    with transaction.atomic():
        _lock(article)
        article.refresh_from_db()
        _check_signable(article, "sign off")
        refusal = review_chains.why_cannot_sign(user, article, step, decision=decision)
        if refusal:
            raise WorkflowPermissionError(refusal)
        _check_read_version(article, read_version)
        _keep_baseline(user, article, comment=f"Signed off: {step.name}")
        decided = SignOff.objects.create(
            article=article,
            step=step,
            decision=decision,
            signer=user,
            note=(note or "").strip(),
            at=now,
            based_on_version=article.version,
        )
        _decision_event(user, article, decided, by=_user_name(user), now=now)
        if decision == SignOffDecision.APPROVE:
            _after_commit(review_chains.notify_next_signers, article.pk)
    return decided


def send_sign_off_link(
    user,
    article: Article,
    *,
    step: ReviewStep,
    days: int = review_chains.LINK_DEFAULT_DAYS,
    sent_to: str = "",
    embargo_cleared: bool = False,
    now=None,
) -> SignOffLink:
    """A link for someone without an account to decide `step` (editors only); valid for
    `days` (1–14), until used or revoked. While the story is embargoed the link must be
    `embargo_cleared` (its reader may see the story before the embargo lifts); a link that
    is not stops opening while an embargo is set."""
    now = _now(now)
    if not review_chains.can_send_link(user, article):
        raise WorkflowPermissionError(
            f"{_user_name(user)} may not send sign-off links: only editors may."
        )
    with transaction.atomic():
        _lock(article)
        article.refresh_from_db()
        _check_signable(article, "send a sign-off link for")
        if step.section_id != article.section_id:
            raise WorkflowError(
                f"“{step.name}” is not a step of this story's review chain.",
                code="step_not_in_chain",
            )
        if article.is_embargoed(now) and not embargo_cleared:
            raise WorkflowError(
                f"“{article.headline}” is embargoed until {newsroom_time(article.embargo_until)}:"
                " a sign-off link would let it out before then. Tick “Cleared for the embargo”"
                " if the person you send it to may read it now.",
                code="embargoed",
            )
        link = review_chains.new_link(
            user,
            article,
            step,
            days=days,
            sent_to=sent_to,
            now=now,
            embargo_cleared=embargo_cleared,
        )
        who = f" for {link.sent_to}" if link.sent_to else ""
        _record(
            user,
            article,
            SIGN_OFF_LINK_SENT,
            article.state,
            note=f"{step.name}: sign-off link{who}, valid until "
            f"{timezone.localtime(link.expires_at):%b %d, %H:%M}.",
            now=now,
        )
    return link


def revoke_sign_off_link(user, link: SignOffLink, *, now=None) -> SignOffLink:
    """Withdraw a sign-off link: its address answers "not found" from now on."""
    now = _now(now)
    article = link.article
    if not review_chains.can_send_link(user, article):
        raise WorkflowPermissionError(
            f"{_user_name(user)} may not revoke sign-off links: only editors may."
        )
    with transaction.atomic():
        link = SignOffLink.objects.select_for_update().get(pk=link.pk)
        if link.revoked_at is None:
            link.revoked_at = now
            link.save(update_fields=["revoked_at"])
            _record(
                user,
                article,
                SIGN_OFF_LINK_REVOKED,
                article.state,
                note=f"{link.step.name}: sign-off link revoked.",
                now=now,
            )
    return link


def sign_off_by_link(
    signed_token: str,
    *,
    name: str,
    email: str = "",
    decision: str,
    note: str = "",
    address: str = "",
    read_version=None,
    now=None,
) -> SignOff:
    """The decision of someone without an account, sent from a sign-off link's page.

    The link must be usable (not tampered with, expired, revoked or used); the name typed
    is required and kept with the decision, the address only as a hash. One decision per
    link. Approvals follow the chain's order, as for staff.
    """
    now = _now(now)
    clean = review_chains.clean_typed
    name, email, note = clean(name, limit=1000), clean(email, limit=1000), clean(note)
    if not name:
        raise WorkflowError("Type your name: it is kept with your decision.", code="name_required")
    if len(name) > 200 or len(email) > 254:
        raise WorkflowError("That name or address is too long.", code="name_too_long")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise WorkflowError(
                "That email address does not look right: correct it or leave it empty.",
                code="email_invalid",
            ) from None
    _check_decision(decision, note)
    with transaction.atomic():
        try:
            link = review_chains.link_for_token(signed_token, now=now, for_update=True)
        except review_chains.SignOffLinkError as error:
            raise WorkflowError(str(error), code="link_invalid") from None
        if link.used_at is not None:
            raise WorkflowError("A decision was already sent with this link.", code="link_used")
        article = link.article
        _lock(article)
        article.refresh_from_db()
        _check_signable(article, "sign off")
        _check_read_version(article, read_version)
        step = link.step
        if step.section_id != article.section_id:
            raise WorkflowError(
                "The story moved to another section since this link was sent: ask the "
                "newsroom for a new one.",
                code="step_not_in_chain",
            )
        if decision == SignOffDecision.APPROVE:
            for state in review_chains.chain_state(article):
                if state.step.pk == step.pk:
                    break
                if state.status != "signed":
                    raise WorkflowError(
                        f"{state.step.name} signs before {step.name}: the newsroom will send "
                        "the link again when it is your turn.",
                        code="earlier_step_waiting",
                    )
        _keep_baseline(None, article, comment=f"Signed off by link: {step.name}")
        decided = SignOff.objects.create(
            article=article,
            step=step,
            decision=decision,
            external_name=name,
            external_email=email,
            link=link,
            ip_hash=review_chains.ip_hash(address),
            note=(note or "").strip(),
            at=now,
            based_on_version=article.version,
        )
        link.used_at = now
        link.save(update_fields=["used_at"])
        by = f"{name} (by link{', ' + email if email else ''})"
        _decision_event(None, article, decided, by=by, now=now)
        if decision == SignOffDecision.APPROVE:
            _after_commit(review_chains.notify_next_signers, article.pk)
    return decided


def reopen_sign_offs(user, article: Article, *, now=None) -> list[SignOff]:
    """Reopen the standing decisions the story's newest revision touches (the rule is in
    `articles.review.chains`); called by every save, after its revision is recorded. Records
    one "sign-off reopened" event naming the steps and why, or a "sign-offs kept" event when
    a typo fix in the dek left them standing. Returns the reopened decisions."""
    now = _now(now)
    outcome = review_chains.sign_offs_to_reopen(article)
    if outcome.reopen:
        reasons: dict[str, list[str]] = {}
        for sign_off, why in outcome.reopen:
            sign_off.reopened_at = now
            sign_off.reopened_because = why[:200]
            sign_off.save(update_fields=["reopened_at", "reopened_because"])
            reasons.setdefault(why, []).append(sign_off.step.name)
        note = " ".join(f"{', '.join(names)}: {why}." for why, names in reasons.items())
        _record(user, article, SIGN_OFF_REOPENED, article.state, note=f"Reopened {note}", now=now)
        _after_commit(review_chains.notify_next_signers, article.pk)
    elif outcome.kept_as_typo:
        names = ", ".join(s.step.name for s in outcome.kept_as_typo)
        _record(
            user,
            article,
            SIGN_OFF_KEPT,
            article.state,
            note=f"{names} still signed: the dek change is a typo fix (at most "
            f"{review_chains.DEK_TYPO_MAX_EDITS} characters, same numbers and negations).",
            now=now,
        )
    return [sign_off for sign_off, _ in outcome.reopen]


# --- reading the state -------------------------------------------------------------------

# Events that record something other than a move between states.
NOT_MOVES = (
    "edit",
    SOURCE_CHANGED,
    ASSIGN_REVIEWER,
    APPROVAL_REQUESTED,
    BREAK_EMBARGO,
    EMBARGO_HOLD,
    presence.TAKE_OVER,
    *SIGN_OFF_EVENTS,
)


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

"""Every change of a story's workflow state.

Each transition is a keyword-only function taking the acting user and the article. It
checks the permission (`articles.workflow.permissions`), locks the article row, re-reads the
state under the lock, checks the move against `ALLOWED` (`articles.workflow.states`), does
its work, records a `WorkflowEvent` and announces what happened (`articles.workflow.signals`:
the page cache, the edge and the mail follow from receivers, after the commit). A refusal
raises a `WorkflowError` subclass (`articles.workflow.errors`) with a `code` and a message
saying what was asked and what state the story is in; nothing is half-done.

Publishing asks the sources app for its checks and corrections (`articles.sourcing`), the
review chain for its sign-offs, and the embargo for its rule (`articles.workflow.embargo`).
Saving is `articles.workflow.saving`; sign-offs are `articles.review.signoffs`.
"""

from datetime import datetime, timedelta
from functools import partial

from django.db import transaction
from django.utils import timezone

from articles.images import publishing
from articles.models import Article, PublicStatus, PublishedArticle
from articles.review import chains as review_chains
from articles.sourcing import answers
from articles.versions import record as story_versions
from articles.workflow import embargo, permissions, revisions, snapshot
from articles.workflow.errors import (
    NoteRequired,
    SignOffsMissing,
    TransitionNotAllowed,
    WorkflowError,
    WorkflowPermissionError,
)
from articles.workflow.events import ASSIGN_REVIEWER, record
from articles.workflow.signals import (
    changes_requested,
    public_copy_changed,
    reviewer_assigned,
    send_after_commit,
    story_published,
    story_submitted,
)
from articles.workflow.states import (
    DRAFT,
    IN_REVIEW,
    SCHEDULED,
    SCHEDULED_DRAFT,
    SCHEDULED_IN_REVIEW,
    begin,
    lock,
    now_or,
    position,
    save_state,
    scheduled_go_live,
    user_name,
    where,
)

# How far in the past a chosen publish time may be (the form took a moment to send).
PUBLISH_TIME_GRACE = timedelta(minutes=2)


def submit_for_review(user, article: Article, *, note: str = "", now=None) -> Article:
    """Send the story to the editors' review queue."""
    now = now_or(now)
    with transaction.atomic():
        to_state = begin(user, article, "submit")
        from_state = article.state
        article.state = to_state
        article.submitted_by = user
        article.submitted_at = now
        save_state(article, "submitted_by", "submitted_at")
        record(user, article, "submit", from_state, note=note, now=now)
        send_after_commit(story_submitted, article_id=article.pk, note=note)
        transaction.on_commit(partial(review_chains.notify_next_signers, article.pk))
    return article


def _move(user, article: Article, action: str, *, note: str, now, **fields) -> Article:
    """A transition that only changes state (and `fields`) and records itself."""
    now = now_or(now)
    with transaction.atomic():
        to_state = begin(user, article, action)
        from_state = article.state
        article.state = to_state
        for name, value in fields.items():
            setattr(article, name, value)
        save_state(article, *fields)
        record(user, article, action, from_state, note=note, now=now)
    return article


def withdraw(user, article: Article, *, note: str = "", now=None) -> Article:
    """Take the story back out of review, to draft."""
    return _move(user, article, "withdraw", note=note, now=now)


def request_changes(user, article: Article, *, note: str, now=None) -> Article:
    """Send the story back to its reporter with a note saying what to change."""
    now = now_or(now)
    if not (note or "").strip():
        raise NoteRequired(
            f"Say what should change before sending “{article.headline}” back to its reporter.",
        )
    with transaction.atomic():
        to_state = begin(user, article, "request_changes")
        from_state = article.state
        article.state = to_state
        save_state(article)
        record(user, article, "request_changes", from_state, note=note, now=now)
        send_after_commit(changes_requested, article_id=article.pk, note=note, by=user_name(user))
    return article


def publish(
    user,
    article: Article,
    *,
    at: datetime | None = None,
    note: str = "",
    correction: dict | None = None,
    overrides: dict | None = None,
    break_embargo: str = "",
    now=None,
) -> PublishedArticle:
    """Publish the story (or its update) now, or schedule it for `at`.

    An editor may publish a draft in one step: its history then shows it submitted, then
    published, by them (the standards and sign-off gates apply as to any publish).

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
    return _publish(
        user,
        article,
        "publish",
        at=at,
        note=note,
        correction=correction,
        overrides=overrides,
        break_embargo=break_embargo,
        now=now,
    )


def update_scheduled_copy(
    user, article: Article, *, overrides: dict | None = None, now=None
) -> PublishedArticle:
    """Put the story's saved text into its scheduled copy, at the time it is scheduled for.

    Edits saved after a story was scheduled are not in the copy that goes live until it is
    published again; this publishes them without choosing the time again. The same checks as
    `publish` (standards, sign-offs, embargo); recorded as "update the scheduled copy".
    """
    at = scheduled_go_live(article, now=now)
    if at is None:
        raise TransitionNotAllowed(
            f"“{article.headline}” is not scheduled: there is no scheduled copy to update.",
            code="not_scheduled",
        )
    return _publish(user, article, "update_scheduled", at=at, overrides=overrides, now=now)


def _publish(
    user,
    article: Article,
    action: str,
    *,
    at: datetime | None,
    note: str = "",
    correction: dict | None = None,
    overrides: dict | None = None,
    break_embargo: str = "",
    now=None,
) -> PublishedArticle:
    now = now_or(now)
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
    sourcing = answers()
    sourcing.check_correction(correction)
    with transaction.atomic():
        to_state = begin(user, article, action)
        if position(article) == DRAFT:
            _record_one_step_submit(user, article, now=now)
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
        sourcing.check_corrections_publishable(article, correction=correction, now=now)
        embargo_until = embargo.embargo_for(
            user, article, go_live=go_live, reason=break_embargo, now=now
        )
        publishing.check_media(article, now=now)
        sourcing.check_before_publish(user=user, article=article, overrides=overrides, now=now)
        if embargo_until is None and article.is_embargoed(go_live):
            embargo.record_broken_embargo(user, article, reason=break_embargo, now=now)
        article.state = to_state
        article.has_unpublished_changes = False
        revision = revisions.record_revision(
            article,
            user=user,
            comment="Published" + (" (scheduled)" if scheduled else ""),
        )
        sourcing.publish_corrections(
            article, correction=correction, user=user, revision=revision, now=now
        )

        # What readers saw (old section, authors, tags) is purged from the edge with the new.
        seen = list(
            PublishedArticle.objects.filter(article=article).only(
                "article_id", "section_slug", "author_slugs", "tag_slugs"
            )[:1]
        )
        snap = snapshot.write_snapshot(
            article, go_live=go_live, now=now, embargo_until=embargo_until
        )
        article.first_published_at = snap.first_published_at
        article.last_published_at = go_live
        save_state(article, "first_published_at", "last_published_at")
        record(
            user,
            article,
            action,
            from_state,
            note=note,
            now=now,
            scheduled_for=go_live if scheduled else None,
        )
        public_copy_changed.send(sender=Article, article=article, snapshots=[*seen, snap])
        send_after_commit(story_published, article_id=article.pk, scheduled=scheduled)
    return snap


def _record_one_step_submit(user, article: Article, *, now) -> None:
    """An editor publishing a draft: the history shows it submitted first, by them."""
    article.state = IN_REVIEW
    article.submitted_by = user
    article.submitted_at = now
    save_state(article, "submitted_by", "submitted_at")
    record(user, article, "submit", DRAFT, note="Submitted and published in one step.", now=now)


def publish_now(
    user, article: Article, *, note: str = "", break_embargo: str = "", now=None
) -> PublishedArticle:
    """Publish a scheduled story at once instead of at its go-live time.

    Needs the publish permission. The story is published as it was scheduled: the
    standards checks ran then. A scheduled story edited since (saved in the same request,
    say) publishes its saved text instead, through `publish` and its checks.
    Before its embargo only an editor can, with a reason (`break_embargo`), as for `publish`.
    """
    if position(article) in (SCHEDULED_DRAFT, SCHEDULED_IN_REVIEW):
        return publish(user, article, note=note, break_embargo=break_embargo, now=now)
    return _retime(
        user, article, "publish_now", at=None, note=note, break_embargo=break_embargo, now=now
    )


def break_embargo(
    user, article: Article, *, reason: str, overrides: dict | None = None, now=None
) -> PublishedArticle:
    """Publish the story now, before its embargo, for the stated `reason` (editors only; the
    reason is recorded and the embargo is over). A scheduled story goes out now instead of
    at its time (`publish_now`); any other goes through `publish`, with its standards
    `overrides`. Refusals are those of the publish it makes."""
    if position(article) == SCHEDULED:
        return publish_now(user, article, break_embargo=reason, now=now)
    return publish(user, article, overrides=overrides, break_embargo=reason, now=now)


def reschedule(
    user, article: Article, *, at: datetime, note: str = "", break_embargo: str = "", now=None
):
    """Move a scheduled story's go-live time (`at`, in the future); it still goes live by
    itself. Needs the publish permission. Readers see nothing until then. A time before the
    story's embargo is refused, unless an editor breaks it (`break_embargo`, a reason)."""
    now = now_or(now)
    if at is None or at <= now:
        when = f" ({timezone.localtime(at):%b %d, %Y %H:%M})" if at is not None else ""
        passed = f": the time you chose{when} has already passed" if when else ""
        raise WorkflowError(
            f"Choose a new go-live time in the future{passed}, or use Publish now.",
            code="publish_time_passed",
        )
    if position(article) in (SCHEDULED_DRAFT, SCHEDULED_IN_REVIEW):
        # Edited since it was scheduled: the saved text goes out at the new time.
        return publish(user, article, at=at, note=note, break_embargo=break_embargo, now=now)
    return _retime(
        user, article, "reschedule", at=at, note=note, break_embargo=break_embargo, now=now
    )


def _retime(
    user, article: Article, action: str, *, at, note: str, break_embargo: str = "", now
) -> PublishedArticle:
    """Give a scheduled story's snapshot a new go-live time (`at`, or now), re-rendered so
    its page shows that time; record the event; purge and notify as publishing does."""
    now = now_or(now)
    go_live = at or now
    with transaction.atomic():
        to_state = begin(user, article, action)
        from_state = article.state
        article.refresh_from_db()
        _check_sign_offs(article)
        embargo_until = embargo.embargo_for(
            user, article, go_live=go_live, reason=break_embargo, now=now
        )
        if embargo_until is None and article.is_embargoed(go_live):
            embargo.record_broken_embargo(user, article, reason=break_embargo, now=now)
        snap = snapshot.write_snapshot(
            article, go_live=go_live, now=now, embargo_until=embargo_until
        )
        article.state = to_state
        article.first_published_at = snap.first_published_at
        article.last_published_at = go_live
        save_state(article, "first_published_at", "last_published_at")
        record(user, article, action, from_state, note=note, now=now, scheduled_for=at)
        public_copy_changed.send(sender=Article, article=article, snapshots=[snap])
        send_after_commit(story_published, article_id=article.pk, scheduled=at is not None)
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
    now = now_or(now)
    with transaction.atomic():
        to_state = begin(user, article, "cancel_schedule")
        from_state = article.state
        snap = PublishedArticle.objects.select_for_update().get(article=article)
        if snap.first_published_at > now:
            snap.delete()
            story_versions.forget_unseen(article, now=now)
            article.first_published_at = article.last_published_at = None
        else:
            snap.status = PublicStatus.WITHDRAWN
            snap.updated_at = now
            snap.save(update_fields=["status", "updated_at"])
        article.state = to_state
        article.has_unpublished_changes = False
        save_state(article, "first_published_at", "last_published_at")
        record(user, article, "cancel_schedule", from_state, note=note, now=now)
        public_copy_changed.send(sender=Article, article=article, snapshots=[snap])
    return article


def unpublish(user, article: Article, *, note: str, mode: str = "withdrawn", now=None):
    """Take a story off the site: "withdrawn" answers 410, "retracted" keeps a notice (the note)."""
    now = now_or(now)
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
        to_state = begin(user, article, "unpublish")
        from_state = article.state
        snap = PublishedArticle.objects.select_for_update().filter(article=article).first()
        if snap is not None and snap.published_at > now:
            # Never seen by readers: cancelling the schedule leaves nothing behind.
            snap.delete()
            story_versions.forget_unseen(article, now=now)
        elif snap is not None:
            snap.status = mode
            snap.notice = note.strip() if mode == PublicStatus.RETRACTED else ""
            snap.updated_at = now
            snap.save(update_fields=["status", "notice", "updated_at"])
        article.state = to_state
        article.has_unpublished_changes = False
        save_state(article)
        record(user, article, "unpublish", from_state, note=f"[{mode}] {note.strip()}", now=now)
        seen = [snap] if snap is not None else []
        public_copy_changed.send(sender=Article, article=article, snapshots=seen)
    return article


def spike(user, article: Article, *, note: str = "", now=None) -> Article:
    """Kill the story (restorable)."""
    return _move(user, article, "spike", note=note, now=now)


def restore(user, article: Article, *, note: str = "", now=None) -> Article:
    """Bring a spiked story back as a draft."""
    return _move(user, article, "restore", note=note, now=now, has_unpublished_changes=False)


def assign_reviewer(user, article: Article, *, reviewer, due_at=None, now=None) -> Article:
    """Name who reviews a story in review, and optionally by when. Editors name anyone who
    may review (themselves included: "I'll take it"); the reviewer is told by mail unless
    they named themselves. The state does not move; the event is kept in the history."""
    now = now_or(now)
    if not permissions.can_assign_reviewer(user, article):
        raise WorkflowPermissionError(
            f"{user_name(user)} may not name a reviewer for “{article.headline}”: only "
            "editors may.",
        )
    if reviewer is None or not reviewer.is_active or not permissions.can_review(reviewer, article):
        raise WorkflowError(
            f"{user_name(reviewer)} cannot review stories: choose an editor.",
            code="reviewer_cannot_review",
        )
    if due_at is not None and due_at < now - PUBLISH_TIME_GRACE:
        raise WorkflowError(
            "The review's due time has already passed: choose a later time, or none.",
            code="due_in_the_past",
        )
    with transaction.atomic():
        lock(article)
        if article.state != IN_REVIEW:
            raise TransitionNotAllowed(
                f"Cannot name a reviewer for “{article.headline}”: it is "
                f"{where(article)}, not in review.",
                code="not_in_review",
            )
        article.reviewer = reviewer
        article.review_due_at = due_at
        Article.objects.filter(pk=article.pk).update(reviewer=reviewer, review_due_at=due_at)
        due = f", due {timezone.localtime(due_at):%a %-d %b, %H:%M %Z}" if due_at else ""
        record(
            user,
            article,
            ASSIGN_REVIEWER,
            article.state,
            note=f"Reviewer: {user_name(reviewer)}{due}.",
            now=now,
        )
        if reviewer.pk != getattr(user, "pk", None):
            send_after_commit(
                reviewer_assigned,
                article_id=article.pk,
                reviewer_id=reviewer.pk,
                by=user_name(user),
            )
    return article


def _check_sign_offs(article: Article) -> None:
    refusal = review_chains.publish_refusal(article)
    if refusal:
        raise SignOffsMissing(refusal)

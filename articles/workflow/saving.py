"""Saving a story: the one save pipeline every write of a story's content goes through.

Three ways in, one way through:
- `save_article`: someone saves the story form (or a command, a plan, a restore);
- `save_import`: the wire importer writes a draft (no user permission: it is the system);
- `touch_article`: something belonging to the story changed (a source, a correction, an
  accepted proposal, its picture), saved by the caller in the same transaction.

Each bumps the version under the row lock (a live story becomes "live + draft"), then runs
`_after_save`, in the save's transaction, once the story and its parts are written:
1. `story_saved` is sent: the sources app stores the findings counts the lists and the start
   page show; the saver's autosave is dropped when the save holds what they typed;
2. a revision records what the story now is;
3. the standing sign-offs the new revision touches are reopened.
"""

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from articles.models import Article
from articles.review.signoffs import reopen_sign_offs
from articles.workflow import embargo, permissions, revisions
from articles.workflow.errors import StaleEdit, WorkflowError, WorkflowPermissionError
from articles.workflow.events import record
from articles.workflow.signals import EDIT, IMPORT, PARTS, story_saved
from articles.workflow.states import DRAFT, PUBLISHED, lock_for_edit, now_or, user_name
from newsroom.people import display_name


def saved_since(article: Article, current_version: int) -> str:
    """ "Someone else saved “…” since you opened it (now version 7 by Ana Ruiz at 10:07)." """
    latest = revisions.versions_of(article).first()
    who = ""
    if latest is not None and latest.revision.user is not None:
        when = timezone.localtime(latest.revision.date_created)
        who = f" by {display_name(latest.revision.user)} at {when:%H:%M}"
    return (
        f"Someone else saved “{article.headline}” since you opened it (now version "
        f"{current_version}{who})."
    )


def stale_message(article: Article, current_version: int) -> str:
    return (
        f"{saved_since(article, current_version)} Your changes were NOT saved and are kept in "
        "the form below: use “Compare and merge” at the top of the side panel to keep what "
        "you need."
    )


def _after_save(user, article: Article, *, created: bool, how: str, comment: str, now) -> None:
    """The steps every save runs, in its transaction, after the story and its parts."""
    story_saved.send(sender=Article, article=article, user=user, created=created, how=how)
    revisions.record_revision(article, user=user, comment=comment)
    if not created:
        reopen_sign_offs(user, article, now=now)


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
    now = now_or(now)
    with transaction.atomic():
        created = article.pk is None
        if created:
            if not permissions.can_create(user):
                raise WorkflowPermissionError(
                    f"{user_name(user)} may not create stories.", code="permission_denied"
                )
            article.created_by = article.created_by or user
            article.state = DRAFT
            article.version = 1
        else:
            lock_for_edit(user, article)
            if expected_version is not None and int(expected_version) != article.version:
                raise StaleEdit(stale_message(article, article.version))
            _mark_edited(user, article, now=now)
        article.save()
        if not created:
            embargo.hold_scheduled_copy(user, article, now=now)
        if save_parts is not None:
            save_parts(article)
        if callable(comment):  # it depends on what save_parts did (e.g. accepted a proposal)
            comment = comment()
        comment = comment or ("Created" if created else "Saved")
        _after_save(user, article, created=created, how=EDIT, comment=comment, now=now)
    return article


def save_import(article: Article, *, user=None, comment: str, save_parts=None) -> Article:
    """Save a story the wire importer wrote: a new draft, or a new version of an import the
    newsroom has not touched (the importer decides that). The importer is the system, so no
    user permission applies; the rest is the pipeline of every save."""
    with transaction.atomic():
        created = article.pk is None
        if not created:
            article.version += 1
        article.save()
        if save_parts is not None:
            save_parts(article)
        _after_save(user, article, created=created, how=IMPORT, comment=comment, now=timezone.now())
    return article


def touch_article(user, article: Article, *, comment: str = "", now=None) -> Article:
    """Record that something belonging to the story changed (its sources, corrections…).

    The same permission check, lock, version bump, "live + draft" rule and pipeline as
    `save_article`, without writing the story's text: the story is re-read from the
    database, so nothing unsaved on `article` is written. Call it in the transaction that
    saves the change, after saving it: the findings counts and the revision then hold the
    change, and a refusal rolls it back.
    """
    now = now_or(now)
    with transaction.atomic():
        lock_for_edit(user, article)
        article.refresh_from_db()
        _mark_edited(user, article, now=now)
        article.save(update_fields=["version", "state", "has_unpublished_changes", "updated_at"])
        comment = comment or "Sources or corrections changed"
        _after_save(user, article, created=False, how=PARTS, comment=comment, now=now)
    return article


def restore_revision(
    user, article: Article, *, version_id: int, expected_version: int | None, now=None
):
    """Make the working copy look like an old revision again, saved as a new revision.

    A save like any other (`save_article`): the same permission, lock, version check and
    live-story rules, so a restore made from a page older than the story's last save is
    refused (`StaleEdit`) instead of overwriting it, and a live story becomes "live + draft".
    History is never rewritten. Authors, sections and pictures deleted since are left out
    rather than restored as dangling references.
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
        expected_version=expected_version,
        now=now,
        comment=f"Restored revision #{number} of {version.revision.date_created:%Y-%m-%d %H:%M}",
        save_parts=lambda saved: revisions.apply_byline_and_tags(saved, data),
    )


def check_version(user, article: Article, *, expected_version: int | None) -> None:
    """Lock the story for a move made from the story form, and refuse it (`StaleEdit`) when
    someone saved since the form was opened: the move would act on words its maker has not
    seen. For the caller's transaction (the lock holds until it ends)."""
    with transaction.atomic():
        lock_for_edit(user, article)
        if expected_version is not None and int(expected_version) != article.version:
            raise StaleEdit(stale_message(article, article.version))


def _mark_edited(user, article: Article, *, now) -> None:
    """A new version; a live story becomes "live + draft" (not saved: the caller saves)."""
    article.version += 1
    from_state = article.state
    if article.state == PUBLISHED:
        # The live page stays as published; the edit waits for the next publish.
        article.state = DRAFT
        article.has_unpublished_changes = True
    if from_state != article.state:
        record(user, article, "edit", from_state, note="Edited the live story.", now=now)

"""A story's own sign-off steps: an editor sends one story to Legal (or any group or person)
without a section chain, and removes such a step with a recorded reason.

A story's own step is a `ReviewStep` with `article` set: the publish gate counts it like a
section chain's step (`chains.chain_for`), its decisions are the same `SignOff`s through
`articles.review.signoffs`, and an edit reopens it by the same rule. It signs at any time
(nothing in the section's order waits for it, nor it for them). The editor who asked never
signs it, nor do the story's reporters. Asking and removing are workflow events in the
story's history; the step's signers are mailed when it is asked for.
"""

from functools import partial

from django.contrib.auth.models import Group
from django.db import transaction

from articles.models import Article, ReviewStep, StoryPart
from articles.review import chains as review_chains
from articles.review import links as sign_off_links
from articles.review import permissions as review_permissions
from articles.workflow import notifications, permissions
from articles.workflow.errors import TransitionNotAllowed, WorkflowError, WorkflowPermissionError
from articles.workflow.events import SIGN_OFF_ASKED, SIGN_OFF_STEP_REMOVED, record
from articles.workflow.states import lock, now_or, user_name, where
from newsroom.people import display_name

NAME_MAX = 80
REASON_MAX = 500


def _check_signable(article: Article, what: str) -> None:
    if article.state not in review_chains.SIGNABLE_STATES:
        raise TransitionNotAllowed(
            f"Cannot {what} “{article.headline}”: it is {where(article)}, with nothing "
            "waiting to be published.",
            code="not_signable",
        )


def add_story_step(
    user,
    article: Article,
    *,
    name: str,
    group: Group | None = None,
    person=None,
    touches_display: bool = False,
    now=None,
) -> ReviewStep:
    """Ask `group` (any member signs) or `person` to sign `article` off before it is
    published, as a step of this story alone (editors only). The person may be neither the
    editor asking nor one of the story's reporters; the name is unique among the story's
    steps (e.g. "Legal"). Mails the step's signers after the commit."""
    now = now_or(now)
    if not review_permissions.can_ask_for_sign_off(user, article):
        raise WorkflowPermissionError(
            f"{user_name(user)} may not ask for a sign-off: only editors may."
        )
    name = sign_off_links.clean_typed(name, limit=1000)
    if not name:
        raise WorkflowError("Name the step (e.g. “Legal”).", code="step_name_required")
    if len(name) > NAME_MAX:
        raise WorkflowError(
            f"A step's name has at most {NAME_MAX} characters.", code="step_name_too_long"
        )
    if (group is None) == (person is None):
        raise WorkflowError(
            "Choose either a group (any member signs) or one person.", code="group_or_person"
        )
    if person is not None:
        if person.pk == user.pk:
            raise WorkflowPermissionError(
                "You are asking for the sign-off: choose someone else to give it."
            )
        if not person.is_active or not person.is_staff:
            raise WorkflowError(f"{user_name(person)} cannot log in to sign.", code="inactive")
        if permissions.is_owner(person, article):
            raise WorkflowPermissionError(
                f"{user_name(person)} reports this story: someone else signs it off."
            )
    with transaction.atomic():
        lock(article)
        article.refresh_from_db()
        _check_signable(article, "ask for a sign-off on")
        if any(step.name.lower() == name.lower() for step in review_chains.chain_for(article)):
            raise WorkflowError(
                f"“{article.headline}” already has a step named “{name}”.",
                code="step_name_taken",
            )
        touches = [StoryPart.TEXT.value] + ([StoryPart.DISPLAY.value] if touches_display else [])
        step = ReviewStep.objects.create(
            article=article,
            name=name,
            group=group,
            user=person,
            touches=touches,
            added_by=user,
            added_at=now,
        )
        record(
            user,
            article,
            SIGN_OFF_ASKED,
            article.state,
            note=f"{name}: sign-off asked of {review_chains.who_signs(step)} for this story.",
            now=now,
        )
        transaction.on_commit(partial(mail_signers, step.pk))
    return step


def remove_story_step(user, step: ReviewStep, *, reason: str, now=None) -> ReviewStep:
    """Remove a story's own step (editors only, with a reason kept in the history): the
    story no longer waits for it. A section chain's step is not removed here."""
    now = now_or(now)
    if step.article_id is None:
        raise WorkflowPermissionError(
            f"“{step.name}” is a step of the section's chain: only an admin changes it."
        )
    article = step.article
    if not review_permissions.can_ask_for_sign_off(user, article):
        raise WorkflowPermissionError(
            f"{user_name(user)} may not remove a sign-off step: only editors may."
        )
    reason = sign_off_links.clean_typed(reason, limit=REASON_MAX + 1)
    if not reason:
        raise WorkflowError(
            "Say why the story no longer needs this sign-off: it is kept in the history.",
            code="reason_required",
        )
    if len(reason) > REASON_MAX:
        raise WorkflowError(
            f"Keep the reason under {REASON_MAX} characters.", code="reason_too_long"
        )
    with transaction.atomic():
        lock(article)
        article.refresh_from_db()
        step = ReviewStep.objects.select_for_update().get(pk=step.pk)
        if step.removed_at is not None:
            return step
        step.removed_at, step.removed_by, step.removed_because = now, user, reason
        step.save(update_fields=["removed_at", "removed_by", "removed_because"])
        step.links.filter(revoked_at__isnull=True).update(revoked_at=now)
        record(
            user,
            article,
            SIGN_OFF_STEP_REMOVED,
            article.state,
            note=f"{step.name}: sign-off no longer needed. {reason}",
            now=now,
        )
    return step


def mail_signers(step_id: int) -> int:
    """Mail who may sign a story's own step that they are asked to (after the commit)."""
    step = ReviewStep.objects.select_related("article", "added_by", "group", "user").get(pk=step_id)
    article = step.article
    who = display_name(step.added_by, "An editor")
    return notifications.story_mail(
        article.pk,
        f"Sign-off needed ({step.name}): {article.headline}",
        f"{who} asks you to sign “{article.headline}” off as {step.name} before it is published.",
        review_chains.signer_addresses(article, step),
    )

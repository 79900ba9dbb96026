"""Setting up a section's review chain: every change to a chain step, checked and recorded.

Only admins change chain steps (`permissions.can_configure_chains`: superusers and holders
of "manage review chains", never the Editors group), so an editor cannot name themselves a
step's person, add an outside address of their own, or drop Legal from a section. Each
change is a `ReviewStepChange` (who, when, the step before → after), shown on the chain's
admin page (`chain_changes`). A story's own steps are not set up here
(`articles.review.story_steps`).
"""

from django.db import transaction
from django.utils import timezone

from articles.models import ReviewStep, ReviewStepChange, StoryPart
from articles.review import permissions as review_permissions
from articles.review.chains import who_signs
from articles.workflow.errors import WorkflowPermissionError
from articles.workflow.states import user_name

Action = ReviewStepChange.Action


def describe(step: ReviewStep | None) -> str:
    """A step in one line, as the change record keeps it: "Legal (position 1), signed by
    the Legal group; outside signers: ada@counsel.example; reopened by the text"."""
    if step is None:
        return ""
    parts = {StoryPart.TEXT.value: "the text", StoryPart.DISPLAY.value: "the display"}
    touches = " and ".join(parts[p] for p in parts if p in (step.touches or []))
    line = f"{step.name} (position {step.position}) in {step.section}, signed by {who_signs(step)}"
    if step.outside_signers:
        line += "; outside signers: " + ", ".join(step.outside_signers)
    return f"{line}; reopened by {touches or 'the text'}"


def stored(step: ReviewStep) -> ReviewStep | None:
    """The step as the database has it (before a form's changes), or None for a new one."""
    if step.pk is None:
        return None
    return ReviewStep.objects.select_related("section", "group", "user").filter(pk=step.pk).first()


def _check(user, step: ReviewStep) -> None:
    if not review_permissions.can_configure_chains(user):
        raise WorkflowPermissionError(
            f"{user_name(user)} may not change review chains: only admins may."
        )
    if step.article_id is not None:
        raise WorkflowPermissionError(
            f"“{step.name}” is a step of one story: an editor removes it from the story's page."
        )


def save_chain_step(user, step: ReviewStep, *, now=None) -> ReviewStepChange | None:
    """Save a section's chain step as `user` (admins only) and record the change; None when
    nothing changed."""
    before = stored(step)
    _check(user, step)
    if before is not None:
        _check(user, before)
    with transaction.atomic():
        was = describe(before)
        step.full_clean()
        step.save()
        now_is = describe(stored(step))
        if was == now_is:
            return None
        return ReviewStepChange.objects.create(
            section=step.section,
            step=step,
            step_name=step.name,
            action=Action.ADDED if before is None else Action.CHANGED,
            changed_by=user,
            at=now or timezone.now(),
            before=was,
            after=now_is,
        )


def delete_chain_step(user, step: ReviewStep, *, now=None) -> ReviewStepChange:
    """Delete a section's chain step as `user` (admins only), recording what it was."""
    _check(user, step)
    with transaction.atomic():
        change = ReviewStepChange.objects.create(
            section=step.section,
            step=None,
            step_name=step.name,
            action=Action.DELETED,
            changed_by=user,
            at=now or timezone.now(),
            before=describe(step),
        )
        step.delete()
    return change


def chain_changes(section_id: int | None = None, *, limit: int = 50) -> list[ReviewStepChange]:
    """The latest changes to the chains (of one section, if given), newest first."""
    changes = ReviewStepChange.objects.select_related("changed_by", "section")
    if section_id is not None:
        changes = changes.filter(section_id=section_id)
    return list(changes[:limit])

"""Every change to a plan: create, edit, move to another status, reschedule, start its draft.

Each change checks who may make it (`articles.planning.permissions`), locks the plan, and keeps
a line of the plan's history (`articles.planning.history.record_event`) in its transaction.

Starting the draft goes through `workflow.save_article` (the one save path of a story): the
story gets a short working headline made from the plan's slug ("pier-vote" → "Pier vote"),
the budget line as its dek, the byline of the plan's writer or, when the plan has none, of
the person starting it (their author profile, made if they have none:
`authors.bylines.ensure_author`), the plan's section, and an editorial note with the planned
publish time, copy due time, length and art; the plan links to it and is "in progress".
From then on the budget shows the story's own state (draft, in review, scheduled, published).

Rescheduling moves a plan to another day at the same time of day (10:00 for an unscheduled
plan), and its copy due time by the same amount; moving it to "unscheduled" clears the
planned publish time. A day already past is refused unless the caller says the mover
confirmed it (`confirm_past`): the page asks first.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator, slugify

from articles import workflow
from articles.models import (
    Article,
    ArticleAuthor,
    EditorialNote,
    PlanEventKind,
    PlannedStory,
    PlanStatus,
)
from articles.planning.dates import at_day, short_day, workflow_time
from articles.planning.errors import DraftAlreadyStarted, PlanningError, PlanningPermissionError
from articles.planning.history import record_event
from articles.planning.permissions import can_change_status, can_plan, can_see_plan, can_start_draft
from authors.bylines import ensure_author
from newsroom.people import display_name


def _lock(plan: PlannedStory) -> PlannedStory:
    return PlannedStory.objects.select_for_update().get(pk=plan.pk)


def _refuse_unless_planner(user, what: str) -> None:
    if not can_plan(user):
        raise PlanningPermissionError(f"Only editors may {what}.")


@transaction.atomic
def save_plan(user, plan: PlannedStory) -> PlannedStory:
    """Create or edit a plan (editors). A new plan with a writer starts as "assigned"."""
    _refuse_unless_planner(user, "plan stories")
    before = None
    if plan.pk is None:
        plan.created_by = user
        if plan.writer_id is not None and plan.status == PlanStatus.IDEA:
            plan.status = PlanStatus.ASSIGNED.value
    else:
        before = PlannedStory.objects.filter(pk=plan.pk).values("publish_at").first()
    plan.full_clean()
    plan.save()
    if before is None:
        record_event(
            plan, PlanEventKind.CREATED, user, to_status=plan.status, to_time=plan.publish_at
        )
    elif before["publish_at"] != plan.publish_at:
        record_event(
            plan,
            PlanEventKind.RESCHEDULED,
            user,
            from_time=before["publish_at"],
            to_time=plan.publish_at,
        )
    return plan


def create_plan(user, **fields) -> PlannedStory:
    """A new plan from its fields (slug, budget_line, section, writer, publish_at, ...)."""
    status = fields.pop("status", None)
    plan = PlannedStory(**fields)
    if status:
        plan.status = status
    return save_plan(user, plan)


@transaction.atomic
def change_status(user, plan: PlannedStory, *, to: str) -> PlannedStory:
    """Move a plan to another status (the board's drag)."""
    if to not in PlanStatus.values:
        raise PlanningError(f"“{Truncator(str(to)).chars(40)}” is not a plan status.", code="bad")
    locked = _lock(plan)
    if not can_see_plan(user, locked):
        raise PlanningPermissionError("This plan is not one of yours.")
    if not can_change_status(user, locked, to):
        label = PlanStatus(locked.status).label.lower()
        raise PlanningPermissionError(
            f"{display_name(user, 'Nobody')} may not move this plan from {label} to "
            f"{PlanStatus(to).label.lower()}: reporters move their own plans between "
            "assigned, in progress and filed."
        )
    before = locked.status
    locked.status = to
    locked.save(update_fields=["status", "updated_at"])
    if before != to:
        record_event(locked, PlanEventKind.STATUS, user, from_status=before, to_status=to)
    plan.status, plan.updated_at = locked.status, locked.updated_at
    return plan


@transaction.atomic
def reschedule(
    user, plan: PlannedStory, *, day: date | None, confirm_past: bool = False, today=None
) -> PlannedStory:
    """Plan the story for `day` at its planned time of day (None: unscheduled); the copy due
    time moves with it. A day before `today` needs `confirm_past`."""
    _refuse_unless_planner(user, "reschedule plans")
    today = today or timezone.localdate()
    if day is not None and day < today and not confirm_past:
        raise PlanningError(
            f"{short_day(day)} is already past: “{plan.slug}” would be planned for a day that "
            "has gone. Confirm to move it there anyway, or choose today or a later day.",
            code="past_day",
        )
    locked = _lock(plan)
    before = locked.publish_at
    if day is None:
        locked.publish_at = None
    else:
        new_time = at_day(locked.publish_at, day)
        if locked.publish_at and locked.copy_due_at:
            locked.copy_due_at += new_time - locked.publish_at
        locked.publish_at = new_time
    locked.save(update_fields=["publish_at", "copy_due_at", "updated_at"])
    if before != locked.publish_at:
        record_event(
            locked, PlanEventKind.RESCHEDULED, user, from_time=before, to_time=locked.publish_at
        )
    plan.publish_at, plan.copy_due_at = locked.publish_at, locked.copy_due_at
    return plan


def _story_slug(plan: PlannedStory) -> str:
    base = slugify(plan.slug)[:180] or "planned-story"
    taken = set(Article.objects.filter(slug__startswith=base).values_list("slug", flat=True)[:1000])
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def working_headline(slug: str) -> str:
    """A short headline to start from: "pier-vote" → "Pier vote"."""
    words = " ".join(str(slug).replace("-", " ").replace("_", " ").split())
    return (words[:1].upper() + words[1:])[:200] or "Untitled story"


def plan_note(plan: PlannedStory) -> str:
    """The editorial note a story started from a plan carries: what was planned."""
    parts = [f"Started from the plan “{plan.slug}”."]
    if plan.publish_at:
        parts.append(f"Planned for {workflow_time(plan.publish_at)}.")
    else:
        parts.append("Not scheduled yet.")
    if plan.copy_due_at:
        parts.append(f"Copy due {workflow_time(plan.copy_due_at)}.")
    if plan.planned_words:
        parts.append(f"Planned length: {plan.planned_words} words.")
    if plan.needs_art:
        parts.append("Needs art.")
    return " ".join(parts)


def start_draft(user, plan: PlannedStory, *, now=None) -> Article:
    """Start the plan's story as a draft (one click): see the module docstring."""
    with transaction.atomic():
        locked = _lock(plan)
        if locked.article_id is not None:
            raise DraftAlreadyStarted("This plan's draft is already started.")
        if not can_start_draft(user, locked):
            raise PlanningPermissionError(
                "Only an editor or the plan's writer may start its draft."
                if locked.status != PlanStatus.KILLED
                else "This plan is killed: revive it before starting its draft."
            )
        byline = ensure_author(locked.writer) if locked.writer_id else None
        byline = byline or ensure_author(user)
        article = Article(
            headline=working_headline(locked.slug),
            dek=Truncator(" ".join(locked.budget_line.split())).chars(600),
            slug=_story_slug(locked),
            section=locked.section,
        )
        note = plan_note(locked)

        def save_parts(saved: Article) -> None:
            if byline is not None:
                ArticleAuthor.objects.create(article=saved, author=byline, position=0)
            EditorialNote.objects.create(article=saved, author=user, text=note)

        try:
            workflow.save_article(
                user,
                article,
                expected_version=None,
                now=now,
                comment=f"Started from the plan “{locked.slug}”",
                save_parts=save_parts,
            )
        except workflow.WorkflowPermissionError as refused:
            raise PlanningPermissionError(str(refused)) from None
        except workflow.WorkflowError as refused:
            raise PlanningError(str(refused)) from None
        locked.article = article
        before = locked.status
        if locked.status in (PlanStatus.IDEA, PlanStatus.ASSIGNED):
            locked.status = PlanStatus.IN_PROGRESS.value
        locked.save(update_fields=["article", "status", "updated_at"])
        record_event(
            locked,
            PlanEventKind.DRAFT_STARTED,
            user,
            from_status=before,
            to_status=locked.status,
            at=now,
        )
    plan.article, plan.status = article, locked.status
    return article

"""Who may do what on the story budget: the one home of planning's permission predicates.

- Editors (`articles.workflow.permissions.is_editor`: may publish and change stories) plan:
  they create and edit plans, reschedule them, move any plan to any status (killing and
  reviving included) and start any plan's draft. They see every plan.
- Reporters (staff who may view stories) see only the plans they are assigned to, as writer,
  photographer or editor. They may move their own plan's status between assigned, in
  progress and filed (not to idea or killed, and not out of killed), and the plan's writer
  may start its draft. They cannot create, edit or reschedule plans.
- Anyone else sees no plan.

The changes (`articles.planning.changes`), the reads (`articles.planning.selectors`), the calendar
feed and the budget's admin pages all ask these predicates.
"""

from django.db.models import Q

from articles.models import (
    PlannedStory,
    PlanStatus,
)
from articles.workflow import permissions as story_permissions

# The statuses an assigned reporter may move their own plan between.
REPORTER_STATUSES = (PlanStatus.ASSIGNED, PlanStatus.IN_PROGRESS, PlanStatus.FILED)


def _active_staff(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def can_plan(user) -> bool:
    """Editors create, edit and reschedule plans."""
    return _active_staff(user) and story_permissions.is_editor(user)


def can_use_planning(user) -> bool:
    """Whether the budget's pages open for `user` at all (editors, and reporters for their own)."""
    return _active_staff(user) and story_permissions.can_view(user)


def is_assigned(user, plan: PlannedStory) -> bool:
    return bool(user and user.pk) and user.pk in (
        plan.writer_id,
        plan.photographer_id,
        plan.editor_id,
    )


def visible_plans(user, queryset=None):
    """The plans `user` may see (the queryset form of `can_see_plan`)."""
    queryset = PlannedStory.objects.all() if queryset is None else queryset
    if can_plan(user):
        return queryset
    if not can_use_planning(user):
        return queryset.none()
    return queryset.filter(Q(writer=user) | Q(photographer=user) | Q(editor=user))


def can_see_plan(user, plan: PlannedStory) -> bool:
    return can_plan(user) or (can_use_planning(user) and is_assigned(user, plan))


def can_change_status(user, plan: PlannedStory, to: str) -> bool:
    if to not in PlanStatus.values:
        return False
    if can_plan(user):
        return True
    return (
        can_use_planning(user)
        and is_assigned(user, plan)
        and plan.status in REPORTER_STATUSES
        and to in REPORTER_STATUSES
    )


def can_start_draft(user, plan: PlannedStory) -> bool:
    if plan.article_id is not None or plan.status == PlanStatus.KILLED:
        return False
    if not story_permissions.can_create(user):
        return False
    return can_plan(user) or (plan.writer_id is not None and plan.writer_id == user.pk)

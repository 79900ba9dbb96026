"""A plan's history: every change of its status or planned publish time as a `PlanEvent`,
and the sentence the plan's page shows for each."""

from datetime import datetime

from django.utils import timezone

from articles.models import (
    PlanEvent,
    PlanEventKind,
    PlannedStory,
    PlanStatus,
)
from articles.planning.dates import workflow_time
from newsroom.people import display_name


def record_event(plan: PlannedStory, kind: str, user, *, at=None, **fields) -> PlanEvent:
    """Keep one line of the plan's history (called by the changes above, in their
    transaction)."""
    return PlanEvent.objects.create(
        plan=plan,
        kind=kind,
        by=user,
        by_name=display_name(user, "Nobody"),
        at=at or timezone.now(),
        **fields,
    )


def _status_label(value: str) -> str:
    return PlanStatus(value).label.lower() if value in PlanStatus.values else value


def _planned_time(moment: datetime | None) -> str:
    return workflow_time(moment) if moment else "unscheduled"


def describe_event(event: PlanEvent) -> str:
    """The history line's sentence, without who and when: "Moved from assigned to filed."."""
    if event.kind == PlanEventKind.CREATED:
        text = f"Planned as {_status_label(event.to_status)}"
        return text + (
            f", for {workflow_time(event.to_time)}." if event.to_time else ", unscheduled."
        )
    if event.kind == PlanEventKind.STATUS:
        return f"Moved from {_status_label(event.from_status)} to {_status_label(event.to_status)}."
    if event.kind == PlanEventKind.RESCHEDULED:
        if event.to_time is None:
            return f"Unscheduled (was {_planned_time(event.from_time)})."
        return (
            f"Rescheduled from {_planned_time(event.from_time)} to {workflow_time(event.to_time)}."
        )
    if event.kind == PlanEventKind.DRAFT_STARTED:
        if event.from_status != event.to_status:
            return f"Draft started; moved from {_status_label(event.from_status)} to {_status_label(event.to_status)}."
        return "Draft started."
    return str(event.get_kind_display())


def plan_history(plan: PlannedStory, *, limit: int = 100) -> list[tuple[PlanEvent, str]]:
    """The plan's history, newest first, each event with its sentence (one query)."""
    events = PlanEvent.objects.filter(plan=plan).order_by("-at", "-pk")[:limit]
    return [(event, describe_event(event)) for event in events]

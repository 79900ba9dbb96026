"""The demo's planned day on the story budget (`planning.yaml`), made through
`articles.planning` as an editor would: plans across sections and statuses, one of them
started as a draft by its writer. Loading again changes nothing: a plan whose working slug
exists is left alone."""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from articles import planning
from articles.models import PlannedStory, PlanStatus, Section

from . import content


def _at(day, hhmm: str | None):
    if not hhmm:
        return None
    hours, minutes = (int(part) for part in str(hhmm).split(":"))
    return timezone.make_aware(datetime.combine(day, time(hours, minutes)))


def load_planned_day(*, editor, today=None) -> dict[str, int]:
    """Create the demo plans that are not there yet; {"created": n, "existing": n}."""
    today = today or timezone.localdate()
    users = {user.username: user for user in get_user_model().objects.filter(is_active=True)}
    sections = {section.slug: section for section in Section.objects.all()}
    counts = {"created": 0, "existing": 0}
    for data in content.load_plans():
        if PlannedStory.objects.filter(slug=data["slug"]).exists():
            counts["existing"] += 1
            continue
        day = today + timedelta(days=data["day"]) if "day" in data else None
        copy_day = today + timedelta(days=data.get("copy_due_day", data.get("day", 0)))
        plan = planning.create_plan(
            editor,
            slug=data["slug"],
            budget_line=data["budget_line"],
            section=sections.get(data.get("section")),
            writer=users.get(data.get("writer")),
            photographer=users.get(data.get("photographer")),
            editor=users.get(data.get("editor")),
            publish_at=_at(day, data.get("at")) if day else None,
            copy_due_at=_at(copy_day, data.get("copy_due")),
            planned_words=data.get("words"),
            needs_art=bool(data.get("needs_art")),
        )
        status = data.get("status", PlanStatus.IDEA)
        if status != plan.status:
            planning.change_status(editor, plan, to=status)
        if data.get("start_draft"):
            planning.start_draft(plan.writer or editor, plan)
        counts["created"] += 1
    return counts

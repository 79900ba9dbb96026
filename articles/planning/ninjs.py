"""Budget lines in ninjs (IPTC's news in JSON), for the staff-only plan API."""

from articles.models import (
    PlannedStory,
    PlanStatus,
)
from articles.planning.dates import workflow_time
from newsroom.people import display_name

NINJS_PUBSTATUS = {PlanStatus.KILLED: "canceled"}


def plan_to_ninjs(plan: PlannedStory) -> dict:
    """A budget line as a ninjs 1.x item, in the fields that fit a plan: the working slug as
    `slugline`, the budget line as `description_text`, the section as `service`, the people
    in `person` with their role, "canceled" `pubstatus` for a killed plan; what ninjs has no
    field for (planned publish and copy times, length, art, status) goes in `ednote`.
    `representationtype` "partial": a plan, not the story. Staff only, never public."""
    note = [f"Status: {PlanStatus(plan.status).label}."]
    if plan.publish_at:
        note.append(f"Planned for {workflow_time(plan.publish_at)}.")
    if plan.copy_due_at:
        note.append(f"Copy due {workflow_time(plan.copy_due_at)}.")
    if plan.planned_words:
        note.append(f"{plan.planned_words} words.")
    if plan.needs_art:
        note.append("Needs art.")
    item = {
        "uri": f"urn:newsroom:plan:{plan.pk}",
        "type": "text",
        "representationtype": "partial",
        "version": plan.updated_at.isoformat(),
        "firstcreated": plan.created_at.isoformat(),
        "versioncreated": plan.updated_at.isoformat(),
        "pubstatus": NINJS_PUBSTATUS.get(plan.status, "usable"),
        "slugline": plan.slug,
        "description_text": plan.budget_line,
        "ednote": " ".join(note),
        "person": [
            {"name": display_name(person), "rel": role}
            for role, person in (
                ("writer", plan.writer),
                ("photographer", plan.photographer),
                ("editor", plan.editor),
            )
            if person is not None
        ],
    }
    if plan.writer is not None:
        item["byline"] = display_name(plan.writer)
    if plan.section is not None:
        item["service"] = [{"name": plan.section.name, "code": plan.section.slug}]
    if plan.article_id is not None:
        item["associations"] = {"story": {"uri": f"urn:newsroom:story:{plan.article_id}"}}
    return item

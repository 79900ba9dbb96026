"""The workflow box of the side column, and its buttons (the moves this user may make now).

The box holds the panels of the "workflow" place in order: the state sentence, then what
other apps put before the buttons (sourcing's standards findings), then the buttons.

On a story the user may edit, the forward buttons (submit, publish, request changes, the
scheduled story's) and their boxes belong to the story form (`workflow_form_id` is
"article_form"), so each posts the typed text with it; otherwise, and for the take-downs,
each posts the form it sits in to the workflow view.
"""

from django.utils import timezone

from articles import workflow
from articles.admin.story.panels.state import story_snapshot
from articles.admin.story.registry import StoryPanel
from articles.admin.story.workflow_actions import kept_workflow_input
from articles.workflow import permissions
from articles.workflow.embargo import banner_text as embargo_banner_text

# Moves forward share one form; request changes and the take-downs get their own.
FORWARD_ACTIONS = ("submit", "withdraw", "publish", "restore")
# The story form's id: the buttons and boxes that carry the typed text belong to it.
STORY_FORM = "article_form"
TAKEDOWN_ACTIONS = ("unpublish", "spike")


def button_label(article, action: str) -> str:
    if action == "publish":
        live = article.has_unpublished_changes or workflow.position(article) == workflow.PUBLISHED
        return "Publish update" if live else "Publish now"
    return workflow.ACTION_LABELS[action].capitalize()


def schedule_label(at) -> str:
    """The Publish button's words while a time is typed: "Schedule for 14:30, Tue 8 Dec"
    (static/js/admin-publish-time.js says the same as the time is typed)."""
    local = timezone.localtime(at)
    return f"Schedule for {local:%H:%M}, {local:%a} {local.day} {local:%b}"


def time_inputs(posted: dict, name: str, fallback) -> tuple[str, str]:
    """(date, 24-hour time) for the inputs `<name>_date` and `<name>_time`: what was typed
    before a refusal, else `fallback` in newsroom time, else empty."""
    if posted.get(f"{name}_date") or posted.get(f"{name}_time"):
        return posted.get(f"{name}_date", ""), posted.get(f"{name}_time", "")
    if fallback is None:
        return "", ""
    local = timezone.localtime(fallback)
    return f"{local:%Y-%m-%d}", f"{local:%H:%M}"


def with_update_of_a_live_story(user, article, actions: list[str]) -> list[str]:
    """On a live story with nothing waiting, an editor's typed fix goes out in one press: the
    form's save makes the story "live + draft", then Publish update publishes it."""
    if (
        "publish" not in actions
        and workflow.position(article) == workflow.PUBLISHED
        and permissions.can_edit(user, article)
        and permissions.can_do(user, article, "publish")
    ):
        return ["publish", *actions]
    return actions


class WorkflowBoxPanel(StoryPanel):
    name = "workflow"
    template = "admin/articles/article/workflow_panel.html"
    order = 20


class WorkflowActionsPanel(StoryPanel):
    name = "workflow_actions"
    template = "admin/articles/article/workflow_actions.html"
    place = "workflow"
    order = 30

    def context(self, request, article) -> dict:
        user = request.user
        actions = with_update_of_a_live_story(
            user, article, workflow.allowed_actions(user, article)
        )
        posted = kept_workflow_input(request, article)
        snapshot = story_snapshot(article)
        prefilled_at = article.embargo_until if embargo_banner_text(article) else None
        at_date, at_time = time_inputs(posted, "at", prefilled_at)
        go_live = snapshot.published_at if snapshot is not None else None
        re_date, re_time = time_inputs(posted, "reschedule_at", go_live)
        editable = permissions.can_edit(user, article)
        return {
            # "" when the user may not edit: each button posts the form it sits in.
            "workflow_form_id": STORY_FORM if editable else "",
            "workflow_with_text": editable,
            "publish_at_date": at_date,
            "publish_at_time": at_time,
            "publish_label": button_label(article, "publish"),
            "publish_schedule_label": schedule_label(prefilled_at) if prefilled_at else "",
            "reschedule_date": re_date,
            "reschedule_time": re_time,
            "workflow_actions": actions,
            "workflow_buttons": [
                (action, button_label(article, action))
                for action in actions
                if action in FORWARD_ACTIONS
            ],
            "takedown_actions": [a for a in actions if a in TAKEDOWN_ACTIONS],
            "snapshot": snapshot,
            "embargo_banner": embargo_banner_text(article),
            "can_break_embargo": article.is_embargoed()
            and permissions.can_break_embargo(user, article),
            "workflow_posted": posted,
            "workflow_error": posted.get("error", ""),
        }

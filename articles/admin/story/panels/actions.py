"""The workflow box of the side column, and its buttons (the moves this user may make now).

The box holds the panels of the "workflow" place in order: the state sentence, then what
other apps put before the buttons (sourcing's standards findings), then the buttons.
"""

from articles import workflow
from articles.admin.story.panels.state import story_snapshot
from articles.admin.story.registry import StoryPanel
from articles.admin.story.workflow_actions import kept_workflow_input
from articles.workflow import permissions
from articles.workflow.embargo import banner_text as embargo_banner_text

# Moves forward share one form; request changes and the take-downs get their own.
FORWARD_ACTIONS = ("submit", "withdraw", "publish", "restore")
TAKEDOWN_ACTIONS = ("unpublish", "spike")


def button_label(article, action: str) -> str:
    if action == "publish" and article.has_unpublished_changes:
        return "Publish update"
    return workflow.ACTION_LABELS[action].capitalize()


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
        actions = workflow.allowed_actions(user, article)
        posted = kept_workflow_input(request, article)
        return {
            "workflow_actions": actions,
            "workflow_buttons": [
                (action, button_label(article, action))
                for action in actions
                if action in FORWARD_ACTIONS
            ],
            "takedown_actions": [a for a in actions if a in TAKEDOWN_ACTIONS],
            "snapshot": story_snapshot(article),
            "embargo_banner": embargo_banner_text(article),
            "can_break_embargo": article.is_embargoed()
            and permissions.can_break_embargo(user, article),
            "workflow_posted": posted,
            "workflow_error": posted.get("error", ""),
        }

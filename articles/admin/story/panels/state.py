"""The state sentence: where the story stands, a change request, its reviewer."""

from django.utils import timezone

from articles import workflow
from articles.admin.story.columns import has_snapshot, state_badge
from articles.admin.story.registry import StoryPanel
from articles.workflow import permissions
from newsroom.people import display_name


def story_snapshot(article):
    """The story's public snapshot, or None (read once per page: the story caches it)."""
    return article.snapshot if has_snapshot(article) else None


class StatePanel(StoryPanel):
    name = "state"
    template = "admin/articles/article/workflow_state.html"
    place = "workflow"
    order = 10

    def context(self, request, article) -> dict:
        change_request = workflow.change_request(article)
        may_name_reviewer = article.state == workflow.IN_REVIEW and (
            permissions.can_assign_reviewer(request.user, article)
        )
        return {
            "change_request": change_request,
            "change_request_by": display_name(
                change_request.actor if change_request is not None else None, "An editor"
            ),
            "workflow_position": workflow.POSITION_LABELS.get(workflow.position(article)),
            "workflow_badge": state_badge(article),
            "snapshot": story_snapshot(article),
            "now": timezone.now(),
            "reviewer_name": display_name(article.reviewer),
            "reviewer_choices": (
                [(u.pk, display_name(u)) for u in permissions.reviewers()]
                if may_name_reviewer
                else []
            ),
        }

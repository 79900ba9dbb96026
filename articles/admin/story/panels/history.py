"""The history under the form: revisions, workflow events and editorial notes in time order
(`articles.workflow.timeline`), the note form, and restore buttons."""

from articles.admin.story.registry import StoryPanel
from articles.workflow import permissions
from articles.workflow.timeline import story_timeline


class HistoryPanel(StoryPanel):
    name = "history"
    template = "admin/articles/article/timeline.html"
    place = "below"

    def context(self, request, article) -> dict:
        return {
            "timeline": story_timeline(article=article),
            "can_note": permissions.can_add_note(request.user, article),
            "can_restore": permissions.can_edit(request.user, article),
        }

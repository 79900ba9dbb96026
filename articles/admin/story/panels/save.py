"""The save buttons at the top of the side column (they post the story form from outside it).

On a scheduled story the Save button says its edit is not in the copy that goes live
("Save — not in the scheduled copy"); the workflow box offers "Update the scheduled copy".
"""

from articles import workflow
from articles.admin.story.registry import StoryPanel

SCHEDULED_POSITIONS = (workflow.SCHEDULED, workflow.SCHEDULED_DRAFT, workflow.SCHEDULED_IN_REVIEW)


class SavePanel(StoryPanel):
    name = "save"
    template = "admin/articles/article/save_panel.html"
    order = 10
    on_new_story = True

    def context(self, request, article) -> dict:
        scheduled = workflow.position(article) in SCHEDULED_POSITIONS
        return {"save_label": "Save — not in the scheduled copy" if scheduled else "Save"}

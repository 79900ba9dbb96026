"""The save buttons at the top of the side column (they post the story form from outside it)."""

from articles.admin.story.registry import StoryPanel


class SavePanel(StoryPanel):
    name = "save"
    template = "admin/articles/article/save_panel.html"
    order = 10
    on_new_story = True

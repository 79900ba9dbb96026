"""The story page is composed of panels (articles.admin.story.registry): each in its place and
order, sourcing's registered from the sources side, and the stories admin imports no sourcing."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from articles.admin.story.registry import StoryPage, StoryPanel, StorySaveStep, story_page
from tests.newsroom.project import import_graph

pytestmark = pytest.mark.django_db


class Box(StoryPanel):
    template = "box.html"

    def __init__(self, name, place="side", order=100, on_new_story=False):
        self.name, self.place, self.order, self.on_new_story = name, place, order, on_new_story

    def context(self, request, article):
        return {f"{self.name}_seen": article}


def test_panels_are_shown_by_place_and_order():
    page = StoryPage()
    page.register_panel(Box("late", order=90))
    page.register_panel(Box("early", order=10, on_new_story=True))
    page.register_panel(Box("history", place="below"))
    places = page.by_place()
    assert [p.name for p in places["side"]] == ["early", "late"]
    assert [p.name for p in places["below"]] == ["history"]
    assert [p.name for p in page.by_place(new_story=True)["side"]] == ["early"]
    context = page.context(None, "the story")
    assert context["late_seen"] == context["history_seen"] == "the story"


def test_a_panel_in_no_known_place_or_registered_twice_is_refused():
    page = StoryPage()
    with pytest.raises(ValueError, match="choose one of form_top, side, workflow, below"):
        page.register_panel(Box("lost", place="footer"))
    page.register_panel(Box("once"))
    with pytest.raises(ValueError, match="registered already"):
        page.register_panel(Box("once"))


def test_only_the_steps_whose_button_was_pressed_run():
    class Pressed(StorySaveStep):
        def is_posted(self, request):
            return True

    page = StoryPage()
    pressed = page.register_save_step(Pressed())
    page.register_save_step(StorySaveStep())
    assert page.posted_steps(request=None) == [pressed]


def test_sourcing_contributes_its_panels_inlines_and_save_steps():
    names = {panel.name for panel in story_page.panels}
    assert {"findings", "proposals", "sources", "anonymity_approval"} <= names
    assert {"save", "state", "workflow_actions", "preview", "history"} <= names
    assert {inline.__module__ for inline in story_page.inlines} == {"sources.admin.inlines"}
    assert {type(s).__module__ for s in story_page.save_steps} == {"sources.admin.story_panels"}
    assert story_page.story_parts == {
        "sources.attribution",
        "sources.commentrequest",
        "sources.correction",
    }


def test_no_module_of_the_stories_admin_imports_sourcing():
    edges = import_graph.graph(Path(settings.BASE_DIR))
    wrong = [
        f"{module} imports {target}"
        for module, targets in edges.items()
        if module == "articles.admin" or module.startswith("articles.admin.")
        for target in targets
        if target.split(".")[0] == "sources"
    ]
    assert wrong == []
    assert any(m.startswith("articles.admin.story.") for m in edges)  # the package was read


def test_the_side_column_shows_its_panels_in_order(client, editor, make_article):
    story = make_article("Harbour bridge closes for repairs")
    client.force_login(editor)
    html = client.get(reverse("admin:articles_article_change", args=[story.pk])).content.decode()
    side = re.search(r'<aside class="story-side".*?</aside>', html, re.S).group()
    markers = [
        'class="story-save"',
        'class="workflow-panel"',
        'class="workflow-state"',
        "standards-",  # the findings (or "nothing to fix"), inside the workflow box
        'class="workflow-actions"',
        'id="proposals-group"',
        'class="side-box story-sources"',
        'id="preview-links"',
    ]
    positions = [side.index(marker) for marker in markers]
    assert positions == sorted(positions)
    start = side.index('class="workflow-panel"')
    workflow_box = side[
        start : side.index('id="review-chain"')
        if 'id="review-chain"' in side
        else side.index('id="proposals-group"')
    ]
    assert "standards-" in workflow_box and 'class="workflow-actions"' in workflow_box
    # The history sits under the form, not in the side column.
    assert 'id="timeline"' not in side and 'id="timeline"' in html

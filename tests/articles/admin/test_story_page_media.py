"""What the story page loads (articles/admin/story/media.py, body_editor.py; issue 26): the
body's editor bundle is left for the first touch, and the admin scripts the page never runs
are left out, without losing the slug helper of a new story or the date fields' calendar."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def scripts_of(response) -> str:
    """The addresses the page's script tags load, one string."""
    return " ".join(re.findall(r'<script[^>]*\ssrc="([^"]+)"', response.content.decode()))


def test_an_existing_story_loads_no_editor_bundle_list_actions_or_slug_scripts(
    client, editor, make_article, reporter
):
    story = make_article("Harbor cranes arrive", created_by=reporter)
    client.force_login(editor)
    response = client.get(reverse("admin:articles_article_change", args=[story.pk]))
    assert response.status_code == 200
    scripts = scripts_of(response)
    # The import map still names the editor, for admin-body-editor.js to import it.
    assert '"django-prose-editor/configurable"' in response.content.decode()
    assert "js/admin-body-editor" in scripts
    for unused in ("django_prose_editor/", "actions", "urlify", "prepopulate.", "xregexp"):
        assert f"/{unused}" not in scripts, unused
    # The calendar and clock come with their loader, which knows where they are.
    assert "/calendar" not in scripts and "/DateTimeShortcuts" not in scripts
    assert "js/admin-date-shortcuts" in scripts
    assert 'data-calendar="/static/admin/js/calendar' in response.content.decode()


def test_a_new_story_keeps_its_slug_written_from_the_headline(client, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:articles_article_add"))
    assert response.status_code == 200
    scripts = scripts_of(response)
    assert "/static/admin/js/urlify" in scripts and "/static/admin/js/prepopulate." in scripts
    assert "/static/admin/js/actions" not in scripts

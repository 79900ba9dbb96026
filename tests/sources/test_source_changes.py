"""What live stories say about a source changes only by an editor's hand, and never silently.

A source's name, descriptor, kind and address reach readers in every story naming it at that
story's next publish. Reporters may not change them once a live story names the source;
editors may, and every change (or merge) is written into the history of each story naming it.
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from articles.models import WorkflowEvent
from sources.models import Source
from sources.registry import merge_sources, save_source

from .conftest import publish_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def reporter(make_user):
    return make_user("rhea-reporter", groups=["Reporters"])


@pytest.fixture
def editor(make_user):
    return make_user("eli-editor", groups=["Editors"])


def _source_form(source: Source, **changes) -> dict:
    data = {
        "kind": source.kind,
        "name": source.name,
        "descriptor": source.descriptor,
        "aliases": ", ".join(source.aliases),
        "affiliation": source.affiliation,
        "url": source.url,
        "is_active": "on",
    }
    return {**data, **changes}


def test_reporter_cannot_rename_a_source_a_live_story_names(
    client, sourced_story, registry, reporter
):
    snapshot = publish_story(sourced_story)
    brandt = registry["brandt"]
    client.force_login(reporter)
    url = reverse("admin:sources_source_change", args=[brandt.pk])
    page = client.get(url).content.decode()
    assert "only an editor may change what readers see" in page
    assert 'name="name"' not in page and 'name="descriptor"' not in page
    assert 'name="aliases"' in page  # the registry's upkeep stays open to reporters

    response = client.post(
        url, _source_form(brandt, name="Odile Brandt-Smith", aliases="Brandt, O. Brandt")
    )
    assert response.status_code == 302
    brandt.refresh_from_db()
    assert brandt.name == "Odile Brandt" and "O. Brandt" in brandt.aliases
    assert not WorkflowEvent.objects.filter(action="source_changed").exists()
    assert "Odile Brandt (D-Ward 3)" in client.get(snapshot.url_path).content.decode()

    # The service refuses too: a crafted request or a command gets the same answer.
    brandt.descriptor = "D-Ward 4"
    with pytest.raises(PermissionDenied):
        save_source(user=reporter, source=brandt)
    assert Source.objects.get(pk=brandt.pk).descriptor == "D-Ward 3"


def test_reporter_may_fix_a_source_only_drafts_name(client, sourced_story, registry, reporter):
    client.force_login(reporter)
    brandt = registry["brandt"]
    response = client.post(
        reverse("admin:sources_source_change", args=[brandt.pk]),
        _source_form(brandt, descriptor="D-Ward 4"),
    )
    assert response.status_code == 302
    assert Source.objects.get(pk=brandt.pk).descriptor == "D-Ward 4"
    event = WorkflowEvent.objects.get(article=sourced_story, action="source_changed")
    assert "“D-Ward 3” → “D-Ward 4”" in event.note and event.actor == reporter


def test_editor_change_is_in_the_history_of_every_story_naming_the_source(
    client, sourced_story, registry, editor, make_article
):
    snapshot = publish_story(sourced_story)
    gazette = registry["gazette"]
    client.force_login(editor)
    response = client.post(
        reverse("admin:sources_source_change", args=[gazette.pk]),
        _source_form(gazette, name="The Lantern Gazette & Star", url="https://star.example/"),
    )
    assert response.status_code == 302
    event = WorkflowEvent.objects.get(article=sourced_story, action="source_changed")
    assert "“The Lantern Gazette” → “The Lantern Gazette & Star”" in event.note
    assert "https://star.example/" in event.note and event.actor == editor
    assert event.from_state == event.to_state == "published"

    # Readers keep the published words until the story is published again.
    page = client.get(snapshot.url_path).content.decode()
    assert "The Lantern Gazette, reported on" in page and "&amp; Star" not in page
    story_page = client.get(
        reverse("admin:articles_article_change", args=[sourced_story.pk])
    ).content.decode()
    assert "a source it names changed" in story_page.lower()
    assert "The Lantern Gazette &amp; Star" in story_page


def test_renaming_an_anonymous_only_source_touches_no_story(client, sourced_story, registry):
    officials = registry["officials"]  # cited only anonymously: its name is never public
    publish_story(sourced_story)
    officials.name = "Authority engineers"
    save_source(user=None, source=officials)
    assert not WorkflowEvent.objects.filter(action="source_changed").exists()


def test_merge_is_recorded_in_the_stories_it_affects(sourced_story, registry, editor):
    duplicate = Source.objects.create(kind="person", name="O. Brandt")
    sourced_story.attributions.filter(source=registry["brandt"]).update(source=duplicate)
    merge_sources(user=editor, target=registry["brandt"], duplicates=[duplicate])
    event = WorkflowEvent.objects.get(article=sourced_story, action="source_changed")
    assert "“O. Brandt” merged into “Odile Brandt”" in event.note

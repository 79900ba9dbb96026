"""A front names itself and every story on it at the edge: publishing a front purges exactly
that front's key, and a story's withdrawal purges every front that showed it."""

import pytest

from articles import workflow
from articles.fronts import curation
from articles.models import Front

pytestmark = pytest.mark.django_db


@pytest.fixture
def tram(publish, purges, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = publish("Tram line reopens", section="City", author="Ana Ruiz",
                          tags=["Transit"], body="<p>Trams run again.</p>")  # fmt: skip
        curation.ensure_fronts()
    purges.clear()
    return article


def test_publishing_a_front_purges_that_front_and_nothing_else(
    tram, purges, editor, django_capture_on_commit_callbacks
):
    city = Front.objects.get(slug="city")
    with django_capture_on_commit_callbacks(execute=True):
        curation.change_slot(editor, city, action="fill", zone="lead", index=0, story=tram.pk)
        curation.publish_front(editor, city, note="Trams lead")
    assert purges == [{"curated-city"}]


def test_a_withdrawn_story_purges_the_fronts_that_showed_it(
    tram, purges, client, editor, django_capture_on_commit_callbacks
):
    home = Front.objects.get(slug="home")
    with django_capture_on_commit_callbacks(execute=True):
        curation.change_slot(editor, home, action="fill", zone="lead", index=0, story=tram.pk)
        curation.publish_front(editor, home)
    for address in ("/", "/city/"):
        assert f"story-{tram.pk}" in client.get(address)["xkey"].split(), address
    purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.unpublish(editor, tram, note="Wrong line.")
    assert len(purges) == 1 and f"story-{tram.pk}" in purges[0]  # every page naming the story
    assert "Tram line reopens" not in client.get("/").content.decode()


def test_a_zone_filled_by_a_tag_is_purged_by_a_new_story_with_that_tag(
    tram, purges, client, editor, publish, django_capture_on_commit_callbacks
):
    city = Front.objects.get(slug="city")
    with django_capture_on_commit_callbacks(execute=True):
        curation.set_zone_rule(editor, city, zone="top", section="", tag="elections", kind="")
        curation.publish_front(editor, city)
    assert "tag-elections" in client.get("/city/")["xkey"].split()
    purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publish("Turnout record", section="Politics", author="Ana Ruiz", tags=["Elections"],
                body="<p>Lines at every school.</p>")  # fmt: skip
    assert any("tag-elections" in keys for keys in purges)  # (a new section purges "site" too)
    assert "Turnout record" in client.get("/city/").content.decode()

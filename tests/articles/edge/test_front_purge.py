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

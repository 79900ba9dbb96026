"""Publishing, updating and unpublishing purge exactly the pages that show the story: its own
keys before and after, and `front`; an edge that is down never breaks a publish."""

import logging

import pytest

from articles import workflow
from articles.models import ArticleAuthor, Section
from authors.models import Author

pytestmark = pytest.mark.django_db


@pytest.fixture
def tram(publish, purges, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = publish("Tram line reopens", section="City", author="Ana Ruiz",
                          tags=["Transit", "Night life"], body="<p>Trams run again.</p>")  # fmt: skip
    return article


def test_publishing_purges_the_story_its_listings_and_the_front(tram, purges):
    assert purges == [
        {f"story-{tram.pk}", "section-city", "author-ana-ruiz", "tag-transit", "tag-night-life",
         "front"}
    ]  # fmt: skip


def test_an_update_purges_the_old_and_the_new_section_byline_and_tags(
    tram, purges, publish, django_capture_on_commit_callbacks
):
    purges.clear()
    science = Section.objects.create(slug="science", name="Science")
    writer = Author.objects.create(slug="li-wei", name="Li Wei")
    ArticleAuthor.objects.filter(article=tram).delete()
    ArticleAuthor.objects.create(article=tram, author=writer, position=0)
    tram.tags.set(["Transit", "Engineering"])
    with django_capture_on_commit_callbacks(execute=True):
        publish.update(tram, section=science, body="<p>Trams run again, faster.</p>")
    assert purges == [
        {f"story-{tram.pk}", "section-city", "section-science", "author-ana-ruiz",
         "author-li-wei", "tag-transit", "tag-night-life", "tag-engineering", "front"}
    ]  # fmt: skip


def test_unpublishing_purges_the_story_its_listings_and_the_front(
    tram, purges, editor, django_capture_on_commit_callbacks
):
    purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.unpublish(editor, tram, note="Wrong line.")
    assert purges == [
        {f"story-{tram.pk}", "section-city", "author-ana-ruiz", "tag-transit", "tag-night-life",
         "front"}
    ]  # fmt: skip


def test_a_section_change_purges_every_page(purges, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Section.objects.create(slug="sport", name="Sport")  # a new item in every page's menu
    assert purges == [{"site"}]


def test_an_edge_that_is_down_is_logged_and_the_story_is_published_anyway(
    publish, settings, caplog, client, closed_port, django_capture_on_commit_callbacks
):
    settings.EDGE_PURGE_URLS = [f"http://127.0.0.1:{closed_port}/"]
    with caplog.at_level(logging.WARNING, logger="newsroom.edge"), \
            django_capture_on_commit_callbacks(execute=True):  # fmt: skip
        article = publish("Tram line reopens", section="City", author="Ana Ruiz",
                          tags=["Transit"], body="<p>Trams run again.</p>")  # fmt: skip
    assert article.state == "published"
    assert client.get(article.snapshot.url_path).status_code == 200
    assert any(
        "edge purge failed" in record.getMessage() and f"story-{article.pk}" in record.getMessage()
        for record in caplog.records
    )

"""End to end: stories published, updated and taken down through articles.workflow.transitions."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import workflow

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def published(publish_through_workflow):
    return publish_through_workflow(
        "Night buses return to the east side", body="<p>Routes 4 and 9 run all night.</p>"
    )


def test_published_story_is_on_every_public_surface(client, published):
    article, snapshot = published
    page = client.get(snapshot.url_path)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Night buses return to the east side" in html
    assert 'href="/authors/rosa-park-lindqvist/"' in html
    assert "<picture>" in html and 'srcset="' in html  # renditions made at publish
    assert "Night buses return" in client.get("/").content.decode()
    assert "Night buses return" in client.get("/search/?q=night+buses").content.decode()
    assert "Night buses return" in client.get("/feeds/rss/").content.decode()
    assert snapshot.url_path in client.get("/sitemap-stories-1.xml").content.decode()
    assert client.get(f"/api/stories/{article.pk}/").json()["headline"].startswith("Night buses")


def test_unpublishing_clears_the_cached_pages(
    client, published, people, django_capture_on_commit_callbacks
):
    article, snapshot = published
    assert client.get(snapshot.url_path).status_code == 200  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        workflow.unpublish(people["editor"], article, note="Retracted: the routes were wrong.",
                           mode="retracted")  # fmt: skip
    gone = client.get(snapshot.url_path)
    assert gone.status_code == 410
    assert "Retracted: the routes were wrong." in gone.content.decode()
    assert "Night buses return" not in client.get("/").content.decode()
    assert "Night buses" not in client.get("/feeds/atom/").content.decode()


def test_scheduled_publish_is_invisible_until_go_live(client, people, make_article,
                                                      django_capture_on_commit_callbacks):  # fmt: skip
    article = make_article("Bridge opens next week", created_by=people["reporter"])
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit_for_review(people["reporter"], article)
        snapshot = workflow.publish(
            people["editor"], article, at=timezone.now() + timedelta(days=1)
        )
    assert client.get(snapshot.url_path).status_code == 404
    assert "Bridge opens" not in client.get("/").content.decode()
    assert client.get("/api/stories/").json()["count"] == 0

"""The ninjs JSON API: fields, pagination and visibility."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import PublicStatus

pytestmark = pytest.mark.django_db


def test_story_detail_is_a_ninjs_item(client, make_story):
    story = make_story(
        "Library extends its hours",
        dek="Open until ten on weekdays.",
        authors=("mara", "teo"),
        tags=(("Libraries", "libraries"),),
        dateline="RIVERTON",
        lead_image={
            "url": "/media/r/3-800w.jpg", "width": 800, "height": 533, "alt": "Reading room",
            "caption": "The reading room.", "credit": "Staff", "mime_type": "image/jpeg",
            "renditions": [{"url": "/media/r/3-800w.webp", "width": 800, "height": 533,
                            "format": "webp", "mime_type": "image/webp"}],
        },
    )  # fmt: skip
    response = client.get(f"/api/stories/{story.article_id}/")
    assert response.status_code == 200
    item = response.json()
    assert item["uri"] == f"urn:newsroom:story:{story.article_id}"
    assert item["type"] == "text" and item["pubstatus"] == "usable"
    assert item["headline"] == "Library extends its hours"
    assert item["description_text"] == "Open until ten on weekdays."
    assert item["byline"] == "Mara Okonkwo, Teo Lindgren"
    assert item["located"] == "RIVERTON"
    assert item["subject"] == [{"name": "Libraries", "code": "libraries"}]
    assert item["body_html"].startswith("<p>")
    assert item["links"][0]["href"] == "http://testserver" + story.url_path
    picture = item["associations"]["featureimage"]
    assert picture["type"] == "picture"
    assert picture["renditions"]["webp-800"]["href"] == "http://testserver/media/r/3-800w.webp"


def test_story_list_paginates_newest_first(client, make_story):
    for n in range(22):
        make_story(f"Story {n}")
    page = client.get("/api/stories/").json()
    assert page["count"] == 22 and page["pages"] == 2
    assert page["results"][0]["headline"] == "Story 0"
    assert len(page["results"]) == 20 and page["next"].endswith("?page=2")
    second = client.get(page["next"]).json()
    assert len(second["results"]) == 2 and second["next"] is None


def test_api_hides_what_pages_hide(client, make_story):
    scheduled = make_story("Not yet", published_at=timezone.now() + timedelta(days=1))
    withdrawn = make_story("Pulled", status=PublicStatus.WITHDRAWN)
    retracted = make_story("Wrong", status=PublicStatus.RETRACTED, notice="Retracted: wrong.")
    make_story("Visible")
    headlines = [item["headline"] for item in client.get("/api/stories/").json()["results"]]
    assert headlines == ["Visible"]
    assert client.get(f"/api/stories/{scheduled.article_id}/").status_code == 404
    assert client.get(f"/api/stories/{withdrawn.article_id}/").status_code == 410
    gone = client.get(f"/api/stories/{retracted.article_id}/")
    assert gone.status_code == 410 and gone.json()["notice"] == "Retracted: wrong."
    assert client.get("/api/stories/999999/").status_code == 404


def test_the_newsrooms_own_story_claims_no_outside_origin(client, make_story):
    story = make_story("Library extends its hours")
    item = client.get(f"/api/stories/{story.article_id}/").json()
    assert item["headline"] == "Library extends its hours"
    assert "infosource" not in item and "usageterms" not in item and "altids" not in item

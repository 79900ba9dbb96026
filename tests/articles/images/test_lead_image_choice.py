"""Which pictures a user may choose as a story's lead image: someone who is not an editor only
their own uploads and pictures readers already see with a published story; editors any."""

import json

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from articles import workflow
from articles.models import Image
from tests.conftest import story_form_data

from .conftest import plain_jpeg

pytestmark = pytest.mark.django_db


def uploaded_by(user, alt: str) -> Image:
    image = Image(alt_text=alt, caption="", credit="Staff", uploaded_by=user)
    image.file.save("picture.jpg", ContentFile(plain_jpeg()), save=True)
    return image


def offered(client, term: str = "") -> list[str]:
    """The names the story form's lead image autocomplete offers."""
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "articles",
            "model_name": "article",
            "field_name": "lead_image",
            "term": term,
        },
    )
    assert response.status_code == 200
    return sorted(result["text"] for result in json.loads(response.content)["results"])


def story_post(client, article, **changes):
    url, data, _ = story_form_data(client, article, **changes)
    return client.post(url, data)


@pytest.fixture
def pictures(make_article, reporter, other_reporter, editor):
    """Rita's upload, Omar's upload for his unpublished draft, a picture readers see."""
    mine = uploaded_by(reporter, "Rita's tram")
    theirs = uploaded_by(other_reporter, "Omar's secret pier")
    make_article("Omar's pier scoop", created_by=other_reporter, lead_image=theirs)
    shown = uploaded_by(other_reporter, "The harbor at dawn")
    live = make_article("Harbor reopens", created_by=other_reporter, lead_image=shown)
    workflow.submit_for_review(other_reporter, live)
    workflow.publish(editor, live)
    return {"mine": mine, "theirs": theirs, "shown": shown, "live": live}


@pytest.fixture
def draft(make_article, reporter, pictures):
    return make_article("Tram line reopens", created_by=reporter, lead_image=pictures["mine"])


def test_the_autocomplete_offers_a_reporter_only_their_uploads_and_published_pictures(
    client, reporter, pictures
):
    client.force_login(reporter)
    assert offered(client) == ["Rita's tram", "The harbor at dawn"]
    assert offered(client, "pier") == []


def test_the_autocomplete_offers_editors_and_superusers_every_picture(
    client, editor, superuser, pictures
):
    every = ["A ferry at dusk", "Omar's secret pier", "Rita's tram", "The harbor at dawn"]
    client.force_login(editor)
    assert offered(client) == every
    client.force_login(superuser)
    assert offered(client) == every


def test_a_reporter_cannot_choose_someone_elses_unpublished_picture_and_keeps_their_text(
    client, reporter, draft, pictures
):
    client.force_login(reporter)
    response = story_post(
        client,
        draft,
        lead_image=pictures["theirs"].pk,
        dek="A dek I spent ten minutes on.",
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "You may choose as lead image only a picture you uploaded" in page
    assert "Omar&#x27;s secret pier" in page or "Omar's secret pier" in page
    assert "A dek I spent ten minutes on." in page
    draft.refresh_from_db()
    assert draft.lead_image == pictures["mine"] and draft.version == 1


def test_a_reporter_chooses_a_picture_readers_already_see(client, reporter, draft, pictures):
    client.force_login(reporter)
    response = story_post(client, draft, lead_image=pictures["shown"].pk)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.lead_image == pictures["shown"]


def test_a_picture_only_on_the_draft_of_a_live_story_is_not_public_yet(
    client, reporter, other_reporter, editor, draft, pictures
):
    # Omar puts his unpublished picture on the draft of his live story: readers still see
    # the old one, so it is not open to others yet.
    live = pictures["live"]
    live.refresh_from_db()
    live.lead_image = pictures["theirs"]
    workflow.save_article(editor, live, expected_version=live.version)
    client.force_login(reporter)
    assert offered(client) == ["Rita's tram", "The harbor at dawn"]
    response = story_post(client, draft, lead_image=pictures["theirs"].pk)
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.lead_image == pictures["mine"]


def test_keeping_a_picture_an_editor_chose_is_allowed(
    client, make_article, reporter, editor, pictures
):
    draft = make_article("Pier closes", created_by=reporter, lead_image=pictures["theirs"])
    client.force_login(reporter)
    response = story_post(client, draft, dek="Rewritten dek.")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.dek == "Rewritten dek." and draft.lead_image == pictures["theirs"]


def test_an_editor_chooses_any_picture(client, editor, draft, pictures):
    client.force_login(editor)
    response = story_post(client, draft, lead_image=pictures["theirs"].pk)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.lead_image == pictures["theirs"]

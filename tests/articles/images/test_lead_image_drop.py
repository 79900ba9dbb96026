"""The lead image drop zone's endpoint (articles.admin.image_chooser): only staff who may add
pictures upload; a bad file, or a picture without alt text or credit, is refused with a
sentence to show beside the drop zone; a good one becomes a picture the story can use."""

import io
import json

import pytest
from django.urls import reverse
from PIL import Image as PILImage

from articles.admin.image_chooser import MAY_NOT_UPLOAD, NO_ALT_TEXT, NO_CREDIT
from articles.images.uploads import NOT_AN_IMAGE
from articles.models import Image
from tests.conftest import story_form_data

from .conftest import plain_jpeg, upload

pytestmark = pytest.mark.django_db

UPLOAD_URL = "admin:articles_image_drop_upload"


def png_bytes(size=(800, 450)) -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", size, (200, 120, 30)).save(out, "PNG")
    return out.getvalue()


def drop(client, data: bytes = b"", name="harbor.png", content_type="image/png", **fields):
    post = {"alt_text": "Cranes over the harbor", "credit": "Ana Ruiz/Newsroom", **fields}
    if data:
        post["file"] = upload(name, data, content_type)
    return client.post(reverse(UPLOAD_URL), post)


def test_anonymous_visitors_are_sent_to_log_in_and_nothing_is_stored(client):
    response = drop(client, png_bytes())
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert not Image.objects.exists()


def test_staff_without_the_upload_permission_are_refused_in_words(client, unprivileged):
    client.force_login(unprivileged)
    response = drop(client, png_bytes())
    assert response.status_code == 403
    assert response.json()["errors"]["__all__"] == [MAY_NOT_UPLOAD]
    assert not Image.objects.exists()


def test_a_file_that_is_not_a_picture_gets_a_clear_error(client, reporter):
    client.force_login(reporter)
    response = drop(client, b"%PDF-1.4 this is a press release", name="release.png")
    assert response.status_code == 400
    assert response.json()["errors"]["file"] == [NOT_AN_IMAGE]
    assert not Image.objects.exists()


def test_a_cut_off_picture_gets_a_clear_error(client, reporter):
    client.force_login(reporter)
    whole = plain_jpeg(size=(1200, 800))
    response = drop(client, whole[: len(whole) // 2], name="cut.jpg", content_type="image/jpeg")
    assert response.status_code == 400
    (message,) = response.json()["errors"]["file"]
    assert message.startswith("This image is damaged or incomplete")
    assert not Image.objects.exists()


def test_alt_text_and_credit_are_required_before_the_picture_is_accepted(client, reporter):
    client.force_login(reporter)
    response = drop(client, png_bytes(), alt_text="  ", credit="")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["alt_text"] == [NO_ALT_TEXT]
    assert errors["credit"] == [NO_CREDIT]
    assert "file" not in errors  # the picture itself was fine
    assert not Image.objects.exists()


def test_a_good_picture_is_stored_with_its_words_and_focal_point(client, reporter):
    client.force_login(reporter)
    response = drop(client, png_bytes(), caption="Three cranes.", focal_x="0.25", focal_y="0.8")
    assert response.status_code == 201
    answer = response.json()["image"]
    image = Image.objects.get(pk=answer["id"])
    assert image.uploaded_by == reporter
    assert (image.alt_text, image.credit, image.caption) == (
        "Cranes over the harbor",
        "Ana Ruiz/Newsroom",
        "Three cranes.",
    )
    assert (image.focal_x, image.focal_y) == (0.25, 0.8)
    assert (image.width, image.height) == (800, 450)
    assert answer["alt"] == "Cranes over the harbor"
    assert answer["thumbnail"].startswith("/media/")
    assert answer["change_url"] == reverse("admin:articles_image_change", args=[image.pk])


def test_the_dropped_picture_can_be_saved_as_the_story_lead_image(client, reporter, make_article):
    story = make_article("Cranes arrive", created_by=reporter)
    client.force_login(reporter)
    new_id = drop(client, png_bytes()).json()["image"]["id"]
    url, data, _ = story_form_data(client, story, lead_image=new_id)
    assert client.post(url, data).status_code == 302
    story.refresh_from_db()
    assert story.lead_image_id == new_id


def test_the_story_form_shows_the_lead_image_as_a_thumbnail_with_its_alt_text(
    client, reporter, make_article
):
    story = make_article("Cranes arrive", created_by=reporter)
    client.force_login(reporter)
    page = client.get(reverse("admin:articles_article_change", args=[story.pk])).content.decode()
    assert 'class="lead-image-thumb"' in page
    assert story.lead_image.file.url in page or "/media/renditions/" in page
    assert "A ferry at dusk" in page
    assert "data-image-drop-zone" in page
    # No pop-up window to add a picture.
    assert "add_id_lead_image" not in page


def test_the_library_offers_this_users_pictures_with_thumbnails(client, reporter, other_reporter):
    client.force_login(other_reporter)
    drop(client, png_bytes(), alt_text="Omar's unpublished pier")
    client.force_login(reporter)
    drop(client, png_bytes(), alt_text="Rita's crane")
    response = client.get(reverse("admin:articles_image_library"), {"q": ""})
    results = json.loads(response.content)["results"]
    assert [r["alt"] for r in results] == ["Rita's crane"]
    assert results[0]["thumbnail"]
    assert client.get(reverse("admin:articles_image_library"), {"q": "pier"}).json() == {
        "results": []
    }

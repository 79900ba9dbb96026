"""Renditions: unguessable names; a replaced file gets new renditions and the old ones go,
except what a live page still shows until its edit is published."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles import workflow
from articles.images.renditions import create_renditions, lead_image_data
from articles.models import PublishedArticle, Rendition

from .conftest import plain_jpeg, stored_picture

pytestmark = pytest.mark.django_db

GREEN = (20, 160, 60)


def replace_file(client, image, data: bytes):
    return client.post(
        reverse("admin:articles_image_change", args=[image.pk]),
        {
            "file": SimpleUploadedFile("new.jpg", data, content_type="image/jpeg"),
            "alt_text": image.alt_text,
            "caption": image.caption,
            "credit": image.credit,
        },
    )


def test_rendition_names_cannot_be_guessed_from_the_image(image):
    renditions = create_renditions(image)
    for rendition in renditions:
        name = rendition.file.name.rsplit("/", 1)[1]
        assert not name.startswith(f"{image.pk}-")
        assert re.fullmatch(r"[A-Za-z0-9_-]{16}-\d+w\.(jpg|webp|avif)", name)
    assert len({r.file.name.rsplit("/", 1)[1].split("-")[0] for r in renditions}) > 1


def test_replacing_the_file_makes_new_renditions_and_deletes_the_old(
    client, image, editor, django_capture_on_commit_callbacks
):
    old = create_renditions(image)
    old_names = [r.file.name for r in old]
    old_original = image.file.name
    storage = image.file.storage
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = replace_file(client, image, plain_jpeg(size=(900, 500), color=GREEN))
    assert response.status_code == 302

    image.refresh_from_db()
    assert image.file.name != old_original and not storage.exists(old_original)
    assert (image.width, image.height) == (900, 500)
    assert not Rendition.objects.filter(pk__in=[r.pk for r in old]).exists()
    assert not any(storage.exists(name) for name in old_names)
    new = list(image.renditions.filter(crop=""))
    assert {r.width for r in new} == {480, 800}
    # and the link-preview crop, as wide as the new picture allows
    assert list(image.renditions.filter(crop="social").values_list("width", flat=True)) == [900]
    jpeg = next(r for r in new if r.format == "jpeg" and r.width == 800)
    red, green, blue = stored_picture(jpeg.file).convert("RGB").getpixel((400, 250))
    assert green > 120 and red < 60  # the new picture, not the old blue one
    assert (
        lead_image_data(image)["url"]
        == max((r for r in new if r.format == "jpeg"), key=lambda r: r.width).file.url
    )


def test_a_live_page_keeps_its_picture_until_the_replacement_is_published(
    client, make_article, reporter, editor, django_capture_on_commit_callbacks
):
    story = make_article(created_by=reporter)
    workflow.submit_for_review(reporter, story)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(editor, story)
    live_url = PublishedArticle.objects.get(article=story).lead_image["url"]
    live_rendition = Rendition.objects.get(
        image=story.lead_image, crop="", format="jpeg", width=480
    )
    assert live_rendition.file.url == live_url
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = replace_file(client, story.lead_image, plain_jpeg(color=GREEN))
    assert response.status_code == 302

    story.refresh_from_db()
    assert story.state_label == "Live + draft"
    snapshot = PublishedArticle.objects.get(article=story)
    assert snapshot.lead_image["url"] == live_url
    assert live_rendition.file.storage.exists(live_rendition.file.name)

    workflow.publish(editor, story)
    snapshot.refresh_from_db()
    assert snapshot.lead_image["url"] != live_url
    assert snapshot.lead_image["width"] == 800

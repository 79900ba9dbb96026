"""Pictures are prepared by the task worker, not in the upload's request
(articles.images.preparing): the upload answers "preparing" with nothing public stored yet, the
story form can ask how far it is, a story cannot be published until its picture is ready, and
once the worker has run the original is clean and every rendition is there."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from articles import workflow
from articles.images import preparing, renditions
from articles.models import Image, ImageStatus
from articles.workflow.errors import MediaNotPublishable
from tests.newsroom.security.test_fuzz_urls import NON_ASCII_DIGITS

from .conftest import phone_jpeg, png_header_only, stored_picture, upload

pytestmark = pytest.mark.django_db(transaction=True)

QUEUED = {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}


def run_worker():
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def drop(client, data: bytes, name="harbor.jpg"):
    return client.post(
        reverse("admin:articles_image_drop_upload"),
        {"file": upload(name, data), "alt_text": "Cranes", "credit": "Ana Ruiz/Newsroom"},
    )


@override_settings(TASKS={"default": QUEUED})
def test_the_upload_answers_preparing_and_the_worker_makes_it_ready(
    client, reporter, editor, make_article
):
    client.force_login(reporter)
    response = drop(client, phone_jpeg(size=(1800, 1200)))
    assert response.status_code == 201
    answer = response.json()["image"]
    assert answer["progress"]["status"] == "preparing"
    assert answer["progress"]["done"] == 0 and answer["progress"]["total"] > 1
    image = Image.objects.get(pk=answer["id"])
    # Nothing public yet: the upload waits outside the media folder, with its GPS.
    assert not image.file and not image.renditions.exists()
    assert str(settings.IMAGE_INCOMING_ROOT) in image.incoming.path
    assert not image.incoming.path.startswith(str(settings.MEDIA_ROOT))

    progress = client.get(answer["progress_url"]).json()["image"]["progress"]
    assert progress["status"] == "preparing"

    story = make_article("Cranes arrive", created_by=reporter, lead_image=image)
    workflow.submit_for_review(reporter, story)
    with pytest.raises(MediaNotPublishable, match="still being prepared"):
        workflow.publish(editor, story)

    run_worker()
    image.refresh_from_db()
    assert image.status == ImageStatus.READY
    assert not image.incoming
    assert image.renditions.count() == renditions.expected_count(image)
    assert (image.width, image.height) == (1200, 1800)  # stored upright
    assert "exif" not in stored_picture(image.file).info  # no GPS, no camera maker
    progress = client.get(answer["progress_url"]).json()["image"]
    assert progress["progress"]["status"] == "ready"
    assert progress["progress"]["done"] == progress["progress"]["total"]
    assert progress["thumbnail"].startswith("/media/renditions/")

    workflow.publish(editor, story)
    story.refresh_from_db()
    assert story.snapshot.lead_image["url"].startswith("/media/renditions/")


@override_settings(TASKS={"default": QUEUED})
def test_a_picture_the_worker_cannot_decode_fails_with_the_reason_and_blocks_publishing(
    reporter, editor, make_article
):
    # A header that passes the checks, with no picture behind it (the form would have refused
    # it; code that calls the service directly does not go through the form).
    image = Image(alt_text="Broken", credit="Someone", uploaded_by=reporter)
    preparing.accept_upload(image, upload("broken.png", png_header_only(800, 600), "image/png"))
    image.save()
    preparing.queue(image)
    run_worker()
    image.refresh_from_db()
    assert image.status == ImageStatus.FAILED
    assert "could not be prepared" in image.problem

    story = make_article("Broken picture", created_by=reporter, lead_image=image)
    workflow.submit_for_review(reporter, story)
    with pytest.raises(MediaNotPublishable, match="could not be prepared"):
        workflow.publish(editor, story)


def test_another_reporters_unpublished_picture_has_no_progress_to_show(
    client, reporter, other_reporter
):
    client.force_login(reporter)
    answer = drop(client, phone_jpeg(size=(600, 400))).json()["image"]
    client.force_login(other_reporter)
    assert client.get(answer["progress_url"]).status_code == 404
    for hostile in ["abc", "9" * 30, "%00", *NON_ASCII_DIGITS]:
        url = reverse("admin:articles_image_progress", args=["0"]).replace("/0/", f"/{hostile}/")
        assert client.get(url).status_code == 404


@override_settings(TASKS={"default": QUEUED})
def test_a_file_stored_through_the_field_is_publishable_before_the_worker_runs(
    reporter, editor, make_article
):
    # The Image page's change form, code and the demo loader store a clean file themselves:
    # only the renditions wait for the worker, and publishing makes any still missing.
    image = Image(alt_text="Cranes", credit="Staff")
    image.file.save("cranes.jpg", upload("cranes.jpg", phone_jpeg(size=(900, 600))), save=True)
    image.refresh_from_db()
    assert image.status == ImageStatus.READY
    story = make_article("Cranes arrive", created_by=reporter, lead_image=image)
    workflow.submit_for_review(reporter, story)
    workflow.publish(editor, story)
    story.refresh_from_db()
    assert story.snapshot.lead_image["url"].startswith("/media/renditions/")

"""A picture's licence (articles.images.publishing, expiry, usage, rights): a story is not
published with a picture whose licence has ended or forbids the web; when a licence ends,
live stories show its fallback (or nothing), their page and the edge follow and the story's
history says why; every use is logged; the JSON-LD states the rights."""

import json
import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles import workflow
from articles.images import expiry
from articles.models import Clip, Image, ImageUse, LicenceKind, WorkflowEvent
from articles.workflow.errors import MediaNotPublishable
from tests.conftest import jpeg_bytes

pytestmark = pytest.mark.django_db

QUEUED = {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}


def picture(alt: str, **rights) -> Image:
    image = Image(alt_text=alt, credit="Ana Ruiz/Northwire", **rights)
    image.file.save("p.jpg", ContentFile(jpeg_bytes(size=(900, 600))), save=True)
    return image


def publish(editor, reporter, story):
    workflow.submit_for_review(reporter, story)
    return workflow.publish(editor, story)


def jsonld(html: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(blocks[0])


def test_a_picture_whose_licence_has_ended_cannot_be_published(make_article, reporter, editor):
    ended = timezone.now() - timedelta(days=1)
    image = picture("Cranes", licence_kind=LicenceKind.AGENCY, licensor="Northwire")
    image.licence_expires_at = ended
    image.save()
    story = make_article("Cranes arrive", created_by=reporter, lead_image=image)
    with pytest.raises(MediaNotPublishable, match="licence of the picture “Cranes” ended on"):
        publish(editor, reporter, story)
    story.refresh_from_db()
    assert not hasattr(story, "snapshot") or story.snapshot is None


def test_a_licence_without_web_use_is_refused_with_what_it_allows(make_article, reporter, editor):
    image = picture("Cranes", use_web=False, use_archive=False)
    story = make_article("Cranes arrive", created_by=reporter, lead_image=image)
    with pytest.raises(MediaNotPublishable, match=r"does not allow web use \(it allows: social"):
        publish(editor, reporter, story)


def test_a_licence_that_ends_later_publishes(make_article, reporter, editor):
    image = picture("Cranes", licence_expires_at=timezone.now() + timedelta(days=30))
    story = make_article("Cranes arrive", created_by=reporter, lead_image=image)
    assert publish(editor, reporter, story).lead_image["alt"] == "Cranes"


@pytest.mark.parametrize(
    ("rights", "field"),
    [
        ({"licence_kind": LicenceKind.AGENCY}, "licensor"),
        ({"licence_kind": LicenceKind.CREATIVE_COMMONS}, "licence_version"),
        ({"licence_kind": LicenceKind.USER_SUBMITTED}, "licence_terms"),
    ],
)
def test_a_licence_says_whose_and_which(rights, field):
    with pytest.raises(ValidationError) as refused:
        Image(alt_text="x", credit="y", **rights).clean()
    assert field in refused.value.message_dict


@pytest.mark.parametrize(
    ("model", "message"),
    [
        (Image, "A picture cannot stand in for itself."),
        (Clip, "A clip cannot stand in for itself."),
    ],
)
def test_a_picture_or_a_clip_cannot_be_its_own_fallback(model, message):
    media = model(pk=7, credit="Ana Ruiz/Newsroom")
    model(pk=7, credit="Ana Ruiz/Newsroom", expiry_fallback_id=8).clean()  # another: fine
    media.expiry_fallback_id = 7
    with pytest.raises(ValidationError) as refused:
        media.clean()
    assert refused.value.message_dict == {"expiry_fallback": [message]}


@override_settings(TASKS={"default": QUEUED}, EDGE_PURGE_URLS=["http://127.0.0.1:9/"])
def test_at_expiry_a_live_story_shows_the_fallback_and_its_history_says_why(
    client, make_article, reporter, editor, django_capture_on_commit_callbacks
):
    fallback = picture("The harbor at night, staff photo")
    image = picture("Cranes", licence_kind=LicenceKind.AGENCY, licensor="Northwire")
    image.expiry_fallback = fallback
    image.licence_expires_at = timezone.now() + timedelta(hours=1)
    image.save()
    story = make_article("Cranes arrive", created_by=reporter, lead_image=image)
    snapshot = publish(editor, reporter, story)
    old_url = snapshot.lead_image["url"]
    assert old_url in client.get(snapshot.url_path).content.decode()
    DBTaskResult.objects.all().delete()

    later = image.licence_expires_at + timedelta(minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert expiry.replace_expired_picture(image, now=later) == 1

    snapshot.refresh_from_db()
    story.refresh_from_db()
    page = client.get(snapshot.url_path).content.decode()
    assert old_url not in page and old_url not in snapshot.article_html
    assert snapshot.lead_image["alt"] == "The harbor at night, staff photo"
    assert snapshot.lead_image["url"] in page
    assert story.lead_image == fallback  # the next publish does not bring it back
    event = WorkflowEvent.objects.get(article=story, action="picture_licence_ended")
    assert "licence of the picture “Cranes” ended" in event.note
    assert "The harbor at night" in event.note
    purge = DBTaskResult.objects.get(task_path="articles.public.edge.purge_task")
    assert f"story-{story.pk}" in purge.args_kwargs["args"][0]
    assert ImageUse.objects.get(image=fallback).how == "fallback"


def test_without_a_usable_fallback_the_picture_is_removed(make_article, reporter, editor):
    expired_fallback = picture("Old", licence_expires_at=timezone.now() - timedelta(days=1))
    image = picture("Cranes", expiry_fallback=expired_fallback)
    story = make_article("Cranes arrive", created_by=reporter, lead_image=image)
    snapshot = publish(editor, reporter, story)
    image.licence_expires_at = timezone.now() - timedelta(seconds=1)
    image.save()
    assert expiry.expire_picture_licence.call(image.pk) == 1
    snapshot.refresh_from_db()
    assert snapshot.lead_image == {}
    assert "now shows no picture" in WorkflowEvent.objects.get(action="picture_licence_ended").note


def test_a_renewed_licence_keeps_the_picture(make_article, reporter, editor):
    image = picture("Cranes")
    story = make_article("Cranes arrive", created_by=reporter, lead_image=image)
    snapshot = publish(editor, reporter, story)
    image.licence_expires_at = timezone.now() + timedelta(days=365)  # renewed before the task
    image.save()
    assert expiry.expire_picture_licence.call(image.pk) == 0
    snapshot.refresh_from_db()
    assert snapshot.lead_image["alt"] == "Cranes"


def test_the_usage_log_answers_where_and_when(
    client, make_article, reporter, editor, django_capture_on_commit_callbacks
):
    image = picture("Cranes")
    for headline in ("Cranes arrive", "Port reopens"):
        story = make_article(headline, created_by=reporter, lead_image=image)
        with django_capture_on_commit_callbacks(execute=True):
            publish(editor, reporter, story)
    client.force_login(editor)
    library = client.get(reverse("admin:articles_image_library")).json()["results"]
    shown = next(item for item in library if item["id"] == image.pk)
    assert shown["usage"].startswith("Used 2 times, last on ")
    assert shown["usage"].endswith("in “Port reopens”.")
    page = client.get(reverse("admin:articles_image_change", args=[image.pk])).content.decode()
    assert "Used 2 times" in page and "Cranes arrive" in page


def test_the_json_ld_states_the_pictures_rights(client, make_article, reporter, editor):
    image = picture(
        "Cranes",
        creator="Ana Ruiz",
        copyright_notice="© 2026 Northwire",
        licence_kind=LicenceKind.CREATIVE_COMMONS,
        licence_version="BY-SA 4.0",
        acquire_licence_url="https://northwire.example/buy",
    )
    story = make_article("Cranes arrive", created_by=reporter, lead_image=image)
    snapshot = publish(editor, reporter, story)
    data = jsonld(client.get(snapshot.url_path).content.decode())
    shown = data["image"][0]
    assert shown["@type"] == "ImageObject"
    assert shown["license"] == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert shown["acquireLicensePage"] == "https://northwire.example/buy"
    assert shown["creditText"] == "Ana Ruiz/Northwire"
    assert shown["copyrightNotice"] == "© 2026 Northwire"
    assert shown["creator"] == {"@type": "Person", "name": "Ana Ruiz"}


def test_a_save_that_does_not_send_the_rights_keeps_them(client, reporter):
    ends = timezone.now() + timedelta(days=10)
    image = picture("Cranes", use_social=False, licence_expires_at=ends)
    Image.objects.filter(pk=image.pk).update(uploaded_by=reporter)
    client.force_login(reporter)
    post = {"alt_text": "Cranes", "caption": "New words.", "credit": "Ana Ruiz/Northwire"}
    response = client.post(reverse("admin:articles_image_change", args=[image.pk]), post)
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.caption == "New words."
    assert (image.use_web, image.use_social) == (True, False)
    assert image.licence_expires_at.replace(microsecond=0) == ends.replace(microsecond=0)


def test_the_image_page_adds_a_picture_through_the_worker_and_never_without_its_file(
    client, editor
):
    from tests.articles.images.conftest import agency_jpeg, upload

    client.force_login(editor)
    url = reverse("admin:articles_image_add")
    post = {"alt_text": "Cranes", "credit": "Ana Ruiz", "licence_kind": "pool", "use_web": "on"}
    refused = client.post(url, post)
    assert refused.status_code == 200 and "This field is required" in refused.content.decode()
    assert not Image.objects.exists()
    added = client.post(url, {**post, "file": upload("agency.jpg", agency_jpeg())})
    assert added.status_code == 302
    image = Image.objects.get()
    assert image.status == "ready" and image.file and not image.incoming
    assert image.renditions.exists()
    assert image.licence_kind == "pool"  # chosen on the page: kept
    assert image.credit == "Ana Ruiz"  # typed: kept
    assert image.caption == "Three cranes unload the first ship at dawn."  # empty: from the file

"""A licence's end reaches every place a live story shows the picture (articles.images.expiry):
its galleries (the lead gallery and one in the body) and its live entries, not only its lead
picture; the gate already refuses such pictures at publish, in galleries and entries too."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles import workflow
from articles.images import expiry
from articles.live import coverage as live_coverage
from articles.live import entries
from articles.models import Gallery, GalleryItem, Image, ImageUse, LiveEntryChange, WorkflowEvent
from articles.workflow.errors import MediaNotPublishable
from tests.conftest import jpeg_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_renditions")]

QUEUED = {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}


def picture(alt: str, colour=(30, 90, 160), **fields) -> Image:
    image = Image(alt_text=alt, credit="Ana Ruiz/Northwire", **fields)
    image.file.save("p.jpg", ContentFile(jpeg_bytes(size=(600, 400), color=colour)), save=True)
    return image


def gallery_of(*images, title="The flood, day by day") -> Gallery:
    gallery = Gallery.objects.create(title=title)
    for number, image in enumerate(images, start=1):
        GalleryItem.objects.create(
            gallery=gallery, image=image, position=number, caption=f"Words for {image}"
        )
    return gallery


def publish(editor, reporter, story):
    workflow.submit_for_review(reporter, story)
    return workflow.publish(editor, story)


def agency_picture_with_fallback():
    fallback = picture("The harbor at night, staff photo", colour=(10, 10, 60))
    image = picture(
        "Cranes", colour=(200, 120, 20), licence_expires_at=timezone.now() + timedelta(hours=1)
    )
    image.expiry_fallback = fallback
    image.save()
    return image, fallback


@override_settings(TASKS={"default": QUEUED}, EDGE_PURGE_URLS=["http://127.0.0.1:9/"])
def test_at_expiry_the_lead_gallery_and_a_body_gallery_show_the_fallback(
    client, make_article, reporter, editor, django_capture_on_commit_callbacks
):
    image, fallback = agency_picture_with_fallback()
    other = picture("Sandbags", colour=(90, 160, 30))
    lead, inline = gallery_of(image, other), gallery_of(other, image, title="Before")
    story = make_article(
        "The flood recedes",
        created_by=reporter,
        lead_image=None,
        lead_gallery=lead,
        body=f'<p>First.</p><figure data-gallery="{inline.pk}"></figure><p>Last.</p>',
    )
    snapshot = publish(editor, reporter, story)
    old_url = snapshot.galleries[0]["items"][0]["url"]
    assert old_url in client.get(snapshot.url_path).content.decode()
    DBTaskResult.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        assert expiry.replace_expired_picture(image, now=image.licence_expires_at) == 1

    snapshot.refresh_from_db()
    page = client.get(snapshot.url_path).content.decode()
    assert old_url not in page and old_url not in snapshot.head_html  # nor in the JSON-LD
    shown = [[item["alt"] for item in gallery["items"]] for gallery in snapshot.galleries]
    assert shown == [[str(fallback), "Sandbags"], ["Sandbags", str(fallback)]]
    assert page.count('class="gallery-slide"') == 4
    # The galleries themselves follow, with the fallback's own words.
    assert [i.image for i in lead.items.all()] == [fallback, other]
    assert inline.items.get(image=fallback).caption == ""
    event = WorkflowEvent.objects.get(article=story, action="picture_licence_ended")
    assert "in the gallery “The flood, day by day” and in the gallery “Before”" in event.note
    assert "now shows “The harbor at night, staff photo”" in event.note
    purge = DBTaskResult.objects.get(task_path="articles.public.edge.purge_task")
    assert f"story-{story.pk}" in purge.args_kwargs["args"][0]
    assert ImageUse.objects.filter(image=fallback, how="fallback").count() == 1


def test_without_a_fallback_a_gallery_loses_the_picture_and_an_emptied_one_goes(
    client, make_article, reporter, editor
):
    image = picture("Cranes")
    alone, pair = gallery_of(image, title="Alone"), gallery_of(image, picture("Pier"), title="Pair")
    story = make_article(
        "Port news",
        created_by=reporter,
        lead_gallery=pair,
        body=f'<p>Text.</p><figure data-gallery="{alone.pk}"></figure>',
    )
    snapshot = publish(editor, reporter, story)
    Image.objects.filter(pk=image.pk).update(licence_expires_at=timezone.now())
    assert expiry.expire_picture_licence.call(image.pk) == 1

    snapshot.refresh_from_db()
    assert [g["title"] for g in snapshot.galleries] == ["Pair"]
    assert [item["alt"] for item in snapshot.galleries[0]["items"]] == ["Pier"]
    page = client.get(snapshot.url_path).content.decode()
    assert f'id="gallery-{alone.pk}"' not in page and "Text." in page
    assert not GalleryItem.objects.filter(image=image).exists()
    note = WorkflowEvent.objects.get(action="picture_licence_ended").note
    assert "the public story now shows no picture" in note


def test_at_expiry_a_live_entrys_picture_is_replaced_for_readers_and_in_its_history(
    client, make_article, reporter, editor, django_capture_on_commit_callbacks
):
    image, fallback = agency_picture_with_fallback()
    story = make_article("Storm over the harbor", created_by=reporter)
    with django_capture_on_commit_callbacks(execute=True):
        publish(editor, reporter, story)
        coverage = live_coverage.make_live(user=editor, article=story)
        live_coverage.move(user=editor, coverage=coverage, action=live_coverage.START)
        entry = entries.file_entry(
            user=editor,
            coverage=coverage,
            headline="Cranes down",
            body="<p>The cranes fell.</p>",
            image=image,
            publish=True,
        )
    old_url = entry.public_image["url"]
    assert old_url in client.get(story.snapshot.url_path).content.decode()

    with (
        override_settings(TASKS={"default": QUEUED}, EDGE_PURGE_URLS=["http://127.0.0.1:9/"]),
        django_capture_on_commit_callbacks(execute=True),
    ):
        DBTaskResult.objects.all().delete()
        assert expiry.replace_expired_picture(image, now=image.licence_expires_at) == 1

    purge = DBTaskResult.objects.get(task_path="articles.public.edge.purge_task")
    entry.refresh_from_db()
    assert entry.public_image["alt"] == "The harbor at night, staff photo"
    assert entry.image == fallback  # its next publish does not bring the picture back
    stream = client.get(story.snapshot.url_path).content.decode().split('id="live-stream"')[1]
    assert old_url not in stream and entry.public_image["url"] in stream
    polled = client.get(reverse("live-updates", args=[story.pk]), {"after": 0}).json()
    assert old_url not in polled["entries"][0]["html"]  # its kept card was made again
    assert entry.public_image["url"] in polled["entries"][0]["html"]
    assert {f"story-{story.pk}", f"live-{story.pk}"} <= set(purge.args_kwargs["args"][0])
    change = LiveEntryChange.objects.filter(entry=entry).first()
    assert "licence of the picture “Cranes” ended" in change.note
    event = WorkflowEvent.objects.get(article=story, action="picture_licence_ended")
    assert "the live entry “Cranes down” now shows “The harbor at night" in event.note


def test_the_gate_refuses_an_ended_licence_in_a_gallery_and_in_an_entry(
    make_article, reporter, editor, live_story_factory
):
    ended = picture("Cranes", licence_expires_at=timezone.now() - timedelta(days=1))
    story = make_article("Port", created_by=reporter, lead_gallery=gallery_of(ended))
    with pytest.raises(MediaNotPublishable, match="licence of the picture “Cranes” ended"):
        publish(editor, reporter, story)
    coverage = live_story_factory()
    with pytest.raises(MediaNotPublishable, match="licence of the picture “Cranes” ended"):
        entries.file_entry(
            user=editor, coverage=coverage, body="<p>Cranes.</p>", image=ended, publish=True
        )


@pytest.fixture
def live_story_factory(make_article, reporter, editor):
    def make():
        story = make_article("Storm", created_by=reporter)
        publish(editor, reporter, story)
        coverage = live_coverage.make_live(user=editor, article=story)
        live_coverage.move(user=editor, coverage=coverage, action=live_coverage.START)
        return coverage

    return make

"""A clip's licence end and usage log (articles.clips.expiry, articles.images.usage): when the
licence ends, live stories play the fallback in its place (or nothing), their page follows,
the edge is purged by the story's key and the history says why; every publish that plays a
clip is logged, and the clip's page and the chooser say "Used 2 times, last on …"."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.clips import expiry
from articles.clips.in_stories import figure_html
from articles.models import Article, ClipUse, WorkflowEvent
from tests.articles.clips.test_in_stories import VTT, publish, ready_clip

pytestmark = pytest.mark.django_db

QUEUED = {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}


def captioned(title: str, **fields):
    clip = ready_clip(**fields)
    clip.title = title
    clip.captions.save("c.vtt", ContentFile(VTT), save=True)
    return clip


def story_with(clip, make_article, reporter, headline="The flood reaches the square"):
    body = f"<p>The river rose.</p>{figure_html(clip.pk)}<p>By noon it crested.</p>"
    return make_article(headline, created_by=reporter, body=body)


@override_settings(TASKS={"default": QUEUED}, EDGE_PURGE_URLS=["http://127.0.0.1:9/"])
def test_at_expiry_a_live_story_plays_the_fallback_and_its_history_says_why(
    client, make_article, reporter, editor, django_capture_on_commit_callbacks
):
    fallback = captioned("The square, staff video")
    clip = captioned("The square from the agency", licence_kind="agency", licensor="Northwire")
    clip.expiry_fallback = fallback
    clip.licence_expires_at = timezone.now() + timedelta(hours=1)
    clip.save()
    story = story_with(clip, make_article, reporter)
    snapshot = publish(editor, reporter, story)
    assert clip.web_file.url in client.get(snapshot.url_path).content.decode()
    DBTaskResult.objects.all().delete()

    later = clip.licence_expires_at + timedelta(minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert expiry.replace_expired_clip(clip, now=later) == 1

    snapshot.refresh_from_db()
    page = client.get(snapshot.url_path).content.decode()
    assert clip.web_file.url not in page and fallback.web_file.url in page
    assert [item["id"] for item in snapshot.clips] == [fallback.pk]
    assert figure_html(fallback.pk) in Article.objects.get(pk=story.pk).body  # the working copy
    event = WorkflowEvent.objects.get(article=story, action="clip_licence_ended")
    assert "“The square from the agency” ended" in event.note
    assert "now plays “The square, staff video”" in event.note
    purge = DBTaskResult.objects.get(task_path="articles.public.edge.purge_task")
    assert f"story-{story.pk}" in purge.args_kwargs["args"][0]
    assert ClipUse.objects.get(clip=fallback).how == "fallback"


def test_without_a_usable_fallback_the_clip_is_taken_out(client, make_article, reporter, editor):
    clip = captioned("The square from the agency")
    story = story_with(clip, make_article, reporter)
    snapshot = publish(editor, reporter, story)
    clip.licence_expires_at = timezone.now() - timedelta(seconds=1)
    clip.save()
    assert expiry.expire_clip_licence.call(clip.pk) == 1
    snapshot.refresh_from_db()
    page = client.get(snapshot.url_path).content.decode()
    assert snapshot.clips == [] and "<video" not in page and "By noon it crested." in page
    assert "data-clip" not in Article.objects.get(pk=story.pk).body
    event = WorkflowEvent.objects.get(article=story, action="clip_licence_ended")
    assert "now plays nothing in its place" in event.note


def test_a_renewed_clip_licence_keeps_the_clip(make_article, reporter, editor):
    clip = captioned("The square")
    snapshot = publish(editor, reporter, story_with(clip, make_article, reporter))
    clip.licence_expires_at = timezone.now() + timedelta(days=365)
    clip.save()
    assert expiry.expire_clip_licence.call(clip.pk) == 0
    snapshot.refresh_from_db()
    assert [item["id"] for item in snapshot.clips] == [clip.pk]


def test_the_clip_usage_log_answers_where_and_when(
    client, make_article, reporter, editor, django_capture_on_commit_callbacks
):
    clip = captioned("The square")
    for headline in ("Flood reaches the square", "The square dries out"):
        with django_capture_on_commit_callbacks(execute=True):
            publish(editor, reporter, story_with(clip, make_article, reporter, headline))
    client.force_login(editor)
    page = client.get(reverse("admin:articles_clip_change", args=[clip.pk])).content.decode()
    assert "Used 2 times, last on " in page and "in “The square dries out”." in page
    assert "Flood reaches the square" in page
    chooser = client.get(reverse("admin:articles_clip_chooser")).json()["results"]
    shown = next(item for item in chooser if item["id"] == clip.pk)
    assert shown["detail"].startswith("Video, 1:15 · ready · Used 2 times, last on ")

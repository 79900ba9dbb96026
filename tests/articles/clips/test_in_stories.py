"""A video or sound placed in a story's body (articles.clips.in_stories): readers get the
browser's player with captions, poster and transcript from the snapshot, the JSON-LD a
VideoObject/AudioObject with its rights; a clip without captions, still preparing, or gone
keeps the story from being published, with the reason."""

import json
import re

import pytest
from django.core.files.base import ContentFile

from articles import workflow
from articles.clips.in_stories import figure_html
from articles.models import Clip, ImageStatus
from articles.workflow.errors import MediaNotPublishable
from newsroom.html import sanitize_html

pytestmark = pytest.mark.django_db

VTT = b"WEBVTT\n\n00:00.000 --> 00:01.000\nThe river rises.\n"


def ready_clip(kind="video", **fields) -> Clip:
    clip = Clip(title="The river at noon", credit="Ana Ruiz/Newsroom", kind=kind,
                status=ImageStatus.READY, duration=75.4, width=1280, height=720, **fields)  # fmt: skip
    suffix = ".mp4" if kind == "video" else ".m4a"
    clip.web_file.save(f"w{suffix}", ContentFile(b"\x00" * 64), save=False)
    if kind == "video":
        clip.poster.save("p.jpg", ContentFile(b"\xff\xd8\xff"), save=False)
    clip.save()
    return clip


def publish(editor, reporter, story):
    workflow.submit_for_review(reporter, story)
    return workflow.publish(editor, story)


def test_readers_get_the_video_with_captions_and_its_json_ld(
    client, make_article, reporter, editor
):
    clip = ready_clip(caption="Water in the square.", creator="Ana Ruiz")
    clip.captions.save("river.vtt", ContentFile(VTT), save=True)
    sound = ready_clip("audio", transcript="Where were you when the water came?")
    body = f"<p>First.</p>{figure_html(clip.pk)}<p>Then.</p>{figure_html(sound.pk)}"
    snapshot = publish(editor, reporter, make_article("Flood", created_by=reporter, body=body))
    page = client.get(snapshot.url_path).content.decode()

    video = page.split("<video", 1)[1].split("</video>", 1)[0]
    assert 'preload="none"' in video and f'poster="{clip.poster.url}"' in video
    assert f'<source src="{clip.web_file.url}" type="video/mp4">' in video
    assert f'<track kind="captions" src="{clip.captions.url}"' in video
    assert "Water in the square." in page and "Where were you when the water came?" in page
    assert "<audio controls" in page and "data-clip" not in page
    data = json.loads(
        re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[0]
    )
    (described,) = data["video"]
    assert described["@type"] == "VideoObject" and described["duration"] == "PT1M15S"
    assert described["contentUrl"].endswith(clip.web_file.url)
    assert described["thumbnailUrl"].endswith(clip.poster.url)
    assert described["creditText"] == "Ana Ruiz/Newsroom"
    assert data["audio"][0]["@type"] == "AudioObject"


def test_a_clip_without_captions_preparing_or_gone_is_not_published(make_article, reporter, editor):
    captionless = ready_clip()
    preparing = ready_clip()
    Clip.objects.filter(pk=preparing.pk).update(status=ImageStatus.PREPARING)
    body = figure_html(captionless.pk) + figure_html(preparing.pk) + figure_html(999)
    story = make_article("Flood", created_by=reporter, body=f"<p>Text.</p>{body}")
    with pytest.raises(MediaNotPublishable) as refused:
        publish(editor, reporter, story)
    message = refused.value.message
    assert "The video “The river at noon” needs captions (a WebVTT file)" in message
    assert "is still being prepared" in message
    assert "The body places clip 999, which no longer exists" in message


def test_the_sanitizer_keeps_a_clip_figure_and_only_its_number():
    assert sanitize_html('<figure data-clip="12" onclick="x()"></figure>') == (
        '<figure data-clip="12"></figure>'
    )
    assert "data-clip" not in sanitize_html('<figure data-clip="١٢"></figure>')

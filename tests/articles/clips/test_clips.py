"""Videos and sounds (articles.clips): an upload answers at once and the worker makes the web
copies with ffmpeg (H.264/AAC MP4 and a poster, AAC for a sound, the camera's metadata gone);
a damaged file fails with words; captions must be WebVTT; a clip without captions, credit or
a licence for the web is held back. Media is generated here, one second long."""

import json
import shutil
import subprocess
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.clips import preparing, transcode
from articles.clips.in_stories import figure_html
from articles.models import Clip, ImageStatus

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg is not installed (./dev)"),
]

VTT = b"WEBVTT\n\n00:00.000 --> 00:01.000\nThe river rises.\n"
QUEUED = {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}


def ffmpeg(*arguments, suffix: str, tmp_path) -> bytes:
    target = tmp_path / f"made{suffix}"
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", *arguments, str(target)],
                   check=True, timeout=60)  # fmt: skip
    return target.read_bytes()


@pytest.fixture(scope="module")
def camera_video(tmp_path_factory) -> bytes:
    """One second of MPEG-4 video with sound, in a MOV, tagged with where it was filmed."""
    return ffmpeg("-f", "lavfi", "-i", "testsrc=size=320x240:rate=10:duration=1",
                  "-f", "lavfi", "-i", "sine=frequency=440:duration=1",
                  "-c:v", "mpeg4", "-c:a", "pcm_s16le", "-shortest",
                  "-metadata", "location=+59.3293+018.0686/", "-metadata", "make=PhoneMaker",
                  suffix=".mov", tmp_path=tmp_path_factory.mktemp("clips"))  # fmt: skip


def streams(field_file) -> dict:
    done = subprocess.run(
        ["ffprobe", "-v", "error", "-print_format", "json", "-show_streams", "-show_format",
         field_file.path], capture_output=True, check=True, timeout=60,
    )  # fmt: skip
    return json.loads(done.stdout)


def upload(client, data: bytes, name: str, **fields):
    return client.post(
        reverse("admin:articles_clip_add"),
        {
            "upload": SimpleUploadedFile(name, data),
            "title": "The river at noon",
            "credit": "Ana Ruiz/Newsroom",
            "licence_kind": "staff",
            "use_web": "on",
            **fields,
        },
    )


def test_a_reporter_uploads_a_video_and_the_worker_makes_its_web_copies(
    client, reporter, camera_video
):
    client.force_login(reporter)
    with override_settings(TASKS={"default": QUEUED}):
        response = upload(client, camera_video, "IMG_0001.MOV",
                          captions=SimpleUploadedFile("river.vtt", VTT))  # fmt: skip
    assert response.status_code == 302
    clip = Clip.objects.get()
    assert clip.status == ImageStatus.PREPARING and clip.uploaded_by == reporter
    assert not clip.web_file  # nothing made in the request

    assert preparing.prepare_clip.call(clip.pk) == ImageStatus.READY
    clip.refresh_from_db()
    assert (clip.kind, clip.width, clip.height) == ("video", 320, 240)
    assert 0.8 < clip.duration < 1.5
    found = streams(clip.web_file)
    codecs = {s["codec_type"]: s["codec_name"] for s in found["streams"]}
    assert codecs == {"video": "h264", "audio": "aac"}
    tags = json.dumps(found["format"].get("tags", {})).lower()
    assert "59.3293" not in tags and "phonemaker" not in tags
    assert clip.poster.read()[:3] == b"\xff\xd8\xff"  # a JPEG still
    assert not clip.incoming and clip.web_file.name.endswith(".mp4")
    assert "IMG_0001" not in clip.web_file.name
    page = client.get(reverse("admin:articles_clip_change", args=[clip.pk])).content.decode()
    assert "Ready: video, 0:01, 320×240." in page and "<video controls" in page
    assert preparing.clip_problems(clip) == []
    assert not clip.small_file  # 240 pixels high: no smaller copy, and never a larger one


def test_a_large_video_gets_a_small_screens_copy_and_readers_phones_choose_it(
    client, reporter, editor, make_article, tmp_path
):
    hd = ffmpeg("-f", "lavfi", "-i", "testsrc=size=1920x1080:rate=5:duration=1",
                "-c:v", "mpeg4", suffix=".mp4", tmp_path=tmp_path)  # fmt: skip
    client.force_login(reporter)
    response = upload(client, hd, "hd.mp4", captions=SimpleUploadedFile("r.vtt", VTT))
    assert response.status_code == 302
    clip = Clip.objects.get()  # the worker ran (tasks immediate)
    assert (clip.width, clip.height) == (1280, 720)
    small = streams(clip.small_file)["streams"][0]
    assert (small["codec_name"], small["width"], small["height"]) == ("h264", 640, 360)

    story = make_article("Flood", created_by=reporter, body=f"<p>A.</p>{figure_html(clip.pk)}")
    workflow.submit_for_review(reporter, story)
    page = client.get(workflow.publish(editor, story).url_path).content.decode()
    sources = page.split("<video", 1)[1].split("</video>", 1)[0]
    small_source = (
        f'<source src="{clip.small_file.url}" type="video/mp4" media="(max-width: 700px)">'
    )
    assert sources.index(small_source) < sources.index(f'<source src="{clip.web_file.url}"')


@pytest.mark.parametrize(
    ("size", "small"),
    [((1920, 1080), (640, 360)), ((1080, 1920), (360, 640)), ((640, 360), None),
     ((320, 240), None), ((3840, 1600), (862, 360))],
)  # fmt: skip
def test_the_small_copy_is_360_on_its_short_side_and_never_upscaled(size, small):
    assert transcode.small_size(*size) == small


def test_a_sound_becomes_aac_and_needs_a_transcript_or_captions(client, editor, tmp_path):
    wav = ffmpeg("-f", "lavfi", "-i", "sine=frequency=220:duration=1", suffix=".wav",
                 tmp_path=tmp_path)  # fmt: skip
    client.force_login(editor)
    assert upload(client, wav, "interview.wav").status_code == 302
    clip = Clip.objects.get()  # the test queue runs the task at once
    assert (clip.status, clip.kind) == (ImageStatus.READY, "audio")
    assert streams(clip.web_file)["streams"][0]["codec_name"] == "aac"
    assert not clip.poster
    assert preparing.clip_problems(clip) == [
        "The sound “The river at noon” needs a transcript or captions for readers who cannot "
        "hear it: add one on its page."
    ]
    clip.transcript = "Reporter: Where were you when the water came?"
    assert preparing.clip_problems(clip) == []


def test_a_damaged_file_fails_with_words_and_a_video_without_captions_is_held(
    client, editor, camera_video
):
    client.force_login(editor)
    upload(client, b"\x00\x01 not a video " * 50, "clip.mp4")
    clip = Clip.objects.get()
    assert clip.status == ImageStatus.FAILED
    assert clip.problem.startswith("This file could not be prepared: it is not a video or sound")
    upload(client, camera_video, "clip.mov", title="No captions")
    video = Clip.objects.get(title="No captions")
    video.licence_expires_at = timezone.now() - timedelta(days=1)
    problems = " ".join(preparing.clip_problems(video))
    assert "The video “No captions” needs captions (a WebVTT file)" in problems
    assert "The licence of the clip “No captions” ended on" in problems


def test_captions_that_are_not_webvtt_are_refused_and_the_words_kept(client, editor):
    client.force_login(editor)
    srt = b"1\n00:00:00,000 --> 00:00:01,000\nThe river rises.\n"
    response = upload(client, b"x", "clip.mp4", captions=SimpleUploadedFile("river.srt", srt))
    assert response.status_code == 200
    page = response.content.decode()
    assert "The captions must be a WebVTT file" in page
    assert 'value="The river at noon"' in page
    assert not Clip.objects.exists()

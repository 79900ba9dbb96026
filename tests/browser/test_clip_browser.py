"""A captioned video plays on the public page, in real Chromium: an editor uploads a camera's
clip (ffmpeg makes one here) with WebVTT captions, the worker makes the web copy; in the story's
body the editor's "Video or sound…" opens the chooser (a dialog listing the clip, ready and
not used yet), places it, and publishes; the publish is in the clip's usage log; a reader
presses play and the video runs with its captions showing, with no CSP violation."""

import shutil
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from playwright.sync_api import expect

from articles.images import usage
from articles.models import Clip, ImageStatus, PublishedArticle
from articles.workflow.permissions import ensure_role_groups
from tests.browser.test_csp_browser import Violations

pytestmark = pytest.mark.django_db(transaction=True)

EDITOR = ".field-body .ProseMirror[contenteditable=true]"
CAPTIONS = b"WEBVTT\n\n00:00.000 --> 00:05.000\nWater climbs the steps of the square.\n"


@pytest.fixture
def camera_clip(tmp_path) -> bytes:
    """Three seconds of a camera's MPEG-4 video with sound, in a MOV."""
    assert shutil.which("ffmpeg"), "ffmpeg is missing: ./dev installs it"
    made = tmp_path / "camera.mov"
    subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-y",
         "-f", "lavfi", "-i", "testsrc=size=320x240:rate=10:duration=3",
         "-f", "lavfi", "-i", "sine=frequency=440:duration=3",
         "-c:v", "mpeg4", "-c:a", "pcm_s16le", "-shortest", str(made)],
        check=True, timeout=120,
    )  # fmt: skip
    return made.read_bytes()


def test_a_reader_plays_a_captioned_video_in_a_story(
    client, make_user, make_article, live_server, log_in, page, screenshot, camera_clip
):
    ensure_role_groups()  # transactional tests flush the migration's groups
    editor = make_user("sam", groups=["Editors"], first_name="Sam", last_name="Okafor")
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_clip_add"),
        {
            "upload": SimpleUploadedFile("IMG_0042.MOV", camera_clip),
            "captions": SimpleUploadedFile("square.vtt", CAPTIONS),
            "title": "The square at high water",
            "caption": "Water in the square at noon.",
            "credit": "Ana Ruiz/Newsroom",
            "licence_kind": "staff",
            "use_web": "on",
        },
    )
    assert response.status_code == 302
    clip = Clip.objects.get()
    assert clip.status == ImageStatus.READY, clip.problem  # the worker ran (tasks immediate)
    body = "<p>The river rose overnight.</p><p>By noon it had crested.</p>"
    story = make_article("The flood reaches the square", body=body, created_by=editor)
    desk = log_in("sam")
    desk.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")
    desk.locator(f"{EDITOR} > p").first.click(position={"x": 40, "y": 8})  # in "river"
    desk.locator("[title='Video or sound…']").click()
    chooser = desk.get_by_role("dialog", name="Place a video or sound")
    offered = chooser.get_by_role("listitem").filter(has_text="The square at high water")
    expect(offered).to_contain_text("Video, 0:03 · ready · Not used yet.")
    screenshot(desk, "clip-1-chooser")
    offered.get_by_role("button").click()
    expect(desk.locator(f"{EDITOR} figure[data-clip='{clip.pk}']")).to_contain_text(
        f"Video or sound {clip.pk} is placed here"
    )
    # The click was mid-sentence: the clip goes after that paragraph, which stays whole.
    expect(desk.locator(f"{EDITOR} > p").first).to_have_text("The river rose overnight.")
    expect(desk.locator(f"{EDITOR} > p + figure[data-clip]")).to_have_count(1)
    desk.get_by_role("button", name="Save", exact=True).first.click()
    expect(desk.locator(".messagelist")).to_contain_text("was changed successfully")
    desk.locator(".workflow-panel").get_by_role("button", name="Publish now").click()
    expect(desk.locator(".messagelist")).to_contain_text("ublished")
    snapshot = PublishedArticle.objects.get(article=story)
    assert usage.summary(clip).startswith("Used once, last on ")

    violations = Violations(page)
    violations.visit(f"{live_server.url}{snapshot.url_path}")
    video = page.locator("video")
    expect(video).to_have_count(1)
    expect(page.locator("figure.clip-video")).to_contain_text("Water in the square at noon.")
    video.scroll_into_view_if_needed()
    # A reader's press of Play, muted as a browser without sound would play it.
    page.evaluate("() => { const v = document.querySelector('video'); v.muted = true; v.play(); }")
    page.wait_for_function("() => document.querySelector('video').currentTime > 0.5")
    page.evaluate("() => { document.querySelector('video').textTracks[0].mode = 'showing'; }")
    page.wait_for_function(
        "() => { const cues = document.querySelector('video').textTracks[0].activeCues;"
        " return cues && cues.length && cues[0].text.includes('Water climbs'); }"
    )
    screenshot(page, "clip-reader-playing")
    assert violations.on_page() == []

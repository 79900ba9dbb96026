"""A live story's picture licence ends, in real Chromium: the picture is used by two live
stories, and its page's usage log lists both; with the clock frozen a minute after the
licence's end, the queued expiry task runs; readers' page shows the fallback picture, the
stored snapshot changed, the edge was purged by the story's key, and the editor finds the line
in the story's history."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from playwright.sync_api import expect

from articles import workflow
from articles.images import expiry
from articles.models import Image, PublishedArticle
from articles.workflow.permissions import ensure_role_groups
from tests.articles.edge import conftest as edge_fixtures
from tests.conftest import jpeg_bytes

pytestmark = pytest.mark.django_db(transaction=True)

purges = edge_fixtures.purges  # a loopback edge that records the keys each PURGE names


def picture(alt: str, color, **rights) -> Image:
    image = Image(alt_text=alt, credit="Ana Ruiz/Northwire", **rights)
    image.file.save("p.jpg", ContentFile(jpeg_bytes(size=(900, 600), color=color)), save=True)
    return image


def test_at_the_licence_end_readers_see_the_fallback_and_the_history_says_why(
    log_in, live_server, page, make_article, reporter, editor, purges, monkeypatch, screenshot
):
    ensure_role_groups()
    ends = timezone.now() + timedelta(hours=1)
    fallback = picture("The harbor at night, staff photo", (20, 30, 60))
    image = picture("Cranes at dawn", (220, 120, 30), licensor="Northwire", licence_expires_at=ends)
    Image.objects.filter(pk=image.pk).update(expiry_fallback=fallback)
    snapshots = []
    for headline in ("Port reopens", "Cranes arrive"):  # the picture reused
        story = make_article(headline, created_by=reporter, lead_image=image)
        workflow.submit_for_review(reporter, story)
        snapshots.append(workflow.publish(editor, story))
    snapshot = snapshots[-1]
    desk = log_in("edna")
    desk.goto(f"{live_server.url}/admin/articles/image/{image.pk}/change/")
    log = desk.locator(".field-usage_log")
    expect(log).to_contain_text("Used 2 times, last on ")
    expect(log).to_contain_text("in “Cranes arrive”.")
    expect(log.get_by_role("link", name="Port reopens")).to_be_visible()
    log.scroll_into_view_if_needed()
    screenshot(desk, "picture-expiry-1-usage-log")
    page.goto(f"{live_server.url}{snapshot.url_path}")
    expect(page.get_by_role("img", name="Cranes at dawn")).to_be_visible()
    purges.clear()

    frozen = ends + timedelta(minutes=1)
    with monkeypatch.context() as clock:
        clock.setattr(timezone, "now", lambda: frozen)
        assert expiry.expire_picture_licence.enqueue(image.pk).return_value == 2

    snapshot = PublishedArticle.objects.get(pk=snapshot.pk)
    assert snapshot.lead_image["alt"] == "The harbor at night, staff photo"
    assert "Cranes at dawn" not in snapshot.article_html
    assert any(f"story-{story.pk}" in keys for keys in purges)
    page.reload()
    expect(page.get_by_role("img", name="The harbor at night, staff photo")).to_be_visible()
    expect(page.get_by_role("img", name="Cranes at dawn")).to_have_count(0)
    screenshot(page, "picture-expiry-2-readers-see-the-fallback")

    desk.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")
    line = desk.locator(".timeline-item", has_text="licence of the picture “Cranes at dawn”")
    expect(line).to_contain_text("as its lead picture")
    expect(line).to_contain_text("The harbor at night, staff photo")
    line.scroll_into_view_if_needed()
    screenshot(desk, "picture-expiry-3-history-line")

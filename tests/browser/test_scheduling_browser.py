"""Scheduling in real Chromium, from a browser six hours ahead of the newsroom: the editor sees
the newsroom's zone beside every time input and no "ahead of server time" note, schedules a
story, reads when it goes live (and finds no public link), reschedules, then publishes now and
the public page shows."""

import functools
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from articles import workflow
from articles.models import PublishedArticle
from articles.workflow.permissions import ensure_role_groups
from newsroom.time_zone import newsroom_time, zone_label
from sources.models import CommentRequest, Source
from tests import otp
from tests.browser.conftest import _close
from tests.browser.test_csp_browser import Violations

pytestmark = pytest.mark.django_db(transaction=True)

BROWSER_ZONE = "Europe/Berlin"  # the editor's laptop; the newsroom works in America/New_York


@pytest.fixture
def story_in_review(make_user, make_article, transactional_db):
    ensure_role_groups()  # transactional tests flush the migration's groups
    reporter = make_user("rhea", groups=["Reporters"], first_name="Rhea", last_name="Moss")
    make_user("sam", groups=["Editors"], first_name="Sam", last_name="Okafor")
    article = make_article("Harbor tunnel to close for a year", created_by=reporter)
    # A story form with a time input in it: when the port authority answered.
    CommentRequest.objects.create(
        article=article,
        source=Source.objects.create(name="Port Authority", kind="organization"),
        outcome="responded",
        outcome_at=timezone.now(),
        response="The tunnel closes in May.",
    )
    workflow.submit_for_review(reporter, article)
    return article


@pytest.fixture
def zone_log_in(browser, live_server, in_flight, transactional_db):
    """`_log_in`, with the windows closed (and the server idle) before the test's database is
    flushed: an open story page's presence request during the TRUNCATE deadlocked with it."""
    yield functools.partial(_log_in, browser, live_server)
    _close([], in_flight, browser)


def _log_in(browser, live_server, username: str):
    """Log in from a browser whose clock is in BROWSER_ZONE (tests/browser/conftest.log_in)."""
    user = get_user_model().objects.get(username=username)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id=BROWSER_ZONE)
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", f"pw-{username}")
    page.click("input[type=submit]")
    if otp.needs_second_factor(user):
        page.wait_for_url("**/admin/two-factor/verify/**")
        page.fill("#id_token", otp.current_code(otp.device_for(user)))
        page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_be_visible()
    return page


def test_editor_schedules_reschedules_then_publishes_now(
    live_server, story_in_review, zone_log_in, screenshot
):
    story = story_in_review
    page = zone_log_in("sam")
    assert page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") == BROWSER_ZONE
    csp = Violations(page)
    csp.visit(f"{live_server.url}/admin/articles/article/{story.pk}/change/")

    # Every time input names the newsroom's zone; Django's "ahead of server time" note is gone.
    zone = zone_label()
    outcome_time = page.locator("input[name$='-outcome_at_1']").first
    expect(outcome_time).to_be_visible()
    expect(page.locator("p.datetime .time-zone").first).to_have_text(f"({zone})")
    expect(page.locator(".timezonewarning")).to_have_count(0)
    expect(page.locator("body")).not_to_contain_text("server time")
    expect(page.locator("#workflow-at legend")).to_contain_text(zone)
    outcome_time.scroll_into_view_if_needed()
    screenshot(page, "scheduling-1-time-zone-beside-inputs")

    # Schedule for tomorrow 14:00, newsroom time.
    at = (timezone.localtime() + timedelta(days=1)).replace(
        hour=14, minute=0, second=0, microsecond=0
    )
    page.fill("#workflow-at-date", f"{at:%Y-%m-%d}")
    page.fill("#workflow-at-time", f"{at:%H:%M}")  # 24-hour, as the other time fields
    page.locator("#workflow-form button.workflow-publish").click()
    state = page.locator(".workflow-state")
    expect(state).to_contain_text(f"Scheduled for {newsroom_time(at)}; goes live by itself.")
    expect(state).not_to_contain_text("This story is published")
    snapshot = PublishedArticle.objects.get(article=story)
    assert snapshot.published_at == at  # read in the newsroom's zone, not the browser's
    expect(page.locator(f'a[href="{snapshot.url_path}"]')).to_have_count(0)
    panel = page.locator(".workflow-panel")
    for label in ("Publish now", "Reschedule"):
        expect(panel.get_by_role("button", name=label)).to_be_visible()
    expect(panel.locator("summary", has_text="Cancel schedule")).to_be_visible()
    expect(page.locator("#workflow-reschedule-at legend")).to_contain_text(zone)
    expect(page.locator("#workflow-reschedule-at-date")).to_have_value(f"{at:%Y-%m-%d}")
    expect(page.locator("#workflow-reschedule-at-time")).to_have_value(f"{at:%H:%M}")
    panel.scroll_into_view_if_needed()
    screenshot(page, "scheduling-2-scheduled")
    reader = page.context.browser.new_page()
    assert reader.goto(f"{live_server.url}{snapshot.url_path}").status == 404

    # Reschedule two and a half hours later.
    later = at + timedelta(hours=2, minutes=30)
    page.fill("#workflow-reschedule-at-date", f"{later:%Y-%m-%d}")
    page.fill("#workflow-reschedule-at-time", f"{later:%H:%M}")
    panel.get_by_role("button", name="Reschedule").click()
    expect(page.locator(".messagelist")).to_contain_text(
        f"Rescheduled: goes live {newsroom_time(later)}."
    )
    expect(state).to_contain_text(f"Scheduled for {newsroom_time(later)}; goes live by itself.")
    screenshot(page, "scheduling-3-rescheduled")

    # Publish now: live at once, and the panel links the public page.
    page.locator(".workflow-panel").get_by_role("button", name="Publish now").click()
    expect(page.locator(".messagelist")).to_contain_text("Published:")
    snapshot.refresh_from_db()
    expect(state).to_contain_text("live at")
    expect(state.locator(f'a[href="{snapshot.url_path}"]')).to_be_visible()
    screenshot(page, "scheduling-4-published-now")
    assert csp.on_page() == []

    response = reader.goto(f"{live_server.url}{snapshot.url_path}")
    assert response.status == 200
    expect(reader.locator("h1")).to_contain_text("Harbor tunnel to close for a year")
    screenshot(reader, "scheduling-5-public-page")
    reader.close()
    page.context.close()

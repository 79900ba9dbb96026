"""The embargo in real Chromium: an editor sets it in newsroom time on the story form, sees the
banner and the list's badge, publishes (scheduled at the embargo, filled in for them), and
then breaks the embargo with a reason; the story's public page shows at once."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles import workflow
from articles.models import WorkflowEvent
from articles.workflow.embargo import embargo_time
from articles.workflow.permissions import ensure_role_groups

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def story_in_review(make_user, make_article, transactional_db):
    ensure_role_groups()  # transactional tests flush the migration's groups
    reporter = make_user("rhea", groups=["Reporters"], first_name="Rhea", last_name="Moss")
    make_user("sam", groups=["Editors"], first_name="Sam", last_name="Okafor")
    article = make_article("Central bank holds rates as inflation cools", created_by=reporter)
    workflow.submit_for_review(reporter, article)
    return article


def test_an_editor_embargoes_a_story_and_breaks_the_embargo_with_a_reason(
    log_in, live_server, story_in_review, screenshot
):
    page = log_in("sam", width=1366)
    page.goto(f"{live_server.url}/admin/articles/article/{story_in_review.pk}/change/")
    local = timezone.localtime(timezone.now() + timedelta(days=2))
    page.fill("#id_embargo_until_0", f"{local:%Y-%m-%d}")
    page.fill("#id_embargo_until_1", "06:00")
    page.locator(".story-save-button").click()

    banner = page.locator(".embargo-banner")
    expect(banner).to_be_visible()
    story_in_review.refresh_from_db()
    expected = f"Embargoed until {embargo_time(story_in_review.embargo_until)}"
    expect(banner).to_contain_text(expected)
    assert timezone.localtime(story_in_review.embargo_until).hour == 6
    screenshot(page, "embargo-story-page")

    # "Publish at" is filled in with the embargo: Publish schedules it for then.
    page.locator(".workflow-publish").click()
    expect(page.locator(".messagelist")).to_contain_text("Scheduled: goes live 06:00")
    assert workflow.scheduled_go_live(story_in_review) == story_in_review.embargo_until

    page.goto(f"{live_server.url}/admin/articles/article/")
    expect(page.locator(".embargo-badge").first).to_be_visible()
    screenshot(page, "embargo-story-list")

    page.goto(f"{live_server.url}/admin/articles/article/{story_in_review.pk}/change/")
    page.locator(".embargo-break summary").first.click()
    page.locator("#workflow-break-embargo-publish_now").fill("The minister announced it on air.")
    page.locator(".workflow-break-embargo").first.click()
    expect(page.locator(".messagelist")).to_contain_text("Published")
    expect(page.locator(".embargo-banner")).to_have_count(0)
    event = WorkflowEvent.objects.get(article=story_in_review, action="break_embargo")
    assert "minister announced it on air" in event.note
    url = story_in_review.snapshot.url_path
    public = page.context.new_page()
    public.goto(f"{live_server.url}{url}")
    expect(public.locator("h1")).to_contain_text("Central bank holds rates")

"""The admin's start page in real Chromium: a reporter and an editor log in, find their
lists on /admin/, and click through to a story."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles import workflow


@pytest.fixture
def desk_stories(transactional_db, make_article, reporter, editor):
    sent_back = make_article("Bridge repairs run over budget", created_by=reporter)
    workflow.submit_for_review(reporter, sent_back)
    workflow.request_changes(editor, sent_back, note="Name the contractor.")
    make_article("Library hours cut on Sundays", created_by=reporter)
    in_review = make_article("School bus routes redrawn", created_by=reporter)
    workflow.submit_for_review(reporter, in_review)
    scheduled = make_article("Council votes on the budget", created_by=reporter)
    workflow.submit_for_review(reporter, scheduled)
    workflow.publish(editor, scheduled, at=timezone.now() + timezone.timedelta(hours=3))
    return {"sent_back": sent_back, "in_review": in_review}


def test_a_reporter_starts_from_their_desk_and_opens_a_sent_back_story(
    log_in, desk_stories, screenshot
):
    page = log_in("rita", width=1366)
    page.goto(page.url.split("/admin/")[0] + "/admin/")
    drafts = page.locator(".desk-drafts")
    expect(drafts.locator("li").first).to_contain_text("Bridge repairs run over budget")
    expect(drafts.locator("li").first.locator(".state-badge")).to_have_text("Changes requested")
    expect(page.locator(".desk-review")).to_contain_text("School bus routes redrawn")
    expect(page.locator(".desk-scheduled")).to_contain_text("Council votes on the budget")
    sidebar_free = page.locator("#content")
    expect(sidebar_free.get_by_role("link", name="My stories").first).to_be_visible()
    screenshot(page, "start-page-reporter")

    drafts.get_by_role("link", name="Bridge repairs run over budget").click()
    page.wait_for_url(f"**/admin/articles/article/{desk_stories['sent_back'].pk}/change/")
    expect(page.locator("#id_headline")).to_have_value("Bridge repairs run over budget")

    # The story page has no app sidebar (two columns): back to the list by the breadcrumb.
    page.locator(".breadcrumbs").get_by_role("link", name="Stories").click()
    page.get_by_role("link", name="My stories").first.click()
    expect(page.locator("h1")).to_have_text("My stories")
    # The app sidebar, where pages have one, names things as the newsroom does.
    page.goto(page.url.split("/admin/")[0] + "/admin/sources/source/")
    nav = page.locator("#nav-sidebar")
    expect(nav.locator("#articles-article")).to_have_text("Stories")
    expect(nav.get_by_role("link", name="Tags", exact=True)).to_be_visible()
    expect(nav).not_to_contain_text("Public snapshots")
    expect(nav).not_to_contain_text("Workflow events")
    screenshot(page, "story-list-mine-reporter")


def test_an_editor_starts_from_the_review_queue_and_opens_the_waiting_story(
    log_in, desk_stories, screenshot
):
    page = log_in("edna", width=1366)
    page.goto(page.url.split("/admin/")[0] + "/admin/")
    review = page.locator(".desk-review")
    expect(review.locator(".desk-count")).to_have_text("1")
    expect(review).to_contain_text("Rita Reyes")
    expect(page.locator(".desk-scheduled")).to_contain_text("Council votes on the budget")
    screenshot(page, "start-page-editor")

    review.get_by_role("link", name="School bus routes redrawn").click()
    page.wait_for_url(f"**/admin/articles/article/{desk_stories['in_review'].pk}/change/")
    expect(page.locator("#id_headline")).to_have_value("School bus routes redrawn")
    screenshot(page, "start-page-editor-opened-story")

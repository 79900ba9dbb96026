"""A reader checks that a corrected story is what the newsroom published: the story's "What
changed", its versions page, and the verify page, in Chromium."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles import workflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def corrected_story(make_article, editor):
    """Published two hours ago, corrected an hour later (with a new paragraph), then a typo
    fixed now."""
    start = timezone.now() - timedelta(hours=2)
    article = make_article(
        "Ferry pier to close for six weeks of repairs",
        body="<p>The pier closes on Monday.</p><p>Ferries will use the north dock.</p>",
    )
    workflow.submit_for_review(editor, article, now=start)
    workflow.publish(editor, article, now=start)
    for at, body, correction in (
        (
            start + timedelta(hours=1),
            "<p>The pier closes on Monday.</p><p>Ferries will use the north dock.</p>"
            "<p>Repairs cost $2 million.</p>",
            {"kind": "correction", "text": "The repairs take eight weeks, not six."},
        ),
        (
            start + timedelta(hours=2),
            "<p>The pier closes on Monday.</p><p>Ferries will use the nort dock.</p>"
            "<p>Repairs cost $2 million.</p>",
            None,
        ),
    ):
        article.refresh_from_db()
        article.body = body
        workflow.save_article(editor, article, expected_version=article.version, now=at)
        workflow.publish(editor, article, correction=correction, now=at)
    article.refresh_from_db()
    return article


def test_a_reader_reads_the_change_log_and_checks_a_text(
    page, live_server, screenshot, corrected_story
):
    story_url = live_server.url + corrected_story.snapshot.url_path
    page.goto(story_url)
    changes = page.locator("details.story-changes")
    changes.locator("summary").click()
    expect(changes).to_contain_text("A correction was added; New text: 1 paragraph added")
    expect(changes).not_to_contain_text("typo")
    screenshot(page, "signed-versions-story")

    changes.get_by_role("link", name="Every version, signed").click()
    expect(page.get_by_role("heading", name="Version 3 typo fix, not announced")).to_be_visible()
    expect(page.locator("#version-2")).to_contain_text("A correction was added")
    expect(page.locator("#version-1")).to_contain_text("First published")
    screenshot(page, "signed-versions-list")

    text = page.request.get(story_url + "versions/2/text.txt").text()
    page.get_by_role("link", name="Check a text").click()
    page.get_by_label("The story's text").fill(text)
    page.get_by_role("button", name="Check the text").click()
    expect(page.locator(".verify-result")).to_contain_text(
        "matches version 2 of “Ferry pier to close for six weeks of repairs”"
    )
    expect(page.locator(".verify-result")).to_contain_text("signed by key test-key")
    screenshot(page, "signed-versions-verify-match")

    page.get_by_label("The story's text").fill(text.replace("$2 million", "$3 million"))
    page.get_by_role("button", name="Check the text").click()
    expect(page.locator(".verify-result")).to_contain_text("matches no published version")
    expect(page.get_by_label("The story's text")).to_have_value(
        text.replace("$2 million", "$3 million")
    )
    screenshot(page, "signed-versions-verify-none")

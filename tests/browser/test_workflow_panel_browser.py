"""The workflow panel in real Chromium: an editor opens a live story, finds the take-downs apart
from publishing, types a public retraction notice in its own box and retracts; readers see it."""

import pytest
from playwright.sync_api import expect

from articles import workflow
from articles.models import PublishedArticle
from articles.workflow.permissions import ensure_role_groups
from tests.browser.test_csp_browser import Violations

pytestmark = pytest.mark.django_db(transaction=True)

NOTICE = "This story has been retracted: the report it relied on was fabricated."


@pytest.fixture
def live_story(make_user, make_article, transactional_db):
    ensure_role_groups()  # transactional tests flush the migration's groups
    reporter = make_user("rhea", groups=["Reporters"], first_name="Rhea", last_name="Moss")
    editor = make_user("sam", groups=["Editors"], first_name="Sam", last_name="Okafor")
    article = make_article("Harbor tunnel to close for a year", created_by=reporter)
    workflow.submit_for_review(reporter, article)
    workflow.publish(editor, article)
    article.dek = "The tunnel closes in May for repairs."  # live, with an update waiting
    workflow.save_article(editor, article, expected_version=article.version)
    return article


def test_editor_retracts_a_live_story_with_a_public_notice(
    log_in, live_server, live_story, screenshot
):
    page = log_in("sam")
    csp = Violations(page)
    csp.visit(f"{live_server.url}/admin/articles/article/{live_story.pk}/change/")
    panel = page.locator(".workflow-panel")
    danger = panel.locator(".workflow-danger")
    expect(danger.get_by_role("heading", name="Take down or kill")).to_be_visible()
    # The take-down's box and button are hidden until the editor opens it on purpose.
    notice = page.get_by_label("Public retraction notice — readers will see this")
    expect(notice).to_be_hidden()
    expect(danger.locator("button.workflow-retract")).to_be_hidden()
    # Publishing the update is up top; the take-down group sits apart, below it.
    publish = panel.locator("#workflow-form button.workflow-publish")
    expect(publish).to_have_text("Publish update")
    expect(danger.locator("button.workflow-publish")).to_have_count(0)
    assert danger.bounding_box()["y"] > publish.bounding_box()["y"]

    danger.locator("summary", has_text="Unpublish as retraction").click()
    notice.fill(NOTICE)
    expect(page.get_by_label("Internal note: why it comes down")).to_be_hidden()
    screenshot(page, "workflow-panel-retraction")
    danger.locator("button.workflow-retract").click()
    expect(page.locator(".messagelist")).to_contain_text("Retracted")
    assert csp.on_page() == []

    snapshot = PublishedArticle.objects.get(article=live_story)
    assert snapshot.status == "retracted" and snapshot.notice == NOTICE
    reader = page.context.browser.new_page()
    response = reader.goto(f"{live_server.url}{snapshot.url_path}")
    assert response.status == 410
    expect(reader.locator("body")).to_contain_text(NOTICE)
    screenshot(reader, "workflow-panel-retraction-public")
    reader.close()

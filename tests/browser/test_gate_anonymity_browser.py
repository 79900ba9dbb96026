"""The gate reads the text (issue 23), in real Chromium: a reporter's story whose only
sources are unnamed in its words ("who spoke on condition of anonymity") is refused at
Publish with the sentence named; the editor accepts the assistant's anonymous source in
place, approves the grant, and the story publishes."""

import pytest
from playwright.sync_api import expect

from articles import workflow
from articles.models import PublishedArticle
from articles.workflow.permissions import ensure_role_groups
from sources.models import Attribution
from sources.proposals import proposals_refresh
from tests.browser.test_editor_desk_browser import story_url

pytestmark = pytest.mark.django_db(transaction=True)

SENTENCE = (
    "Two people with knowledge of the board's deliberations, who spoke on condition of "
    "anonymity because the talks are private, said the vote had been close."
)
BODY = f"<p>The Harbor Bank board will replace its chairman on Friday.</p><p>{SENTENCE}</p>"


@pytest.fixture
def submitted(make_user, make_article, transactional_db):
    ensure_role_groups()  # transactional tests flush the migration's groups
    reporter = make_user("rhea", groups=["Reporters"], first_name="Rhea", last_name="Moss")
    make_user("eli", groups=["Editors"], first_name="Eli", last_name="Brandt")
    article = make_article("Harbor Bank board to replace chairman", body=BODY, created_by=reporter)
    proposals_refresh(article=article)
    workflow.submit_for_review(reporter, article)
    return article


def test_a_story_sourced_only_by_unnamed_words_is_refused_until_the_source_is_recorded(
    log_in, live_server, submitted, screenshot
):
    article = submitted
    eli = log_in("eli")
    eli.goto(story_url(live_server, article))
    findings = eli.locator("#story-findings")
    expect(findings).to_contain_text("found an unnamed source")
    eli.click("button.workflow-publish")
    refusal = eli.locator(".messagelist")
    expect(refusal).to_contain_text("cannot be published yet")
    expect(refusal).to_contain_text(SENTENCE.rstrip("."))
    assert not PublishedArticle.objects.filter(article=article).exists()
    screenshot(eli, "gate-anonymity-1-refused")

    # The assistant's proposal: anonymous, plural, the clause as its draft reason.
    row = eli.locator("#proposals-group li.proposal").filter(has_text="people with knowledge")
    expect(row).to_contain_text("Anonymous: because the talks are private")
    expect(row).to_contain_text("Assistant's confidence")
    row.get_by_role("button", name="Accept").first.click()
    expect(eli.locator("#proposals-group")).to_contain_text("Accepted")
    attribution = Attribution.objects.get(article=article)
    assert attribution.anonymous and attribution.source_count == 2
    screenshot(eli, "gate-anonymity-2-accepted")

    # The editor who knows who they are approves the grant (a save of the story form).
    eli.reload()
    eli.locator(f"#attribution-{attribution.pk} > summary").click()
    with eli.expect_navigation():
        eli.locator("button.attr-approve").click()
    expect(eli.locator(".messagelist")).to_contain_text("You approved anonymity")
    expect(eli.locator("#story-findings")).not_to_contain_text("unnamed source")

    eli.click("button.workflow-publish")
    expect(eli.locator(".messagelist")).to_contain_text("Published")
    screenshot(eli, "gate-anonymity-3-published")
    assert PublishedArticle.objects.filter(article=article).exists()

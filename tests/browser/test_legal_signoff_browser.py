"""Sign-off for one story, in real Chromium: an editor sends a story whose section has no
chain to Legal from the story page; a Legal member with no newsroom role logs in, lands on
their own minimal page, reads the story and approves it with a condition; the editor sees
the condition beside "Signed" and publishes; the reporter got a mail saying Legal signed."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from articles import workflow
from articles.models import PublishedArticle, ReviewStep, Section, SignOff
from articles.workflow.permissions import ensure_role_groups
from articles.workflow.revisions import record_revision

pytestmark = pytest.mark.django_db(transaction=True)

CONDITION = "Soften “theft” to “losses” in the second paragraph."


@pytest.fixture
def story(make_user, make_article, transactional_db):
    ensure_role_groups()  # transactional tests flush the migration's groups (Legal too)
    make_user("edna", groups=["Editors"], first_name="Edna", last_name="Ives")
    make_user("lena", groups=["Legal"], first_name="Lena", last_name="Marsh")
    reporter = make_user("rhea", groups=["Reporters"], first_name="Rhea", last_name="Moss")
    local = Section.objects.create(name="Local", slug="local")  # no review chain
    article = make_article(
        "Council treasurer accused of theft",
        section=local,
        created_by=reporter,
        dek="An audit found $40,000 missing from the parks fund.",
        body="<p>The audit names the treasurer.</p><p>Auditors call it theft.</p>",
    )
    record_revision(article, user=reporter)
    workflow.submit_for_review(reporter, article)
    return article


def test_editor_sends_one_story_to_legal_who_signs_with_a_condition(
    log_in, live_server, story, screenshot
):
    edna = log_in("edna")
    story_page = f"{live_server.url}/admin/articles/article/{story.pk}/change/"
    edna.goto(story_page)
    panel = edna.locator("#review-chain")
    panel.get_by_label("Step").fill("Legal")
    panel.get_by_label("Who signs").select_option(label="Legal")
    panel.get_by_role("button", name="Ask for the sign-off").click()
    expect(edna.locator(".messagelist")).to_contain_text("Sign-off asked of the Legal group")
    panel = edna.locator("#review-chain")
    expect(panel).to_contain_text("asked for this story by Edna Ives")
    expect(panel.locator(".review-badge-waiting")).to_be_visible()
    # The publish gate counts the story's own step like a chain's.
    edna.click("button.workflow-publish")
    expect(edna.locator(".messagelist")).to_contain_text("Waiting for: Legal (the Legal group).")
    screenshot(edna, "legal-1-editor-asked-publish-refused")
    assert not PublishedArticle.objects.filter(article=story).exists()
    assert story.events.filter(action="sign_off_asked").exists()

    # Lena, in the Legal group only, logs in through the normal login and lands on her page.
    lena = log_in("lena")
    expect(lena).to_have_url(f"{live_server.url}/admin/articles/reviewstep/sign-offs/")
    expect(lena.locator("h1")).to_have_text("Waiting for your sign-off")
    expect(lena.locator("body")).not_to_contain_text("Sources")  # no admin menu, no sidebar
    expect(lena.locator("#nav-sidebar, .site-nav, #header")).to_have_count(0)
    screenshot(lena, "legal-2-waiting-page")
    lena.get_by_role("link", name="Council treasurer accused of theft").click()
    expect(lena.locator(".sign-off-story")).to_contain_text("Auditors call it theft.")
    status = lena.locator(".sign-off-status")
    expect(status).to_contain_text("Not published")
    expect(status).not_to_contain_text("Published")
    # Approve with conditions needs the conditions: refused, and nothing typed is lost.
    lena.get_by_label("Approve with conditions").check()
    lena.get_by_role("button", name="Send my decision").click()
    expect(lena.locator(".sign-off-error")).to_contain_text("Type your conditions")
    expect(lena.get_by_label("Approve with conditions")).to_be_checked()
    lena.get_by_label("Conditions or changes").fill(CONDITION)
    screenshot(lena, "legal-3-decide")
    lena.get_by_role("button", name="Send my decision").click()
    expect(lena.locator(".sign-off-messages")).to_contain_text("Your decision on")
    expect(lena.locator("body")).to_contain_text("Nothing is waiting for you")
    screenshot(lena, "legal-4-decided")
    decided = SignOff.objects.get(article=story)
    assert (decided.signer.username, decided.note) == ("lena", CONDITION)

    # The editor sees the condition beside "Signed", and publishes.
    edna.goto(story_page)
    panel = edna.locator("#review-chain")
    expect(panel).to_contain_text("Signed by Lena Marsh")
    expect(panel.locator(".review-step-conditions")).to_contain_text(CONDITION)
    expect(panel).to_contain_text("ready to publish")
    screenshot(edna, "legal-5-editor-sees-condition")
    edna.click("button.workflow-publish")
    expect(edna.locator(".messagelist")).to_contain_text("Published")
    assert PublishedArticle.objects.filter(article=story).exists()

    # The reporter (and the editor who asked) were told that Legal signed, with the condition.
    signed = [m for m in mail.outbox if m.subject.startswith("Legal signed")]
    assert sorted(to for m in signed for to in m.to) == ["edna@example.com", "rhea@example.com"]
    assert all(CONDITION in m.body for m in signed)
    assert ReviewStep.objects.get(article=story).added_by.username == "edna"

"""A review chain in real Chromium: an Investigations story needs Legal's sign-off. The editor
tries to publish and is told what it waits for, mails Legal's outside counsel a sign-off link
(never shown to her), counsel signs it in a browser with no login, and the editor then
publishes."""

from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from playwright.sync_api import expect

from articles import workflow
from articles.models import PublishedArticle, ReviewStep, Section, SignOff, StoryPart
from articles.workflow.permissions import ensure_role_groups
from articles.workflow.revisions import record_revision

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def story(make_user, make_article, transactional_db):
    ensure_role_groups()  # transactional tests flush the migration's groups
    make_user("edna", groups=["Editors"], first_name="Edna", last_name="Ives")
    make_user("boss", superuser=True)
    reporter = make_user("rhea", groups=["Reporters"], first_name="Rhea", last_name="Moss")
    investigations = Section.objects.create(name="Investigations", slug="investigations")
    Group.objects.get_or_create(name="Legal")
    article = make_article(
        "Harbor contractor billed the city twice",
        section=investigations,
        created_by=reporter,
        dek="Invoices show the same dredging paid for in 2023 and 2024.",
        body="<p>The contractor billed the city twice for the same dredging work.</p>",
    )
    record_revision(article, user=reporter, comment="Created")
    workflow.submit_for_review(reporter, article)
    return article


def test_legal_signs_by_link_then_the_editor_publishes(
    log_in, browser, live_server, story, screenshot
):
    # An admin sets up the Investigations chain (editors may not): Legal, the text only.
    boss = log_in("boss")
    boss.goto(f"{live_server.url}/admin/articles/reviewstep/add/")
    boss.select_option("#id_section", label="Investigations")
    boss.fill("#id_position", "1")
    boss.fill("#id_name", "Legal")
    boss.select_option("#id_group", label="Legal")
    boss.get_by_label(
        "The display: headline, dek, search and social headlines, lead image"
    ).uncheck()
    screenshot(boss, "review-chain-0-configure")
    boss.click("input[name=_save]")
    expect(boss.locator(".messagelist")).to_contain_text("was added successfully")
    assert ReviewStep.objects.get().touches == [StoryPart.TEXT.value]

    edna = log_in("edna")

    edna.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")
    panel = edna.locator("#review-chain")
    expect(panel).to_contain_text("Legal")
    expect(panel.locator(".review-step-waiting, .review-badge-waiting").first).to_be_visible()

    # Publishing is refused, and the page says what the story waits for.
    edna.click("button.workflow-publish")
    expect(edna.locator(".messagelist")).to_contain_text("Waiting for: Legal (the Legal group).")
    screenshot(edna, "review-chain-1-publish-refused")
    assert not PublishedArticle.objects.filter(article=story).exists()

    # An admin names the newsroom's counsel as Legal's outside signer (editors cannot).
    ReviewStep.objects.update(outside_signers=["ada@counsel.example"])

    # The editor mails counsel a sign-off link: she never sees the link itself.
    edna.reload()
    panel = edna.locator("#review-chain")
    panel.locator(".review-step-send summary").click()
    panel.get_by_label("Mail it to").select_option("ada@counsel.example")
    panel.get_by_role("button", name="Mail the link").click()
    expect(edna.locator(".messagelist")).to_contain_text(
        "Sign-off link for Legal mailed to ada@counsel.example"
    )
    expect(edna.locator("#review-chain")).to_contain_text("Link mailed to ada@counsel.example")
    expect(edna.locator("body")).not_to_contain_text("/sign-off/")
    screenshot(edna, "review-chain-2-link-sent")
    [sent] = [m for m in mail.outbox if m.to == ["ada@counsel.example"]]
    path = urlsplit(next(w for w in sent.body.split() if "/sign-off/" in w)).path
    url = live_server.url + path  # the mail names SITE_URL; the test server is elsewhere

    # Outside counsel opens it in a browser that never logged in.
    counsel_context = browser.new_context(viewport={"width": 1000, "height": 900})
    counsel = counsel_context.new_page()
    counsel.goto(url)
    expect(counsel.locator("h1").first).to_contain_text("Sign-off requested: Legal")
    expect(counsel.locator("body")).to_contain_text("billed the city twice for the same dredging")
    counsel.get_by_label("Your name (kept with your decision)").fill("Ada Counsel")
    counsel.get_by_label("Approve for publication").check()
    counsel.get_by_label("Note (needed to reject: what must change)").fill("Fine as written.")
    screenshot(counsel, "review-chain-3-counsel-form")
    counsel.get_by_role("button", name="Send my decision").click()
    expect(counsel.locator(".sign-off-done")).to_contain_text("Approved by Ada Counsel")
    screenshot(counsel, "review-chain-4-counsel-decided")
    counsel_context.close()
    assert SignOff.objects.get(article=story).external_name == "Ada Counsel"

    # The editor sees the sign-off and publishes.
    edna.reload()
    expect(edna.locator("#review-chain")).to_contain_text("Signed by Ada Counsel (by link)")
    expect(edna.locator("#review-chain")).to_contain_text("ready to publish")
    edna.click("button.workflow-publish")
    expect(edna.locator(".messagelist")).to_contain_text("Published")
    screenshot(edna, "review-chain-5-published")
    assert PublishedArticle.objects.get(article=story).headline == story.headline

"""From the budget to the site in real Chromium, as issue 14 tells it: an editor plans an
Investigations story and assigns a reporter; the reporter starts the draft from the plan,
writes it, saves, and comments on a passage mentioning the editor; the editor finds the
mention on the start page; publishing is refused because Legal has not signed; the editor
mails Legal's counsel a sign-off link, counsel (no account) approves in a browser that never logged
in; the editor publishes, and the budget shows the plan's story as published. On the way the
lists say where the chain stands ("Legal: waiting", "Legal: signed") and the plan's page
keeps its history.

Screenshots in test-artifacts/screenshots/flow-*.png; with NEWSROOM_DOC_SCREENSHOTS=1 a few
are copied to docs/screenshots/flow-*.png (1366x900) for the README.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone
from PIL import Image as PILImage
from playwright.sync_api import expect

from articles.models import (
    Article,
    PlannedStory,
    PublishedArticle,
    ReviewStep,
    Section,
    SignOff,
    StoryComment,
    StoryPart,
)
from articles.workflow.permissions import ensure_role_groups
from authors.models import Author
from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_csp_browser import Violations
from tests.browser.test_story_comments_browser import select_in_body

pytestmark = pytest.mark.django_db(transaction=True)

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
WIDTH = 1366
HEADLINE = "Harbor contractor billed the city twice for one dredging job"
DEK = "Invoices show the same work paid for in 2023 and again in 2024."
PASSAGE = "paid twice for the same dredging"
PARAGRAPH = (
    f"City records show the harbor department {PASSAGE} of the north channel, "
    "once in March 2023 and again in April 2024."
)


@pytest.fixture
def shot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str, *, for_docs: bool = False) -> Path:
        path = SCREENSHOTS / f"flow-{name}.png"
        page.screenshot(path=str(path))
        if for_docs and os.environ.get("NEWSROOM_DOC_SCREENSHOTS") == "1":
            DOCS.mkdir(parents=True, exist_ok=True)
            # 256 colours are plenty for these pages, and keep the committed files small.
            with PILImage.open(path) as picture:
                small = picture.convert("RGB").quantize(256, dither=PILImage.Dither.NONE)
                small.save(DOCS / f"flow-{name}.png", optimize=True)
        return path

    return take


@pytest.fixture
def newsroom(make_user, transactional_db):
    """An editor, a reporter with an author profile, and Investigations, whose chain has
    one step: Legal, a group, reading the text, whose outside signer (set up by an admin) is
    the newsroom's counsel."""
    ensure_role_groups()  # transactional tests flush the migration's groups
    editor = make_user("edna", groups=["Editors"], first_name="Edna", last_name="Ives")
    reporter = make_user("rhea", groups=["Reporters"], first_name="Rhea", last_name="Moss")
    Author.objects.update_or_create(
        user=reporter, defaults={"name": "Rhea Moss", "slug": "rhea-moss"}
    )[0]
    investigations = Section.objects.create(name="Investigations", slug="investigations")
    legal, _ = Group.objects.get_or_create(name="Legal")
    ReviewStep.objects.create(
        section=investigations,
        position=1,
        name="Legal",
        group=legal,
        touches=[StoryPart.TEXT],
        outside_signers=["ada@counsel.example"],
    )
    return editor, reporter


def mailed_link(live_server, address: str) -> str:
    """The sign-off link mailed to `address`, on the test server (the mail names SITE_URL)."""
    [sent] = [m for m in mail.outbox if m.to == [address] and "Sign-off requested" in m.subject]
    url = next(word for word in sent.body.split() if "/sign-off/" in word)
    return live_server.url + urlsplit(url).path


def type_into_body(page, words: str) -> None:
    """Type into the (empty) body editor; click until it has the caret first (right after a
    page load the editor may still be taking over the field)."""
    page.wait_for_load_state("networkidle")
    editor = page.locator(".field-body .ProseMirror[contenteditable=true]")
    for _ in range(5):
        editor.click()
        if page.evaluate("document.activeElement?.classList.contains('ProseMirror')"):
            break
        page.wait_for_timeout(300)
    expect(editor).to_be_focused()
    page.keyboard.press("Control+End")
    page.keyboard.type(words)
    expect(editor).to_contain_text(words)


def test_plan_draft_comment_legal_sign_off_by_link_and_publish(
    log_in, browser, live_server, newsroom, shot
):
    editor, reporter = newsroom
    base = f"{live_server.url}/admin/articles"
    today = timezone.localdate()

    # 1. The editor plans the story on the budget and assigns the reporter.
    edna = log_in("edna", width=WIDTH)
    csp = Violations(edna)
    csp.visit(f"{base}/plannedstory/add/")
    edna.fill("#id_slug", "harbor-billing")
    edna.fill("#id_budget_line", HEADLINE)
    edna.select_option("#id_section", label="Investigations")
    edna.select_option("#id_writer", label="Rhea Moss")
    edna.fill("#id_publish_at_0", f"{today:%Y-%m-%d}")
    edna.fill("#id_publish_at_1", "18:00")
    edna.fill("#id_planned_words", "1200")
    edna.click("input[name=_save]")
    expect(edna.locator(".messagelist")).to_contain_text("was added successfully")
    plan = PlannedStory.objects.get(slug="harbor-billing")
    assert plan.writer == reporter and plan.status == "assigned"
    csp.visit(f"{base}/plannedstory/budget/?day={today:%Y-%m-%d}")
    expect(edna.locator('.plan-card[aria-label="harbor-billing"]')).to_contain_text("Rhea Moss")
    shot(edna, "1-planned", for_docs=True)
    assert csp.on_page() == []

    # 2. The reporter opens her plan and starts the draft: byline, section carried over.
    rhea = log_in("rhea", width=WIDTH)
    rhea_csp = Violations(rhea)
    rhea_csp.visit(f"{base}/plannedstory/{plan.pk}/change/")
    rhea.get_by_role("button", name="Start the draft").click()
    rhea.wait_for_url("**/admin/articles/article/*/change/")
    article = Article.objects.get(plan=plan)
    assert article.section.name == "Investigations"
    # A short working headline from the slug; the budget line waits in the dek.
    expect(rhea.locator("#id_headline")).to_have_value("Harbor billing")
    expect(rhea.locator("#id_dek")).to_have_value(HEADLINE)

    # She writes the headline, the dek and the body and saves.
    rhea.fill("#id_headline", HEADLINE)
    rhea.fill("#id_dek", DEK)
    type_into_body(rhea, PARAGRAPH)
    with rhea.expect_navigation():
        rhea.locator(".story-save-button").click()
    expect(rhea.locator(".messagelist")).to_be_visible()
    article.refresh_from_db()
    assert PASSAGE in article.body and article.dek == DEK
    assert [a.name for a in article.authors.all()] == ["Rhea Moss"]

    # She selects a passage and asks the editor about it.
    select_in_body(rhea, PASSAGE)
    rhea.locator("button.comment-float").click()
    form = rhea.locator("form.comment-new")
    expect(form.locator("[data-comment-quote]")).to_have_text(PASSAGE)
    form.locator("textarea").fill("@Edna Ives the invoices are in the shared folder: enough?")
    form.get_by_role("button", name="Post comment").click()
    expect(rhea.locator(".comment-thread").first).to_contain_text("in the shared folder")
    shot(rhea, "2-reporter-commented", for_docs=True)
    comment = StoryComment.objects.get(article=article)
    assert comment.quote == PASSAGE
    rhea.click("button.workflow-submit")
    expect(rhea.locator(".messagelist")).to_contain_text("review")
    assert rhea_csp.on_page() == []
    rhea.context.close()

    # 3. The editor finds the mention on her start page and opens the story.
    csp.visit(f"{live_server.url}/admin/")
    mentions = edna.locator(".desk-mentions")
    expect(mentions).to_contain_text("in the shared folder")
    expect(mentions).to_contain_text("Rhea Moss")
    # "Waiting for review" says where its chain stands.
    expect(edna.locator(".chain-summary")).to_have_text("Legal: waiting")
    shot(edna, "3-editor-start-page")
    mentions.get_by_role("link", name=HEADLINE).click()
    expect(edna.locator(f"#comment-{comment.pk}")).to_be_visible()

    # 4. Publishing is refused: Legal has not signed.
    panel = edna.locator("#review-chain")
    expect(panel).to_contain_text("Legal")
    edna.click("button.workflow-publish")
    expect(edna.locator(".messagelist")).to_contain_text("needs its sign-offs")
    expect(edna.locator(".messagelist")).to_contain_text("Waiting for: Legal (the Legal group).")
    shot(edna, "4-publish-refused", for_docs=True)
    assert not PublishedArticle.objects.filter(article=article).exists()

    # 5. The editor mails Legal's outside counsel a sign-off link; she never sees it.
    panel = edna.locator("#review-chain")
    panel.locator(".review-step-send summary").click()
    panel.get_by_label("Mail it to").select_option("ada@counsel.example")
    panel.get_by_role("button", name="Mail the link").click()
    expect(edna.locator(".messagelist")).to_contain_text(
        "Sign-off link for Legal mailed to ada@counsel.example"
    )
    expect(edna.locator("body")).not_to_contain_text("/sign-off/")
    url = mailed_link(live_server, "ada@counsel.example")

    # 6. Counsel, who has no account, opens it in a fresh browser and approves.
    counsel_context = browser.new_context(viewport={"width": WIDTH, "height": 900})
    counsel = counsel_context.new_page()
    counsel.set_default_timeout(15000)
    counsel.goto(url)
    expect(counsel.locator("h1").first).to_contain_text("Sign-off requested: Legal")
    expect(counsel.locator("body")).to_contain_text(PASSAGE)
    expect(counsel.locator("body")).not_to_contain_text("in the shared folder")  # staff only
    counsel.get_by_label("Your name (kept with your decision)").fill("Ada Counsel")
    counsel.get_by_label("Approve for publication").check()
    counsel.get_by_label("Note (needed to reject: what must change)").fill(
        "The invoices support it as written."
    )
    shot(counsel, "5-counsel-signs", for_docs=True)
    counsel.get_by_role("button", name="Send my decision").click()
    expect(counsel.locator(".sign-off-done")).to_contain_text("Approved by Ada Counsel")
    counsel_context.close()
    sign_off = SignOff.objects.get(article=article)
    assert sign_off.external_name == "Ada Counsel" and sign_off.link is not None

    # 7. The story list says Legal signed; the editor publishes.
    csp.visit(f"{base}/article/")
    row = edna.locator("#result_list tr", has_text=HEADLINE)
    expect(row.locator(".chain-summary")).to_have_text("Legal: signed")
    shot(edna, "6-story-list-signed", for_docs=True)
    csp.visit(f"{base}/article/{article.pk}/change/")
    expect(edna.locator("#review-chain")).to_contain_text("Signed by Ada Counsel (by link)")
    edna.click("button.workflow-publish")
    expect(edna.locator(".messagelist")).to_contain_text("Published")
    assert PublishedArticle.objects.get(article=article).headline == HEADLINE

    # 8. The budget shows the plan's live state.
    csp.visit(f"{base}/plannedstory/budget/?day={today:%Y-%m-%d}")
    card = edna.locator('.plan-card[aria-label="harbor-billing"]')
    expect(card.locator(".plan-story")).to_have_text("Story: Published")
    shot(edna, "7-budget-published", for_docs=True)

    # 9. The plan's page keeps its history.
    csp.visit(f"{base}/plannedstory/{plan.pk}/change/")
    history = edna.locator(".plan-history")
    expect(history).to_contain_text("Rhea Moss: Draft started; moved from assigned to in progress.")
    expect(history).to_contain_text("Edna Ives: Planned as assigned")
    history.scroll_into_view_if_needed()
    shot(edna, "8-plan-history")
    assert csp.on_page() == []

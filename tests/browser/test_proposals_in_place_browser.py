"""The sourcing assistant's proposals handled in place, in real Chromium, as a reporter does:
Accept and Dismiss answer without a page load and leave the unsaved text in the editor, add
no revision of their own, and a proposal does not come back after a one-word edit of its
sentence, nor after the same source was attributed by hand."""

import re

import pytest
from playwright.sync_api import expect

from articles.workflow import revisions
from articles.workflow.permissions import ensure_role_groups
from sources.models import Attribution, AttributionProposal, ProposalStatus, Source
from sources.proposals import proposals_refresh
from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_csp_browser import Violations
from tests.browser.test_editor_desk_browser import story_url, type_in_body

pytestmark = pytest.mark.django_db(transaction=True)

BODY = (
    "<p>Rep. Jane Doe (D-Wash.) told NTD that the plan “was necessary.”</p>"
    "<p>The Associated Press reported on Nov. 17 that talks had stalled.</p>"
    "<p>The White House declined to comment.</p>"
)
EDITOR = ".field-body .ProseMirror[contenteditable=true]"


@pytest.fixture
def draft(make_user, make_article, transactional_db):
    ensure_role_groups()  # transactional tests flush the migration's groups
    reporter = make_user("rhea", groups=["Reporters"], first_name="Rhea", last_name="Moss")
    Source.objects.create(name="Jane Doe", kind="person", descriptor="Rep. (D-Wash.)")
    article = make_article("Harbor plan approved", body=BODY, created_by=reporter)
    proposals_refresh(article=article)
    pending = article.proposals.filter(status=ProposalStatus.PENDING)
    assert {"Jane Doe", "White House"} <= set(pending.values_list("name", flat=True))
    return article


def proposal_row(page, name: str):
    """The proposal of the source named `name` (not one whose sentence mentions the name)."""
    who = page.locator(".proposal-what strong", has_text=re.compile(rf"^{re.escape(name)}$"))
    return page.locator("#proposals-group li.proposal").filter(has=who)


def open_story(page, live_server, article) -> Violations:
    seen = Violations(page)
    seen.visit(story_url(live_server, article))
    page.wait_for_load_state("networkidle")
    # Set on this page: a page load would forget it.
    page.evaluate("window.__noReload = 'still this page'")
    return seen


def still_the_same_page(page) -> bool:
    return page.evaluate("window.__noReload") == "still this page"


def insert_after(page, paragraph_text: str, after: str, words: str) -> None:
    """Put the caret right after `after` in the paragraph holding `paragraph_text` and type
    `words`: a small edit of one sentence, as a writer makes it."""
    page.evaluate(
        """([selector, paragraphText, after]) => {
            const editor = document.querySelector(selector);
            const paragraph = [...editor.querySelectorAll('p')]
                .find((p) => p.textContent.includes(paragraphText));
            const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode())) {
                const at = node.textContent.indexOf(after);
                if (at !== -1) {
                    editor.focus();
                    const range = document.createRange();
                    range.setStart(node, at + after.length);
                    range.collapse(true);
                    const selection = window.getSelection();
                    selection.removeAllRanges();
                    selection.addRange(range);
                    return;
                }
            }
            throw new Error('text not found: ' + after);
        }""",
        [EDITOR, paragraph_text, after],
    )
    page.wait_for_timeout(100)  # the editor reads the selection change
    page.keyboard.type(words)
    expect(page.locator(EDITOR)).to_contain_text(f"{after}{words}")


def save(page) -> None:
    with page.expect_navigation():
        page.locator(".story-save-button").click()
    page.wait_for_load_state("networkidle")


def test_accept_in_place_keeps_the_typed_text_and_writes_no_revision(
    log_in, live_server, draft, screenshot
):
    article = draft
    revisions_before = revisions.versions_of(article).count()
    page = log_in("rhea")
    seen = open_story(page, live_server, article)
    type_in_body(page, "Crews start work in March.")

    page.get_by_role("button", name="Accept: Jane Doe", exact=True).click()

    expect(page.locator("#proposals-group")).to_contain_text("Accepted: Jane Doe")
    expect(proposal_row(page, "Jane Doe")).to_have_count(0)
    expect(page.locator("#story-sources")).to_contain_text("Jane Doe")
    expect(page.locator("#attributions-group")).to_contain_text("Accepted from a proposal")
    assert still_the_same_page(page)
    expect(page.locator(EDITOR)).to_contain_text("Crews start work in March.")
    screenshot(page, "proposals-in-place-1-accepted")
    page.locator("#proposals-status").scroll_into_view_if_needed()
    page.locator(".story-side").screenshot(path=str(SCREENSHOTS / "proposals-in-place-1-side.png"))
    attribution = Attribution.objects.get(article=article)
    assert attribution.source.name == "Jane Doe"
    assert revisions.versions_of(article).count() == revisions_before
    article.refresh_from_db()
    assert "Crews start work in March." not in article.body  # not saved: still the writer's

    # The next Save keeps the typed words and the accepted attribution in one revision.
    save(page)
    article.refresh_from_db()
    assert "Crews start work in March." in article.body
    assert Attribution.objects.filter(article=article).count() == 1
    assert revisions.versions_of(article).count() == revisions_before + 1
    expect(page.locator("#timeline, .story-history").first).to_contain_text(
        re.compile("attribution accepted from a proposal", re.IGNORECASE)
    )
    screenshot(page, "proposals-in-place-2-saved")
    assert seen.on_page() == []


def test_a_dismissed_proposal_does_not_come_back_after_a_one_word_edit(
    log_in, live_server, draft, screenshot
):
    article = draft
    revisions_before = revisions.versions_of(article).count()
    page = log_in("rhea")
    seen = open_story(page, live_server, article)

    page.get_by_role("button", name="Dismiss: White House", exact=True).click()

    expect(page.locator("#proposals-group")).to_contain_text("Dismissed: White House")
    expect(proposal_row(page, "White House")).to_have_count(0)
    assert still_the_same_page(page)
    assert revisions.versions_of(article).count() == revisions_before

    insert_after(page, "declined to comment", "The White House", " again")
    save(page)

    article.refresh_from_db()
    assert "The White House again declined" in article.body
    expect(page.locator("#proposals-group")).to_be_visible()
    expect(proposal_row(page, "White House")).to_have_count(0)
    assert not AttributionProposal.objects.filter(
        article=article, name="White House", status=ProposalStatus.PENDING
    ).exists()
    screenshot(page, "proposals-in-place-3-dismissed-stays-dismissed")
    assert seen.on_page() == []


def test_a_source_attributed_by_hand_is_not_proposed_again(log_in, live_server, draft, screenshot):
    article = draft
    page = log_in("rhea")
    seen = open_story(page, live_server, article)
    expect(proposal_row(page, "Jane Doe")).to_have_count(1)

    page.locator("#attributions-group .add-row a").click()
    row = page.locator("#attributions-group .attribution-item.dynamic-attributions").last
    row.locator("select[name$='-kind']").select_option("quoted")
    row.locator(".field-source .select2-selection").click()
    page.locator(".select2-search__field").fill("Jane")
    page.locator(".select2-results__option", has_text="Jane Doe").click()
    save(page)

    assert Attribution.objects.get(article=article).source.name == "Jane Doe"
    expect(page.locator("#proposals-group")).to_be_visible()
    expect(proposal_row(page, "Jane Doe")).to_have_count(0)
    expect(proposal_row(page, "White House")).to_have_count(1)
    screenshot(page, "proposals-in-place-4-attributed-by-hand")
    assert seen.on_page() == []

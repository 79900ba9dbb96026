"""The editor's desk in real Chromium, as the people who use it: a reporter who types and then
works through the sourcing assistant's proposals loses no word; leaving with unsaved text
asks first; text typed and never saved is offered back when the story is opened again."""

import re

import pytest
from playwright.sync_api import expect

from articles.workflow.permissions import ensure_role_groups
from sources.models import Attribution, AttributionProposal, ProposalStatus
from sources.proposals import proposals_refresh
from tests.browser.test_csp_browser import Violations

pytestmark = pytest.mark.django_db(transaction=True)

BODY = (
    "<p>Rep. Jane Doe (D-Wash.) told NTD that the plan “was necessary.”</p>"
    "<p>The Associated Press reported on Nov. 17 that talks had stalled.</p>"
    "<p>The White House declined to comment.</p>"
)


@pytest.fixture
def draft(make_user, make_article, transactional_db):
    ensure_role_groups()  # transactional tests flush the migration's groups
    reporter = make_user("rhea", groups=["Reporters"], first_name="Rhea", last_name="Moss")
    article = make_article("Harbor plan approved", body=BODY, created_by=reporter)
    proposals_refresh(article=article)
    pending = article.proposals.filter(status=ProposalStatus.PENDING)
    assert {"Jane Doe", "White House"} <= set(pending.values_list("name", flat=True))
    return article


def story_url(live_server, article) -> str:
    return f"{live_server.url}/admin/articles/article/{article.pk}/change/"


def type_in_body(page, words: str) -> None:
    """Type a new last paragraph, as a writer does: click the last line, go to the very end."""
    page.wait_for_load_state("networkidle")  # the editor's modules loaded and it is built
    editor = page.locator(".field-body .ProseMirror[contenteditable=true]")
    paragraphs = editor.locator("> p")
    # Right after a reload the editor may still be taking over the field: a click that
    # lands before it does leaves the keys nowhere, so click until the editor has the caret.
    for _ in range(5):
        paragraphs.last.click()
        if page.evaluate("document.activeElement?.classList.contains('ProseMirror')"):
            break
        page.wait_for_timeout(300)
    expect(editor).to_be_focused()
    # Put the caret at the very end of the text. Under load a single Control+End has left it
    # where the click landed (Enter then split that paragraph), so press it until the
    # browser's selection has nothing of the editor's text after it.
    at_end = """(editor) => {
        const selection = window.getSelection();
        if (!selection.rangeCount || !editor.contains(selection.focusNode)) return false;
        const rest = document.createRange();
        rest.setStart(selection.focusNode, selection.focusOffset);
        rest.setEnd(editor, editor.childNodes.length);
        return rest.toString() === '';
    }"""
    for _ in range(10):
        page.keyboard.press("Control+End")
        if editor.evaluate(at_end):
            break
        page.wait_for_timeout(200)
    page.keyboard.press("Enter")
    page.keyboard.type(words)
    expect(paragraphs.last).to_have_text(words)


def proposal_row(page, name: str):
    return page.locator("#proposals-group li.proposal", has_text=name)


def test_proposal_buttons_keep_and_save_what_was_typed(log_in, live_server, draft, screenshot):
    article = draft
    page = log_in("rhea")
    seen = Violations(page)
    seen.visit(story_url(live_server, article))

    # Accept answers in place: the dek and body typed a moment ago stay in the form, unsaved.
    page.fill("#id_dek", "The council voted 7-2 after a long night.")
    type_in_body(page, "Crews start work in March.")
    screenshot(page, "desk-1-typed-before-accept")
    page.get_by_role("button", name="Accept: Jane Doe", exact=True).click()
    expect(page.locator("#proposals-status")).to_contain_text("Accepted: Jane Doe")
    expect(page.locator("#id_dek")).to_have_value("The council voted 7-2 after a long night.")
    expect(page.locator(".field-body .ProseMirror[contenteditable=true]")).to_contain_text(
        "Crews start work in March."
    )
    screenshot(page, "desk-2-after-accept")
    assert Attribution.objects.get(article=article).source.name == "Jane Doe"

    # Dismiss: the same, for another edit.
    page.fill("#id_dek", "The council voted 7-2 after a four-hour meeting.")
    type_in_body(page, "The port will stay open.")
    page.get_by_role("button", name="Dismiss: White House", exact=True).click()
    expect(page.locator("#proposals-status")).to_contain_text("Dismissed: White House")
    expect(page.locator("#id_dek")).to_have_value(
        "The council voted 7-2 after a four-hour meeting."
    )
    declined = AttributionProposal.objects.get(article=article, kind="declined")
    assert declined.status == ProposalStatus.DISMISSED

    # Look for sources again: saves first, then reads the saved text (with the new quote).
    type_in_body(page, "“We are ready,” said Mayor Ana Ruiz.")
    page.fill("#id_dek", "The council voted 7-2; work starts in March.")
    page.get_by_role("button", name="Look for sources again").click()
    expect(page.locator(".messagelist")).to_contain_text("new attribution")
    expect(page.locator("#id_dek")).to_have_value("The council voted 7-2; work starts in March.")
    expect(proposal_row(page, "Ana Ruiz")).to_contain_text("We are ready")
    article.refresh_from_db()
    assert article.dek == "The council voted 7-2; work starts in March."
    assert "We are ready" in article.body
    assert (
        article.body.index("Crews start")
        < article.body.index("stay open")
        < article.body.index("We are ready")
    )
    screenshot(page, "desk-3-after-look-again")
    assert seen.on_page() == []


def test_leaving_with_unsaved_text_asks_and_the_text_comes_back(
    log_in, live_server, draft, screenshot
):
    article = draft
    page = log_in("rhea")
    page.goto(story_url(live_server, article))
    dialogs = []

    def answer(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()  # "stay on this page"

    page.on("dialog", answer)

    # Nothing typed: leaving asks nothing.
    page.locator(".breadcrumbs a").last.click()  # to the list of stories
    page.wait_for_url("**/admin/articles/article/")
    assert dialogs == []
    page.goto(story_url(live_server, article))

    page.fill("#id_dek", "A dek nobody saved.")
    type_in_body(page, "A paragraph nobody saved.")
    page.locator(".breadcrumbs a").last.click()
    expect(page.locator("#id_dek")).to_have_value("A dek nobody saved.")  # stayed
    assert dialogs == ["beforeunload"]

    # The tab is closed without saving (the guard asks; the reporter leaves anyway).
    page.remove_listener("dialog", answer)
    page.on("dialog", lambda dialog: dialog.accept())
    page.close(run_before_unload=True)
    page.wait_for_event("close")
    article.refresh_from_db()
    assert article.dek != "A dek nobody saved."

    # Opening the story again offers the text back; restoring and saving keeps it.
    page = page.context.new_page()
    page.goto(story_url(live_server, article))
    # Kept in this browser and autosaved to the server: one offer, from the server when its
    # autosave arrived before the tab closed, else from the browser's copy.
    offer = page.locator(".story-draft-offer")
    expect(offer).to_have_count(1)
    expect(offer).to_contain_text("Unsaved text")
    screenshot(page, "desk-4-unsaved-text-offered")
    offer.get_by_role("button", name=re.compile(r"^Restore")).click()
    expect(page.locator("#id_dek")).to_have_value("A dek nobody saved.")
    expect(page.locator(".field-body .ProseMirror[contenteditable=true]")).to_contain_text(
        "A paragraph nobody saved."
    )
    page.keyboard.press("Control+s")  # saves and keeps editing; no leave dialog after a save
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    article.refresh_from_db()
    assert article.dek == "A dek nobody saved."
    assert "A paragraph nobody saved." in article.body
    # Saved: nothing is offered any more.
    page.reload()
    expect(page.locator("#id_dek")).to_have_value("A dek nobody saved.")
    expect(page.locator(".story-draft-offer")).to_have_count(0)


def _standards_editor(make_user):
    """An editor in "Standards editors" (the migration's group; a transactional test flushed it)."""
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name="Standards editors")
    group.permissions.add(Permission.objects.get(codename="view_confidential_source"))
    return make_user(
        "ana", groups=["Editors", "Standards editors"], first_name="Ana", last_name="Ruiz"
    )


def test_an_anonymous_source_is_approved_with_one_button(
    log_in, live_server, make_user, make_article, screenshot
):
    from articles import workflow
    from sources.models import Source

    ensure_role_groups()
    reporter = make_user("rhea", groups=["Reporters"], first_name="Rhea", last_name="Moss")
    editor = _standards_editor(make_user)
    article = make_article("Depot plan leaks early", created_by=reporter)
    anonymous = Attribution.objects.create(
        article=article,
        source=Source.objects.create(name="Depot planning clerk"),
        kind="paraphrased",
        anonymous=True,
        public_descriptor="a planning official",
        anonymity_reason="because the plan is not final",
    )

    # The reporter is told whom to ask, by name.
    page = log_in("rhea")
    page.goto(story_url(live_server, article))
    findings = page.locator(".standards-findings")
    expect(findings).to_contain_text("ask Ana Ruiz")
    expect(page.locator(f"#attribution-{anonymous.pk}")).to_contain_text("awaiting approval")
    expect(page.get_by_role("button", name="Approve anonymity — I know who this is")).to_have_count(
        0
    )
    screenshot(page, "desk-5-reporter-asks-whom")
    workflow.submit_for_review(reporter, article)
    page.context.close()

    # The standards editor (password, then the authenticator's code) approves in one click,
    # with an unsaved dek edit on the page that is saved too.
    page = log_in("ana")
    page.goto(story_url(live_server, article))
    page.fill("#id_dek", "Planners chose the north site, an official said.")
    page.locator(f"#attribution-{anonymous.pk} summary").click()
    page.get_by_role("button", name="Approve anonymity — I know who this is").click()
    expect(page.locator(".messagelist")).to_contain_text("You approved anonymity")
    expect(page.locator("#id_dek")).to_have_value(
        "Planners chose the north site, an official said."
    )
    expect(page.locator(f"#attribution-{anonymous.pk}")).to_contain_text(
        "Anonymity approved by Ana Ruiz"
    )
    expect(page.locator(".workflow-panel")).not_to_contain_text("approving editor")
    expect(page.locator(".workflow-panel")).not_to_contain_text("no editor is recorded")
    screenshot(page, "desk-6-editor-approved")
    anonymous.refresh_from_db()
    article.refresh_from_db()
    assert anonymous.approved_by == editor and anonymous.approved_at is not None
    assert list(anonymous.confidential.editors_who_know.all()) == [editor]
    assert article.dek == "Planners chose the north site, an official said."


def test_requested_changes_reach_the_reporter(
    log_in, live_server, make_user, make_article, screenshot
):
    from django.core import mail

    from articles import workflow

    ensure_role_groups()
    reporter = make_user("rhea", groups=["Reporters"], first_name="Rhea", last_name="Moss")
    make_user("sam", groups=["Editors"], first_name="Sam", last_name="Okafor")
    article = make_article("Ferry fares rise in March", created_by=reporter)
    workflow.submit_for_review(reporter, article)

    # The editor sends it back with a note, from the story page.
    page = log_in("sam")
    page.goto(story_url(live_server, article))
    page.locator(".workflow-changes summary").click()
    page.fill("#workflow-changes-note", "Add the fare table and name the second source.")
    page.get_by_role("button", name="Request changes").click()
    expect(page.locator(".messagelist")).to_contain_text("Sent back to the reporter")
    page.context.close()
    [sent] = [m for m in mail.outbox if m.subject.startswith("Changes requested")]
    assert sent.to == [reporter.email]
    assert "Add the fare table and name the second source." in sent.body

    # The reporter sees the label in the list and the note at the top of the story.
    page = log_in("rhea")
    page.goto(f"{live_server.url}/admin/articles/article/")
    row = page.locator("#result_list tr", has_text="Ferry fares rise in March")
    expect(row.locator(".state-badge")).to_have_text("Changes requested")
    screenshot(page, "desk-7-list-changes-requested")
    row.get_by_role("link", name="Ferry fares rise in March").click()
    note = page.locator(".change-request")
    expect(note).to_contain_text("Changes requested by Sam Okafor")
    expect(note).to_contain_text("Add the fare table and name the second source.")
    expect(note).to_be_in_viewport()  # at the top of the side panel, seen without scrolling
    expect(page.locator(".workflow-state .state-badge")).to_have_text("Changes requested")
    screenshot(page, "desk-8-story-changes-requested")

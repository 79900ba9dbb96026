"""Server autosave in real Chromium: a reporter types, the page autosaves, the browser window
is closed without saving, and in a fresh browser (nothing kept locally) the story offers the
text back from the server."""

import pytest
from playwright.sync_api import expect

from articles.models import Article, StoryAutosave
from articles.workflow.permissions import ensure_role_groups
from articles.workflow.revisions import record_revision
from tests.browser.test_csp_browser import Violations
from tests.browser.test_editor_desk_browser import story_url, type_in_body

pytestmark = pytest.mark.django_db(transaction=True)

DEK = "Riders will pay a dollar more from March, the board decided."
NEW_PARAGRAPH = "The board meets again in June to review the fares."


@pytest.fixture
def draft(make_user, make_article, transactional_db):
    ensure_role_groups()  # transactional tests flush the migration's groups
    reporter = make_user("rhea", groups=["Reporters"], first_name="Rhea", last_name="Moss")
    article = make_article("Ferry fares rise", created_by=reporter)
    record_revision(article, user=reporter, comment="Created")
    return article


def test_typed_text_comes_back_from_the_server_in_a_fresh_browser(
    log_in, live_server, draft, screenshot
):
    article = draft
    page = log_in("rhea")
    seen = Violations(page)
    seen.visit(story_url(live_server, article))

    page.fill("#id_dek", DEK)
    type_in_body(page, NEW_PARAGRAPH)
    status = page.locator("#story-autosave")
    expect(status).to_contain_text("Autosaved at", timeout=20000)
    screenshot(page, "autosave-1-typed-and-autosaved")
    assert seen.on_page() == []
    kept = StoryAutosave.objects.get(article=article)
    assert kept.text["dek"] == DEK and NEW_PARAGRAPH in kept.text["body"]
    # Not a save: the story itself still has the old text and version.
    assert Article.objects.get(pk=article.pk).dek == article.dek
    page.context.close()  # the window closes: its page, its localStorage copy, everything

    page = log_in("rhea")  # a new browser context: nothing of the old one is left
    seen = Violations(page)
    seen.visit(story_url(live_server, article))
    kept_here = page.evaluate("Object.keys(window.localStorage)")
    assert not [key for key in kept_here if key.startswith("newsroom:story-draft")]
    restore = page.get_by_role("button", name="Restore the text you were typing at")
    expect(restore).to_be_visible()
    expect(page.get_by_role("button", name="Discard", exact=True)).to_be_visible()
    expect(page.locator("#id_dek")).to_have_value(article.dek)
    screenshot(page, "autosave-2-offered-back")

    page.wait_for_load_state("networkidle")  # the body's editor is built before restoring
    restore.click()
    expect(page.locator("#id_dek")).to_have_value(DEK)
    expect(page.locator(".field-dek")).to_contain_text(f"{len(DEK)} characters")
    expect(page.locator(".field-body .ProseMirror[contenteditable=true]")).to_contain_text(
        NEW_PARAGRAPH
    )
    expect(restore).to_be_hidden()
    screenshot(page, "autosave-3-restored")

    # Saving keeps it for good, and the autosave is no longer needed.
    page.locator("input[name=_continue]").first.click()
    expect(page.locator(".messagelist")).to_be_visible()
    saved = Article.objects.get(pk=article.pk)
    assert saved.dek == DEK and NEW_PARAGRAPH in saved.body
    assert not StoryAutosave.objects.filter(article=article).exists()
    assert seen.on_page() == []

    # The save is a revision: Compare revisions shows the restored dek as the change.
    page.get_by_role("link", name="Compare revisions").click()
    expect(page.locator(".diff-shown")).to_have_text("The last two revisions")
    expect(page.locator(".diff-dek ins", has_text="a dollar")).to_be_visible()
    screenshot(page, "autosave-4-compare-revisions")

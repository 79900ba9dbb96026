"""Comments on the text in real Chromium: a reporter selects a passage and comments with an
@mention of an editor while the dek holds unsaved typing (kept); the editor finds the
mention on the start page, replies and resolves; a later edit deletes the passage and the
comment shows as orphaned. Screenshots in test-artifacts/screenshots/story-comments-*.png;
with NEWSROOM_DOC_SCREENSHOTS=1 one is copied to docs/screenshots/commented-story.png."""

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from articles.models import StoryComment
from articles.workflow.permissions import ensure_role_groups
from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_csp_browser import Violations

pytestmark = pytest.mark.django_db(transaction=True)

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PASSAGE = "voted 7-2 to approve the harbor budget"
BODY = (
    "<p>The council met on Tuesday night to settle the harbor's money for next year.</p>"
    f"<p>Members {PASSAGE} after a long debate about ferry fares.</p>"
    "<p>The mayor said the vote was overdue and thanked the finance committee.</p>"
)


@pytest.fixture
def story(make_user, make_article, transactional_db):
    ensure_role_groups()  # transactional tests flush the migration's groups
    reporter = make_user("rhea", groups=["Reporters"], first_name="Rhea", last_name="Moss")
    make_user("edna", groups=["Editors"], first_name="Edna", last_name="Ives")
    return make_article("Harbor budget passes after a long night", body=BODY, created_by=reporter)


@pytest.fixture
def shot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str, *, for_docs: bool = False) -> Path:
        path = SCREENSHOTS / f"story-comments-{name}.png"
        page.screenshot(path=str(path))
        if for_docs and os.environ.get("NEWSROOM_DOC_SCREENSHOTS") == "1":
            DOCS.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, DOCS / "commented-story.png")
        return path

    return take


def select_in_body(page, words: str) -> None:
    """Select `words` in the body editor, as a mouse drag over them would."""
    page.wait_for_load_state("networkidle")
    page.locator(".field-body .ProseMirror[contenteditable=true]").wait_for()
    page.evaluate(
        """(words) => {
          const root = document.querySelector('.field-body .ProseMirror[contenteditable=true]');
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = node.nodeValue.indexOf(words);
            if (at === -1) continue;
            root.focus();
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + words.length);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
            return;
          }
          throw new Error('not in the body: ' + words);
        }""",
        words,
    )
    page.wait_for_timeout(300)  # the editor takes the DOM selection on selectionchange


def highlighted_text(page) -> str:
    return page.evaluate(
        """() => {
          const h = CSS.highlights.get('story-comment');
          return h ? [...h][0].toString() : '';
        }"""
    )


def test_comment_mention_reply_resolve_and_orphan(log_in, live_server, story, shot):
    url = f"{live_server.url}/admin/articles/article/{story.pk}/change/"

    # The reporter types in the dek, does not save, and comments on a passage.
    page = log_in("rhea")
    seen = Violations(page)
    seen.visit(url)
    page.fill("#id_dek", "Unsaved: the dek typed before commenting.")
    select_in_body(page, PASSAGE)
    comment_button = page.locator("button.comment-float")
    expect(comment_button).to_be_visible()
    comment_button.click()
    form = page.locator("form.comment-new")
    expect(form).to_be_visible()
    expect(form.locator("[data-comment-quote]")).to_have_text(PASSAGE)
    form.locator("textarea").fill("@Edna Ives is 7-2 the final count?")
    form.get_by_role("button", name="Post comment").click()
    thread = page.locator(".comment-thread").first
    expect(thread).to_contain_text("is 7-2 the final count?")
    expect(page.locator(".story-comments .comment-status")).to_have_text(
        "Comment added. Notified: Edna Ives."
    )
    # Nothing typed was lost, and the page was not left.
    expect(page.locator("#id_dek")).to_have_value("Unsaved: the dek typed before commenting.")
    # The passage button highlights the passage in the editor.
    page.evaluate("CSS.highlights.clear()")
    thread.locator("[data-comment-show]").click()
    assert highlighted_text(page) == PASSAGE
    shot(page, "1-reporter-commented", for_docs=True)
    assert seen.on_page() == []
    comment = StoryComment.objects.get()
    assert comment.quote == PASSAGE and comment.made_on_version == story.version
    story.refresh_from_db()
    assert story.dek != "Unsaved: the dek typed before commenting."  # it was never saved
    page.context.close()

    # The editor sees the mention on the start page, opens it, replies and resolves.
    page = log_in("edna")
    seen = Violations(page)
    seen.visit(f"{live_server.url}/admin/")
    mentions = page.locator(".desk-mentions")
    expect(mentions).to_contain_text("is 7-2 the final count?")
    expect(mentions).to_contain_text("Rhea Moss")
    shot(page, "2-editor-start-page")
    mentions.get_by_role("link", name=story.headline).click()
    thread = page.locator(f"#comment-{comment.pk}")
    expect(thread).to_be_visible()
    thread.locator("summary", has_text="Reply").click()
    thread.locator("textarea[name=text]").first.fill("Yes, 7-2: I checked the minutes.")
    thread.get_by_role("button", name="Post reply").click()
    thread = page.locator(f"#comment-{comment.pk}")
    expect(thread.locator(".comment-replies")).to_contain_text("I checked the minutes.")
    thread.get_by_role("button", name="Resolve").click()
    expect(page.locator(".comment-resolved > summary")).to_contain_text("Resolved")
    expect(page.locator("[data-comments-count]")).to_have_text("0")
    shot(page, "3-editor-resolved")

    # A later edit deletes the passage: the comment is shown as orphaned.
    select_in_body(page, f"Members {PASSAGE} after a long debate about ferry fares.")
    page.keyboard.press("Backspace")
    expect(page.locator(".field-body .ProseMirror[contenteditable=true]")).not_to_contain_text(
        PASSAGE
    )
    with page.expect_navigation():
        page.locator(".story-save-button").click()
    expect(page.locator(".messagelist")).to_be_visible()
    # The address still ends in #comment-N (from the start page): Chromium opened the
    # folded "Resolved" list to show it. Otherwise, open it.
    if not page.evaluate("document.querySelector('.comment-resolved').open"):
        page.locator(".comment-resolved > summary").click()
    orphan = page.locator(f"#comment-{comment.pk}")
    expect(orphan).to_be_visible()
    expect(orphan).to_have_class("comment-thread is-orphaned is-resolved")
    expect(orphan.locator(".comment-orphaned")).to_contain_text("Orphaned")
    expect(orphan.locator("del")).to_have_text(PASSAGE)
    orphan.scroll_into_view_if_needed()
    shot(page, "4-orphaned")
    assert seen.on_page() == []


def test_deleting_a_comment_asks_in_the_page_not_in_a_browser_dialog(log_in, live_server, story):
    url = f"{live_server.url}/admin/articles/article/{story.pk}/change/"
    page = log_in("rhea")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    seen = Violations(page)
    seen.visit(url)
    select_in_body(page, PASSAGE)
    page.locator("button.comment-float").click()
    page.locator("form.comment-new textarea").fill("Check the count.")
    page.get_by_role("button", name="Post comment").click()
    thread = page.locator(".comment-thread").first
    expect(thread).to_contain_text("Check the count.")

    thread.locator("summary", has_text="Edit or delete").click()
    thread.get_by_role("button", name="Delete comment").click()
    question = thread.locator(".comment-confirm")
    expect(question).to_contain_text("Delete this comment?")
    assert dialogs == []
    question.get_by_role("button", name="Keep it").click()
    expect(question).to_be_hidden()
    assert StoryComment.objects.count() == 1

    thread.get_by_role("button", name="Delete comment").click()
    thread.locator(".comment-confirm").get_by_role("button", name="Yes, delete").click()
    expect(page.locator(".story-comments .comment-status")).to_have_text("Comment deleted.")
    expect(page.locator(".comment-thread")).to_have_count(0)
    assert StoryComment.objects.count() == 0 and dialogs == []
    assert seen.on_page() == []

"""The body's stand-in and its editor in real Chromium: no keystroke lost (issue 26).

The story page shows the body in an editable stand-in and fetches the editor when the body is
first touched (static/js/admin-body-editor.js). Here the editor's bundle is held back until
the test lets it come, so what happens around the hand-over is certain, not a matter of
machine load:

- a sentence typed at full speed as the page opens (two spaces after a full stop, commas,
  a semicolon), then more typed while the editor is built and after: every character is in
  paragraph 1, in order, and paragraph 2 is untouched, in the page and in the saved story;
- Save pressed before the editor has come at all keeps what was typed and pasted.
"""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from articles.workflow.permissions import ensure_role_groups

pytestmark = pytest.mark.django_db(transaction=True)

FIRST, SECOND = "The harbor plan passed on Tuesday.", "Work starts in the spring."
STAND_IN = ".field-body .story-body-waiting"
EDITOR = ".field-body .prose-editor:not(.story-body-waiting) .ProseMirror[contenteditable=true]"


@pytest.fixture
def story_page(make_user, make_article, log_in, live_server, transactional_db):
    """An editor's page of a two-paragraph story, opened with the editor's bundle held back;
    the page, the story and a function that lets the bundle come."""
    ensure_role_groups()  # transactional tests flush the migration's groups
    make_user("ana", groups=["Editors"], first_name="Ana", last_name="Ruiz")
    article = make_article("Harbor plan approved", body=f"<p>{FIRST}</p><p>{SECOND}</p>")
    page = log_in("ana")
    held = []
    page.route("**/django_prose_editor/configurable.js", lambda route: held.append(route))
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")

    def release():
        for route in held:
            route.continue_()
        page.unroute("**/django_prose_editor/configurable.js")

    return page, article, release


def test_every_character_typed_around_the_hand_over_arrives_in_order(story_page):
    page, article, release = story_page
    page.locator(f"{STAND_IN} p").first.click()
    page.keyboard.press("End")
    before = " Ana checked the vote.  City records show the harbor department, "
    page.keyboard.type(before, delay=0)
    release()
    during = "after two audits, kept every receipt; the rest waits for May. "
    page.keyboard.type(during, delay=0)
    expect(page.locator(STAND_IN)).to_have_count(0)
    after = "Filed."
    page.keyboard.type(after, delay=0)

    paragraphs = page.locator(f"{EDITOR} > p")
    expected = FIRST + before + during + after
    expect(paragraphs.first).to_have_text(expected)
    assert paragraphs.first.text_content() == expected  # spaces as typed, not normalized
    expect(paragraphs.nth(1)).to_have_text(SECOND)
    page.locator(".story-save-button").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert f"<p>{expected}</p><p>{SECOND}</p>" in Article.objects.get(pk=article.pk).body


def test_save_before_the_editor_comes_keeps_what_was_typed_and_pasted(story_page):
    page, article, _ = story_page
    page.locator(f"{STAND_IN} p").nth(1).click()
    page.keyboard.press("End")
    page.keyboard.type(" Dredging waits for a permit, ", delay=0)
    page.locator(f"{STAND_IN} .ProseMirror").evaluate(
        """(box) => {
          const data = new DataTransfer();
          data.setData('text/html', '<b>said the harbor master</b>');
          data.setData('text/plain', 'said the harbor master');
          box.dispatchEvent(new ClipboardEvent('paste', {
            clipboardData: data, bubbles: true, cancelable: true }));
        }"""
    )
    page.keyboard.type(".", delay=0)
    page.locator(".story-save-button").click()  # the editor's bundle is still held back

    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    body = Article.objects.get(pk=article.pk).body
    assert f"<p>{FIRST}</p>" in body
    assert f"{SECOND} Dredging waits for a permit, said the harbor master.</p>" in body

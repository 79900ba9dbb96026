"""Pasting into the story's body in real Chromium, under the admin's real CSP (issue 26).

Each sample in tests/browser/fixtures/clipboard/ is the HTML an app puts on the clipboard:
Google Docs (its `<b style="font-weight:normal" id="docs-internal-guid-…">` wrapper and spans
styled `font-weight:700` / `font-style:italic`), Word (`class=MsoNormal`, `mso-` styles,
`<o:p>`, conditional list markup) and a web page (classes, inline styles, a script, event
handlers). It is pasted through a ClipboardEvent carrying text/html, as Ctrl+V does; the body
must keep the bold, italics, links and lists and nothing else, with no CSP violation.
Screenshots: test-artifacts/screenshots/paste-*.png.
"""

from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import expect

from articles.workflow.permissions import ensure_role_groups
from tests.browser.test_csp_browser import Violations

pytestmark = pytest.mark.django_db(transaction=True)

CLIPBOARD = Path(__file__).resolve().parent / "fixtures" / "clipboard"
ALLOWED = {"p", "strong", "em", "a", "ul", "ol", "li"}
EDITOR = ".field-body .ProseMirror[contenteditable=true]"


@pytest.fixture
def story_url(make_user, make_article, live_server, transactional_db):
    ensure_role_groups()  # transactional tests flush the migration's groups
    reporter = make_user("rhea", groups=["Reporters"], first_name="Rhea", last_name="Moss")
    article = make_article("Harbor budget passes", body="<p>Old text.</p>", created_by=reporter)
    return f"{live_server.url}/admin/articles/article/{article.pk}/change/", article


class Tree(HTMLParser):
    """The body's HTML as (tag, attributes) elements and, for each text run, its open tags."""

    def __init__(self, html: str):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.runs: list[tuple[str, tuple[str, ...]]] = []
        self.open: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]

    def handle_data(self, data):
        if data.strip():
            self.runs.append((data, tuple(self.open)))

    def text(self) -> str:
        return "".join(data for data, _ in self.runs)

    def marked(self, mark: str) -> str:
        return " ".join(data.strip() for data, tags in self.runs if mark in tags)


def paste(page, name: str = "", *, html: str = "") -> Tree:
    """Replace the body with clipboard sample `name` (or `html`), pasted as Ctrl+V would; the
    body's HTML after."""
    html = html or (CLIPBOARD / name).read_text()
    page.locator(EDITOR).click()
    page.keyboard.press("Control+A")
    page.evaluate(
        """([selector, html]) => {
          const data = new DataTransfer();
          data.setData('text/html', html);
          data.setData('text/plain', 'plain text fallback');
          const event = new ClipboardEvent('paste', {
            clipboardData: data, bubbles: true, cancelable: true });
          document.querySelector(selector).dispatchEvent(event);
        }""",
        [EDITOR, html],
    )
    # A paste made before the editor has come is pasted again by it at the hand-over.
    built = page.locator(".prose-editor:not(.story-body-waiting) > .ProseMirror[contenteditable]")
    expect(built).not_to_contain_text("Old text.")
    return Tree(page.locator("textarea[name=body]").input_value())


def only_allowed(tree: Tree) -> None:
    for tag, attrs in tree.elements:
        assert tag in ALLOWED, f"<{tag}> kept from the clipboard"
        if tag == "a":
            assert attrs["href"].startswith(("https://", "http://", "mailto:")), attrs
            assert set(attrs) <= {"href", "rel"}, attrs
        else:
            assert not attrs, f"<{tag}> kept attributes {attrs}"


def open_story(log_in, url):
    page = log_in("rhea")
    seen = Violations(page)
    seen.visit(url)
    page.locator(EDITOR).wait_for()
    page.wait_for_load_state("networkidle")
    return page, seen


def test_google_docs_paste_keeps_italics_and_is_not_all_bold(log_in, story_url, screenshot):
    url, article = story_url
    page, seen = open_story(log_in, url)
    tree = paste(page, "google-docs.html")
    screenshot(page, "paste-google-docs")
    assert tree.marked("strong") == "7-2", "only the bold words are bold, not the whole text"
    assert tree.marked("em") == "after a long night of debate Harbor Queen"
    assert [attrs["href"] for tag, attrs in tree.elements if tag == "a"] == [
        "https://example.org/council/minutes"
    ]
    assert tree.marked("a") == "the minutes"
    assert tree.marked("li") == "Ferry fares rise by 50 cents The Harbor Queen gets a new engine"
    assert [tag for tag, _ in tree.elements].count("ul") == 1
    only_allowed(tree)
    assert seen.on_page() == []

    # Saved, the server keeps the same marks.
    with page.expect_navigation():
        page.locator(".story-save-button").click()
    article.refresh_from_db()
    saved = Tree(article.body)
    assert saved.marked("em") == "after a long night of debate Harbor Queen"
    assert saved.marked("strong") == "7-2"


def test_word_paste_keeps_only_the_allowed_marks(log_in, story_url, screenshot):
    url, _ = story_url
    page, seen = open_story(log_in, url)
    tree = paste(page, "word.html")
    screenshot(page, "paste-word")
    assert tree.marked("strong") == "7-2"
    assert tree.marked("em") == "after a long night of debate Harbor Queen"
    assert tree.marked("a") == "the minutes"
    assert tree.marked("li") == "Ferry fares rise by 50 cents The Harbor Queen gets a new engine"
    assert [tag for tag, _ in tree.elements].count("ul") == 1
    text = tree.text()
    assert "·" not in text and "\xa0" not in text, text  # Word's list bullet and its spacing
    assert "Reporting by the harbor desk." in text
    assert "mso" not in text and "0102" not in text and "Style Definitions" not in text
    only_allowed(tree)
    assert seen.on_page() == []


def test_web_page_paste_keeps_only_the_allowed_marks_and_runs_nothing(
    log_in, story_url, screenshot
):
    url, _ = story_url
    page, seen = open_story(log_in, url)
    tree = paste(page, "web-page.html")
    page.locator(EDITOR).hover()
    screenshot(page, "paste-web-page")
    assert tree.marked("strong") == "7-2 What changes:"
    assert tree.marked("em") == "after a long night of debate Harbor Queen"
    assert tree.marked("a") == "the minutes"  # the javascript: link is text only
    assert "Share this" in tree.text()
    assert "Harbor budget passes" in tree.text()  # the subhead, as a paragraph
    assert tree.marked("li") == "Ferry fares rise by 50 cents The Harbor Queen gets a new engine"
    only_allowed(tree)
    ran = page.evaluate(
        "['Script', 'Onclick', 'Link', 'Hover', 'Image', 'Button']"
        ".filter((name) => window['__pasted' + name + 'Ran'])"
    )
    assert ran == []
    page.locator(EDITOR).locator("a").first.click()
    assert page.evaluate("window.__pastedOnclickRan") is None
    assert seen.on_page() == []


def test_a_copy_within_the_editor_keeps_its_subheads_and_quotes(log_in, story_url):
    url, _ = story_url
    page, seen = open_story(log_in, url)
    # What ProseMirror puts on the clipboard when text is copied in the story's own editor.
    copied = (
        '<h2 data-pm-slice="0 0 []">The vote</h2><blockquote><p>It is overdue,'
        ' <s>said</s> the mayor.</p></blockquote><p onclick="window.__pastedRan = 1">End.</p>'
    )
    tree = paste(page, html=copied)
    assert [tag for tag, _ in tree.elements] == ["h2", "blockquote", "p", "s", "p"]
    assert all(not attrs for _, attrs in tree.elements)
    assert page.evaluate("window.__pastedRan") is None
    assert seen.on_page() == []

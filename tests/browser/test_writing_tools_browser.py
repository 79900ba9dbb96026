"""The story editor's writing tools in real Chromium, as a reporter uses them: the headline,
dek and body show live counts, the headline guide warns past 70 characters, a long headline
wraps instead of being clipped, and none of it breaks the Content-Security-Policy."""

import re

import pytest
from playwright.sync_api import expect

from articles.workflow.permissions import ensure_role_groups
from tests.browser.test_csp_browser import Violations

pytestmark = pytest.mark.django_db(transaction=True)

HEADLINE = "Harbor council approves ferry fare rise after a long night of public debate"


@pytest.fixture
def draft(make_user, make_article, transactional_db):
    ensure_role_groups()  # transactional tests flush the migration's groups
    reporter = make_user("rhea", groups=["Reporters"], first_name="Rhea", last_name="Moss")
    return make_article(
        "Ferry fares rise", dek="Short dek.", body="<p>One two three.</p>", created_by=reporter
    )


def test_counts_update_as_the_reporter_types_and_the_headline_guide_warns(
    log_in, live_server, draft, screenshot
):
    assert len(HEADLINE) > 70
    page = log_in("rhea")
    seen = Violations(page)
    seen.visit(f"{live_server.url}/admin/articles/article/{draft.pk}/change/")
    page.wait_for_load_state("networkidle")

    headline_count = page.locator("#headline-count")
    expect(headline_count).to_have_text(
        "16 characters · aim for under 70 characters; search engines cut at about 60"
    )
    expect(headline_count).not_to_have_class(re.compile("story-count--over"))
    expect(page.locator("#dek-count")).to_have_text("10 characters")
    expect(page.locator("#body-count")).to_have_text("3 words · 14 characters")

    headline = page.locator("#id_headline")
    height_before = headline.bounding_box()["height"]
    headline.fill("")
    headline.press_sequentially(HEADLINE)
    headline.press("Enter")  # a headline is one line: Enter adds nothing
    expect(headline).to_have_value(HEADLINE)
    expect(headline_count).to_contain_text(f"{len(HEADLINE)} characters")
    expect(headline_count).to_have_class(re.compile("story-count--over"))
    expect(headline_count).to_have_css("color", "rgb(176, 0, 32)")  # the warning shows in red
    # The long headline wraps onto a second line instead of being clipped.
    assert headline.bounding_box()["height"] > height_before * 1.5
    assert page.evaluate(
        "(() => { const h = document.getElementById('id_headline');"
        " return h.scrollHeight <= h.clientHeight + 1; })()"
    )

    page.fill("#id_dek", "The council voted 7-2.")
    expect(page.locator("#dek-count")).to_have_text("22 characters")

    editor = page.locator(".field-body .ProseMirror[contenteditable=true]")
    paragraphs = editor.locator("> p")
    before = paragraphs.count()
    # A click can land before the editor has taken over the field: click until it has the
    # caret, and see the new paragraph before typing into it.
    for _ in range(5):
        paragraphs.last.click()
        if page.evaluate("document.activeElement?.classList.contains('ProseMirror')"):
            break
        page.wait_for_timeout(300)
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    expect(paragraphs).to_have_count(before + 1)
    page.keyboard.type("Crews start work in March.")
    expect(page.locator("#body-count")).to_have_text("8 words · 40 characters")
    screenshot(page, "writing-tools-counts")

    # Saved: the headline is kept as typed, on one line.
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_be_visible()
    draft.refresh_from_db()
    assert draft.headline == HEADLINE
    assert seen.on_page() == []

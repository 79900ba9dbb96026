"""@mentions in the comment box in real Chromium (issue 26): typing "@Jo" suggests people
(staff names, usernames, bylines) in a listbox worked from the keyboard; picking one writes the
mention; "Will notify" names who will be told before posting; posting mails that person. A
name that fits two people asks which one. Screenshots: test-artifacts/screenshots/mentions-*.png.
"""

import pytest
from django.core import mail
from playwright.sync_api import expect

from articles.workflow.permissions import ensure_role_groups
from authors.models import Author
from tests.browser.test_csp_browser import Violations
from tests.browser.test_desk_accessibility_browser import serious_violations
from tests.browser.test_story_comments_browser import select_in_body

pytestmark = pytest.mark.django_db(transaction=True)

PASSAGE = "voted 7-2 to approve the harbor budget"
BODY = f"<p>The council met on Tuesday night.</p><p>Members {PASSAGE} after a long debate.</p>"


@pytest.fixture
def story(make_user, make_article, transactional_db):
    ensure_role_groups()  # transactional tests flush the migration's groups
    reporter = make_user("rhea", groups=["Reporters"], first_name="Rhea", last_name="Moss")
    make_user("joan", groups=["Editors"], first_name="Joan", last_name="Ortiz")
    # Jonah's account has no name of its own: he is known by his byline.
    jonah = make_user("jperrault", groups=["Editors"])
    Author.objects.update_or_create(
        user=jonah, defaults={"name": "Jonah Perrault", "slug": "jonah-perrault"}
    )[0]
    return make_article("Harbor budget passes after a long night", body=BODY, created_by=reporter)


def open_comment_box(log_in, live_server, story):
    page = log_in("rhea")
    seen = Violations(page)
    seen.visit(f"{live_server.url}/admin/articles/article/{story.pk}/change/")
    select_in_body(page, PASSAGE)
    page.locator("button.comment-float").click()
    box = page.locator("#comment-new-text")
    expect(box).to_be_focused()
    return page, seen, box


def test_typing_at_jo_suggests_people_and_picking_one_notifies_them(
    log_in, live_server, story, screenshot
):
    page, seen, box = open_comment_box(log_in, live_server, story)
    box.press_sequentially("Can you check this, @Jo")
    listbox = page.get_by_role("listbox", name="People to mention")
    expect(listbox).to_be_visible()
    options = listbox.get_by_role("option")
    expect(options).to_have_count(2)
    expect(options.nth(0)).to_contain_text("Joan Ortiz")
    expect(options.nth(1)).to_contain_text("Jonah Perrault")
    expect(options.nth(1)).to_contain_text("@jperrault")
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(box).to_have_attribute("aria-activedescendant", options.nth(0).get_attribute("id"))
    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", options.nth(1).get_attribute("id"))
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    screenshot(page, "mentions-1-suggestions")

    box.press("Enter")
    expect(listbox).to_be_hidden()
    expect(box).to_have_value("Can you check this, @Jonah Perrault ")
    box.press_sequentially("before noon?")
    expect(page.locator(".comment-notify")).to_have_text("Will notify: Jonah Perrault")
    screenshot(page, "mentions-2-will-notify")

    # Escape closes the suggestions and keeps what was typed.
    box.press_sequentially(" cc @jo")
    expect(listbox).to_be_visible()
    box.press("Escape")
    expect(listbox).to_be_hidden()
    box.press_sequentially("an")
    box.press("Escape")
    expect(box).to_have_value("Can you check this, @Jonah Perrault before noon? cc @joan")
    expect(page.locator(".comment-notify")).to_have_text("Will notify: Jonah Perrault, Joan Ortiz")

    page.get_by_role("button", name="Post comment").click()
    expect(page.locator(".story-comments .comment-status")).to_have_text(
        "Comment added. Notified: Jonah Perrault and Joan Ortiz."
    )
    expect(page.locator(".comment-thread").first).to_contain_text("@Jonah Perrault before noon?")
    screenshot(page, "mentions-3-posted")
    sent = {address for message in mail.outbox for address in message.to}
    assert sent == {"jperrault@example.com", "joan@example.com"}
    [to_jonah] = [m for m in mail.outbox if m.to == ["jperrault@example.com"]]
    assert "Rhea Moss mentioned you" in to_jonah.subject
    assert f"On the passage: “{PASSAGE}”" in to_jonah.body
    assert seen.on_page() == []


def test_a_first_name_two_people_share_asks_which_one(
    log_in, live_server, story, make_user, screenshot
):
    make_user("jkim", groups=["Editors"], first_name="Jonah", last_name="Kim")
    page, seen, box = open_comment_box(log_in, live_server, story)
    box.fill("@Jonah is the count final?")
    which = page.locator(".comment-notify .mention-which")
    expect(which).to_contain_text("“@Jonah” could be more than one person. Which one?")
    expect(which.get_by_role("button")).to_have_text(["Jonah Kim", "Jonah Perrault"])

    # Posted as it is, it is refused, naming both, and the text stays.
    page.get_by_role("button", name="Post comment").click()
    error = page.locator("form.comment-new .comment-error")
    expect(error).to_contain_text("could be Jonah Kim (@jkim) or Jonah Perrault (@jperrault)")
    expect(box).to_have_value("@Jonah is the count final?")
    screenshot(page, "mentions-4-which-jonah")
    assert mail.outbox == []

    which.get_by_role("button", name="Jonah Kim").click()
    expect(box).to_have_value("@Jonah Kim is the count final?")
    expect(page.locator(".comment-notify")).to_have_text("Will notify: Jonah Kim")
    page.get_by_role("button", name="Post comment").click()
    expect(page.locator(".story-comments .comment-status")).to_have_text(
        "Comment added. Notified: Jonah Kim."
    )
    assert [m.to for m in mail.outbox] == [["jkim@example.com"]]
    assert seen.on_page() == []


def test_the_open_suggestions_pass_axe(log_in, live_server, story):
    page, _, box = open_comment_box(log_in, live_server, story)
    box.press_sequentially("@Jo")
    expect(page.get_by_role("listbox", name="People to mention")).to_be_visible()
    assert serious_violations(page) == []

"""Bylines for everyone, in real Chromium.

1. An admin makes a new staff account in the user admin (Reporters group); the new hire logs
   in, writes a story and submits it under her own byline, with nobody's help.
2. An editor adds a freelancer's byline from the story page ("Add a byline"), keeps what was
   typed in the headline, and saves the story with both names.

Screenshots: test-artifacts/screenshots/byline-*.png.
"""

import pytest
from playwright.sync_api import expect

from articles.models import Article, ArticleState
from authors.models import Author, AuthorKind
from tests.browser.test_csp_browser import Violations
from tests.browser.test_newsroom_day_browser import body_editor, type_in_body
from tests.browser.test_workflow_browser import pick

pytestmark = pytest.mark.django_db(transaction=True)

# A save, or a save and a move, answers in well under a second on a quiet machine; the whole
# suite's Chromium tests on both cores once kept Submit's answer past 20 s.
SAVE_WAIT = 45000
PASSWORD = "Harbor-Desk-Nine-2026"


@pytest.fixture
def desk(make_user, section, transactional_db):
    admin = make_user("boss", superuser=True)
    editor = make_user("sam", groups=["Editors"], first_name="Sam", last_name="Okafor")
    return admin, editor


def write_body(page, text: str) -> None:
    paragraphs = body_editor(page).locator("> p")
    type_in_body(
        page,
        lambda: page.keyboard.type(text),
        lambda timeout: expect(paragraphs.first).to_have_text(text, timeout=timeout),
    )


def test_a_new_hire_files_a_story_under_her_own_byline(
    log_in, browser, live_server, desk, screenshot
):
    # The admin makes the account: name, staff, the Reporters group.
    page = log_in("boss", width=1366)
    page.goto(f"{live_server.url}/admin/auth/user/add/")
    page.fill("#id_username", "nadia")
    for field in ("#id_password1", "#id_password2"):
        if page.locator(field).count():
            page.fill(field, PASSWORD)
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    page.fill("#id_first_name", "Nadia")
    page.fill("#id_last_name", "Rahman")
    page.fill("#id_email", "nadia@example.com")
    page.check("#id_is_staff")
    page.select_option("#id_groups_from", label="Reporters")
    page.locator("#id_groups_add").click()
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    # The new hire logs in with the password she was given and writes.
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    try:
        hire = context.new_page()
        hire.set_default_timeout(15000)
        hire.goto(f"{live_server.url}/admin/login/")
        hire.fill("#id_username", "nadia")
        hire.fill("#id_password", PASSWORD)
        hire.click("input[type=submit]")
        expect(hire.locator("h1")).to_have_text("Nadia’s desk")
        csp = Violations(hire)
        csp.visit(f"{live_server.url}/admin/articles/article/add/")
        expect(hire.locator("#author_links-0 .field-author")).to_contain_text("Nadia Rahman")
        hire.fill("#id_headline", "Night ferry returns on Fridays")
        write_body(hire, "The night ferry runs again from Friday, the harbor board said.")
        pick(hire, "id_section", "City")
        hire.locator("input[name=_continue]").click()
        expect(hire.locator(".messagelist")).to_contain_text(
            "was added successfully", timeout=SAVE_WAIT
        )
        hire.locator(".workflow-panel button.workflow-submit").click()
        expect(hire.locator(".messagelist")).to_contain_text(
            "Submitted for review", timeout=SAVE_WAIT
        )
        screenshot(hire, "byline-new-hire-submitted")
        # In review the story is hers to read, not to change: no byline box to add anyone.
        expect(hire.locator("#author_links-group")).to_contain_text("Nadia Rahman")
        expect(hire.locator("[data-byline-add]")).to_have_count(0)
        story = Article.objects.get(headline="Night ferry returns on Fridays")
        assert story.state == ArticleState.IN_REVIEW
        assert [link.author.name for link in story.author_links.all()] == ["Nadia Rahman"]
        assert Author.objects.filter(user__username="nadia").count() == 1
        assert csp.on_page() == []
    finally:
        context.close()


def test_an_editor_adds_a_freelancer_byline_from_the_story_page(
    log_in, live_server, desk, make_article, screenshot
):
    admin, editor = desk
    story = make_article(headline="Gulls sign a new coach", state=ArticleState.DRAFT)
    page = log_in("sam", width=1366)
    csp = Violations(page)
    csp.visit(f"{live_server.url}/admin/articles/article/{story.pk}/change/")
    page.fill("#id_headline", "Gulls sign a new coach from Rivermen")  # typed, not saved yet

    box = page.locator("[data-byline-add]")
    box.get_by_text("Add a byline: a freelancer or an agency").click()
    # Nothing typed: said in the box, nothing posted, the headline kept.
    box.get_by_role("button", name="Add to the byline").click()
    expect(box.locator("[data-byline-add-status]")).to_contain_text("Type the name")
    box.get_by_label("Name").fill("Lena Brandt")
    box.get_by_label("Kind").select_option("freelance")
    box.get_by_label("Outlet").fill("Harbor Sports Weekly")
    box.get_by_label("Name").press("Enter")  # adds the byline; does not save the story
    expect(box.locator("[data-byline-add-status]")).to_contain_text("Lena Brandt (freelance)")
    rows = page.locator("#author_links-group tr.form-row:not(.empty-form) .field-author")
    expect(rows.last).to_contain_text("Lena Brandt")
    expect(page.locator("#id_headline")).to_have_value("Gulls sign a new coach from Rivermen")
    screenshot(page, "byline-freelancer-added")

    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    story.refresh_from_db()
    assert story.headline == "Gulls sign a new coach from Rivermen"
    freelancer = Author.objects.get(name="Lena Brandt")
    assert (freelancer.kind, freelancer.outlet) == (AuthorKind.FREELANCE, "Harbor Sports Weekly")
    assert freelancer in [link.author for link in story.author_links.all()]
    assert csp.on_page() == []

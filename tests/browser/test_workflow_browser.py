"""A story's trip through the newsroom in real Chromium: write, submit, send back, revise,
resubmit, publish, read."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article, PublishedArticle, Section
from articles.workflow.permissions import ensure_role_groups
from authors.models import Author

HEADLINE = "Night buses return to the harbor route"


@pytest.fixture
def newsroom(make_user, transactional_db):
    ensure_role_groups()  # transactional tests flush the migration's groups
    reporter = make_user("nina", groups=["Reporters"], first_name="Nina", last_name="Ortiz")
    editor = make_user("eli", groups=["Editors"], first_name="Eli", last_name="Brandt")
    Section.objects.create(name="Transit", slug="transit")
    Author.objects.update_or_create(
        user=reporter, defaults={"name": "Nina Ortiz", "slug": "nina-ortiz"}
    )[0]
    return reporter, editor


def pick(page, select_id, text):
    """Choose `text` in a Django admin autocomplete (select2) field."""
    page.locator(f"#{select_id} + .select2 .select2-selection").click()
    page.fill(".select2-container--open .select2-search__field", text)
    page.click(f".select2-results__option:has-text('{text}')")


def open_story(page, live_server, article):
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")


@pytest.mark.django_db(transaction=True)
def test_story_goes_from_reporter_to_reader(log_in, browser, live_server, newsroom, screenshot):
    reporter, editor = newsroom

    # The reporter writes the story.
    nina = log_in("nina")
    nina.goto(f"{live_server.url}/admin/articles/article/add/")
    nina.fill("#id_headline", HEADLINE)
    nina.fill("#id_dek", "Service resumes after a two-year pause.")
    body = nina.locator(".field-body .ProseMirror[contenteditable=true]")
    body.click()
    body.type("Night buses will run to the harbor again from Monday.")
    pick(nina, "id_section", "Transit")
    # The byline starts with the writer.
    expect(nina.locator("#id_author_links-0-author")).to_have_value(
        str(Author.objects.get(slug="nina-ortiz").pk)
    )
    nina.click("input[name=_continue]")
    expect(nina.locator(".messagelist")).to_contain_text("was added successfully")
    article = Article.objects.get(headline=HEADLINE)
    assert article.slug == "night-buses-return-to-the-harbor-route"

    # ...and submits it.
    nina.click("button.workflow-submit")
    expect(nina.locator(".messagelist")).to_contain_text("Submitted for review")
    screenshot(nina, "workflow-reporter-submitted")

    # The editor finds it in the review queue and asks for a change.
    eli = log_in("eli")
    eli.goto(f"{live_server.url}/admin/articles/reviewqueueitem/")
    eli.click(f"text={HEADLINE}")
    expect(eli.locator(".workflow-panel")).to_contain_text("in review")
    eli.locator(".workflow-changes summary").click()
    eli.fill("#workflow-changes-note", "Say when the last bus leaves.")
    eli.click("button.workflow-request_changes")
    expect(eli.locator(".messagelist")).to_contain_text("Sent back")

    # The reporter sees the note, revises and resubmits.
    open_story(nina, live_server, article)
    expect(nina.locator("#timeline")).to_contain_text("Say when the last bus leaves.")
    body = nina.locator(".field-body .ProseMirror[contenteditable=true]")
    body.click()
    nina.keyboard.press("Control+End")
    nina.keyboard.press("Enter")
    nina.keyboard.type("The last bus leaves the harbor at 2:10 a.m.")
    nina.click("input[name=_continue]")
    expect(nina.locator(".messagelist")).to_contain_text("was changed successfully")
    nina.click("button.workflow-submit")
    expect(nina.locator(".messagelist")).to_contain_text("Submitted for review")

    # The editor publishes.
    open_story(eli, live_server, article)
    expect(eli.locator(".standards-ok, .standards-findings")).to_be_visible()
    eli.click("button.workflow-publish")
    expect(eli.locator(".messagelist")).to_contain_text("Published")
    screenshot(eli, "workflow-editor-published")
    snapshot = PublishedArticle.objects.get(article=article)
    assert "2:10 a.m." in snapshot.body_html

    # A reader opens the public page.
    reader_context = browser.new_context()
    reader = reader_context.new_page()
    response = reader.goto(f"{live_server.url}{snapshot.url_path}")
    assert response.status == 200
    expect(reader.locator("h1")).to_have_text(re.compile(HEADLINE))
    expect(reader.locator("body")).to_contain_text("The last bus leaves the harbor at 2:10 a.m.")
    screenshot(reader, "workflow-reader")
    for page in (nina, eli, reader):
        page.context.close()

"""Every workflow button carries the words typed with it, in real Chromium.

A reporter or an editor types a last fix and presses Submit for review, Publish, Publish
update, Request changes, Publish now or "Update the scheduled copy": the fix is saved and
moved in the same request, with no "Continue without saving?" dialog. An editor publishes
their own draft in one step; the Publish button says "Schedule for …" while a time is typed.
"""

import urllib.request
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles import workflow
from articles.models import Article, PublishedArticle, WorkflowEvent
from articles.workflow.permissions import ensure_role_groups
from tests.browser.test_csp_browser import Violations

pytestmark = pytest.mark.django_db(transaction=True)

FIX = "Harbor tunnel to close for two years, not one"


@pytest.fixture
def people(make_user, transactional_db):
    ensure_role_groups()  # transactional tests flush the migration's groups
    reporter = make_user("rhea", groups=["Reporters"], first_name="Rhea", last_name="Moss")
    editor = make_user("sam", groups=["Editors"], first_name="Sam", last_name="Okafor")
    return reporter, editor


@pytest.fixture
def draft(people, make_article):
    reporter, _ = people
    return make_article("Harbor tunnel to close for a year", created_by=reporter)


def open_story(page, live_server, article):
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    expect(page.locator(".workflow-panel")).to_be_visible()


def dialogs_of(page) -> list[str]:
    """Every native dialog the page opens (Playwright would dismiss it silently)."""
    seen = []

    def note(dialog):
        seen.append(dialog.message or dialog.type)
        dialog.dismiss()

    page.on("dialog", note)
    return seen


def type_headline(page, text: str) -> None:
    page.fill("#id_headline", text)
    page.locator("#id_headline").dispatch_event("input")


def public_page(live_server, path: str) -> str:
    """The public page over real HTTP, as a reader's browser gets it (no browser cache)."""
    with urllib.request.urlopen(f"{live_server.url}{path}") as response:  # noqa: S310
        return response.read().decode()


def test_reporter_types_a_fix_and_submits_it_for_review(
    log_in, live_server, draft, people, screenshot
):
    page = log_in("rhea")
    dialogs = dialogs_of(page)
    csp = Violations(page)
    csp.visit(f"{live_server.url}/admin/articles/article/{draft.pk}/change/")
    type_headline(page, FIX)
    page.fill("#workflow-submit-note", "Two years: the council's new figure.")
    screenshot(page, "keeps-words-1-reporter-typed")
    page.locator("button.workflow-submit").click()
    expect(page.locator(".messagelist")).to_contain_text("Submitted for review")
    screenshot(page, "keeps-words-2-reporter-submitted")
    assert dialogs == []
    draft.refresh_from_db()
    assert (draft.headline, draft.state) == (FIX, workflow.IN_REVIEW)
    event = WorkflowEvent.objects.get(article=draft, action="submit")
    assert event.note == "Two years: the council's new figure."
    assert csp.on_page() == []


def test_editor_fixes_the_headline_and_publishes(log_in, live_server, draft, people, screenshot):
    reporter, _ = people
    workflow.submit_for_review(reporter, draft)
    page = log_in("sam")
    dialogs = dialogs_of(page)
    open_story(page, live_server, draft)
    publish = page.locator("#workflow-form button.workflow-publish")
    expect(publish).to_have_text("Publish now")
    type_headline(page, FIX)
    publish.click()
    expect(page.locator(".messagelist")).to_contain_text("Published:")
    assert dialogs == []
    snapshot = PublishedArticle.objects.get(article=draft)
    assert snapshot.headline == FIX
    assert FIX in public_page(live_server, snapshot.url_path)
    screenshot(page, "keeps-words-3-editor-published")


def test_editor_fixes_a_live_story_and_the_cached_public_page_shows_the_update(
    log_in, live_server, draft, people, screenshot
):
    reporter, editor = people
    workflow.submit_for_review(reporter, draft)
    snapshot = workflow.publish(editor, draft)
    # A reader's visit puts the page in the cache.
    assert "Harbor tunnel to close for a year" in public_page(live_server, snapshot.url_path)
    draft.refresh_from_db()
    draft.dek = "The tunnel closes in May."  # live, with an update waiting
    workflow.save_article(editor, draft, expected_version=draft.version)

    page = log_in("sam")
    dialogs = dialogs_of(page)
    open_story(page, live_server, draft)
    type_headline(page, FIX)
    update = page.locator("#workflow-form button.workflow-publish")
    expect(update).to_have_text("Publish update")
    update.click()
    expect(page.locator(".messagelist")).to_contain_text("Published:")
    assert dialogs == []
    html = public_page(live_server, snapshot.url_path)
    assert FIX in html and "The tunnel closes in May." in html
    screenshot(page, "keeps-words-4-update-published")


def test_editor_types_a_fix_on_a_live_story_with_nothing_waiting_and_publishes_it(
    log_in, live_server, draft, people
):
    """No Save first: the typed fix makes the story "live + draft" and goes out in one press."""
    reporter, editor = people
    workflow.submit_for_review(reporter, draft)
    snapshot = workflow.publish(editor, draft)
    assert "Harbor tunnel to close for a year" in public_page(live_server, snapshot.url_path)

    page = log_in("sam")
    dialogs = dialogs_of(page)
    open_story(page, live_server, draft)
    update = page.locator("#workflow-form button.workflow-publish")
    expect(update).to_have_text("Publish update")
    type_headline(page, FIX)
    update.click()
    expect(page.locator(".messagelist")).to_contain_text("Published:")
    assert dialogs == []
    assert FIX in public_page(live_server, snapshot.url_path)


def test_editor_edits_the_dek_and_requests_changes_with_a_note(
    log_in, live_server, draft, people, screenshot
):
    reporter, _ = people
    workflow.submit_for_review(reporter, draft)
    page = log_in("sam")
    dialogs = dialogs_of(page)
    open_story(page, live_server, draft)
    page.fill("#id_dek", "Repairs start in May and last two years.")
    page.locator(".workflow-changes summary").click()
    page.fill("#workflow-changes-note", "Check the dates with the council.")
    screenshot(page, "keeps-words-5-changes-typed")
    page.locator("button.workflow-request_changes").click()
    expect(page.locator(".messagelist")).to_contain_text("Sent back")
    assert dialogs == []
    draft.refresh_from_db()
    assert draft.dek == "Repairs start in May and last two years."
    assert draft.state == workflow.DRAFT
    event = WorkflowEvent.objects.get(article=draft, action="request_changes")
    assert event.note == "Check the dates with the council."


def test_request_changes_without_a_note_keeps_the_edit_and_says_why(
    log_in, live_server, draft, people
):
    reporter, _ = people
    workflow.submit_for_review(reporter, draft)
    page = log_in("sam")
    open_story(page, live_server, draft)
    page.fill("#id_dek", "Repairs start in May.")
    page.locator(".workflow-changes summary").click()
    page.locator("button.workflow-request_changes").click()
    expect(page.locator(".messagelist")).to_contain_text("Say what should change")
    draft.refresh_from_db()
    assert (draft.dek, draft.state) == ("Repairs start in May.", workflow.IN_REVIEW)
    expect(page.locator("#id_dek")).to_have_value("Repairs start in May.")


def test_editor_publishes_their_own_draft_in_one_step(
    log_in, live_server, people, make_article, screenshot
):
    _, editor = people
    brief = make_article("Fire on the quay", created_by=editor)
    page = log_in("sam")
    dialogs = dialogs_of(page)
    open_story(page, live_server, brief)
    type_headline(page, "Fire on the quay: ferries stopped")
    page.locator("#workflow-form button.workflow-publish").click()
    expect(page.locator(".messagelist")).to_contain_text("Published:")
    assert dialogs == []
    brief.refresh_from_db()
    assert brief.state == workflow.PUBLISHED
    moves = list(
        WorkflowEvent.objects.filter(article=brief).order_by("pk").values_list("action", flat=True)
    )
    assert moves[-2:] == ["submit", "publish"]
    expect(page.locator("#timeline")).to_contain_text("Submit")
    snapshot = PublishedArticle.objects.get(article=brief)
    assert "Fire on the quay: ferries stopped" in public_page(live_server, snapshot.url_path)
    screenshot(page, "keeps-words-6-one-step-publish")


def test_publish_button_says_schedule_while_a_time_is_typed(
    log_in, live_server, draft, people, screenshot
):
    reporter, _ = people
    workflow.submit_for_review(reporter, draft)
    page = log_in("sam")
    open_story(page, live_server, draft)
    publish = page.locator("#workflow-form button.workflow-publish")
    time_input = page.locator("#workflow-at-time")
    # 24-hour, like the other time fields: a text input with a pattern, not the browser's picker.
    assert time_input.get_attribute("type") == "text"
    at = (timezone.localtime() + timedelta(days=1)).replace(hour=14, minute=30)
    page.fill("#workflow-at-date", f"{at:%Y-%m-%d}")
    time_input.fill("14:30")
    expect(publish).to_contain_text("Schedule for")
    expect(publish).to_contain_text("14:30")
    screenshot(page, "keeps-words-7-schedule-label")
    time_input.fill("")
    page.fill("#workflow-at-date", "")
    expect(publish).to_have_text("Publish now")
    time_input.fill("25:00")
    page.fill("#workflow-at-date", f"{at:%Y-%m-%d}")
    publish.click()
    expect(page.locator(".messagelist")).to_contain_text("is not a time")
    expect(page.locator("#workflow-at-time")).to_have_value("25:00")
    page.locator("#workflow-at-time").fill("14:30")
    page.locator("#workflow-form button.workflow-publish").click()
    expect(page.locator(".messagelist")).to_contain_text("Scheduled: goes live 14:30")
    snapshot = PublishedArticle.objects.get(article=draft)
    assert timezone.localtime(snapshot.published_at).strftime("%H:%M") == "14:30"


def test_editor_edits_a_scheduled_story_and_updates_the_scheduled_copy(
    log_in, live_server, draft, people, screenshot
):
    reporter, editor = people
    workflow.submit_for_review(reporter, draft)
    at = (timezone.localtime() + timedelta(days=1)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    workflow.publish(editor, draft, at=at)
    page = log_in("sam")
    dialogs = dialogs_of(page)
    open_story(page, live_server, draft)
    save = page.locator("input[name=_continue]")
    expect(save).to_have_value("Save — not in the scheduled copy")
    type_headline(page, FIX)
    update = page.get_by_role("button", name="Update the scheduled copy")
    screenshot(page, "keeps-words-8-scheduled-typed")
    update.click()
    expect(page.locator(".messagelist")).to_contain_text("Scheduled copy updated")
    assert dialogs == []
    snapshot = PublishedArticle.objects.get(article=draft)
    assert snapshot.headline == FIX  # the copy that goes live holds the edit
    assert snapshot.published_at == at  # at the time it was scheduled for
    assert workflow.position(Article.objects.get(pk=draft.pk)) == workflow.SCHEDULED
    expect(page.locator("#timeline")).to_contain_text("Update the scheduled copy")
    screenshot(page, "keeps-words-9-scheduled-updated")


def test_editor_types_a_fix_on_a_scheduled_story_and_publishes_it_now(
    log_in, live_server, draft, people
):
    reporter, editor = people
    workflow.submit_for_review(reporter, draft)
    workflow.publish(editor, draft, at=timezone.now() + timedelta(days=1))
    page = log_in("sam")
    dialogs = dialogs_of(page)
    open_story(page, live_server, draft)
    type_headline(page, FIX)
    page.locator(".workflow-panel").get_by_role("button", name="Publish now").click()
    expect(page.locator(".messagelist")).to_contain_text("Published:")
    assert dialogs == []
    snapshot = PublishedArticle.objects.get(article=draft)
    assert snapshot.headline == FIX and snapshot.published_at <= timezone.now()


def test_a_signer_who_types_a_fix_then_signs_off_signs_the_fixed_text(
    log_in, live_server, draft, people, make_user
):
    """Approve carries the typed text too: the fix is saved, then the step is signed on it."""
    from articles.models import ReviewStep, SignOff

    reporter, _ = people
    make_user("cora", groups=["Editors"], first_name="Cora", last_name="Lind")
    cora = type(reporter).objects.get(username="cora")
    ReviewStep.objects.create(section=draft.section, name="Copy desk", user=cora, position=1)
    workflow.submit_for_review(reporter, draft)

    page = log_in("cora")
    dialogs = dialogs_of(page)
    open_story(page, live_server, draft)
    type_headline(page, FIX)
    page.locator("#review-chain").get_by_role("button", name="Sign off", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("Signed off: Copy desk.")
    assert dialogs == []
    draft.refresh_from_db()
    assert draft.headline == FIX
    signed = SignOff.objects.get(article=draft, step__name="Copy desk")
    assert signed.based_on_version == draft.version

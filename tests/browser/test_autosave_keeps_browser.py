"""Autosave per draft in real Chromium (issue 26): two new-story tabs never wipe each other,
each offer shows its first words, and restoring over typed text asks in the page with both
texts; a reporter's last keystrokes, typed while an editor moved the story on, are kept and
offered on the read-only story as "Your last typing, not saved", with a working "Restore it
to a new draft"."""

import pytest
from playwright.sync_api import expect

from articles import workflow
from articles.models import Article, ArticleState, StoryAutosave
from articles.workflow.permissions import ensure_role_groups
from articles.workflow.revisions import record_revision
from tests.browser.test_csp_browser import Violations
from tests.browser.test_editor_desk_browser import story_url, type_in_body

pytestmark = pytest.mark.django_db(transaction=True)

OLD_HEADLINE = "Tram drivers end their strike"
NEW_HEADLINE = "Ferry timetable changes in May"
LATE_WORDS = "The mayor said the new fares would be reviewed in the autumn."


@pytest.fixture
def reporter(make_user, transactional_db):
    ensure_role_groups()  # transactional tests flush the migration's groups
    return make_user("rhea", groups=["Reporters"], first_name="Rhea", last_name="Moss")


def new_story_url(live_server) -> str:
    return f"{live_server.url}/admin/articles/article/add/"


def autosaved(page):
    expect(page.locator("#story-autosave")).to_contain_text("Autosaved at", timeout=20000)


def test_two_new_story_tabs_keep_their_own_drafts_and_neither_wipes_the_other(
    log_in, live_server, reporter, screenshot
):
    first = log_in("rhea")
    Violations(first).visit(new_story_url(live_server))
    first.fill("#id_headline", OLD_HEADLINE)
    first.fill("#id_dek", "Drivers voted to go back to work on Monday.")
    autosaved(first)

    # A second tab of the same browser, a second new story.
    second = first.context.new_page()
    seen = Violations(second)
    seen.visit(new_story_url(live_server))
    offer = second.locator(".story-autosave-offer")
    expect(offer).to_contain_text(f"“{OLD_HEADLINE}”, typed at")
    second.fill("#id_headline", NEW_HEADLINE)
    second.fill("#id_dek", "Boats leave every 20 minutes from May.")
    # Typing something newer: the offer steps back; no "Restore" button stays in view.
    restore = second.get_by_role("button", name="Restore the text you were typing at")
    expect(restore).to_be_hidden()
    expect(offer).to_contain_text("Earlier unsaved text is still kept (1 draft")
    autosaved(second)
    screenshot(second, "autosave-keeps-1-second-tab-typed")

    # Neither tab took the other's place: two drafts, each with its own words.
    kept = sorted(
        StoryAutosave.objects.filter(user=reporter, article=None).values_list(
            "text__headline", flat=True
        )
    )
    assert kept == sorted([OLD_HEADLINE, NEW_HEADLINE])

    # Restoring the old one over what was typed here asks first, in the page, with both texts.
    second.get_by_role("button", name="Show them").click()
    restore.click()
    dialog = second.locator("dialog.story-autosave-confirm")
    expect(dialog).to_be_visible()
    expect(dialog.locator(".story-autosave-confirm-mine")).to_contain_text(NEW_HEADLINE)
    expect(dialog.locator(".story-autosave-confirm-kept")).to_contain_text(OLD_HEADLINE)
    screenshot(second, "autosave-keeps-2-both-texts")
    dialog.get_by_role("button", name="Keep what I typed").click()
    expect(dialog).to_be_hidden()
    expect(second.locator("#id_headline")).to_have_value(NEW_HEADLINE)

    # The first tab still holds its own text, and a fresh tab lists both drafts.
    expect(first.locator("#id_headline")).to_have_value(OLD_HEADLINE)
    third = first.context.new_page()
    Violations(third).visit(new_story_url(live_server))
    offers = third.locator(".story-autosave-offer-item")
    expect(offers).to_have_count(2)
    expect(offers.first).to_contain_text(f"“{NEW_HEADLINE}”")
    expect(offers.last).to_contain_text(f"“{OLD_HEADLINE}”")
    screenshot(third, "autosave-keeps-3-two-offers")
    # Nothing typed here yet: restoring fills the empty form at once.
    offers.last.get_by_role("button", name="Restore the text you were typing at").click()
    expect(third.locator("#id_headline")).to_have_value(OLD_HEADLINE)
    assert seen.on_page() == []


@pytest.fixture
def draft(reporter, make_user, make_article):
    make_user("edna", groups=["Editors"], first_name="Edna", last_name="Ives")
    article = make_article("Ferry fares rise", created_by=reporter)
    record_revision(article, user=reporter, comment="Created")
    return article


def test_late_keystrokes_after_an_editor_moves_the_story_are_kept_for_a_new_draft(
    log_in, live_server, draft, screenshot
):
    page = log_in("rhea")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    seen = Violations(page)
    seen.visit(story_url(live_server, draft))
    page.wait_for_load_state("networkidle")

    # Meanwhile an editor moves the story to review: the reporter's page does not know yet.
    editor = Article.objects.get(pk=draft.pk)
    workflow.submit_for_review(
        type(draft.created_by).objects.get(username="edna"), editor, note="Taking it in."
    )
    assert Article.objects.get(pk=draft.pk).state == ArticleState.IN_REVIEW

    type_in_body(page, LATE_WORDS)
    autosaved(page)  # kept, not refused
    kept = StoryAutosave.objects.get(user=draft.created_by, article=draft)
    assert LATE_WORDS in kept.text["body"]
    page.close()

    # Reopened, the story is read-only for the reporter, and their last typing is theirs.
    page = page.context.new_page()
    seen = Violations(page)
    seen.visit(story_url(live_server, draft))
    box = page.locator(".story-last-typing")
    expect(box).to_contain_text("Your last typing, not saved")
    expect(box).to_contain_text("“Ferry fares rise”")
    typed = box.locator("textarea").input_value()
    assert typed.startswith("Ferry fares rise") and LATE_WORDS in typed
    box.get_by_role("button", name="Copy it").click()
    expect(box.locator("[data-last-typing-status]")).to_contain_text("Copied")
    assert LATE_WORDS in page.evaluate("navigator.clipboard.readText()")
    screenshot(page, "autosave-keeps-4-last-typing")

    box.get_by_role("button", name="Restore it to a new draft").click()
    expect(page.locator(".messagelist")).to_contain_text("is now this new draft")
    new = Article.objects.exclude(pk=draft.pk).get()
    assert new.state == ArticleState.DRAFT and new.created_by == draft.created_by
    assert LATE_WORDS in new.body
    expect(page.locator(".field-body .ProseMirror[contenteditable=true]")).to_contain_text(
        LATE_WORDS
    )
    screenshot(page, "autosave-keeps-5-new-draft")
    # The story in review is as the editor took it, and the kept typing is gone with the save.
    assert LATE_WORDS not in Article.objects.get(pk=draft.pk).body
    assert not StoryAutosave.objects.filter(user=draft.created_by).exists()
    assert seen.on_page() == []

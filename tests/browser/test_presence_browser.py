"""Two editors on one story in real Chromium: each sees the other on the page; when one saves,
the other is told at once, compares their unsaved text with the saved version in the merge
view, where their own dek and the other's headline combine by themselves, and saves: both
edits are kept."""

import pytest
from playwright.sync_api import expect

from articles.collaboration import presence
from articles.models import Article
from articles.workflow.permissions import ensure_role_groups
from articles.workflow.revisions import record_revision
from tests.browser.test_csp_browser import Violations
from tests.browser.test_editor_desk_browser import type_in_body

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def story(make_user, make_article, transactional_db, monkeypatch):
    ensure_role_groups()  # transactional tests flush the migration's groups
    make_user("ana", groups=["Editors"], first_name="Ana", last_name="Ruiz")
    make_user("ben", groups=["Editors"], first_name="Ben", last_name="Osei")
    # A beat a second, so the test does not wait 15 seconds for what people see within 15.
    monkeypatch.setattr(presence, "HEARTBEAT_SECONDS", 1)
    article = make_article(
        "Harbor plan approved",
        dek="The council voted on Tuesday.",
        body="<p>The harbor plan passed.</p><p>Work starts in spring.</p>",
    )
    record_revision(article, comment="Created")  # the version both open, kept as every save is
    return article


def test_two_editors_see_each_other_and_merge_without_losing_a_word(
    log_in, live_server, story, screenshot
):
    url = f"{live_server.url}/admin/articles/article/{story.pk}/change/"
    ana, ben = log_in("ana"), log_in("ben")
    ana_seen, ben_seen = Violations(ana), Violations(ben)
    ana_seen.visit(url)
    ben_seen.visit(url)

    # Each sees the other at the top of the side panel.
    expect(ana.locator(".story-presence-others")).to_contain_text("Ben Osei is editing, since")
    expect(ben.locator(".story-presence-others")).to_contain_text("Ana Ruiz is editing, since")
    screenshot(ana, "presence-1-ana-sees-ben")

    # Ben takes over: it is recorded, and Ana's page says so at her next heartbeat.
    ben.get_by_role("button", name="Take over editing").click()
    expect(ben.locator(".story-presence-others")).to_contain_text(
        "You took over editing from Ana Ruiz at"
    )
    expect(ana.locator(".story-presence-taken")).to_contain_text("Ben Osei took over at")
    screenshot(ana, "presence-1b-ana-told-ben-took-over")
    assert story.events.filter(action=presence.TAKE_OVER, actor__username="ben").exists()

    # Ben types a dek and a paragraph, and does not save.
    ben.fill("#id_dek", "Ben's dek: the vote was 7-2.")
    type_in_body(ben, "Ben's paragraph about the dredging.")

    # Ana changes the headline and saves.
    ana.fill("#id_headline", "Harbor plan approved after a long night")
    ana.locator(".story-save-button").click()
    expect(ana.locator(".messagelist")).to_contain_text("was changed successfully")

    # Ben is told at once, without saving; his text is untouched.
    notice = ben.locator(".story-presence-newer")
    expect(notice).to_contain_text("Ana Ruiz saved a newer version at")
    expect(notice).to_contain_text("your text is kept; compare and merge")
    expect(ben.locator("#id_dek")).to_have_value("Ben's dek: the vote was 7-2.")
    screenshot(ben, "presence-2-ben-told-of-anas-save")

    # The merge view: only Ana changed the headline, only Ben the dek and the body, so all
    # three combine by themselves (tests/browser/test_merge_paragraphs_browser.py: clashes).
    notice.get_by_role("button", name="Compare and merge").click()
    expect(ben.locator(".story-merge")).to_be_visible()
    headline = ben.locator(".merge-field-headline")
    expect(headline.locator(".merge-theirs-only")).to_contain_text("after a long night")
    expect(headline.locator(".merge-theirs-only ins")).to_contain_text("after a long night")
    body = ben.locator(".merge-field-body")
    expect(body.locator(".merge-mine-only")).to_contain_text("dredging")
    expect(ben.locator(".merge-field-dek .merge-mine-only")).to_contain_text("the vote was 7-2")
    expect(ben.locator(".merge-conflict")).to_have_count(0)
    screenshot(ben, "presence-3-merge-view")
    ben.get_by_role("button", name="Continue editing with these choices").click()

    # Back in the form: Ana's headline, Ben's dek and paragraph; the save goes through.
    expect(ben.locator("#id_headline")).to_have_value("Harbor plan approved after a long night")
    expect(ben.locator("#id_dek")).to_have_value("Ben's dek: the vote was 7-2.")
    expect(ben.locator(".field-body .ProseMirror[contenteditable=true]")).to_contain_text(
        "Ben's paragraph about the dredging."
    )
    expect(ben.locator(".story-presence-newer")).to_be_hidden()
    screenshot(ben, "presence-4-merged-in-the-form")
    ben.locator(".story-save-button").click()
    expect(ben.locator(".messagelist")).to_contain_text("was changed successfully")
    screenshot(ben, "presence-5-ben-saved")
    expect(ben.locator(".errornote:visible")).to_have_count(0)  # no "someone saved first"

    saved = Article.objects.get(pk=story.pk)
    assert saved.headline == "Harbor plan approved after a long night"
    assert saved.dek == "Ben's dek: the vote was 7-2."
    assert "Ben's paragraph about the dredging." in saved.body
    assert "Work starts in spring." in saved.body
    assert ana_seen.on_page() == [] and ben_seen.on_page() == []
    ana.context.close()  # no heartbeat after the test's database is gone
    ben.context.close()

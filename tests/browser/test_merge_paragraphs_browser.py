"""Two editors on one story in real Chromium, merging by paragraph; the diff a reviewer opens
after a resubmit; and how soon an open page hears of someone else's save.

- Ana changes paragraph 1, Ben paragraph 5: Ben's save is refused, and the merge combines
  both by itself; he retypes nothing.
- Both change paragraph 2: the merge shows that paragraph as a conflict, side by side, and
  Ben keeps both versions to edit; everything else is combined.
- After "Request changes" and a resubmit, "Compare revisions" opens on what changed since the
  request, and a link the reporter added shows, with its address.
- Ben's page says "Ana Ruiz saved a newer version" within 2 seconds of her save, and stops
  asking while its tab is hidden.
"""

import time

import pytest
from playwright.sync_api import expect

from articles import workflow
from articles.models import Article
from articles.workflow.permissions import ensure_role_groups
from tests.browser.test_csp_browser import Violations

pytestmark = pytest.mark.django_db(transaction=True)

PARAGRAPHS = [
    "The harbor plan passed on Tuesday.",
    "Work starts in the spring.",
    "The council voted seven to two.",
    "Dredging needs a state permit.",
    "Ferries keep running meanwhile.",
]


@pytest.fixture
def story(make_user, make_article, transactional_db):
    ensure_role_groups()  # transactional tests flush the migration's groups
    ana = make_user("ana", groups=["Editors"], first_name="Ana", last_name="Ruiz")
    make_user("ben", groups=["Editors"], first_name="Ben", last_name="Osei")
    article = make_article(
        "Harbor plan approved",
        dek="The council voted on Tuesday.",
        body="".join(f"<p>{text}</p>" for text in PARAGRAPHS),
    )
    # Saved once through the desk, as every story is: its revision is the version both open.
    return workflow.save_article(ana, article, expected_version=article.version)


def story_url(live_server, article) -> str:
    return f"{live_server.url}/admin/articles/article/{article.pk}/change/"


def add_to_paragraph(page, number: int, words: str) -> None:
    """Click at the end of paragraph `number` (1-based) of the body and type `words`."""
    page.wait_for_load_state("networkidle")  # the editor is built
    paragraph = page.locator(".field-body .ProseMirror[contenteditable=true] > p").nth(number - 1)
    paragraph.click()
    page.keyboard.press("End")
    page.keyboard.type(words)
    expect(paragraph).to_contain_text(words)


def save(page) -> None:
    page.locator(".story-save-button").click()


def open_both(log_in, live_server, story):
    url = story_url(live_server, story)
    ana, ben = log_in("ana"), log_in("ben")
    seen = Violations(ana), Violations(ben)
    for page, watch in zip((ana, ben), seen, strict=True):
        watch.visit(url)
        page.wait_for_load_state("networkidle")
    return ana, ben, seen


def test_changes_to_different_paragraphs_combine_without_retyping(
    log_in, live_server, story, screenshot
):
    ana, ben, seen = open_both(log_in, live_server, story)

    add_to_paragraph(ana, 1, " Ana checked the vote.")
    save(ana)
    expect(ana.locator(".messagelist")).to_contain_text("was changed successfully")

    add_to_paragraph(ben, 5, " Ben adds the timetable.")
    ben.fill("#id_dek", "The council voted 7-2 on Tuesday.")
    save(ben)

    # Refused: one clear message, the merge offered, the text still in the form.
    refusal = ben.locator(".story-refused-save")
    expect(refusal).to_contain_text("Ana Ruiz saved a newer version")
    expect(refusal.get_by_role("button", name="Compare and merge")).to_be_visible()
    expect(ben.locator(".errornote:visible, .errorlist:visible")).to_have_count(0)
    expect(ben.locator(".story-autosave-offer")).to_have_count(0)  # no "Restore" of the form
    expect(ben.locator(".story-presence-newer")).to_be_hidden()  # said once, not twice
    expect(ben.locator("#id_dek")).to_have_value("The council voted 7-2 on Tuesday.")
    screenshot(ben, "merge-1-refused-save")

    refusal.get_by_role("button", name="Compare and merge").click()
    expect(ben.locator(".story-merge")).to_be_visible()
    body = ben.locator(".merge-field-body")
    expect(body).to_contain_text("Combined by itself")
    expect(body.locator(".merge-theirs-only")).to_contain_text("Ana checked the vote.")
    expect(body.locator(".merge-mine-only")).to_contain_text("Ben adds the timetable.")
    expect(ben.locator(".merge-conflict")).to_have_count(0)
    screenshot(ben, "merge-2-combined")
    ben.get_by_role("button", name="Continue editing with these choices").click()

    editor = ben.locator(".field-body .ProseMirror[contenteditable=true]")
    expect(editor).to_contain_text("Ana checked the vote.")
    expect(editor).to_contain_text("Ben adds the timetable.")
    expect(ben.locator("#id_dek")).to_have_value("The council voted 7-2 on Tuesday.")
    save(ben)
    expect(ben.locator(".messagelist")).to_contain_text("was changed successfully")
    screenshot(ben, "merge-3-saved")

    saved = Article.objects.get(pk=story.pk)
    assert "The harbor plan passed on Tuesday. Ana checked the vote." in saved.body
    assert "Ferries keep running meanwhile. Ben adds the timetable." in saved.body
    assert saved.dek == "The council voted 7-2 on Tuesday."
    assert [watch.on_page() for watch in seen] == [[], []]


def test_a_conflict_in_one_paragraph_is_shown_and_resolved_paragraph_by_paragraph(
    log_in, live_server, story, screenshot
):
    ana, ben, seen = open_both(log_in, live_server, story)

    add_to_paragraph(ana, 2, " Ana: in April.")
    ana.fill("#id_headline", "Harbor plan approved after a long night")
    save(ana)
    expect(ana.locator(".messagelist")).to_contain_text("was changed successfully")

    add_to_paragraph(ben, 2, " Ben: in May instead.")
    add_to_paragraph(ben, 4, " Ben: the permit is filed.")
    save(ben)
    ben.locator(".story-refused-save").get_by_role("button", name="Compare and merge").click()

    # Only paragraph 2 asks for a choice; the headline and paragraph 4 are combined.
    conflicts = ben.locator(".merge-conflict")
    expect(conflicts).to_have_count(1)
    expect(conflicts.locator(".merge-mine")).to_contain_text("Ben: in May instead.")
    expect(conflicts.locator(".merge-theirs")).to_contain_text("Ana: in April.")
    expect(ben.locator(".merge-field-headline")).to_contain_text("Combined by itself")
    expect(ben.locator(".merge-field-body .merge-mine-only")).to_contain_text("permit is filed")
    screenshot(ben, "merge-4-conflict")

    # Continuing without a choice asks for one and keeps everything.
    ben.get_by_role("button", name="Continue editing with these choices").click()
    expect(conflicts.first).to_be_visible()
    conflicts.get_by_label("Keep both").check()
    ben.get_by_role("button", name="Continue editing with these choices").click()

    editor = ben.locator(".field-body .ProseMirror[contenteditable=true]")
    expect(editor).to_contain_text("Ana: in April.")
    expect(editor).to_contain_text("Ben: in May instead.")
    expect(editor).to_contain_text("Ben: the permit is filed.")
    expect(ben.locator("#id_headline")).to_have_value("Harbor plan approved after a long night")
    save(ben)
    expect(ben.locator(".messagelist")).to_contain_text("was changed successfully")
    screenshot(ben, "merge-5-conflict-resolved")

    saved = Article.objects.get(pk=story.pk)
    assert "Work starts in the spring. Ana: in April." in saved.body
    assert "Work starts in the spring. Ben: in May instead." in saved.body
    assert "Dredging needs a state permit. Ben: the permit is filed." in saved.body
    assert saved.headline == "Harbor plan approved after a long night"
    assert [watch.on_page() for watch in seen] == [[], []]


def test_after_a_resubmit_the_diff_shows_what_changed_since_the_request_with_the_link(
    log_in, live_server, make_user, story, screenshot
):
    rhea = make_user("rhea", groups=["Reporters"], first_name="Rhea", last_name="Moss")
    story.created_by = rhea
    story.save(update_fields=["created_by"])
    workflow.submit_for_review(rhea, story)

    ana = log_in("ana")
    ana.goto(story_url(live_server, story))
    ana.locator(".workflow-changes summary").click()
    ana.fill("#workflow-changes-note", "Link the council's minutes.")
    ana.get_by_role("button", name="Request changes").click()
    expect(ana.locator(".messagelist")).to_contain_text("Sent back to the reporter")

    # The reporter links the minutes (the words stay the same) and resubmits.
    fresh = Article.objects.get(pk=story.pk)
    fresh.body = fresh.body.replace(
        "The council voted seven to two.",
        'The council <a href="https://council.example/minutes">voted seven to two</a>.',
    )
    workflow.save_article(rhea, fresh, expected_version=fresh.version)
    workflow.submit_for_review(rhea, fresh)

    ana.goto(story_url(live_server, story))
    ana.get_by_role("link", name="Compare revisions").click()
    expect(ana.locator(".diff-shown")).to_have_text("Since changes were requested")
    body = ana.locator(".diff-body")
    expect(body).to_contain_text("voted seven to two")
    expect(body.locator("ins")).to_contain_text("https://council.example/minutes")
    expect(ana.locator(".diff-nothing")).to_have_count(0)
    screenshot(ana, "merge-6-diff-since-request")


def test_someone_saved_is_told_within_two_seconds_and_hidden_tabs_stop_asking(
    log_in, live_server, story, screenshot
):
    ana, ben, _ = open_both(log_in, live_server, story)
    ben.fill("#id_dek", "Ben's dek, typed and not saved.")

    ana.fill("#id_headline", "Harbor plan approved after a long night")
    save(ana)
    expect(ana.locator(".messagelist")).to_contain_text("was changed successfully")
    saved_at = time.monotonic()
    notice = ben.locator(".story-presence-newer")
    expect(notice).to_contain_text("Ana Ruiz saved a newer version", timeout=2500)
    told_after = time.monotonic() - saved_at
    assert told_after < 2.0, f"told after {told_after:.2f} s"
    expect(ben.locator("#id_dek")).to_have_value("Ben's dek, typed and not saved.")
    screenshot(ben, "merge-7-told-within-2s")

    # A hidden tab asks nothing until it is shown again.
    asked = []
    ben.on("request", lambda r: asked.append(r.url) if "/presence/version/" in r.url else None)
    ben.evaluate(
        """() => {
            Object.defineProperty(document, "visibilityState", {value: "hidden", configurable: true});
            document.dispatchEvent(new Event("visibilitychange"));
        }"""
    )
    ben.wait_for_timeout(3500)
    assert asked == []
    # Shown again, it asks within 2.5 s (the wait ends at the first request).
    with ben.expect_request(lambda r: "/presence/version/" in r.url, timeout=2500):
        ben.evaluate(
            """() => {
                Object.defineProperty(document, "visibilityState", {value: "visible", configurable: true});
                document.dispatchEvent(new Event("visibilitychange"));
            }"""
        )
    assert asked, "polling did not resume when the tab was shown again"

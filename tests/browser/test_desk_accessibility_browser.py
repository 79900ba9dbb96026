"""The editor's desk passes axe-core: no serious or critical violations on the start page,
the story list, the review queue and a full story form (byline, attributions including an
anonymous one, a comment request, proposals and findings), at 1366 and 768 px wide."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from articles import planning, workflow
from articles.collaboration import comments
from articles.models import EditorialNote, PlanStatus, Section, WorkflowEvent
from articles.workflow.permissions import ensure_role_groups
from sources.models import Attribution, CommentRequest, Source
from sources.proposals import proposals_refresh
from tests.browser.test_planning_browser import budget  # noqa: F401  (a week of plans)

pytestmark = pytest.mark.django_db(transaction=True)

BODY = (
    "<p>The pier will reopen in May, the harbor board said.</p>"
    "<p>“We rebuilt every piling that the storm cracked,” said Nora Quist, the board's engineer.</p>"
    "<p>A board member, who spoke on condition of anonymity because the budget is not final, "
    "said the work cost more than planned.</p>"
)


@pytest.fixture
def full_story(make_user, make_article):
    ensure_role_groups()
    reporter = make_user("rhea", groups=["Reporters"], first_name="Rhea", last_name="Moss")
    make_user("edith", groups=["Editors"], first_name="Edith", last_name="Lund")
    article = make_article("Storm-damaged pier to reopen in May", body=BODY, created_by=reporter)
    Attribution.objects.create(
        article=article,
        source=Source.objects.create(name="Harbor board member"),
        kind="paraphrased",
        anonymous=True,
        public_descriptor="a board member",
        anonymity_reason="because the budget is not final",
    )
    CommentRequest.objects.create(
        article=article, source=Source.objects.create(name="Harbor Board"), asked_by=reporter
    )
    proposals_refresh(article=article)
    workflow.submit_for_review(reporter, article)
    return article


def serious_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['impact']} {v['id']}: {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]


@pytest.mark.parametrize("width", [1366, 768])
def test_desk_pages_have_no_serious_accessibility_violations(
    log_in, live_server, full_story, screenshot, width
):
    page = log_in("edith", width=width)
    pages = {
        "start page": "/admin/",
        "story list": "/admin/articles/article/",
        "review queue": "/admin/articles/reviewqueueitem/",
        "story form": f"/admin/articles/article/{full_story.pk}/change/",
        "new story form": "/admin/articles/article/add/",
    }
    found = {}
    for name, path in pages.items():
        page.goto(live_server.url + path)
        if "story form" in name:
            # The libraries' widgets are built by script: wait for the selects. The body is
            # checked as the page opens (the editor comes on first touch; the story after a
            # day's work below is checked with its editor built).
            expect(page.get_by_role("textbox", name="Body")).to_be_visible()
            expect(
                page.locator(".field-section .select2-selection[aria-labelledby]")
            ).to_have_count(1)
        found[name] = serious_violations(page)
    screenshot(page, f"desk-a11y-new-story-{width}")
    assert found == {name: [] for name in pages}


def test_the_story_side_panel_stays_in_view_while_writing(log_in, live_server, full_story):
    page = log_in("edith", width=1366)  # the story is in review: its editor may edit it
    page.goto(f"{live_server.url}/admin/articles/article/{full_story.pk}/change/")
    save = page.locator(".story-side input[name=_continue]")
    page.locator("#attributions-group").scroll_into_view_if_needed()
    expect(save).to_be_in_viewport()
    # The findings and the proposals sit beside the text, not 2,000 px below it.
    assert (
        page.locator(".story-side").bounding_box()["x"]
        > page.locator("#id_headline").bounding_box()["x"] + 400
    )
    # The block-type menu's marker is a glyph every font has (it was a missing-glyph box).
    # The editor and its toolbar are fetched when the body is first touched.
    page.get_by_role("textbox", name="Body").click()
    expect(page.locator(".field-body .prose-menubar__selected")).to_be_attached()
    marker = page.evaluate(
        "getComputedStyle(document.querySelector('.prose-menubar__selected'), '::after').content"
    )
    assert marker == '"▾"'


@pytest.fixture
def lived_in_story(full_story, make_user):
    """The full story as it is after a day's work: a declined right-of-reply recorded on an
    attribution, a comment on the text, notes and workflow events in its timeline."""
    editor = get_user_model().objects.get(username="edith")
    request = CommentRequest.objects.get(article=full_story)
    Attribution.objects.create(
        article=full_story,
        source=request.source,
        kind="declined",
        comment_request=request,
    )
    comments.add_comment(
        editor, full_story, text="Is “more than planned” in the minutes?", quote="cost more"
    )
    EditorialNote.objects.create(
        article=full_story, author=editor, text="Legal has read the anonymity passage."
    )
    workflow.assign_reviewer(editor, full_story, reviewer=editor)
    # Saved revisions after the first: the timeline links each to its changes.
    for dek in (
        "The board says the work cost more.",
        "The board says the work cost more than planned.",
    ):
        full_story.refresh_from_db()
        full_story.dek = dek
        workflow.save_article(editor, full_story, expected_version=full_story.version)
    # A second right-of-reply request, answered: its row has every choice filled.
    CommentRequest.objects.create(
        article=full_story,
        source=Source.objects.create(name="Harbor Pilots Association"),
        asked_by=editor,
        method="email",
        outcome="responded",
        response="The pilots welcome the reopening.",
    )
    assert WorkflowEvent.objects.filter(article=full_story).count() >= 2
    return full_story


@pytest.mark.parametrize("width", [1366, 768])
def test_a_story_after_a_days_work_has_no_serious_violations(
    log_in, live_server, lived_in_story, screenshot, width
):
    page = log_in("edith", width=width)
    page.goto(f"{live_server.url}/admin/articles/article/{lived_in_story.pk}/change/")
    page.get_by_role("textbox", name="Body").click()  # its editor, fetched on first touch
    expect(page.locator(".field-body .story-body-waiting")).to_have_count(0)
    expect(page.locator(".timeline-item").first).to_be_visible()
    expect(page.locator(".comment-thread, .story-comment").first).to_be_attached()
    violations = serious_violations(page)
    screenshot(page, f"desk-a11y-lived-in-story-{width}")
    assert violations == []
    # Every table fits its box: the right-of-reply requests were a 1,900 px table.
    assert overflowing_tables(page) == []


def overflowing_tables(page) -> list[str]:
    """Tables wider than the box they sit in, or than the window (their boxes' headings)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('table')].filter((table) => {
            const box = table.getBoundingClientRect();
            if (!box.width) return false;
            const parent = table.parentElement.getBoundingClientRect();
            return box.right > parent.right + 1 || box.right > innerWidth;
          }).map((table) => {
            const group = table.closest('fieldset, .module, section, div[id]');
            const heading = group && group.querySelector('h2');
            return (heading ? heading.textContent : group && group.id || 'table').trim();
          })"""
    )


@pytest.mark.parametrize("width", [1366, 768])
def test_the_budget_and_the_board_have_no_serious_violations(
    log_in,
    live_server,
    budget,  # noqa: F811 (the fixture imported above)
    screenshot,
    width,
):
    # A killed plan is shown struck through, not faded below AA contrast.
    killed = planning.create_plan(
        get_user_model().objects.get(username="sam"),
        slug="pier-killed",
        budget_line="The pier story, dropped after the board's vote was put off.",
        section=Section.objects.get(slug="city"),
        publish_at=timezone.now() + timedelta(hours=2),
    )
    planning.change_status(killed.created_by, killed, to=PlanStatus.KILLED)
    page = log_in("sam", width=width)
    found = {}
    for name in ("budget", "board"):
        page.goto(f"{live_server.url}/admin/articles/plannedstory/{name}/")
        expect(page.get_by_text("Harbor ferry fares rise").first).to_be_visible()
        expect(page.locator(".plan-status-killed").first).to_be_visible()
        found[name] = serious_violations(page) + overflowing_tables(page)
        screenshot(page, f"desk-a11y-{name}-{width}")
    assert found == {"budget": [], "board": []}


def test_every_toolbar_button_of_the_body_editor_shows_its_icon(log_in, live_server, full_story):
    page = log_in("edith", width=1366)
    page.goto(f"{live_server.url}/admin/articles/article/{full_story.pk}/change/")
    # The editor and its toolbar are fetched when the body is first touched.
    page.get_by_role("textbox", name="Body").click()
    expect(page.locator(".field-body .prose-menubar__button").first).to_be_visible()
    page.evaluate("document.fonts.ready")
    # An icon is a ligature of the icon font: one glyph about 24 px wide. A name the font
    # lacks shows as its letters ("format_bold", 90 px), a button without one is empty.
    icons = page.evaluate(
        """[...document.querySelectorAll('.field-body .prose-menubar__button')].map(b =>
            [b.textContent.trim(), b.getBoundingClientRect().width,
             b.querySelector('svg') !== null])"""
    )
    assert icons, "the body editor has no toolbar"
    wrong = [name for name, width, svg in icons if not svg and (not name or width > 40)]
    assert wrong == []
    assert page.evaluate("document.fonts.check('24px \"Material Icons\"', 'format_bold')")

"""The budget looks ahead, in real Chromium: seven days from a chosen Sunday with working
arrows; a drop on a past day asked in the page; late plans marked on every view and on the
start pages of the writer and the editor; "Start the draft" with a short headline and a
byline when the plan has no writer.

Screenshots: test-artifacts/screenshots/planning-week-*.png.
"""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles import planning
from articles.models import Article, PlannedStory, Section
from tests.browser.test_csp_browser import Violations

pytestmark = pytest.mark.django_db(transaction=True)

WIDTH = 1366
GRIP = {"x": 6, "y": 4}
DROP = {"x": 20, "y": 10}


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@pytest.fixture
def desk(make_user, transactional_db):
    editor = make_user("sam", groups=["Editors"], first_name="Sam", last_name="Okafor")
    reporter = make_user("rhea", groups=["Reporters"], first_name="Rhea", last_name="Moss")
    city = Section.objects.create(name="City", slug="city")
    today = timezone.localdate()
    sunday = today + timedelta(days=(6 - today.weekday()) % 7 + 7)  # a Sunday ahead

    def plan(slug, day, hour, **fields):
        return planning.create_plan(
            editor,
            slug=slug,
            budget_line=fields.pop("line", f"The {slug.replace('-', ' ')} story, in full."),
            section=city,
            publish_at=at(day, hour) if day else None,
            **fields,
        )

    plan("saturday-before", sunday - timedelta(days=1), 9)
    plan("sunday-market", sunday, 9)
    plan("saturday-regatta", sunday + timedelta(days=6), 15)
    plan("ferry-fares", today + timedelta(days=1), 18)
    plan("tide-gauges", today + timedelta(days=2), 11)
    now = timezone.now()
    plan(
        "late-copy",
        today,
        23,
        writer=reporter,
        copy_due_at=now - timedelta(hours=2),
        line="Copy that should be in by now.",
    )
    plan(
        "harbor-dredging",
        today + timedelta(days=1),
        10,
        line=(
            "The harbor's dredging contract, the cost overruns since the spring, what the "
            "port authority knew, and what the next phase will cost the city's taxpayers."
        ),
    )
    return editor, reporter, today, sunday


def test_seven_days_from_a_sunday_a_past_day_asked_late_plans_marked_and_a_draft_started(
    log_in, live_server, desk, screenshot
):
    editor, reporter, today, sunday = desk
    base = f"{live_server.url}/admin/articles/plannedstory"
    page = log_in("sam", width=WIDTH)
    csp = Violations(page)

    # Seven days from a Sunday: that Sunday first, the Saturday after last.
    csp.visit(f"{base}/calendar/?from={sunday:%Y-%m-%d}")
    days = page.locator("[data-drop-day]")
    expect(days).to_have_count(7)
    expect(days.first).to_have_attribute("data-drop-day", f"{sunday:%Y-%m-%d}")
    expect(days.last).to_have_attribute("data-drop-day", f"{sunday + timedelta(days=6):%Y-%m-%d}")
    expect(page.locator(".planning-week")).to_contain_text("sunday-market")
    expect(page.locator(".planning-week")).to_contain_text("saturday-regatta")
    expect(page.locator(".planning-week")).not_to_contain_text("saturday-before")
    screenshot(page, "planning-week-from-sunday")

    # The arrows: next 7 days, previous 7 days (twice), today.
    page.get_by_role("link", name="Next 7 days").click()
    expect(days.first).to_have_attribute("data-drop-day", f"{sunday + timedelta(days=7):%Y-%m-%d}")
    page.get_by_role("link", name="Previous 7 days").click()
    page.get_by_role("link", name="Previous 7 days").click()
    expect(days.first).to_have_attribute("data-drop-day", f"{sunday - timedelta(days=7):%Y-%m-%d}")
    expect(page.locator(".planning-week")).to_contain_text("saturday-before")
    page.get_by_role("link", name="Next 7 days").click()
    page.get_by_role("link", name="Today", exact=True).click()
    expect(days.first).to_have_attribute("data-drop-day", f"{today:%Y-%m-%d}")
    expect(page.get_by_role("link", name="Today", exact=True)).to_have_attribute(
        "aria-current", "date"
    )

    # A drop on a past day asks in the page; Cancel leaves the plan where it was.
    past = today - timedelta(days=2)
    csp.visit(f"{base}/calendar/?from={today - timedelta(days=3):%Y-%m-%d}")
    card = page.locator('.plan-card[aria-label="ferry-fares"]')
    past_day = page.locator(f'[data-drop-day="{past:%Y-%m-%d}"]')
    card.drag_to(past_day.locator(".planning-drop"), source_position=GRIP, target_position=DROP)
    question = page.locator("[data-past-confirm]")
    expect(question).to_be_visible()
    expect(question).to_contain_text("already past")
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "planning-week-past-day-asked")
    question.get_by_role("button", name="Cancel").click()
    expect(question).to_be_hidden()
    expect(page.locator("[data-planning-status]")).to_contain_text("Not moved")
    assert timezone.localtime(PlannedStory.objects.get(slug="ferry-fares").publish_at).date() == (
        today + timedelta(days=1)
    )
    # Asked again, confirmed: moved.
    card.drag_to(past_day.locator(".planning-drop"), source_position=GRIP, target_position=DROP)
    question.get_by_role("button", name="Move it to the past day").click()
    expect(page.locator("[data-planning-status]")).to_contain_text("is planned for")
    expect(past_day).to_contain_text("ferry-fares")
    assert (
        timezone.localtime(PlannedStory.objects.get(slug="ferry-fares").publish_at).date() == past
    )

    # The late plan is marked on the week, the board and the day's budget.
    late = '.plan-card[aria-label="late-copy"] [data-plan-flag="copy-overdue"]'
    for view, query in (
        ("calendar", ""),
        ("board", ""),
        ("budget", f"?day={today:%Y-%m-%d}"),
    ):
        csp.visit(f"{base}/{view}/{query}")
        expect(page.locator(late)).to_contain_text("Copy overdue")
    screenshot(page, "planning-week-budget-late")

    # ... and on the editor's start page.
    csp.visit(f"{live_server.url}/admin/")
    expect(page.locator(".desk-late")).to_contain_text("late-copy")
    expect(page.locator(".desk-late")).to_contain_text("Copy overdue")
    screenshot(page, "planning-week-start-page-editor")

    # Start the draft of a plan with no writer: a short headline, the editor's byline.
    csp.visit(f"{base}/budget/?day={today + timedelta(days=1):%Y-%m-%d}")
    page.locator('.plan-card[aria-label="harbor-dredging"]').get_by_role(
        "button", name="Start the draft"
    ).click()
    page.wait_for_url("**/admin/articles/article/*/change/")
    expect(page.locator("#id_headline")).to_have_value("Harbor dredging")
    expect(page.locator("#id_dek")).to_have_value(
        PlannedStory.objects.get(slug="harbor-dredging").budget_line
    )
    expect(page.locator("#author_links-0 .field-author")).to_contain_text("Sam Okafor")
    screenshot(page, "planning-week-draft-started")
    article = Article.objects.get(plan__slug="harbor-dredging")
    assert [link.author.name for link in article.author_links.all()] == ["Sam Okafor"]
    assert csp.on_page() == []

    # The writer's start page marks her late plan too.
    writer = log_in("rhea", width=WIDTH)
    writer.goto(f"{live_server.url}/admin/")
    expect(writer.locator(".desk-late")).to_contain_text("late-copy")
    expect(writer.locator(".desk-late")).to_contain_text("Copy overdue")
    screenshot(writer, "planning-week-start-page-writer")


def test_the_budget_lists_an_unplanned_story_due_and_the_desk_the_approvals_waiting(
    log_in, live_server, desk, screenshot
):
    from sources import anonymity
    from sources.models import Attribution

    editor, reporter, today, sunday = desk
    story = Article.objects.create(
        headline="Ferry contract review due today",
        slug="ferry-contract",
        body="<p>The port's ferry contract is up for review.</p>",
        section=Section.objects.get(name="City"),
        created_by=reporter,
        review_due_at=at(today, 12),
    )
    asked = Attribution.objects.create(
        article=story,
        kind="paraphrased",
        anonymous=True,
        public_descriptor="a port authority official",
        anonymity_reason="because they were not authorized to speak",
        position=0,
    )
    anonymity.request_approval(user=reporter, attribution=asked)

    page = log_in("sam", width=WIDTH)
    csp = Violations(page)
    csp.visit(f"{live_server.url}/admin/articles/plannedstory/budget/?day={today:%Y-%m-%d}")
    due = page.locator(".budget-due")
    expect(due).to_contain_text("Ferry contract review due today")
    expect(due).to_contain_text("review due 12:00")
    expect(due.locator(".plan-story")).to_have_text("Draft")
    screenshot(page, "planning-week-budget-due-unplanned")

    csp.visit(f"{live_server.url}/admin/")
    expect(page.locator("h1")).to_have_text("Sam’s desk")
    waiting = page.locator(".desk-anonymity")
    expect(waiting).to_contain_text("Ferry contract review due today")
    expect(waiting).to_contain_text("a port authority official")
    expect(waiting).to_contain_text("asked by Rhea Moss")
    screenshot(page, "planning-week-start-page-approvals")
    assert csp.on_page() == []

"""The story budget in real Chromium: an editor drags a plan to another day on the week
calendar and a card to another status on the board, then starts a draft from the day's
budget. Nothing breaks the Content-Security-Policy.

Screenshots (the window, 1366 wide) go to test-artifacts/screenshots/; with
NEWSROOM_DOC_SCREENSHOTS=1 also to docs/screenshots/ as budget.png, calendar.png and board.png
for the README.
"""

import os
import shutil
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles import planning
from articles.models import Article, PlannedStory, PlanStatus, Section
from articles.workflow.permissions import ensure_role_groups
from authors.models import Author
from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_csp_browser import Violations

pytestmark = pytest.mark.django_db(transaction=True)

DOC_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
WIDTH = 1366
# Where a card is picked up: its top-left padding (a person grabs the card, not its links).
GRIP = {"x": 6, "y": 4}
DROP = {"x": 20, "y": 10}  # near the top of a day or column, which may be taller than the window


@pytest.fixture
def shot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for_docs = os.environ.get("NEWSROOM_DOC_SCREENSHOTS") == "1"

    def take(page, name: str) -> Path:
        path = SCREENSHOTS / f"planning-{name}.png"
        page.screenshot(path=str(path))
        if for_docs:
            DOC_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, DOC_SCREENSHOTS / f"{name}.png")
        return path

    return take


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@pytest.fixture
def budget(make_user, transactional_db):
    """A week of plans around today in four sections, one of them already started."""
    ensure_role_groups()
    reporter = make_user("rhea", groups=["Reporters"], first_name="Rhea", last_name="Moss")
    Author.objects.update_or_create(
        user=reporter, defaults={"name": "Rhea Moss", "slug": "rhea-moss"}
    )[0]
    editor = make_user("sam", groups=["Editors"], first_name="Sam", last_name="Okafor")
    photographer = make_user("paz", groups=["Reporters"], first_name="Paz", last_name="Ortega")
    city, business, sports, science = (
        Section.objects.create(name=name, slug=name.lower(), position=n)
        for n, name in enumerate(["City", "Business", "Sports", "Science"])
    )
    today = timezone.localdate()
    monday = today  # the seven days the week view shows first (no day of them past)
    plans = {}

    def plan(slug, line, section, day, hour, **fields):
        plans[slug] = planning.create_plan(
            editor,
            slug=slug,
            budget_line=line,
            section=section,
            publish_at=at(day, hour) if day else None,
            **fields,
        )
        return plans[slug]

    plan(
        "ferry-fares",
        "Harbor ferry fares rise in March; what commuters will pay and why.",
        city,
        today,
        18,
        writer=reporter,
        editor=editor,
        copy_due_at=at(today, 16),
        planned_words=800,
        needs_art=True,
    )
    plan(
        "port-cranes",
        "The port's new cranes arrive by barge; what they cost and who will run them.",
        business,
        today,
        11,
        photographer=photographer,
        planned_words=600,
        needs_art=True,
    )
    plan(
        "gulls-opener",
        "The Gulls open at home; game story and locker room.",
        sports,
        today,
        22,
        writer=editor,
        photographer=photographer,
        planned_words=700,
    )
    started = plan(
        "bay-samples",
        "A summer of volunteer water samples from Harbor Bay, read.",
        science,
        today,
        9,
        writer=reporter,
        planned_words=1200,
    )
    planning.start_draft(reporter, started)
    plan(
        "council-recap",
        "What the council decided this week, in five items.",
        city,
        monday + timedelta(days=1),
        7,
        writer=reporter,
        planned_words=500,
    )
    plan("school-bells", "Later school start times, the board's vote.", city, None, 0)
    for offset, slug, line, section, hour in (
        (
            2,
            "market-closing",
            "Marlowe's closes its Eastmoor store; the staff's last week.",
            business,
            9,
        ),
        (
            3,
            "tide-gauges",
            "New tide gauges on the harbor wall, and what they measure.",
            science,
            14,
        ),
        (
            4,
            "bridge-sensors",
            "Corrosion sensors on the Crane Street bridge: first readings.",
            science,
            8,
        ),
        (5, "rematch-preview", "Gulls-Rivermen rematch preview.", sports, 17),
    ):
        plan(slug, line, section, monday + timedelta(days=offset), hour, planned_words=600)
    planning.change_status(editor, plans["gulls-opener"], to=PlanStatus.IN_PROGRESS)
    return editor, reporter, plans, monday, today


def test_an_editor_drags_on_the_calendar_and_the_board_and_starts_a_draft(
    log_in, live_server, budget, shot
):
    editor, reporter, plans, monday, today = budget
    base = f"{live_server.url}/admin/articles/plannedstory"
    page = log_in("sam", width=WIDTH)
    csp = Violations(page)

    # The week: drag "council-recap" from Tuesday to Thursday.
    csp.visit(f"{base}/calendar/?week={monday:%Y-%m-%d}")
    tuesday, thursday = monday + timedelta(days=1), monday + timedelta(days=3)
    card = page.locator('.plan-card[aria-label="council-recap"]')
    expect(page.locator(f'[data-drop-day="{tuesday:%Y-%m-%d}"]')).to_contain_text("council-recap")
    card.drag_to(
        page.locator(f'[data-drop-day="{thursday:%Y-%m-%d}"] .planning-drop'),
        source_position=GRIP,
        target_position=DROP,
    )
    expect(page.locator("[data-planning-status]")).to_contain_text("is planned for")
    expect(page.locator(f'[data-drop-day="{thursday:%Y-%m-%d}"]')).to_contain_text("council-recap")
    moved = PlannedStory.objects.get(slug="council-recap")
    assert moved.publish_at == at(thursday, 7)
    page.reload()
    page.evaluate("window.scrollTo(0, 0)")
    expect(page.locator(f'[data-drop-day="{thursday:%Y-%m-%d}"]')).to_contain_text("council-recap")
    shot(page, "calendar")

    # The board: drag "ferry-fares" from Assigned to Filed.
    csp.visit(f"{base}/board/?week={monday:%Y-%m-%d}")
    assigned = page.locator('[data-drop-status="assigned"]')
    filed = page.locator('[data-drop-status="filed"]')
    expect(assigned).to_contain_text("ferry-fares")
    page.locator('.plan-card[aria-label="ferry-fares"]').drag_to(
        filed.locator(".planning-drop"), source_position=GRIP, target_position=DROP
    )
    expect(page.locator("[data-planning-status]")).to_contain_text("is now filed")
    expect(filed).to_contain_text("ferry-fares")
    expect(filed.locator("[data-column-count]")).to_have_text("1")
    assert PlannedStory.objects.get(slug="ferry-fares").status == PlanStatus.FILED
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "board")

    # The day's budget, by section; start the port story's draft from it.
    csp.visit(f"{base}/budget/?day={today:%Y-%m-%d}")
    expect(page.locator(".budget-section h2").first).to_contain_text("City")
    expect(page.locator('.plan-card[aria-label="bay-samples"] .plan-story')).to_have_text(
        "Story: Draft"
    )
    shot(page, "budget")
    page.emulate_media(media="print")  # on paper: the plans, without the admin around them
    expect(page.locator(".planning-tabs")).to_be_hidden()
    expect(page.locator("#nav-sidebar")).to_be_hidden()
    expect(page.locator('.plan-card[aria-label="ferry-fares"]')).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "planning-budget-print.png"), full_page=True)
    page.emulate_media(media="screen")
    page.locator('.plan-card[aria-label="port-cranes"]').get_by_role(
        "button", name="Start the draft"
    ).click()
    page.wait_for_url("**/admin/articles/article/*/change/")
    expect(page.locator("#id_headline")).to_have_value("Port cranes")
    expect(page.locator("#id_dek")).to_have_value(plans["port-cranes"].budget_line)
    article = Article.objects.get(plan__slug="port-cranes")
    assert article.section.name == "Business"
    expect(page.get_by_text("Started from the plan “port-cranes”").first).to_be_visible()
    assert csp.on_page() == []

    csp.visit(f"{base}/budget/?day={today:%Y-%m-%d}")
    expect(page.locator('.plan-card[aria-label="port-cranes"] .plan-story')).to_have_text(
        "Story: Draft"
    )
    assert csp.on_page() == []

    # The plan's own page leads to its story; another plan's offers to start one.
    csp.visit(f"{base}/{plans['port-cranes'].pk}/change/")
    expect(page.get_by_role("link", name="Open the story")).to_be_visible()
    csp.visit(f"{base}/{plans['gulls-opener'].pk}/change/")
    expect(page.get_by_role("button", name="Start the draft")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "planning-plan-form.png"))
    assert csp.on_page() == []

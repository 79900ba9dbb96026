"""An editor curates the home page in Chromium and a reader sees it: a story found by search
goes into the lead and is pinned, another is dragged into the top stories, a third placed
and moved with the keyboard; the preview shows the draft as readers will see it; publishing
puts it live, each story once. The editor also passes axe at 1280 and 768 px."""

import re
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from articles.workflow.permissions import ensure_role_groups
from tests.articles.public.conftest import make_story, sections, writers

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser, pytest.mark.slow]
__all__ = ["make_story", "sections", "writers"]
SHOTS = Path("/tmp/shots/fronts")


@pytest.fixture
def newsroom(make_user, make_story):
    ensure_role_groups()  # transactional tests flush the migration's groups
    make_user("sam", groups=["Editors"], first_name="Sam", last_name="Okafor")
    now = timezone.now()
    for n in range(14):
        make_story(f"Council notebook, week {n}", published_at=now - timedelta(hours=n + 1))
    make_story("Election results: Ruiz wins the mayor's race", published_at=now - timedelta(days=2))
    make_story("Ferry service returns to the north shore", section="science",
               published_at=now - timedelta(days=3))  # fmt: skip
    make_story("Library fines end for good", published_at=now - timedelta(days=4))


def serious(page) -> list:
    found = Axe().run(page).response["violations"]
    return [
        (v["id"], v["nodes"][0]["target"]) for v in found if v["impact"] in ("serious", "critical")
    ]


def shoot(page, name: str, screenshot) -> None:
    path = screenshot(page, name)
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, SHOTS / f"{name}.png")


def search_and_place(page, words: str, *, zone: str, slot: str) -> None:
    page.get_by_label("Headline words or story number").fill(words)
    page.get_by_role("button", name="Search").click()
    result = page.locator(".front-results li").first
    result.get_by_label(re.compile("Zone for")).select_option(label=zone)
    result.get_by_label(re.compile("Slot for")).select_option(slot)
    result.get_by_role("button", name="Place").click()


def test_an_editor_curates_the_home_page_and_the_reader_sees_it(
    newsroom, log_in, live_server, browser, screenshot
):
    page = log_in("sam")
    page.goto(f"{live_server.url}/admin/articles/front/")
    page.get_by_role("link", name="Home page").click()
    expect(page.get_by_role("heading", name="Front: Home page")).to_be_visible()
    assert serious(page) == []

    search_and_place(page, "election results", zone="Lead", slot="1")
    expect(page.locator(".messagelist")).to_contain_text("Lead, slot 1: the story is in.")
    lead = page.locator("#lead .slot").first
    expect(lead).to_contain_text("Election results")
    lead.get_by_role("button", name="Pin Lead slot 1").focus()
    page.keyboard.press("Enter")  # the keyboard does what the mouse does
    expect(page.locator("#lead .badge-pinned")).to_have_text("Pinned")

    # Drag a search result onto the second top-stories slot.
    page.get_by_label("Headline words or story number").fill("ferry")
    page.get_by_role("button", name="Search").click()
    page.locator(".front-results li strong").first.drag_to(page.locator("#top .slot").nth(1))
    expect(page.locator("#top .slot").nth(1)).to_contain_text("Ferry service returns")

    search_and_place(page, "library fines", zone="Top stories", slot="1")  # the default zone
    page.get_by_role("button", name="Move Top stories slot 1 down").click()
    top = page.locator("#top .slot")
    expect(top.nth(0)).to_contain_text("Ferry service returns")
    expect(top.nth(1)).to_contain_text("Library fines end")
    expect(page.locator(".front-state")).to_contain_text("Unpublished changes")
    shoot(page, "fronts-editor", screenshot)
    page.set_viewport_size({"width": 768, "height": 900})
    assert serious(page) == []
    shoot(page, "fronts-editor-768", screenshot)
    page.set_viewport_size({"width": 1280, "height": 900})

    # The preview is the public page's template with the draft in it.
    page.get_by_role("link", name="Preview the draft as readers will see it").click()
    expect(page.locator(".preview-banner")).to_contain_text("not published")
    expect(page.locator(".front-lead")).to_contain_text("Election results")
    page.go_back()

    reader = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    reader.goto(f"{live_server.url}/")
    expect(reader.locator(".front-lead")).to_contain_text("Council notebook, week 0")  # not yet

    page.get_by_label("Note for the history (optional)").fill("Election night")
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messagelist")).to_contain_text("Published: readers see this front now.")
    expect(page.locator(".history-live")).to_contain_text("Sam Okafor: Election night")

    reader.reload()
    expect(reader.locator(".front-lead")).to_contain_text("Election results: Ruiz wins")
    expect(reader.locator(".front-top li").nth(0)).to_contain_text("Ferry service returns")
    links = reader.locator(".card-title a").evaluate_all("links => links.map(a => a.href)")
    assert len(links) == len(set(links)) == 16  # lead, 4 top, 8 latest, the city rail: each once
    assert serious(reader) == []
    shoot(reader, "fronts-home", screenshot)
    reader.context.close()


def test_an_editor_schedules_a_section_front_and_rolls_it_back(
    newsroom, log_in, live_server, browser
):
    from django.core.cache import cache

    from articles.models import FrontVersion

    page = log_in("sam")
    page.goto(f"{live_server.url}/admin/articles/front/")
    page.get_by_role("link", name="City").click()
    search_and_place(page, "library fines", zone="Lead", slot="1")
    page.get_by_label("Note for the history (optional)").fill("Morning")
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".history-live")).to_contain_text("Morning")

    search_and_place(page, "election results", zone="Lead", slot="1")
    at = timezone.localtime() + timedelta(hours=1)
    page.get_by_label(re.compile("Go live at")).fill(at.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Note for the history (optional)").fill("Results at the hour")
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messagelist")).to_contain_text("Scheduled: readers see this front from")
    expect(page.locator(".history-scheduled")).to_contain_text("Results at the hour")

    reader = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    reader.goto(f"{live_server.url}/city/")
    expect(reader.locator(".front-lead")).to_contain_text("Library fines end")

    # The hour comes: no job runs; pages cached before it expire at its time.
    FrontVersion.objects.filter(note="Results at the hour").update(live_from=timezone.now())
    cache.clear()
    reader.reload()
    expect(reader.locator(".front-lead")).to_contain_text("Election results")

    page.reload()
    earlier = page.locator(".history-earlier", has_text="Morning")
    earlier.get_by_role("button", name="Roll back to this").click()
    expect(page.locator(".messagelist")).to_contain_text("Rolled back")
    expect(page.locator(".history-live")).to_contain_text("Rolled back to the version of")
    reader.reload()
    expect(reader.locator(".front-lead")).to_contain_text("Library fines end")
    reader.context.close()

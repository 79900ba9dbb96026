"""The desk fits the screen it is on: the story page at 768 px (a tablet) and 390 px (a
phone) scrolls only down, with the headline in the first screen and the Save bar never over
the text; the review queue at 1366 px is a queue (oldest first, headlines readable, no table
wider than the page); and the Section field of the story form has no delete or change
button (they acted on the section itself, not on the story)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles import workflow
from articles.models import Article
from articles.workflow.permissions import ensure_role_groups
from sources.models import Attribution, CommentRequest, Source
from sources.proposals import proposals_refresh

pytestmark = pytest.mark.django_db(transaction=True)

BODY = (
    "<p>The pier will reopen in May, the harbor board said on Tuesday, after a winter of "
    "repairs that closed the boardwalk to walkers and the ferry landing to boats.</p>"
    "<p>“We rebuilt every piling that the storm cracked,” said Nora Quist, the board's "
    "engineer. https://example.com/a-very-long-address-that-does-not-break-on-its-own</p>"
    "<p>A board member, who spoke on condition of anonymity because the budget is not final, "
    "said the work cost more than planned.</p>"
)

SCREENS = {"tablet": (768, 1024), "phone": (390, 844)}


@pytest.fixture
def story(make_user, make_article):
    ensure_role_groups()
    reporter = make_user("rhea", groups=["Reporters"], first_name="Rhea", last_name="Moss")
    make_user("edith", groups=["Editors"], first_name="Edith", last_name="Lund")
    article = make_article(
        "Storm-damaged pier to reopen in May after a winter of repairs",
        body=BODY,
        created_by=reporter,
    )
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


def open_story(log_in, live_server, article, size):
    width, height = size
    page = log_in("edith", width=width)
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    expect(page.get_by_role("textbox", name="Body")).to_be_visible()
    return page


def horizontal_overflow(page) -> int:
    """How many pixels the page scrolls sideways (0 when it fits)."""
    return page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")


def bar_box(page) -> dict:
    """Where the Save bar is on the screen (at full width: the side column's Save box)."""
    return page.locator(".story-save").bounding_box()


def overlaps(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


@pytest.mark.parametrize("screen", SCREENS)
def test_the_story_page_fits_a_tablet_and_a_phone(log_in, live_server, story, screenshot, screen):
    page = open_story(log_in, live_server, story, SCREENS[screen])
    width, height = SCREENS[screen]
    screenshot(page, f"desk-layout-story-{width}")

    assert horizontal_overflow(page) <= 0
    headline = page.locator("#id_headline").bounding_box()
    assert headline["y"] + 40 < height, "the headline is not in the first screen"
    assert headline["x"] + headline["width"] <= width
    body = page.locator(".field-body .tiptap.ProseMirror").bounding_box()
    assert body["x"] + body["width"] <= width

    # The side panel's boxes are one tap away in the Save bar, not a screen-long column above
    # the text; a box reached that way is not under the bar.
    jump = page.get_by_role("navigation", name="Jump to")
    jump.get_by_role("link", name="Sources").click()
    expect(page.locator(".story-sources")).to_be_in_viewport()
    assert not overlaps(bar_box(page), page.locator(".story-sources h2").bounding_box())
    screenshot(page, f"desk-layout-story-{width}-sources")
    jump.get_by_role("link", name="Actions").click()
    expect(page.locator("#workflow-heading")).to_be_in_viewport()
    assert not overlaps(bar_box(page), page.locator("#workflow-heading").bounding_box())
    expect(page.locator(".story-bar input[name=_continue]")).to_be_in_viewport()
    assert horizontal_overflow(page) <= 0


@pytest.mark.parametrize("screen", [*SCREENS, "desk"])
def test_the_save_bar_never_covers_the_headline_or_the_body(
    log_in, live_server, story, screenshot, screen
):
    size = SCREENS.get(screen, (1366, 900))
    page = open_story(log_in, live_server, story, size)
    headline, body = page.locator("#id_headline"), page.get_by_role("textbox", name="Body")
    # As the page opens, and wherever the browser brings a field into view (Tab, a
    # finding's link, the editor following the caret), the Save bar is clear of it.
    assert not overlaps(bar_box(page), headline.bounding_box())
    # The body's editor is fetched when the body is first touched (admin-body-editor.js): the
    # box it takes the place of is measured above, the editor itself below.
    body.focus()
    expect(page.locator(".story-body-waiting")).to_have_count(0)
    for field in (headline, body, headline):
        page.evaluate("window.scrollTo(0, document.scrollingElement.scrollHeight)")
        field.evaluate("el => el.scrollIntoView()")
        assert not overlaps(bar_box(page), field.bounding_box()), f"Save covers it at {size}"
        field.focus()
        assert not overlaps(bar_box(page), field.bounding_box()), f"Save covers it at {size}"
    body.click()
    page.keyboard.press("End")
    page.keyboard.type(" More words.")
    expect(page.locator(".story-bar input[name=_continue]")).to_be_in_viewport()
    screenshot(page, f"desk-layout-save-{size[0]}")


def test_the_section_field_has_no_delete_or_change_button(log_in, live_server, story):
    page = open_story(log_in, live_server, story, (1366, 900))
    section = page.locator(".field-section")
    expect(section.locator(".select2-selection")).to_be_visible()
    expect(section.locator("a.delete-related")).to_have_count(0)
    expect(section.locator("a.change-related")).to_have_count(0)


def test_the_review_queue_lists_the_oldest_first_and_fits_1366(
    log_in, live_server, make_user, make_article, screenshot
):
    ensure_role_groups()
    reporter = make_user("rhea", groups=["Reporters"], first_name="Rhea", last_name="Moss")
    make_user("edith", groups=["Editors"], first_name="Edith", last_name="Lund")
    headlines = [
        "Council approves a new ferry timetable for the winter months",
        "Harbor board names an engineer to oversee the pier repairs",
        "Museum of the lighthouse keepers opens its doors next summer",
    ]
    now = timezone.now()
    for age, headline in zip((3, 26, 50), headlines, strict=True):
        article = make_article(headline, created_by=reporter)
        workflow.submit_for_review(reporter, article)
        # Each was last touched when it was submitted: the newest submission is the latest
        # edit, which a list sorted by its last change would put first.
        when = now - timedelta(hours=age)
        Article.objects.filter(pk=article.pk).update(submitted_at=when, updated_at=when)

    page = log_in("edith", width=1366)
    page.goto(f"{live_server.url}/admin/articles/reviewqueueitem/")
    screenshot(page, "desk-layout-review-queue-1366")

    rows = page.locator("#result_list tbody tr td.field-open_story strong")
    expect(rows).to_have_text(list(reversed(headlines)))
    expect(page.locator("#content h1")).to_have_text("Review queue")
    expect(page.locator(".paginator")).to_contain_text("3 stories waiting")
    assert "review queue" not in page.locator(".paginator").inner_text()
    # A headline reads as a line or two, not a word per line.
    cell = page.locator("td.field-open_story").first.bounding_box()
    assert cell["width"] >= 260
    tables = page.evaluate(
        "[...document.querySelectorAll('table')].map(t => t.getBoundingClientRect().right)"
    )
    assert max(tables) <= 1366
    assert horizontal_overflow(page) <= 0


def test_the_story_list_fits_1366(log_in, live_server, story, screenshot):
    page = log_in("edith", width=1366)
    page.goto(f"{live_server.url}/admin/articles/article/")
    screenshot(page, "desk-layout-story-list-1366")
    tables = page.evaluate(
        "[...document.querySelectorAll('table')].map(t => t.getBoundingClientRect().right)"
    )
    assert max(tables) <= 1366
    assert horizontal_overflow(page) <= 0


def test_a_new_storys_slug_follows_its_headline_without_the_regexp_library(
    log_in, live_server, story
):
    page = log_in("edith", width=1366)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.locator("#id_headline").press_sequentially("Ferry fares rise: 50¢ more from March!")
    expect(page.locator("#id_slug")).to_have_value("ferry-fares-rise-50-more-from-march")
    # The slug script's Unicode branch runs on the browser's own RegExp, not XRegExp's 45 KB.
    assert page.evaluate("URLify('Café Straße №5!', 50, true)") == "café-straße-5"
    scripts = page.evaluate("[...document.scripts].map(s => s.src).join(' ')")
    assert "xregexp.js" not in scripts and "xregexp.min" not in scripts
    assert errors == []

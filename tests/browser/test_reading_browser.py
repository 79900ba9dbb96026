"""A reader's story in Chromium: lines of 60–75 characters on a desktop, a section menu that
shows it scrolls at 390 px, and a printout with the masthead and the story's address."""

import pytest
from django.core.cache import cache
from django.utils import timezone

from articles.models import Article, Section
from articles.workflow.snapshot import snapshot_from_data

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

SECTIONS = ["Politics", "City", "Business", "Science", "Sports", "Opinion", "Culture"]
PARAGRAPH = (
    "The council voted late on Tuesday to rezone the long-vacant warehouse district for "
    "housing, clearing the way for a developer's plan to build roughly six hundred apartments "
    "along the east waterfront, after nearly four hours of public comment in which dozens of "
    "residents lined up to speak for and against the project and its flood defences."
)
# Characters on each full line of the story's first long paragraph (the last line is left out).
LINE_LENGTHS = """() => {
  const paragraph = [...document.querySelectorAll('.story-body p')]
    .find(p => p.textContent.length > 300);
  const text = paragraph.firstChild;
  const range = document.createRange(); const lines = {};
  for (let i = 0; i < text.length; i++) {
    range.setStart(text, i); range.setEnd(text, i + 1);
    const top = Math.round(range.getBoundingClientRect().top);
    lines[top] = (lines[top] || 0) + 1;
  }
  return Object.values(lines).slice(0, -1);
}"""


@pytest.fixture
def story(db):
    cache.clear()
    sections = [
        Section.objects.create(name=name, slug=name.lower(), position=n)
        for n, name in enumerate(SECTIONS)
    ]
    article = Article.objects.create(
        headline="Council approves waterfront homes", slug="waterfront-homes",
        section=sections[1], state="published",
    )  # fmt: skip
    snapshot = snapshot_from_data(
        article, section=sections[1], byline=[], tags=[], published_at=timezone.now(),
        headline=article.headline, slug=article.slug, dek="A 5-4 vote after a long night.",
        body_html=f"<p>{PARAGRAPH}</p><p>{PARAGRAPH}</p>", body_text=PARAGRAPH,
        dateline="HARBOR CITY",
    )  # fmt: skip
    snapshot.save()
    yield snapshot
    cache.clear()


def test_a_story_reads_at_a_good_measure_on_a_desktop_a_phone_and_paper(
    browser, live_server, story, screenshot, settings
):
    desktop = browser.new_page(viewport={"width": 1280, "height": 900})
    desktop.goto(live_server.url + story.url_path)
    lengths = desktop.evaluate(LINE_LENGTHS)
    assert len(lengths) >= 3 and all(60 <= n <= 75 for n in lengths), lengths
    assert desktop.get_by_role("navigation", name="Share this story").is_visible()
    screenshot(desktop, "reading-desktop")

    # On paper: the site's name as a masthead, the story's own address, no menus or share links.
    desktop.emulate_media(media="print")
    assert desktop.locator(".site-name").is_visible()
    assert not desktop.locator(".site-nav").is_visible()
    assert not desktop.get_by_role("navigation", name="Share this story").is_visible()
    address = desktop.locator(".print-address")
    assert address.is_visible() and settings.SITE_URL + story.url_path in address.inner_text()
    screenshot(desktop, "reading-print")

    phone = browser.new_page(viewport={"width": 390, "height": 844})
    phone.goto(live_server.url + story.url_path)
    menu = phone.locator(".site-nav ul")
    width, visible = menu.evaluate("list => [list.scrollWidth, list.clientWidth]")
    assert width > visible  # the menu is wider than the phone: it must say it scrolls
    # The edge shadows that say so are painted with the list (scroll-attached backgrounds).
    assert "radial-gradient" in menu.evaluate("list => getComputedStyle(list).backgroundImage")
    menu.evaluate("list => { list.scrollLeft = list.scrollWidth; }")
    phone.get_by_role("link", name="Culture").click()
    assert phone.url.endswith("/culture/")
    screenshot(phone, "reading-menu-390")
    for page in (desktop, phone):
        page.close()

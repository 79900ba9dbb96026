"""The public site in headless Chromium: home, a story and search, on a phone and a desktop,
with an axe-core accessibility check (no serious or critical violations) and screenshots."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.utils import timezone

from articles.images.renditions import lead_image_data
from articles.models import Article, Image, Section
from articles.workflow.snapshot import snapshot_from_data
from authors.models import Author
from tests.conftest import jpeg_bytes

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(db):
    cache.clear()
    city = Section.objects.create(name="City", slug="city", position=1)
    Section.objects.create(name="Science", slug="science", position=2)
    author = Author.objects.create(name="Mara Okonkwo", slug="mara-okonkwo", job_title="Reporter")
    image = Image(alt_text="Commuters wait on a ferry dock", caption="Morning rush.",
                  credit="Ana Ruiz/Newsroom")  # fmt: skip
    image.file.save("dock.jpg", ContentFile(jpeg_bytes((1600, 900))), save=True)
    picture = lead_image_data(image)
    now = timezone.now()
    stories = []
    for n, headline in enumerate(
        [
            "Ferry fares hold steady as ridership climbs",
            "Council weighs a longer library day",
            "Harbor cranes arrive for the port upgrade",
        ]
    ):
        article = Article.objects.create(headline=headline, slug=f"story-{n}", section=city,
                                         state="published")  # fmt: skip
        when = now - timedelta(hours=n + 1)
        snapshot = snapshot_from_data(
            article,
            section=city,
            byline=[
                {
                    "name": author.name,
                    "slug": author.slug,
                    "job_title": author.job_title,
                    "url": "/authors/mara-okonkwo/",
                }
            ],  # fmt: skip
            tags=[{"name": "Transit", "slug": "transit"}],
            published_at=when,
            headline=headline,
            slug=article.slug,
            dek="Riders on the east route saw the biggest change this spring.",
            body_html="<p>The ferry authority kept fares where they were.</p>"
            "<p>Officials said more riders meant more money for repairs.</p>",
            body_text="The ferry authority kept fares where they were. Officials said more riders "
            "meant more money for repairs.",
            dateline="RIVERTON",
            lead_image=picture,
            sourcing={
                "named": [{"name": "Lee Park", "descriptor": "ferry authority director"}],
                "outlets": [],
                "anonymous": [],
                "anonymous_count": 0,
                "declined": [],
                "no_response": [],
            },  # fmt: skip
        )
        snapshot.save()
        snapshot.refresh_search_vector()
        stories.append(snapshot)
    yield stories
    cache.clear()


def check_accessibility(page) -> None:
    results = Axe().run(page)
    serious = [
        v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")
    ]
    assert not serious, results.generate_report()


@pytest.mark.parametrize("device", ["page", "phone_page"])
def test_home_story_and_search_read_well(request, live_server, site, screenshot, device):
    page = request.getfixturevalue(device)
    width = "phone" if device == "phone_page" else "desktop"

    page.goto(live_server.url + "/")
    assert page.locator("h1").count() == 1
    assert page.get_by_role("link", name=site[0].headline).first.is_visible()
    check_accessibility(page)
    screenshot(page, f"public-home-{width}")

    page.get_by_role("link", name=site[0].headline).first.click()
    page.wait_for_url(f"**{site[0].url_path}")
    assert page.locator("h1").inner_text() == site[0].headline
    image = page.locator(".lead-image img")
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    assert page.get_by_text("How we sourced this").is_visible()
    no_overflow = "document.documentElement.scrollWidth <= window.innerWidth"
    assert page.evaluate(no_overflow)
    check_accessibility(page)
    screenshot(page, f"public-story-{width}")

    page.goto(live_server.url + "/search/")
    page.get_by_label("Words to look for").fill('"more riders"')
    page.get_by_role("button", name="Search").last.click()
    page.wait_for_url("**/search/?q=*")
    assert page.locator("mark").first.inner_text().lower() in ("more", "riders")
    assert page.evaluate(no_overflow)
    check_accessibility(page)
    screenshot(page, f"public-search-{width}")


def test_skip_link_shows_on_focus_and_reading_needs_no_javascript(browser, live_server, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + site[0].url_path)
    assert "kept fares where they were" in page.locator("article.story").inner_text()
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => document.activeElement === el")
    assert skip.bounding_box()["y"] >= 0
    context.close()

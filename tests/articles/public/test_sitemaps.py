"""sitemap.xml index, its sections, the news sitemap and robots.txt, parsed with defusedxml."""

from datetime import UTC, timedelta

import pytest
from defusedxml import ElementTree
from django.conf import settings
from django.utils import timezone

pytestmark = pytest.mark.django_db

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def locations(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    return [loc.text for loc in root.iterfind(".//sm:loc", NS)]


def test_index_names_sections_stories_and_authors_sitemaps(client, make_story):
    make_story()
    maps = locations(client, "/sitemap.xml")
    assert [m.rsplit("/", 1)[1] for m in maps] == [
        "sitemap-sections.xml",
        "sitemap-stories-1.xml",
        "sitemap-authors.xml",
        "sitemap-standards.xml",
    ]


def test_sitemaps_list_visible_stories_sections_and_authors(client, make_story):
    story = make_story(authors=("mara",))
    stories = locations(client, "/sitemap-stories-1.xml")
    assert [s.removeprefix(settings.SITE_URL) for s in stories] == [story.url_path]
    assert any(s.endswith("/city/") for s in locations(client, "/sitemap-sections.xml"))
    authors = locations(client, "/sitemap-authors.xml")
    assert [a.removeprefix(settings.SITE_URL) for a in authors] == ["/authors/mara-okonkwo/"]


def test_news_sitemap_has_only_the_last_two_days(client, make_story):
    fresh = make_story("Fresh story", published_at=timezone.now() - timedelta(hours=3))
    make_story("Old story", published_at=timezone.now() - timedelta(days=3))
    response = client.get("/news-sitemap.xml")
    root = ElementTree.fromstring(response.content)
    urls = root.findall("sm:url", NS)
    assert len(urls) == 1
    assert urls[0].find("sm:loc", NS).text.endswith(fresh.url_path)
    assert urls[0].find("news:news/news:title", NS).text == "Fresh story"
    assert urls[0].find("news:news/news:publication/news:language", NS).text == "en"


def test_story_sitemaps_are_files_of_at_most_a_fixed_id_range(client, make_story, monkeypatch):
    from articles.public import sitemaps

    stories = [make_story(f"Story {n}") for n in range(5)]
    monkeypatch.setattr(sitemaps, "STORIES_PER_FILE", 2)
    first_id = stories[0].pk
    number = -(-stories[-1].pk // 2)
    maps = [m.rsplit("/", 1)[1] for m in locations(client, "/sitemap.xml")]
    assert maps[1:-2] == [f"sitemap-stories-{n}.xml" for n in range(1, number + 1)]
    listed = []
    for name in maps[1:-2]:
        found = locations(client, f"/{name}")
        assert len(found) <= 2
        listed += [s.removeprefix(settings.SITE_URL) for s in found]
    assert sorted(listed) == sorted(s.url_path for s in stories)
    assert first_id > 0
    assert client.get(f"/sitemap-stories-{number + 1}.xml").status_code == 404
    assert client.get("/sitemap-stories-0.xml").status_code == 404


def test_a_story_file_gives_each_storys_last_update_time_and_holds_up_to_50000(client, make_story):
    from articles.public import sitemaps

    assert sitemaps.STORIES_PER_FILE == 50_000  # the most a sitemap file may list
    now = timezone.now()
    story = make_story(
        "Corrected story", published_at=now - timedelta(days=9), updated_at=now - timedelta(days=2)
    )
    root = ElementTree.fromstring(client.get("/sitemap-stories-1.xml").content)
    (url,) = root.findall("sm:url", NS)
    assert url.find("sm:loc", NS).text == settings.SITE_URL + story.url_path
    # Date and time: a second update the same day is a new lastmod.
    stamp = (now - timedelta(days=2)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert url.find("sm:lastmod", NS).text == stamp


@pytest.fixture
def policy_page(db):
    from sources.models import PolicyPage

    return PolicyPage.objects.update_or_create(
        kind="corrections-policy", defaults={"title": "Corrections policy", "body": "We fix."}
    )[0]


def test_the_index_says_when_each_sitemap_last_changed(client, make_story, policy_page):
    now = timezone.now()
    make_story("Older", updated_at=now - timedelta(days=3))
    newest = make_story("Updated an hour ago", updated_at=now - timedelta(hours=1))
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    lastmods = {
        entry.find("sm:loc", NS).text.rsplit("/", 1)[1]: entry.find("sm:lastmod", NS).text
        for entry in root.findall("sm:sitemap", NS)
    }
    stamp = newest.updated_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert lastmods["sitemap-stories-1.xml"] == stamp
    assert lastmods["sitemap-sections.xml"] == stamp
    stamp = policy_page.updated_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert lastmods["sitemap-standards.xml"] == stamp  # the policy page's last edit


def test_corrections_and_policy_pages_are_in_the_sitemap(client, policy_page):
    from sources.models import PolicyPage

    listed = [
        loc.removeprefix(settings.SITE_URL) for loc in locations(client, "/sitemap-standards.xml")
    ]
    assert "/corrections/" in listed
    for page in PolicyPage.objects.all():
        assert page.get_absolute_url() in listed


def test_robots_txt_lets_crawlers_read_the_search_pages_noindex(client):
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /search/" not in robots and "Disallow: /admin/" in robots
    search = client.get("/search/?q=budget")
    assert '<meta name="robots" content="noindex">' in search.content.decode()


def test_a_story_address_with_the_wrong_date_moves_to_the_right_one(client, make_story):
    story = make_story("Council approves a budget", slug="council-approves-a-budget")
    section, year, month, day, slug = story.url_path.strip("/").split("/")
    wrong = f"/{section}/{int(year) - 1}/{month}/{day}/{slug}/"
    response = client.get(wrong)
    assert response.status_code == 301 and response["Location"] == story.url_path
    assert client.get(f"/{section}/2001/01/01/no-such-story/").status_code == 404
    assert client.get(f"/science/{year}/{month}/{day}/{slug}/").status_code == 404

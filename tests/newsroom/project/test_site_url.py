"""Feeds and sitemaps print absolute URLs on SITE_URL, whatever host the request came in on."""

import feedparser
import pytest
from defusedxml import ElementTree
from django.core.cache import cache

pytestmark = pytest.mark.django_db

SITE = "https://news.example.org"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE
    cache.clear()
    yield
    cache.clear()


def test_feed_links_use_site_url_not_the_request_host(client):
    feed = feedparser.parse(client.get("/feeds/atom/", HTTP_HOST="127.0.0.1").content)
    assert feed.feed.link == f"{SITE}/"
    self_links = [link.href for link in feed.feed.links if link.rel == "self"]
    assert self_links == [f"{SITE}/feeds/atom/"]


def test_corrections_feed_uses_site_url(client):
    feed = feedparser.parse(client.get("/corrections/feed/", HTTP_HOST="127.0.0.1").content)
    assert feed.feed.link.startswith(SITE)


def test_sitemap_index_locations_use_site_url(client):
    response = client.get("/sitemap.xml", HTTP_HOST="127.0.0.1")
    root = ElementTree.fromstring(response.content)
    locations = [el.text for el in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locations
    assert all(loc.startswith(f"{SITE}/sitemap-") for loc in locations)

"""Compressed public pages (brotli, gzip) with weak ETags and Vary, never the admin; and the
cache headers of the corrections and policy pages, Last-Modified and stale-while-revalidate."""

import gzip
from email.utils import parsedate_to_datetime

import brotli
import feedparser
import pytest
from django.urls import reverse

from sources.models import PolicyPage

pytestmark = pytest.mark.django_db

GZIP = {"accept-encoding": "gzip, deflate"}
BROTLI = {"accept-encoding": "gzip, deflate, br"}


def test_home_is_sent_gzipped_to_a_browser_that_accepts_it(client, make_story):
    make_story("Council approves a new budget")
    plain = client.get("/")
    zipped = client.get("/", headers=GZIP)
    assert "Content-Encoding" not in plain
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == plain.content
    assert len(zipped.content) < len(plain.content) / 2
    assert int(zipped["Content-Length"]) == len(zipped.content)
    for response in (plain, zipped):
        assert "Accept-Encoding" in response["Vary"]


def test_brotli_is_preferred_where_accepted_and_refused_with_q_zero(client, make_story):
    story = make_story()
    plain = client.get(story.url_path).content
    response = client.get(story.url_path, headers=BROTLI)
    assert response["Content-Encoding"] == "br"
    assert brotli.decompress(response.content) == plain
    refused = client.get(story.url_path, headers={"accept-encoding": "br;q=0, gzip"})
    assert refused["Content-Encoding"] == "gzip"


def test_compressed_copy_has_a_weak_etag_that_still_gets_a_304(client, make_story):
    story = make_story()
    plain = client.get(story.url_path)
    zipped = client.get(story.url_path, headers=GZIP)
    assert plain["ETag"].startswith('"')
    assert zipped["ETag"] == f"W/{plain['ETag']}"
    # Whichever copy the browser holds, asking again with its ETag is answered 304.
    for etag in (plain["ETag"], zipped["ETag"]):
        again = client.get(story.url_path, headers={**GZIP, "if-none-match": etag})
        assert again.status_code == 304 and again.content == b""
        assert "Accept-Encoding" in again["Vary"]
    # A cached copy is served compressed too (the second request above was a cache hit).
    assert client.get(story.url_path, headers=GZIP)["Content-Encoding"] == "gzip"


def test_feeds_sitemaps_and_the_api_are_compressed(client, make_story):
    make_story()
    for url in ("/feeds/rss/", "/feeds/atom/", "/sitemap.xml", "/sitemap-stories-1.xml",
                "/api/stories/", "/robots.txt"):  # fmt: skip
        plain = client.get(url)
        response = client.get(url, headers=GZIP)
        assert response.status_code == 200, url
        if len(plain.content) >= 200:  # robots.txt is smaller: sent as it is
            assert response["Content-Encoding"] == "gzip", url
            assert gzip.decompress(response.content) == plain.content, url


def test_admin_pages_are_never_compressed(client, admin_client):
    response = client.get(reverse("admin:login"), headers=BROTLI)
    assert response.status_code == 200 and "Content-Encoding" not in response
    page = admin_client.get(reverse("admin:index"), headers=BROTLI, follow=True)
    assert "Content-Encoding" not in page


def test_a_story_says_when_it_last_changed_not_when_it_was_cached(client, make_story):
    story = make_story()
    response = client.get(story.url_path)
    assert parsedate_to_datetime(response["Last-Modified"]) == story.updated_at.replace(
        microsecond=0
    )


def test_pages_may_be_shown_stale_briefly_while_revalidating(client, make_story):
    make_story()
    assert "stale-while-revalidate=30" in client.get("/")["Cache-Control"]


@pytest.fixture(autouse=True)
def policy_page(db):
    return PolicyPage.objects.update_or_create(
        kind="corrections-policy", defaults={"title": "Corrections policy", "body": "We fix."}
    )[0]


def test_corrections_and_policy_pages_carry_cache_headers(client):
    for url in (reverse("corrections"), reverse("corrections-feed"),
                reverse("policy", kwargs={"kind": "corrections-policy"})):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"].startswith("public, max-age="), url
        assert response["ETag"] and response["Last-Modified"], url
        assert client.get(url, headers={"if-none-match": response["ETag"]}).status_code == 304


def test_editing_a_policy_page_shows_at_once(client, django_capture_on_commit_callbacks):
    url = reverse("policy", kwargs={"kind": "corrections-policy"})
    client.get(url)  # cached now
    page = PolicyPage.objects.get(kind="corrections-policy")
    page.body = "We correct errors within the hour, rewritten."
    with django_capture_on_commit_callbacks(execute=True):
        page.save()
    assert "within the hour, rewritten" in client.get(url).content.decode()


def test_corrections_feed_guids_are_absolute(client, make_story, settings):
    make_story(corrections=[{"kind": "correction", "text": "We misspelled a name.",
                             "at": "2026-03-02T10:00:00+00:00", "label": "Correction"}])  # fmt: skip
    feed = feedparser.parse(client.get(reverse("corrections-feed")).content)
    assert feed.entries
    for entry in feed.entries:
        assert entry.id.startswith(settings.SITE_URL + "/"), entry.id


def test_with_the_page_cache_off_only_the_accepted_copy_is_made(client, make_story, settings):
    settings.PUBLIC_PAGE_CACHE = False
    story = make_story()
    zipped = client.get(story.url_path, headers=GZIP)
    assert zipped["Content-Encoding"] == "gzip"
    plain = client.get(story.url_path)
    assert gzip.decompress(zipped.content) == plain.content
    assert "Accept-Encoding" in plain["Vary"]  # a shared cache must not give it to everyone
    assert client.get(story.url_path, headers=BROTLI)["Content-Encoding"] == "br"

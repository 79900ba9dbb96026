"""Caching: Cache-Control, ETag/Last-Modified with 304s, the page cache and its invalidation."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from articles.models import PublishedArticle, Section
from articles.public import cache as page_cache

pytestmark = pytest.mark.django_db


def test_pages_carry_cache_control_etag_and_last_modified(client, make_story):
    story = make_story()
    response = client.get(story.url_path)
    assert response["Cache-Control"] == "public, max-age=60, stale-while-revalidate=30"
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"].endswith("GMT")


def test_matching_etag_gets_304_without_a_body(client, make_story):
    story = make_story()
    first = client.get(story.url_path)
    again = client.get(story.url_path, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"]
    stale = client.get(story.url_path, headers={"if-none-match": '"something-else"'})
    assert stale.status_code == 200


def test_if_modified_since_gets_304(client, make_story):
    first = client.get("/")
    again = client.get("/", headers={"if-modified-since": first["Last-Modified"]})
    assert again.status_code == 304


def test_cached_page_is_served_until_invalidated(client, make_story):
    story = make_story("Original headline")
    assert "Original headline" in client.get(story.url_path).content.decode()
    PublishedArticle.objects.filter(pk=story.pk).update(
        headline="Changed headline", article_html="", head_html=""
    )  # a write that bypasses publishing: the cached page stays
    assert "Original headline" in client.get(story.url_path).content.decode()
    page_cache.invalidate_public_cache()
    assert "Changed headline" in client.get(story.url_path).content.decode()


def test_invalidation_changes_the_etag_when_content_changes(client, make_story):
    story = make_story()
    etag = client.get("/")["ETag"]
    make_story("A newer story")
    page_cache.invalidate_public_cache()
    fresh = client.get("/", headers={"if-none-match": etag})
    assert fresh.status_code == 200 and "A newer story" in fresh.content.decode()
    assert story.headline in fresh.content.decode()


def test_cache_never_outlives_the_next_scheduled_go_live(client, make_story, monkeypatch):
    make_story()
    make_story("Soon", published_at=timezone.now() + timedelta(seconds=40))
    stored = []
    real_set = page_cache.cache.set
    monkeypatch.setattr(
        page_cache.cache,
        "set",
        lambda key, value, timeout=None: (
            "stored-page-frame" in key or stored.append(timeout) or real_set(key, value, timeout)
        ),
    )  # (the frame's signature outlives a go-live: it does not change with one)
    response = client.get("/")
    assert stored and all(timeout <= 40 for timeout in stored if timeout is not None)
    assert int(response["Cache-Control"].split("max-age=")[1]) <= 40


def test_cache_timeout_rule():
    now = timezone.now()
    assert page_cache.cache_timeout(next_go_live=None, now=now) == 300
    assert page_cache.cache_timeout(next_go_live=now + timedelta(seconds=90.7), now=now) == 90
    assert page_cache.cache_timeout(next_go_live=now + timedelta(hours=3), now=now) == 300


def test_not_found_pages_are_not_cached_publicly(client, sections):
    assert "Cache-Control" not in client.get("/no-such-section/")


def test_made_up_query_parameters_share_one_cache_entry(client, make_story):
    make_story()
    cache.clear()
    client.get("/")
    entries = len(cache._cache)
    for n in range(5):
        assert client.get(f"/?utm_source=x{n}").status_code == 200
    assert len(cache._cache) == entries


def test_pages_that_do_not_exist_are_404(client, make_story):
    make_story()
    for url in ("/?page=999", "/?page=-1", "/city/?page=abc", "/api/stories/?page=99999"):
        assert client.get(url).status_code == 404, url


def test_section_menu_is_cached_per_version_and_a_section_change_shows_at_once(
    client, make_story, settings
):
    settings.PUBLIC_PAGE_CACHE = False  # every request renders its page; the menu is cached
    story = make_story()
    html = client.get(story.url_path).content.decode()
    assert '<li><a href="/city/">City</a></li><li><a href="/science/">Science</a></li>' in html
    Section.objects.create(slug="sport", name="Sport", position=3)
    assert '<li><a href="/sport/">Sport</a></li>' in client.get(story.url_path).content.decode()
    Section.objects.filter(slug="sport").update(name="Sports")  # bypasses the save signal
    assert ">Sport</a>" in client.get(story.url_path).content.decode()  # cached markup
    page_cache.invalidate_public_cache()  # what any publish does
    assert ">Sports</a>" in client.get(story.url_path).content.decode()


def test_a_readers_cached_page_is_answered_before_the_session_and_auth_middleware(
    client, make_story, people, monkeypatch
):
    """CachedPageMiddleware: the hit has every header of the page as first served (the
    site's security headers too), and neither the view nor the URL resolver runs."""
    story = make_story()
    first = client.get(story.url_path, HTTP_ACCEPT_ENCODING="br")
    assert first["X-Frame-Options"] and first["Content-Security-Policy"]
    resolved = []
    monkeypatch.setattr(
        "django.core.handlers.base.BaseHandler.resolve_request",
        lambda self, request: resolved.append(request.path) or 1 / 0,
    )
    again = client.get(story.url_path, HTTP_ACCEPT_ENCODING="br")
    assert resolved == [] and again.content == first.content
    for header in ("Content-Type", "Content-Encoding", "ETag", "Vary", "X-Frame-Options",
                   "Content-Security-Policy", "Permissions-Policy", "X-Content-Type-Options",
                   "Referrer-Policy"):  # fmt: skip
        assert again.get(header) == first.get(header), header
    assert "Set-Cookie" not in again and "sessionid" not in again.cookies
    monkeypatch.undo()
    from django.core.handlers.base import BaseHandler

    real = BaseHandler.resolve_request
    monkeypatch.setattr(
        BaseHandler,
        "resolve_request",
        lambda self, request: resolved.append(request.path) or real(self, request),
    )
    client.force_login(people["editor"])  # an editor (a session cookie) takes the whole path
    assert client.get(story.url_path, HTTP_ACCEPT_ENCODING="br").content == first.content
    assert resolved == [story.url_path]

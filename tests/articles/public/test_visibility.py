"""Drafts, scheduled, withdrawn, retracted and spiked stories appear nowhere public."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, PublicStatus
from articles.public.queries import PAGE_SIZE

pytestmark = pytest.mark.django_db

HIDDEN_WORD = "zanzibarite"
PUBLIC_PAGES = [
    "/",
    "/?page=2",
    "/city/",
    "/authors/mara-okonkwo/",
    "/tags/budget/",
    f"/search/?q={HIDDEN_WORD}",
    "/feeds/rss/",
    "/feeds/atom/",
    "/feeds/sections/city/rss/",
    "/feeds/authors/mara-okonkwo/atom/",
    "/feeds/tags/budget/rss/",
    "/sitemap-stories-1.xml",
    "/news-sitemap.xml",
    "/api/stories/",
]


@pytest.fixture
def hidden_stories(make_story, sections):
    now = timezone.now()
    Article.objects.create(
        headline=f"Draft about {HIDDEN_WORD}", slug="draft-only", section=sections["city"]
    )  # a draft has no snapshot at all
    return [
        make_story(
            f"Scheduled {HIDDEN_WORD}", body=HIDDEN_WORD, published_at=now + timedelta(hours=1)
        ),
        make_story(f"Withdrawn {HIDDEN_WORD}", body=HIDDEN_WORD, status=PublicStatus.WITHDRAWN),
        make_story(f"Retracted {HIDDEN_WORD}", body=HIDDEN_WORD, status=PublicStatus.RETRACTED),
    ]


def test_hidden_stories_appear_on_no_public_page(client, make_story, hidden_stories):
    # Enough visible stories that every page (page 2 of the latest too) has something to show.
    for n in range(PAGE_SIZE + 1):
        make_story(f"A visible story {n}")
    for url in PUBLIC_PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "Draft about" not in body, url
        for story in hidden_stories:
            assert story.url_path not in body, url
            assert story.headline not in body, url
    search = client.get(f"/search/?q={HIDDEN_WORD}").content.decode()
    assert f"No stories match “{HIDDEN_WORD}”" in search


def test_scheduled_story_appears_on_time_without_any_invalidation(client, make_story, monkeypatch):
    go_live = timezone.now() + timedelta(minutes=2)
    make_story("Embargo lifts", published_at=go_live)
    assert "Embargo lifts" not in client.get("/").content.decode()  # and the page is now cached
    # Travel past the go-live, on both clocks: the one views read and the one the cache
    # expires entries by. Nothing is invalidated.
    later = go_live + timedelta(seconds=1)
    offset = (later - timezone.now()).total_seconds()
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + offset)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "Embargo lifts" in client.get("/").content.decode()

"""The story page's one-read path: related cards that come with the snapshot, their cached
markup, and the page cache switch the benchmark uses."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import PublishedArticle
from articles.public import cache as page_cache

pytestmark = pytest.mark.django_db


def related_part(html: str) -> str:
    return html.split('id="related-title"')[1]


def test_related_cards_show_kind_of_work_byline_and_local_date(client, make_story):
    story = make_story("Council passes the budget", tags=(("Budget", "budget"),))
    make_story(
        "What the budget means for parks",
        tags=(("Budget", "budget"),),
        kind_of_work="analysis",
        authors=("mara", "teo"),
        published_at=timezone.make_aware(timezone.datetime(2025, 3, 4, 23, 30)),
    )
    related = related_part(client.get(story.url_path).content.decode())
    assert "What the budget means for parks" in related
    assert "City · Analysis" in related
    assert "By Mara Okonkwo and Teo Lindgren" in related
    # 23:30 in the newsroom's time zone, not the next day as in UTC
    assert '<time datetime="2025-03-04T23:30:00-05:00">March 4, 2025, 11:30 p.m.</time>' in related


def test_scheduled_and_taken_down_stories_are_never_related(client, make_story):
    story = make_story("Ferry service resumes", tags=(("Ferries", "ferries"),))
    make_story("Ferry fares announced", tags=(("Ferries", "ferries"),))
    make_story(
        "Ferry schedule for next week",
        tags=(("Ferries", "ferries"),),
        published_at=timezone.now() + timedelta(hours=2),
    )
    make_story("Ferry story taken down", tags=(("Ferries", "ferries"),), status="unpublished")
    related = related_part(client.get(story.url_path).content.decode())
    assert "Ferry fares announced" in related
    assert "Ferry schedule for next week" not in related
    assert "Ferry story taken down" not in related


def test_republished_related_story_shows_its_new_card(client, make_story):
    story = make_story("Library opens late", tags=(("Libraries", "libraries"),))
    other = make_story("Library hires staff", tags=(("Libraries", "libraries"),))
    assert "Library hires staff" in related_part(client.get(story.url_path).content.decode())
    # What a re-publish does: a new snapshot text, a new update time, the cache version bumped.
    PublishedArticle.objects.filter(pk=other.pk).update(
        headline="Library hires twelve staff", updated_at=timezone.now()
    )
    page_cache.invalidate_public_cache()
    related = related_part(client.get(story.url_path).content.decode())
    assert "Library hires twelve staff" in related and "Library hires staff<" not in related


def test_story_without_related_stories_has_no_related_box(client, make_story):
    story = make_story("A lonely story", tags=(("Solitude", "solitude"),), section="science")
    html = client.get(story.url_path).content.decode()
    assert "A lonely story" in html and 'id="related-title"' not in html


def test_with_the_page_cache_off_every_request_renders_but_validators_still_work(
    client, make_story, settings, django_assert_num_queries
):
    settings.PUBLIC_PAGE_CACHE = False
    story = make_story("Tram line extended")
    first = client.get(story.url_path)
    with django_assert_num_queries(1):  # rendered again: the snapshot read (menu cached)
        again = client.get(story.url_path, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    PublishedArticle.objects.filter(pk=story.pk).update(
        headline="Tram line extended again", article_html="", head_html=""
    )
    assert "Tram line extended again" in client.get(story.url_path).content.decode()

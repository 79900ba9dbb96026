"""What each public page tells the edge: its surrogate keys (xkey) and lifetime (Surrogate-Control),
while browsers keep the short Cache-Control and every security header."""

from datetime import timedelta

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db

EDGE = "http://127.0.0.1:9/"  # configured, never called: these tests only read pages


@pytest.fixture
def edge_on(settings):
    settings.EDGE_PURGE_URLS = [EDGE]
    settings.EDGE_SECONDS = 3600


def keys(response) -> set[str]:
    return set(response["xkey"].split())


def edge_lifetime(response) -> int:
    return int(response["Surrogate-Control"].removeprefix("max-age="))


def test_story_page_names_its_story_section_authors_and_tags(client, publish, edge_on):
    article = publish("Tram line reopens", section="City", author="Ana Ruiz",
                      tags=["Transit", "Night life"], body="<p>Trams run again.</p>")  # fmt: skip
    response = client.get(article.snapshot.url_path)
    assert response.status_code == 200
    assert keys(response) == {
        f"story-{article.pk}", "section-city", "author-ana-ruiz", "tag-transit", "tag-night-life",
        "site",
    }  # fmt: skip
    assert 3500 < edge_lifetime(response) <= 3600  # EDGE_SECONDS, less the seconds gone by
    # browsers: short
    assert response["Cache-Control"] == "public, max-age=60, stale-while-revalidate=30"
    assert "Content-Security-Policy" in response and "Permissions-Policy" in response
    # Served again from the page cache: the same keys and headers.
    again = client.get(article.snapshot.url_path)
    assert keys(again) == keys(response) and 3500 < edge_lifetime(again) <= 3600
    assert "Content-Security-Policy" in again and "Permissions-Policy" in again


def test_list_pages_feeds_and_sitemaps_name_what_they_list(client, publish, edge_on):
    article = publish("Tram line reopens", section="City", author="Ana Ruiz", tags=["Transit"],
                      body="<p>Trams run again.</p>")  # fmt: skip
    story = f"story-{article.pk}"  # a front names each story on it, and itself
    expected = {
        "/": {"front", "curated-home", story, "section-city"},  # and its rail of City
        "/city/": {"section-city", "curated-city", story},
        "/authors/ana-ruiz/": {"author-ana-ruiz"},
        "/tags/transit/": {"tag-transit"},
        "/search/?q=tram": {"front"},
        "/feeds/rss/": {"front"},
        "/feeds/sections/city/atom/": {"section-city"},
        "/feeds/authors/ana-ruiz/rss/": {"author-ana-ruiz"},
        "/feeds/tags/transit/rss/": {"tag-transit"},
        "/sitemap.xml": {"front", "policies"},
        "/sitemap-sections.xml": {"front"},
        "/sitemap-standards.xml": {"front", "policies"},
        "/corrections/": {"front", "policies"},
        "/corrections/feed/": {"front"},
        "/news-sitemap.xml": {"front"},
        "/api/stories/": {"front"},
        "/robots.txt": set(),
    }
    for url, names in expected.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert keys(response) == names | {"site"}, url
        assert response["Surrogate-Control"].startswith("max-age="), url


def test_a_taken_down_story_keeps_its_keys(client, publish, editor, edge_on):
    from articles import workflow

    article = publish("Tram line reopens", section="City", author="Ana Ruiz", tags=["Transit"],
                      body="<p>Trams run again.</p>")  # fmt: skip
    workflow.unpublish(editor, article, note="Wrong line.", mode="retracted")
    response = client.get(article.snapshot.url_path)
    assert response.status_code == 410
    assert f"story-{article.pk}" in keys(response)


def test_the_edge_never_keeps_a_page_past_the_next_scheduled_go_live(
    client, publish, editor, make_article, reporter, edge_on
):
    from articles import workflow

    publish("Tram line reopens", section="City", author="Ana Ruiz", tags=["Transit"],
            body="<p>Trams run again.</p>")  # fmt: skip
    later = make_article("Bridge opens", created_by=reporter)
    workflow.submit_for_review(reporter, later)
    workflow.publish(editor, later, at=timezone.now() + timedelta(seconds=90))
    assert 0 < edge_lifetime(client.get("/")) <= 90


def test_pages_that_are_not_found_carry_no_edge_lifetime(client, edge_on):
    response = client.get("/no-such-section/")
    assert response.status_code == 404
    assert "Surrogate-Control" not in response and "xkey" not in response


def test_without_an_edge_pages_carry_no_edge_headers(client, publish, settings):
    settings.EDGE_PURGE_URLS = []
    article = publish("Tram line reopens", section="City", author="Ana Ruiz", tags=["Transit"],
                      body="<p>Trams run again.</p>")  # fmt: skip
    response = client.get(article.snapshot.url_path)
    assert "xkey" not in response and "Surrogate-Control" not in response
    assert response["Cache-Control"] == "public, max-age=60, stale-while-revalidate=30"

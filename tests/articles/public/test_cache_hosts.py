"""The page cache keeps each host name's copy apart: absolute addresses a page prints for one
host are never served to a request for another."""

import pytest

from articles.models import PublishedArticle

pytestmark = pytest.mark.django_db


def test_a_cached_page_is_not_served_to_another_host(client, make_story):
    story = make_story("Bridge reopens after repairs")
    url = f"/api/stories/{story.article_id}/"

    first = client.get(url, HTTP_HOST="news.example.org").json()
    # Changed behind the cache's back: a cached copy still shows the old headline.
    PublishedArticle.objects.filter(pk=story.pk).update(headline="Bridge stays shut")
    again = client.get(url, HTTP_HOST="news.example.org").json()
    other = client.get(url, HTTP_HOST="mirror.example.net").json()

    assert first["links"][0]["href"] == f"http://news.example.org{story.url_path}"
    assert again["headline"] == "Bridge reopens after repairs"  # served from the cache
    assert other["headline"] == "Bridge stays shut"  # not the other host's cached copy
    assert other["links"][0]["href"] == f"http://mirror.example.net{story.url_path}"


def test_each_host_keeps_its_own_cached_list(client, make_story):
    for number in range(25):  # more than one API page, so the list prints a "next" address
        make_story(f"Story number {number}")

    a = client.get("/api/stories/", HTTP_HOST="a.example.org").json()
    b = client.get("/api/stories/", HTTP_HOST="b.example.org").json()
    a_again = client.get("/api/stories/", HTTP_HOST="a.example.org").json()

    assert a["next"] == "http://a.example.org/api/stories/?page=2"
    assert b["next"] == "http://b.example.org/api/stories/?page=2"
    assert a_again["next"] == a["next"]

"""An embargoed story leaves nothing on the public site until its embargo lifts.

A story with marker words in its headline, dek, body and tag is scheduled at its embargo
through the workflow; every public address is fetched as an anonymous reader and none holds
a marker, and the story's own address answers exactly as a story that does not exist. Then
the clock moves past the embargo (the clock views read and the one the page cache expires by)
and the story is everywhere, with nothing invalidated by hand.
"""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from articles import workflow

pytestmark = pytest.mark.django_db

MARKERS = ("quillozarine", "vexmoradune", "plinthabrook", "zyglomander")
HEADLINE, DEK, BODY, TAG = (f"The {word} report" for word in MARKERS)


def public_addresses(snapshot, *, neighbour, author_slug: str) -> list[str]:
    """Every public address that could show the story: lists, feeds, sitemaps, search, the
    API, robots, corrections, and a visible story of the same section and tag (its related
    links and JSON-LD)."""
    tag = "the-zyglomander-report"
    return [
        "/",
        "/?page=2",
        "/city/",
        f"/tags/{tag}/",
        "/tags/transit/",
        f"/authors/{author_slug}/",
        neighbour.url_path,
        "/feeds/rss/",
        "/feeds/atom/",
        "/feeds/sections/city/rss/",
        "/feeds/sections/city/atom/",
        f"/feeds/authors/{author_slug}/rss/",
        f"/feeds/authors/{author_slug}/atom/",
        f"/feeds/tags/{tag}/rss/",
        f"/feeds/tags/{tag}/atom/",
        "/feeds/tags/transit/rss/",
        "/sitemap.xml",
        "/sitemap-stories-1.xml",
        "/sitemap-sections.xml",
        "/sitemap-authors.xml",
        "/news-sitemap.xml",
        *(f"/search/?q={word}" for word in MARKERS),
        "/api/stories/",
        f"/api/stories/{snapshot.article_id}/",
        f"/api/stories/{neighbour.article_id}/",
        "/robots.txt",
        "/corrections/",
        "/corrections/feed/",
    ]


@pytest.fixture
def embargoed_and_neighbour(make_article, reporter, editor, embargo_time):
    """A visible story, and an embargoed one scheduled at its embargo (same section, author and
    a shared tag, so related links could show it), both published through the workflow."""
    neighbour = make_article("Harbor ferry adds a late sailing", created_by=reporter)
    neighbour.tags.set(["Transit"])
    workflow.submit_for_review(reporter, neighbour)
    neighbour_snapshot = workflow.publish(editor, neighbour)

    story = make_article(HEADLINE, slug="embargoed-report", dek=DEK, body=f"<p>{BODY}.</p>")
    story.created_by = reporter
    story.embargo_until = embargo_time
    story.save()
    story.tags.set([TAG, "Transit"])
    workflow.submit_for_review(reporter, story)
    snapshot = workflow.publish(editor, story, at=embargo_time)
    return snapshot, neighbour_snapshot


def _markers_in(body: str) -> list[str]:
    return [word for word in MARKERS if word in body.lower()]


def test_nothing_of_an_embargoed_story_is_public_until_the_embargo(
    client, embargoed_and_neighbour, author, embargo_time, monkeypatch
):
    snapshot, neighbour = embargoed_and_neighbour
    addresses = public_addresses(snapshot, neighbour=neighbour, author_slug=author.slug)

    for address in addresses:
        response = client.get(address)
        assert response.status_code < 500, address
        body = response.content.decode()
        # A page may repeat the words of its own address ("No stories match …"): only
        # those; nothing else of the story.
        assert _markers_in(body) == _markers_in(address), address
        assert snapshot.url_path not in body and HEADLINE not in body, address
    assert client.get(f"/api/stories/{snapshot.article_id}/").status_code == 404
    assert client.get("/tags/the-zyglomander-report/").status_code == 404  # as an unknown tag

    # Its address answers exactly as a story that never existed (same status, same page).
    story_page = client.get(snapshot.url_path)
    day = int(snapshot.url_path.rstrip("/").split("/")[-2])
    missing_path = snapshot.url_path.replace(f"/{day:02d}/", f"/{day % 28 + 1:02d}/")
    missing = client.get(missing_path)
    assert story_page.status_code == missing.status_code == 404
    assert story_page.content.decode().replace(snapshot.url_path, missing_path) == (
        missing.content.decode()
    )
    assert "xkey" not in story_page and "Surrogate-Control" not in story_page

    # After the embargo, on both clocks: the story is everywhere, nothing was invalidated.
    later = embargo_time + timedelta(seconds=1)
    offset = (later - timezone.now()).total_seconds()
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + offset)
    monkeypatch.setattr(timezone, "now", lambda: later)

    page = client.get(snapshot.url_path)
    assert page.status_code == 200
    assert set(_markers_in(page.content.decode())) == set(MARKERS)
    assert '"@type": "NewsArticle"' in page.content.decode() or "NewsArticle" in (
        page.content.decode()
    )
    for address in [
        "/",
        "/city/",
        "/tags/the-zyglomander-report/",
        f"/authors/{author.slug}/",
        "/feeds/rss/",
        "/feeds/tags/the-zyglomander-report/atom/",
        "/sitemap-stories-1.xml",
        "/news-sitemap.xml",
        f"/search/?q={MARKERS[2]}",
        "/api/stories/",
        f"/api/stories/{snapshot.article_id}/",
    ]:
        body = client.get(address).content.decode()
        assert snapshot.url_path in body or HEADLINE in body, address

"""RSS and Atom feeds, parsed with feedparser."""

import feedparser
import pytest

from articles.models import PublishedArticle

pytestmark = pytest.mark.django_db

IMAGE = {
    "url": "/media/renditions/7-1200w.jpg",
    "width": 1200,
    "height": 800,
    "bytes": 43210,
    "mime_type": "image/jpeg",
    "alt": "A crane over the harbor",
    "renditions": [],
}


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response, feedparser.parse(response.content)


@pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/atom/"])
def test_latest_feed_lists_stories_with_authors_categories_enclosures(client, make_story, url):
    make_story(
        "Harbor crane arrives",
        dek="The biggest crane yet.",
        authors=("mara", "teo"),
        tags=(("Port", "port"), ("Jobs", "jobs")),
        lead_image=IMAGE,
    )
    response, feed = parse(client, url)
    assert not feed.bozo, feed.bozo_exception
    entry = feed.entries[0]
    assert entry.title == "Harbor crane arrives"
    assert entry.summary == "The biggest crane yet."
    names = [person.name for person in entry.authors] if url.endswith("atom/") else [entry.author]
    assert "Mara Okonkwo" in " ".join(names) and "Teo Lindgren" in " ".join(names)
    assert {tag.term for tag in entry.tags} == {"Port", "Jobs"}
    enclosure = entry.enclosures[0]
    assert enclosure.href.endswith("/media/renditions/7-1200w.jpg")
    assert enclosure.type == "image/jpeg" and str(enclosure.length) == "43210"
    assert entry.link.startswith("http") and "/city/" in entry.link


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_section_author_and_tag_feeds_hold_only_their_stories(client, make_story, kind):
    make_story("City hall story", section="city", authors=("mara",), tags=(("Council", "council"),))
    make_story("Lab story", section="science", authors=("teo",), tags=(("Space", "space"),))
    for url, expected in [
        (f"/feeds/sections/city/{kind}/", "City hall story"),
        (f"/feeds/authors/teo-lindgren/{kind}/", "Lab story"),
        (f"/feeds/tags/council/{kind}/", "City hall story"),
    ]:
        _, feed = parse(client, url)
        assert not feed.bozo
        assert [entry.title for entry in feed.entries] == [expected]


def test_feeds_for_unknown_things_are_404(client, sections):
    assert client.get("/feeds/sections/nope/rss/").status_code == 404
    assert client.get("/feeds/authors/nobody/atom/").status_code == 404
    assert client.get("/feeds/tags/nothing/rss/").status_code == 404


def test_pages_link_their_feeds(client, make_story):
    make_story(tags=(("Council", "council"),))
    html = client.get("/tags/council/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert 'href="/feeds/tags/council/rss/"' in html and 'href="/feeds/tags/council/atom/"' in html
    html = client.get("/authors/mara-okonkwo/").content.decode()
    assert 'href="/feeds/authors/mara-okonkwo/atom/"' in html


def test_feeds_carry_the_whole_story_sanitised_with_absolute_links(client, make_story, settings):
    story = make_story("Harbor crane arrives", body="The crane is the biggest yet.")
    # Stored markup is sanitised at save; the feed sanitises again whatever a snapshot holds.
    PublishedArticle.objects.filter(pk=story.pk).update(
        body_html='<p>The crane is <a href="/city/">the biggest</a> yet.</p>'
        "<script>alert(1)</script><p>It came by sea.</p>"
    )
    for url in ("/feeds/rss/", "/feeds/atom/"):
        _, feed = parse(client, url)
        assert not feed.bozo, feed.bozo_exception
        [content] = feed.entries[0].content
        assert "It came by sea." in content.value and "biggest" in content.value
        assert "<script" not in content.value and "alert(1)" not in content.value
        assert f'href="{settings.SITE_URL}/city/"' in content.value


def test_feeds_give_the_picture_as_media_content_with_its_credit(client, make_story):
    make_story(lead_image={**IMAGE, "credit": "Ana Ruiz / The Lantern", "caption": "At dawn."})
    for url in ("/feeds/rss/", "/feeds/atom/"):
        _, feed = parse(client, url)
        entry = feed.entries[0]
        [media] = entry.media_content
        assert media["url"].endswith("/media/renditions/7-1200w.jpg") and media["url"].startswith(
            "http"
        )
        assert media["medium"] == "image" and media["width"] == "1200"
        assert entry.media_credit[0]["content"] == "Ana Ruiz / The Lantern"


def test_atom_names_each_co_author_with_their_page(client, make_story, settings):
    make_story(authors=("mara", "teo"))
    _, feed = parse(client, "/feeds/atom/")
    authors = feed.entries[0].authors
    assert [(a.name, a.href) for a in authors] == [
        ("Mara Okonkwo", f"{settings.SITE_URL}/authors/mara-okonkwo/"),
        ("Teo Lindgren", f"{settings.SITE_URL}/authors/teo-lindgren/"),
    ]


def test_feeds_list_more_than_ten_stories(client, make_story):
    for number in range(14):
        make_story(f"Story number {number}")
    for url in ("/feeds/rss/", "/feeds/atom/"):
        _, feed = parse(client, url)
        assert len(feed.entries) == 14

"""Canonical, Open Graph, Twitter and NewsArticle JSON-LD on story pages."""

import json
import re

import pytest

pytestmark = pytest.mark.django_db


def jsonld(html: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_story_has_valid_news_article_jsonld(client, make_story, settings):
    story = make_story(
        "Tide gauge records a new high",
        authors=("mara", "teo"),
        tags=(("Climate", "climate"),),
        lead_image={"url": "/media/r/9-1200w.jpg", "width": 1200, "height": 800, "renditions": []},
    )
    html = client.get(story.url_path).content.decode()
    data = jsonld(html)
    assert data["@type"] == "ReportageNewsArticle"  # the type of work "news"
    assert data["headline"] == "Tide gauge records a new high"
    assert data["url"] == settings.SITE_URL + story.url_path
    assert data["datePublished"] and data["dateModified"]
    assert data["author"][0] == {
        "@type": "Person",
        "name": "Mara Okonkwo",
        "url": settings.SITE_URL + "/authors/mara-okonkwo/",
        "jobTitle": "City hall reporter",
    }
    assert data["publisher"]["name"] == settings.SITE_NAME
    assert data["image"][0]["url"] == settings.SITE_URL + "/media/r/9-1200w.jpg"
    assert data["articleSection"] == "City"
    assert data["keywords"] == ["Climate"]


def test_jsonld_escapes_script_end_tags(client, make_story):
    story = make_story("Why </script><script>alert(1)</script> is text", dek="a & b <!-- c")
    html = client.get(story.url_path).content.decode()
    data = jsonld(html)
    assert data["headline"].startswith("Why </script><script>")
    assert data["description"] == "a & b <!-- c"
    assert "<script>alert(1)" not in html


def test_story_has_canonical_open_graph_and_twitter_tags(client, make_story, settings):
    story = make_story("Bridge repainted", dek="Blue again.")
    html = client.get(story.url_path).content.decode()
    assert f'<link rel="canonical" href="{settings.SITE_URL}{story.url_path}">' in html
    assert '<meta name="description" content="Blue again.">' in html
    assert '<meta property="og:title" content="Bridge repainted">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta name="twitter:card" content="summary">' in html

"""The story page's head markup, rendered at publish time into the snapshot (head_html).

What readers and crawlers get in <head> (title, description, canonical, Open Graph, Twitter,
NewsArticle JSON-LD) is the stored markup; a re-publish replaces it; snapshots published
before it was stored, and previews, still get a full head rendered on the spot.
"""

import json
import re

import pytest
from django.urls import reverse

from articles import workflow
from articles.models import PublishedArticle
from articles.public.structured_data import with_site_url

pytestmark = pytest.mark.django_db


def head_of(html: str) -> str:
    return html.split("<head>", 1)[1].split("</head>", 1)[0]


def jsonld(html: str) -> dict:
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block)


def meta(html: str, prop: str) -> str:
    [value] = re.findall(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)">', html)
    return value


def canonical(html: str) -> str:
    [value] = re.findall(r'<link rel="canonical" href="([^"]*)">', html)
    return value


@pytest.fixture
def published(publish_through_workflow):
    return publish_through_workflow(
        "Harbour ferry adds a late sailing",
        dek="The 23:40 boat runs from Monday.",
        body="<p>The ferry company will add one sailing on weeknights.</p>",
    )


def test_published_head_is_the_one_the_page_serves(client, published, settings):
    _, snapshot = published
    stored = with_site_url(PublishedArticle.objects.get(pk=snapshot.pk).head_html)
    html = client.get(snapshot.url_path).content.decode()

    assert stored and stored in head_of(html)
    url = settings.SITE_URL + snapshot.url_path
    assert canonical(stored) == canonical(html) == url
    assert meta(stored, "og:title") == meta(html, "og:title") == "Harbour ferry adds a late sailing"
    assert meta(html, "description") == "The 23:40 boat runs from Monday."
    assert "<title>Harbour ferry adds a late sailing — " in stored
    data = jsonld(html)
    assert data == jsonld(stored)
    assert data["@type"] == "ReportageNewsArticle" and data["url"] == url
    assert data["headline"] == "Harbour ferry adds a late sailing"
    assert data["keywords"] == ["Transit"]
    assert head_of(html).count("<title>") == 1  # the stored head replaces the generic one


def test_republishing_replaces_the_stored_head(
    client, published, people, django_capture_on_commit_callbacks
):
    article, snapshot = published
    client.get(snapshot.url_path)  # cached now; the publish must clear it
    article.refresh_from_db()
    article.headline = "Harbour ferry adds two late sailings"
    workflow.save_article(people["editor"], article, expected_version=article.version)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(people["editor"], article)

    stored = PublishedArticle.objects.get(pk=snapshot.pk).head_html
    html = client.get(snapshot.url_path).content.decode()
    assert meta(stored, "og:title") == meta(html, "og:title")
    assert meta(html, "og:title") == "Harbour ferry adds two late sailings"
    assert jsonld(html)["headline"] == "Harbour ferry adds two late sailings"
    assert jsonld(html)["dateModified"] != jsonld(html)["datePublished"]
    assert "adds a late sailing" not in head_of(html)


def test_snapshot_without_stored_head_still_gets_a_full_head(client, published, settings):
    _, snapshot = published
    with_stored = client.get(snapshot.url_path).content.decode()
    PublishedArticle.objects.filter(pk=snapshot.pk).update(head_html="")  # published before
    settings.PUBLIC_PAGE_CACHE = False

    html = client.get(snapshot.url_path).content.decode()
    assert head_of(html) == head_of(with_stored)  # rendered now, the same markup
    assert canonical(html) == settings.SITE_URL + snapshot.url_path
    assert meta(html, "og:title") == "Harbour ferry adds a late sailing"
    assert jsonld(html)["headline"] == "Harbour ferry adds a late sailing"


def test_preview_has_its_own_head_not_the_stored_one(client, published, people):
    article, _ = published
    article.refresh_from_db()
    article.headline = "Harbour ferry adds a night sailing"
    workflow.save_article(people["editor"], article, expected_version=article.version)
    client.force_login(people["editor"])

    response = client.get(reverse("admin:articles_article_preview", args=[article.pk]))
    head = head_of(response.content.decode())
    assert "<title>Harbour ferry adds a night sailing — " in head  # the working copy
    assert '<meta name="description" content="The 23:40 boat runs from Monday.">' in head
    assert '<meta name="robots" content="noindex, nofollow">' in head
    assert "canonical" not in head and "ld+json" not in head  # previews are not indexable


def test_a_new_site_url_leaves_no_stale_address_in_a_stored_head(client, published, settings):
    """A move to another domain or to HTTPS needs no re-render: the stored head names no host."""
    _, snapshot = published
    stored = PublishedArticle.objects.get(pk=snapshot.pk).head_html
    assert settings.SITE_URL not in stored
    client.get(snapshot.url_path)  # cached under the old address

    settings.SITE_URL = "https://news.example.org"
    html = client.get(snapshot.url_path).content.decode()
    head = head_of(html)
    url = "https://news.example.org" + snapshot.url_path
    assert canonical(html) == meta(html, "og:url") == jsonld(html)["url"] == url
    assert jsonld(html)["publisher"]["url"] == "https://news.example.org/"
    assert "127.0.0.1" not in head and "\ue011" not in head


def test_a_head_stored_with_its_host_is_rendered_anew(client, published, settings):
    """Markup stored before the host was left out names the old host: it is not served."""
    _, snapshot = published
    old = with_site_url(PublishedArticle.objects.get(pk=snapshot.pk).head_html)
    PublishedArticle.objects.filter(pk=snapshot.pk).update(head_html=old)
    settings.SITE_URL = "https://news.example.org"
    html = client.get(snapshot.url_path).content.decode()
    assert canonical(html) == "https://news.example.org" + snapshot.url_path
    assert "127.0.0.1" not in head_of(html)

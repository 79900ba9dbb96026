"""Comments on the text are staff-only: like confidential sources, they never reach the
public site, the API, feeds, sitemaps, search or the public snapshot.

A story gets comments and replies holding unique marker words, is published through the
workflow, then every public address (from the URLconf and the snapshots, following links) is
fetched anonymously, and the snapshot's stored fields are read: no marker anywhere.
"""

import pytest
from django.urls import reverse

from articles import workflow
from articles.collaboration import comments
from articles.models import PublishedArticle
from tests.sources.test_confidentiality_sweep import PREFIX, crawl, public_start_urls

pytestmark = pytest.mark.django_db

MARKER = f"{PREFIX}-comment"


@pytest.fixture
def commented_and_published(make_article, reporter, editor, django_capture_on_commit_callbacks):
    story = make_article(
        "Harbor budget passes after a long night",
        body="<p>Members voted 7-2 to approve the harbor budget.</p><p>The mayor was pleased.</p>",
        created_by=reporter,
    )
    with django_capture_on_commit_callbacks(execute=True):
        thread = comments.add_comment(
            reporter,
            story,
            text=f"{MARKER}-text @edna please check",
            quote="voted 7-2",
            prefix="Members ",
            suffix=" to approve",
        )
        comments.add_comment(editor, story, text=f"{MARKER}-reply confirmed", parent=thread)
        comments.add_comment(editor, story, text=f"{MARKER}-second", quote="The mayor was pleased")
    comments.resolve_thread(editor, thread)
    workflow.submit_for_review(reporter, story)
    workflow.publish(editor, story)
    # A comment made on the live story too.
    comments.add_comment(editor, story, text=f"{MARKER}-after-publish", quote="harbor budget")
    return story


def test_the_markers_are_in_the_editorial_side(commented_and_published, client, editor):
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_change", args=[commented_and_published.pk]))
    html = page.content.decode()
    assert f"{MARKER}-text" in html and f"{MARKER}-reply" in html


def test_no_public_address_shows_a_comment(commented_and_published, client):
    start = public_start_urls() + [
        f"{reverse('search')}?q={MARKER}-text",
        f"{reverse('search')}?q=please+check",
    ]
    results = crawl(client, start, limit=400, skip=("/admin/", "/static/", "/media/"))
    leaks = {url: found for url, (status, found) in results.items() if found}
    assert not leaks
    assert not {url: status for url, (status, _) in results.items() if status >= 500}
    ok = {url for url, (status, _) in results.items() if status == 200}
    snapshot = PublishedArticle.objects.get(article=commented_and_published)
    assert snapshot.url_path in ok
    assert any(url.startswith("/api/stories/") for url in ok)
    assert any("feed" in url for url in ok) and any("sitemap" in url for url in ok)


def test_public_search_for_comment_words_finds_nothing(commented_and_published, client):
    snapshot = PublishedArticle.objects.get(article=commented_and_published)
    for term in (f"{MARKER}-text", "please check", "confirmed"):
        page = client.get(reverse("search"), {"q": term}).content.decode()
        assert snapshot.url_path not in page, term
    assert (
        snapshot.url_path in client.get(reverse("search"), {"q": "harbor budget"}).content.decode()
    )


def test_the_snapshot_stores_no_comment(commented_and_published):
    snapshot = PublishedArticle.objects.get(article=commented_and_published)
    for field in snapshot._meta.concrete_fields:
        assert MARKER not in str(getattr(snapshot, field.attname)), field.name
    assert "please check" not in snapshot.article_html

"""A story may carry a search headline (the page title search engines show) and a social
headline (link previews); empty, both fall back to the headline. They go out only with a
publish, are typed on the story form with a length guide, and show in the revision diff."""

import re

import pytest
from django.urls import reverse

from articles import workflow
from articles.workflow import revisions
from tests.articles.public.test_head_markup import meta

pytestmark = pytest.mark.django_db


def title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html).group(1)


def test_the_page_title_and_link_cards_use_their_own_headlines(client, publish_through_workflow):
    _, snapshot = publish_through_workflow(
        "Council votes 7-2 to rezone the old rail yard for 600 homes after a long night",
        seo_headline="Rail yard rezoned for 600 homes",
        social_headline="After a 5-hour meeting, the rail yard will become homes",
    )
    html = client.get(snapshot.url_path).content.decode()
    assert title(html).startswith("Rail yard rezoned for 600 homes — ")
    assert meta(html, "og:title") == "After a 5-hour meeting, the rail yard will become homes"
    assert meta(html, "twitter:title") == meta(html, "og:title")
    # The page itself and its structured data keep the real headline.
    assert "<h1" in html and "Council votes 7-2 to rezone the old rail yard" in html


def test_empty_they_fall_back_to_the_headline(client, publish_through_workflow):
    _, snapshot = publish_through_workflow("Tram line reopens after repairs")
    html = client.get(snapshot.url_path).content.decode()
    assert title(html).startswith("Tram line reopens after repairs — ")
    assert meta(html, "og:title") == "Tram line reopens after repairs"


def test_an_edit_waits_for_the_next_publish(client, publish_through_workflow, people):
    article, snapshot = publish_through_workflow("Tram line reopens after repairs")
    article.seo_headline = "Tram line open again"
    workflow.save_article(people["editor"], article, expected_version=article.version)
    html = client.get(snapshot.url_path).content.decode()
    assert title(html).startswith("Tram line reopens after repairs — ")


def test_the_story_form_takes_them_and_refuses_markup(client, make_article, reporter):
    from tests.conftest import story_form_data

    article = make_article("Ferry fares rise", created_by=reporter)
    workflow.save_article(reporter, article, expected_version=article.version)  # revision 1
    client.force_login(reporter)
    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert 'name="seo_headline"' in page and 'name="social_headline"' in page
    assert "Headlines for search and social" in page
    url, data, _ = story_form_data(
        client, article, seo_headline="<script>alert(1)</script>Fares rise", social_headline=""
    )
    response = client.post(url, data)
    assert response.status_code == 200  # shown again with the error, typed text kept
    assert "&lt;script&gt;alert(1)&lt;/script&gt;Fares rise" in response.content.decode()
    url, data, _ = story_form_data(client, article, seo_headline="Ferry fares rise 50 cents")
    assert client.post(url, data).status_code == 302
    article.refresh_from_db()
    assert article.seo_headline == "Ferry fares rise 50 cents"
    versions = sorted(revisions.numbered_versions(article), key=lambda pair: pair[0])
    old, new = [revisions.revision_data(v) for _, v in versions[-2:]]
    changed = {row["field"] for row in revisions.diff_revisions(old, new)}
    assert "seo_headline" in changed

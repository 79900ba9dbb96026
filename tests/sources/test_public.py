"""What readers see of sourcing: the box, corrections, the corrections page and feed, the
standards pages and the JSON-LD additions; never a confidential field."""

import json
import re

import feedparser
import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from articles.models import PublishedArticle
from articles.public.cache import invalidate_public_cache
from sources.models import Correction, PolicyKind, PolicyPage
from sources.public_sourcing import jsonld_extras, public_attributions, sourcing_box

from .conftest import publish_story

pytestmark = pytest.mark.django_db

SECRETS = [
    "Deputy director",
    "Signal only",
    "Met at the diner",
    "Board vote pending",
    "repair planning group",
    "enid-editor",
]


def test_public_attributions_and_box_carry_no_confidential_data(sourced_story):
    data = json.dumps([public_attributions(sourced_story), sourcing_box(sourced_story)])
    for secret in SECRETS:
        assert secret not in data
    box = sourcing_box(sourced_story)
    assert box["named"] == [{"name": "Odile Brandt", "descriptor": "D-Ward 3"}]
    assert box["outlets"] == [{"name": "The Lantern Gazette", "reported_on": "2026-03-02"}]
    assert box["anonymous"] == [
        {
            "descriptor": "Harbor Authority officials",
            "reason": "because the board has not voted on the closure",
            "count": 3,
        }
    ]
    assert box["anonymous_count"] == 3
    assert box["declined"] == ["Ferry Operators Union Local 9"]
    # The registry name of the anonymous source is editorial, not public.
    assert "terminal repairs" not in data


def test_three_standards_pages_exist_and_are_editable_rows(client):
    assert set(PolicyPage.objects.values_list("kind", flat=True)) == set(PolicyKind.values)
    page = PolicyPage.objects.get(kind="unnamed-sources")
    page.body = "Our rules for unnamed sources, rewritten."
    page.save()
    response = client.get(reverse("policy", kwargs={"kind": "unnamed-sources"}))
    assert "rewritten" in response.content.decode()
    assert client.get("/policies/no-such-policy/").status_code == 404


def test_jsonld_extras_cite_outlets_and_list_corrections(sourced_story, correction):
    snapshot = publish_story(sourced_story)
    extras = jsonld_extras(snapshot)
    assert extras["citation"] == [
        {
            "@type": "CreativeWork",
            "name": "The pilings failed an inspection.",
            "publisher": {
                "@type": "NewsMediaOrganization",
                "name": "The Lantern Gazette",
                "url": "https://gazette.example/",
            },
            "datePublished": "2026-03-02",
        }
    ]
    [item] = extras["correction"]
    assert item["@type"] == "CorrectionComment" and item["text"] == correction.text
    # The policies are the organization's, not the article's (validators flag them there).
    assert not {"unnamedSourcesPolicy", "correctionsPolicy", "publishingPrinciples"} & set(extras)
    for secret in SECRETS:
        assert secret not in json.dumps(extras)


def test_a_named_document_is_cited_with_its_name_and_address_and_no_anonymous_source_is(
    sourced_story, registry
):
    from sources.models import Attribution, Source

    report = Source.objects.create(
        kind="document",
        name="Harbor Authority pier inspection report, 2026",
        url="https://harbor.example/reports/pier-2026.pdf",
    )
    Attribution.objects.create(article=sourced_story, source=report, kind="paraphrased", position=9)
    snapshot = publish_story(sourced_story)
    citations = jsonld_extras(snapshot)["citation"]
    assert {
        "@type": "CreativeWork",
        "name": "Harbor Authority pier inspection report, 2026",
        "url": "https://harbor.example/reports/pier-2026.pdf",
    } in citations
    assert all(c.get("name") for c in citations)
    assert "Harbor Authority officials" not in json.dumps(citations)  # the anonymous ones


def test_jsonld_extras_need_no_query(sourced_story, django_assert_num_queries):
    snapshot = publish_story(sourced_story)
    snapshot = PublishedArticle.objects.get(pk=snapshot.pk)
    with django_assert_num_queries(0):
        jsonld_extras(snapshot)


def test_story_page_shows_box_kind_of_work_corrections_and_jsonld(
    client, sourced_story, correction
):
    snapshot = publish_story(sourced_story)
    page = client.get(snapshot.url_path).content.decode()
    assert "How we sourced this" in page
    assert "Type of work: <strong>News</strong>" in page
    assert "The Lantern Gazette, reported on March 2, 2026" in page
    assert "3 sources spoke on condition of anonymity" in page
    assert "Declined to comment: Ferry Operators Union Local 9" in page
    assert "Odile Brandt (D-Ward 3)" in page
    assert correction.text in page
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    if blocks:  # the public-site JSON-LD merges jsonld_extras in
        data = [json.loads(block) for block in blocks]
        assert any("unnamedSourcesPolicy" in json.dumps(d) for d in data)
    for secret in SECRETS:
        assert secret not in page


def test_sourcing_box_template_renders_snapshot_data():
    story = PublishedArticle(
        kind_of_work="analysis",
        how_we_reported="We read 400 pages of filings.",
        sourcing={
            "named": [],
            "outlets": [],
            "anonymous": [{"descriptor": "a port engineer", "reason": "", "count": 1}],
            "anonymous_count": 1,
            "declined": [],
            "no_response": ["Tidewater Shipping"],
        },
    )
    html = render_to_string("articles/includes/sourcing_box.html", {"story": story})
    assert "Type of work: <strong>Analysis</strong>" in html
    assert "1 source spoke on condition of anonymity" in html
    assert "A port engineer." in html
    assert "Did not respond to a request for comment: Tidewater Shipping." in html
    assert "Named sources" not in html


def test_how_we_reported_note_appears_once_on_the_story(client, make_article):
    from django.template.loader import render_to_string as render

    story = PublishedArticle(
        headline="H", how_we_reported="We read 400 pages of filings.", sourcing={}
    )
    html = render("articles/includes/story_article.html", {"story": story})
    assert html.count("We read 400 pages of filings.") == 1


def test_corrections_page_and_feed_list_published_corrections_newest_first(
    client, sourced_story, correction
):
    publish_story(sourced_story)
    later = Correction.objects.create(
        article=sourced_story, kind="clarification", text="The closure affects only the north pier."
    )
    Correction.objects.create(
        article=sourced_story, kind="correction", text="Not yet published correction."
    )
    # The later correction goes out with the next update of the story.
    Correction.objects.filter(pk=later.pk).update(is_published=True)
    Correction.objects.filter(text__startswith="Not yet").update(is_published=False)
    snapshot = PublishedArticle.objects.get(article=sourced_story)
    from sources.public_sourcing import public_corrections

    snapshot.corrections = public_corrections(sourced_story)
    snapshot.save(update_fields=["corrections"])

    page = client.get(reverse("corrections")).content.decode()
    assert page.index(later.text) < page.index(correction.text)
    assert "Not yet published" not in page
    assert f'href="{snapshot.url_path}#corrections"' in page
    assert reverse("corrections-feed") in page

    feed = feedparser.parse(client.get(reverse("corrections-feed")).content)
    assert [entry.title for entry in feed.entries] == [
        f"Clarification: {sourced_story.headline}",
        f"Correction: {sourced_story.headline}",
    ]
    assert feed.entries[1].summary == correction.text
    assert feed.entries[0].link.endswith(snapshot.url_path + "#corrections")


def test_withdrawn_story_takes_its_corrections_off_the_corrections_page(
    client, sourced_story, correction
):
    snapshot = publish_story(sourced_story)
    assert correction.text in client.get(reverse("corrections")).content.decode()
    snapshot.status = "withdrawn"
    snapshot.save(update_fields=["status"])
    invalidate_public_cache()  # as the workflow's withdraw does; this write bypasses it
    page = client.get(reverse("corrections")).content.decode()
    assert correction.text not in page and "No corrections so far." in page

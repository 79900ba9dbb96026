"""Search: phrases, exclusions, ranking by field and recency, snippets, filters, odd input."""

from datetime import timedelta

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def results(client, **params) -> str:
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def library(make_story):
    now = timezone.now()
    return {
        "headline": make_story(
            "Lighthouse keeper retires after forty years",
            dek="A last night on the rocks.",
            body="She climbed the stairs every evening.",
            published_at=now - timedelta(days=3),
        ),
        "body": make_story(
            "Harbor budget passes",
            dek="Money for docks and cranes.",
            body="The plan also repairs the old lighthouse on the point.",
            published_at=now - timedelta(days=2),
        ),
        "phrase": make_story(
            "Night markets return",
            dek="Stalls along the river.",
            body="Vendors sold green tea ice cream until midnight.",
            section="science",
            published_at=now - timedelta(days=1),
        ),
        "words": make_story(
            "Garden club meets",
            dek="Members compared notes.",
            body="Someone brought green apples, another brought tea and cream cakes.",
            published_at=now - timedelta(days=1),
        ),
    }


def test_headline_match_outranks_body_match(client, library):
    html = results(client, q="lighthouse")
    assert html.index("Lighthouse keeper retires") < html.index("Harbor budget passes")


def test_recency_breaks_ties_between_equal_matches(client, make_story):
    now = timezone.now()
    make_story("Old ferry news", body="ferry", published_at=now - timedelta(days=200))
    make_story("New ferry news", body="ferry", published_at=now - timedelta(days=1))
    html = results(client, q="ferry")
    assert html.index("New ferry news") < html.index("Old ferry news")


def test_quoted_phrase_matches_only_the_phrase(client, library):
    html = results(client, q='"green tea ice cream"')
    assert "Night markets return" in html
    assert "Garden club meets" not in html


def test_minus_word_excludes_and_or_accepts_either(client, library):
    html = results(client, q="green -apples")
    assert "Night markets return" in html and "Garden club meets" not in html
    html = results(client, q="cranes or midnight")
    assert "Harbor budget passes" in html and "Night markets return" in html


def test_snippet_highlights_terms_and_escapes_text(client, make_story):
    make_story("Odd text", body="Fees rose 5% & taxes < 2% near the lighthouse <b>yesterday</b>.")
    html = results(client, q="lighthouse")
    snippet = html.split('class="snippet">')[1].split("</p>")[0]
    assert "<mark>lighthouse</mark>" in snippet
    assert "&amp; taxes &lt; 2%" in snippet
    assert "<b>" not in snippet


def test_filters_by_section_and_dates(client, library):
    html = results(client, q="green", section="science")
    assert "Night markets return" in html and "Garden club meets" not in html
    day = timezone.localdate(library["headline"].published_at)
    html = results(client, q="lighthouse", to=day.isoformat())
    assert "Lighthouse keeper retires" in html and "Harbor budget passes" not in html
    html = results(client, q="lighthouse", **{"from": (day + timedelta(days=1)).isoformat()})
    assert "Lighthouse keeper retires" not in html and "Harbor budget passes" in html


def test_no_results_page_helps(client, library):
    html = results(client, q="zeppelin")
    assert "No stories match “zeppelin”" in html
    assert "latest stories" in html


@pytest.mark.parametrize(
    "query",
    ["", "   ", '"unclosed', "-", "or or or", "!!! & | :* ()", "a\x00b", "x" * 5000, "' OR 1=1 --"],
)
def test_empty_and_hostile_queries_are_fine(client, library, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "<h1>Search" in response.content.decode()


def test_a_nul_in_the_section_is_dropped(client, library):
    html = results(client, q="green", section="science\x00")
    assert "Night markets return" in html and "Garden club meets" not in html


@pytest.mark.parametrize(
    "query",
    ["-" * 33, "-" * 200, "- " * 60, "-!" * 60, "-&" * 60, "-(" * 60, "- -" * 60],
)
def test_runs_of_dashes_give_a_page_with_a_note_not_an_error(client, library, query):
    """PostgreSQL's parser overflows on these ("tsquery stack too small")."""
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "no words to look for" in html or "No stories match" in html


def test_dashes_before_a_word_still_exclude_it(client, library):
    html = results(client, q="green " + "-" * 40 + "apples")
    assert "Night markets return" in html and "Garden club meets" not in html
    html = results(client, q="lighthouse " + "-!" * 50)
    assert "Lighthouse keeper retires" in html


def test_a_query_postgresql_refuses_gives_a_message(client, library, monkeypatch):
    from articles.public import search

    # Whatever else the parser may refuse one day: the reader gets a page that says so.
    monkeypatch.setattr(search, "STRAY_DASHES", search.re.compile(r"(?!)"))
    monkeypatch.setattr(search, "DASH_RUNS", search.re.compile(r"(?!)"))
    response = client.get("/search/", {"q": "lighthouse " + "-" * 40})
    assert response.status_code == 200
    html = response.content.decode()
    assert "We could not read this search" in html
    assert "No stories match" in html


def test_bad_dates_are_ignored_with_a_note(client, library):
    html = results(client, q="lighthouse", **{"from": "yesterday"})
    assert "must be a date" in html
    assert "Lighthouse keeper retires" in html


@pytest.mark.parametrize(
    ("params", "note"),
    [
        ({"section": "city/../x"}, "That section does not exist"),
        ({"section": "x" * 500}, "That section does not exist"),
        ({"to": "9999-12-31"}, "“To” must be between"),
        ({"from": "0001-01-01"}, "“From” must be between"),
    ],
)
def test_odd_filters_are_ignored_with_a_note_not_an_error(client, library, params, note):
    response = client.get("/search/", {"q": "lighthouse", **params})
    assert response.status_code == 200
    html = response.content.decode()
    assert note in html
    assert "Lighthouse keeper retires" in html


def test_search_results_paginate(client, make_story):
    for n in range(15):
        make_story(f"Tidal report {n}", body="tides")
    first = results(client, q="tides")
    assert "15 stories found" in first and "Page 1 of 2" in first
    assert 'href="?q=tides&amp;page=2"' in first
    second = results(client, q="tides", page="2")
    assert second.count('class="card"') == 3


def test_a_search_matching_more_than_the_ranked_candidates_says_more_than(
    client, make_story, monkeypatch
):
    from articles.public import search

    monkeypatch.setattr(search, "CANDIDATES", 4)
    now = timezone.now()
    for n in range(6):
        make_story(f"Ferry timetable {n}", body="ferry", published_at=now - timedelta(days=n))
    html = results(client, q="ferry")
    assert "More than 4 stories found" in html
    # Only the newest candidates are ranked and listed: the two oldest matches are not.
    assert "Ferry timetable 3" in html and "Ferry timetable 4" not in html
    assert "Ferry timetable 5" not in html


def snippet_of(html: str) -> str:
    return html.split('class="snippet">')[1].split("</p>")[0]


def test_a_card_seen_in_one_search_shows_the_next_searchs_own_snippet(client, make_story):
    make_story("Harbor works", body="The crane lifted the hull. At dawn the ferry left the quay.")
    first = snippet_of(results(client, q="crane"))
    second = snippet_of(results(client, q="ferry"))
    assert "<mark>crane</mark>" in first and "<mark>ferry</mark>" not in first
    assert "<mark>ferry</mark>" in second and "<mark>crane</mark>" not in second


def test_a_republished_story_shows_its_new_headline_in_search(client, make_story):
    from articles.models import PublishedArticle
    from articles.public.cache import invalidate_public_cache

    story = make_story("Bridge closes for repairs", body="bridge")
    assert "Bridge closes for repairs" in results(client, q="bridge")
    # As a correction's publish does: new snapshot data and update time, caches invalidated.
    PublishedArticle.objects.filter(pk=story.pk).update(
        headline="Bridge reopens early", updated_at=story.updated_at + timedelta(minutes=5)
    )
    invalidate_public_cache()
    html = results(client, q="bridge")
    assert "Bridge reopens early" in html and "Bridge closes for repairs" not in html


def test_search_cards_look_like_the_sites_other_story_cards(client, make_story):
    from django.template.loader import render_to_string

    from articles.public.search import clean_params, search_stories

    image = {
        "url": "/media/r/3-800w.jpg", "width": 800, "height": 533, "alt": "Reading room",
        "renditions": [{"url": "/media/r/3-800w.webp", "width": 800, "height": 533,
                        "format": "webp"}],
    }  # fmt: skip
    make_story("Library hours grow", body="The library opens at seven.", lead_image=image)
    make_story("Library fines end", dek="", body="No fines for late library books.")
    html = results(client, q="library")
    assert html.count('class="card"') == 2 and "<picture>" in html
    page = search_stories(clean_params({"q": "library"}), None)
    expected = render_to_string(
        "includes/story_list.html",
        {"stories": page.object_list, "show_section": True, "eager_first": False},
    )
    for _ in range(2):  # rendered, then from the card cache
        shown = html.split('<ul class="story-list">')[1].split("</ul>")[0]
        assert (
            shown.split() == expected.split('<ul class="story-list">')[1].split("</ul>")[0].split()
        )
        html = results(client, q="library", section="city")


@pytest.mark.parametrize("page", ["2", "99", "abc", "0", "-1"])
def test_a_page_number_past_the_results_is_not_found(client, library, page):
    response = client.get("/search/", {"q": "lighthouse", "page": page})
    assert response.status_code == 404


@pytest.mark.django_db(transaction=True)
def test_after_a_refused_query_a_readers_next_search_works(client, library, monkeypatch):
    """A reader's request runs in autocommit (no transaction to protect, no savepoint)."""
    from articles.public import search

    monkeypatch.setattr(search, "STRAY_DASHES", search.re.compile(r"(?!)"))
    monkeypatch.setattr(search, "DASH_RUNS", search.re.compile(r"(?!)"))
    refused = client.get("/search/", {"q": "lighthouse " + "-" * 40})
    assert "We could not read this search" in refused.content.decode()
    assert "Lighthouse keeper retires" in results(client, q="lighthouse keeper")


def test_a_phrase_search_marks_the_phrases_words_in_the_snippet(client, library):
    snippet = snippet_of(results(client, q='"green tea ice cream"'))
    assert "<mark>green</mark> <mark>tea</mark> <mark>ice</mark> <mark>cream</mark>" in snippet


def test_a_headline_with_every_word_outranks_a_body_that_repeats_them(client, make_story):
    now = timezone.now()
    make_story(
        "Council budget vote delayed",
        dek="A short note.",
        body="The meeting ends early.",
        published_at=now - timedelta(days=2),
    )
    make_story(
        "Weekend market notes",
        dek="Stalls and prices.",
        body=" ".join(["The council spoke of the budget before the vote."] * 40),
        published_at=now - timedelta(days=1),
    )
    for query in ("council budget vote", "budget vote"):
        html = results(client, q=query)
        assert html.index("Council budget vote delayed") < html.index("Weekend market notes"), query

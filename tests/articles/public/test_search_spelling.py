"""Search: "Did you mean …?" from the archive's own words (pg_trgm), bylines, sort by date,
one search box, and hostile queries answered with bounded work."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import workflow
from articles.models import PublicStatus, PublishedArticle, SearchWord
from articles.public.spelling import suggestions, words

pytestmark = pytest.mark.django_db


def results(client, **params) -> str:
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def archive(make_story):
    stories = {
        "storm": make_story(
            "Nor’easter knocks out power across the bay",
            dek="Crews worked through the night.",
            body="The storm left forty thousand homes without power until morning.",
        ),
        "ferry": make_story("Ferry fares rise in spring", body="Commuters will pay more."),
    }
    words.rebuild()
    return stories


def test_a_misspelt_word_gets_a_did_you_mean_that_finds_the_story(client, archive):
    html = results(client, q="powr")
    assert "No stories match “powr”" in html
    assert 'Did you mean <a href="/search/?q=power">power</a>?' in html
    assert "Nor’easter knocks out power" in results(client, q="power")


def test_only_the_unknown_words_are_replaced_and_filters_are_kept(client, archive):
    html = results(client, q="noreaster bay", section="city")
    assert (
        'Did you mean <a href="/search/?q=nor%27easter+bay&amp;section=city">nor&#x27;easter bay</a>?'
        in html
    )
    # The suggestion must find a story with the same filters: in Science it finds none.
    assert "Did you mean" not in results(client, q="noreaster bay", section="science")


def test_a_word_only_a_withdrawn_story_used_is_never_suggested(client, archive):
    PublishedArticle.objects.filter(pk=archive["ferry"].pk).update(status=PublicStatus.WITHDRAWN)
    assert SearchWord.objects.filter(word="commuters").exists()  # left until the next rebuild
    assert "Did you mean" not in results(client, q="comuters")
    words.rebuild()
    assert not SearchWord.objects.filter(word="commuters").exists()


def test_known_words_and_negated_words_get_no_suggestion(client, archive):
    assert suggestions.did_you_mean(_form("power -ferri")) == ""
    assert "Did you mean" not in results(client, q="tsunami")  # nothing near enough


def test_publishing_adds_the_storys_words(
    make_article, reporter, editor, django_capture_on_commit_callbacks
):
    article = make_article(
        "Lighthouse keeper retires", body="<p>The keeper climbed daily.</p>", created_by=reporter
    )
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit_for_review(reporter, article)
        workflow.publish(editor, article)
    assert {"lighthouse", "keeper", "climbed"} <= set(
        SearchWord.objects.values_list("word", flat=True)
    )


def test_bylines_are_searchable(client, make_story):
    make_story("Council approves a budget", authors=("teo",))
    make_story("Ferry fares rise", authors=("mara",))
    html = results(client, q="Lindgren")
    assert "Council approves a budget" in html and "Ferry fares rise" not in html


def test_results_can_be_sorted_newest_first(client, make_story):
    now = timezone.now()
    make_story("Tide tables explained", body="Tides.", published_at=now - timedelta(days=5))
    make_story(
        "Harbor news", body="The tide was low at noon.", published_at=now - timedelta(days=1)
    )
    best = results(client, q="tide")
    newest = results(client, q="tide", sort="date")
    assert best.index("Tide tables explained") < best.index("Harbor news")
    assert newest.index("Harbor news") < newest.index("Tide tables explained")
    assert '<option value="date" selected>' in newest
    odd = results(client, q="tide", sort="<script>")
    assert "sorted by best match or newest first" in odd and "<script>" not in odd.split("<main")[1]


def test_the_search_page_has_one_search_box_and_says_how_to_use_or(client, make_story):
    make_story()
    page = results(client, q="budget")
    assert page.count('type="search"') == 1
    assert "<kbd>or</kbd> between two words to accept either" in page
    assert client.get("/").content.decode().count('type="search"') == 1


@pytest.mark.parametrize(
    "query",
    [
        "powr " * 60,  # many words, past the 200-character limit
        " ".join(f"wrd{n}x" for n in range(40)),
        "'); DROP TABLE articles_searchword; --",
        "١٢ ٣ powr",
        "\x00powr",
        "p%wr _ow* [a-z]+ \\ \" ' -- - or or or",
        "ß" * 300,
    ],
)
def test_hostile_queries_are_answered_with_bounded_queries(
    client, archive, query, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert SearchWord.objects.filter(word="power").exists()


def test_at_most_eight_words_are_looked_up(archive, django_assert_num_queries):
    form = _form(" ".join(f"zzq{n}" for n in range(30)))
    with django_assert_num_queries(1):  # the lookup; no suggestion, so no check
        assert suggestions.did_you_mean(form) == ""
    assert len(suggestions._words_to_check(form.q)) == 30


def _form(q: str):
    from articles.public.search import clean_params

    return clean_params({"q": q})


def test_a_word_typed_many_times_is_checked_once(archive):
    with CaptureQueriesContext(connection) as queries:
        suggestion = suggestions.did_you_mean(_form("powr " * 30))
    assert suggestion.split() == ["power"] * 30
    check = [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]][-1]
    assert check.count("power") == 1, check

"""Search results pages kept as bytes (articles.public.stored.searches): the rendered page's bytes
and headers, the search still run on every request, so a publish, an update or a withdrawal
shows at once; two different searches never share bytes; a runaway query is cancelled."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.utils import timezone

from articles import workflow
from articles.models import PublicStatus, PublishedArticle
from articles.public import search
from articles.public.stored import searches as stored_searches
from tests.articles.public.conftest import people, publish_through_workflow

__all__ = ["people", "publish_through_workflow"]

pytestmark = pytest.mark.django_db

HEADERS = ("Content-Type", "Content-Encoding", "Content-Length", "ETag", "Cache-Control",
           "Vary", "Content-Security-Policy", "X-Frame-Options")  # fmt: skip


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PUBLIC_PAGE_CACHE = False  # every request reaches the search view


def results(client, **params) -> str:
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def kept_under(client, params: dict) -> str:
    """The digest the page of the search `params` is kept under."""
    made = []

    def identity(*args, **kwargs):
        made.append(real(*args, **kwargs))
        return made[-1]

    real = stored_searches.identity
    with mock.patch.object(stored_searches, "identity", identity):
        results(client, **params)
    (digest,) = made
    return digest


def statements(queries) -> list[str]:
    """The statements a request sent, without the test transaction's savepoints (a reader's
    request runs in autocommit, where the search takes none)."""
    return [q["sql"] for q in queries if "SAVEPOINT" not in q["sql"]]


def test_a_kept_page_is_the_rendered_page_and_costs_one_query(
    client, make_story, settings, django_assert_max_num_queries
):
    for n in range(3):
        make_story(f"Ferry timetable {n}", body="The ferry leaves at dawn.")
    settings.PUBLIC_STORED_PAGES = False
    rendered = {
        encoding: client.get("/search/", {"q": "ferry"}, HTTP_ACCEPT_ENCODING=encoding)
        for encoding in ("", "br", "gzip")
    }
    settings.PUBLIC_STORED_PAGES = True
    # The first request searches (ids and row versions), reads the cards and snippets by id,
    # renders and keeps the page.
    with django_assert_max_num_queries(10) as queries:
        client.get("/search/", {"q": "ferry"})
    assert len(statements(queries)) == 2
    for encoding, expected in rendered.items():
        with django_assert_max_num_queries(10) as queries:
            served = client.get("/search/", {"q": "ferry"}, HTTP_ACCEPT_ENCODING=encoding)
        assert len(statements(queries)) == 1  # the search itself, nothing else
        assert served.content == expected.content, encoding
        for header in HEADERS:
            assert served.get(header) == expected.get(header), (encoding, header)
    assert rendered["br"]["Content-Encoding"] == "br"
    assert "<mark>ferry</mark>" in rendered[""].content.decode()
    again = client.get("/search/", {"q": "ferry"}, HTTP_IF_NONE_MATCH=rendered[""]["ETag"])
    assert again.status_code == 304 and again.content == b""


def test_a_publish_an_update_and_a_withdrawal_show_at_once(
    publish_through_workflow, client, make_story, people, django_capture_on_commit_callbacks
):
    make_story("Harbor cranes arrive", body="Two new cranes for the harbor.")
    assert "Harbor cranes arrive" in results(client, q="harbor")  # kept
    article, _ = publish_through_workflow("Harbor ferry returns")
    html = results(client, q="harbor")
    assert "Harbor ferry returns" in html and "Harbor cranes arrive" in html
    article.headline = "Harbor ferry returns for the summer"
    workflow.save_article(people["editor"], article, expected_version=article.version)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(people["editor"], article)
    assert "Harbor ferry returns for the summer" in results(client, q="harbor")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.unpublish(people["editor"], article, note="Wrong dates.", mode="withdrawn")
    html = results(client, q="harbor")
    assert "Harbor ferry returns" not in html and "Harbor cranes arrive" in html


def test_a_write_by_any_path_or_a_story_going_live_shows_at_once(client, make_story):
    story = make_story("Bridge closes for repairs", body="bridge")
    assert "Bridge closes for repairs" in results(client, q="bridge")
    # No cache invalidated, no signal: the row's version changed, so the page is made again.
    PublishedArticle.objects.filter(pk=story.pk).update(headline="Bridge reopens early")
    html = results(client, q="bridge")
    assert "Bridge reopens early" in html and "Bridge closes for repairs" not in html
    later = timezone.now() + timedelta(hours=2)
    make_story("Bridge toll at noon", body="bridge", published_at=later)
    assert "Bridge toll at noon" not in results(client, q="bridge")
    with mock.patch("django.utils.timezone.now", return_value=later + timedelta(seconds=1)):
        assert "Bridge toll at noon" in results(client, q="bridge")
    PublishedArticle.objects.filter(pk=story.pk).update(status=PublicStatus.WITHDRAWN)
    assert "Bridge reopens early" not in results(client, q="bridge")


def test_different_searches_never_share_bytes(client, make_story):
    for n in range(14):
        make_story(f"Harbor ferry note {n}", body="ferry harbor", section="city")
    searches = [
        {"q": "ferry"},
        {"q": "harbor"},
        {"q": "Ferry"},
        {"q": "ferry", "page": "2"},
        {"q": "ferry", "sort": "date"},
        {"q": "ferry", "section": "city"},
        {"q": "ferry", "from": "2020-01-01"},
        {"q": "ferry", "utm_source": "mail"},  # carried by the page's links
        {"q": "ferry", "sort": "nonsense"},  # a note to the reader
    ]
    planted = {
        "etag": '"planted"',
        "last_modified": 0,
        "content": b"<p>planted</p>",
        "brotli": None,
        "gzip": None,
    }
    digest = kept_under(client, searches[0])
    cache.set(f"stored-search:{digest}", planted)
    assert results(client, **searches[0]) == "<p>planted</p>"  # the control: it is served
    for params in searches[1:]:
        html = results(client, **params)
        assert "planted" not in html, params
        assert kept_under(client, params) != digest
    assert "Page 2 of 2" in results(client, q="ferry", page="2")


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"q": "x" * 5000}, 200),
        ({"q": "ferry\x00<script>alert(1)</script>"}, 200),
        ({"q": "ferry", "page": "\u0661"}, 200),  # an Arabic-Indic one: page 1
        ({"q": "ferry", "page": "\u0669\u0669"}, 404),
        ({"q": "\u0661\u0662 ferry"}, 200),
    ],
)
def test_hostile_values_get_a_clean_page_or_a_404(client, make_story, params, status):
    make_story("Ferry timetable", body="ferry")
    for _ in range(2):  # rendered, then served as kept
        response = client.get("/search/", params)
        assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert "<h1>Search" in html and "<script>alert" not in html


@pytest.mark.django_db(transaction=True)
def test_a_search_past_the_time_limit_is_cancelled_with_a_note(client, make_story, monkeypatch):
    make_story("Ferry timetable", body="ferry")
    monkeypatch.setattr(search, "STATEMENT_TIMEOUT_MS", 50)
    real = search._search_sql

    def slow(*args, **kwargs):  # as a query that walks a huge archive would be
        sql, params = real(*args, **kwargs)
        return sql.replace("WHERE s.status", "WHERE pg_sleep(0.2)::text = '' AND s.status"), params

    monkeypatch.setattr(search, "_search_sql", slow)
    html = results(client, q="ferry")
    assert "took too long" in html and "Ferry timetable" not in html
    monkeypatch.setattr(search, "_search_sql", real)
    assert "Ferry timetable" in results(client, q="ferry")  # the connection is fine

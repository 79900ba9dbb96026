"""The home page and section fronts stored whole (articles.public.stored.fronts): served as the
rendered page would be, bytes and headers and a 304; and a reader sees every change at once
(a publish, an update, a withdrawal, a front edit, a frame change, a scheduled story going
live, an embargo lifting, a live badge), never the stored page made before it."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from articles import workflow
from articles.fronts import curation
from articles.live import coverage as live_coverage
from articles.models import PublicStatus, Section, StoredFront
from articles.public.cache import invalidate_public_cache
from tests.articles.public.conftest import people, publish_through_workflow

__all__ = ["people", "publish_through_workflow"]

pytestmark = pytest.mark.django_db

# (Last-Modified: when the stored page was made, which a rendered front says is now.)
HEADERS = ("Content-Type", "Content-Encoding", "Content-Length", "ETag", "Cache-Control",
           "Vary", "Content-Security-Policy", "xkey")  # fmt: skip


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PUBLIC_PAGE_CACHE = False  # every request reaches the front's view
    settings.PUBLIC_STORED_FRONTS_REMAKE = True


@pytest.fixture
def front(make_story, home):
    """A home page and a City front with four stories."""
    return [make_story(f"Harbor story {n}", render=False) for n in range(4)]


def page(client, path="/") -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def stored(path="/") -> str:
    return bytes(StoredFront.objects.get(front=path).content).decode()


@pytest.mark.parametrize("path", ["/", "/city/"])
def test_a_stored_front_is_the_rendered_page_bytes_headers_and_304(
    client, front, settings, django_assert_num_queries, path
):
    settings.EDGE_PURGE_URLS = ["http://127.0.0.1:9/"]  # pages name their edge keys
    settings.PUBLIC_STORED_PAGES = False
    rendered = {enc: client.get(path, HTTP_ACCEPT_ENCODING=enc) for enc in ("", "br", "gzip")}
    assert "story-" in rendered[""]["xkey"]
    settings.PUBLIC_STORED_PAGES = True
    client.get(path)  # the first request renders it and keeps it
    assert "Harbor story 3" in stored(path)
    for encoding, expected in rendered.items():
        # The front's live version, its stories and the stored page in one statement.
        with django_assert_num_queries(1):
            served = client.get(path, HTTP_ACCEPT_ENCODING=encoding)
        assert served.content == expected.content, encoding
        for header in HEADERS:
            assert served.get(header) == expected.get(header), (encoding, header)
        assert served["Last-Modified"]
    assert rendered["br"]["Content-Encoding"] == "br"
    again = client.get(path, HTTP_IF_NONE_MATCH=rendered[""]["ETag"])
    assert again.status_code == 304 and again.content == b""


def test_a_page_stored_for_another_state_of_the_front_is_never_served(client, front):
    page(client)
    StoredFront.objects.filter(front="/").update(content=b"<p>an older front</p>")
    assert page(client) == "<p>an older front</p>"  # the control: it holds, it is served
    front[0].headline = "Ferry timetable changes"
    front[0].save(update_fields=["headline"])  # any write to a story on it, by any path
    html = page(client)
    assert "Ferry timetable changes" in html and "an older front" not in html


def test_a_publish_update_and_withdrawal_show_at_once(
    publish_through_workflow, client, front, people, django_capture_on_commit_callbacks
):  # (the workflow's section first: the stories' fixture finds it)
    page(client), page(client, "/city/")
    article, snapshot = publish_through_workflow(
        "Night buses return", section=front[0].article.section
    )
    assert "Night buses return" in stored("/")  # the worker made it again after the commit
    assert "Night buses return" in page(client) and "Night buses return" in page(client, "/city/")
    article.headline = "Night buses return to every route"
    workflow.save_article(people["editor"], article, expected_version=article.version)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(people["editor"], article)
    assert "Night buses return to every route" in page(client)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.unpublish(people["editor"], article, note="Wrong routes.", mode="withdrawn")
    assert "Night buses return" not in page(client)
    assert "Night buses return" not in page(client, "/city/")


def test_an_editors_front_edit_shows_at_once(client, front, home, editor):
    assert page(client).index("Harbor story 0") < page(client).index("Harbor story 3")
    curation.change_slot(
        editor, home, action="fill", zone="lead", index=0, story=front[3].article_id
    )
    assert page(client).index("Harbor story 0") < page(client).index("Harbor story 3")  # a draft
    curation.publish_front(editor, home)
    html = page(client)
    assert html.index("Harbor story 3") < html.index("Harbor story 0")


def test_a_frame_change_shows_at_once(client, front):
    assert "Marine science" not in page(client)
    Section.objects.filter(slug="science").update(name="Marine science")
    invalidate_public_cache()  # as the section admin does on a save
    assert "Marine science" in page(client)


@pytest.mark.parametrize("hidden", ["scheduled", "embargoed"])
def test_a_scheduled_story_and_an_embargo_show_when_their_time_comes(
    client, front, make_story, hidden
):
    later = timezone.now() + timedelta(hours=2)
    fields = {} if hidden == "scheduled" else {"embargo_until": later}
    make_story("Results at noon", published_at=later, render=False, **fields)
    assert "Results at noon" not in page(client) and "Results at noon" not in stored()
    assert "Results at noon" not in page(client, "/city/")
    with mock.patch("django.utils.timezone.now", return_value=later + timedelta(seconds=1)):
        assert "Results at noon" in page(client)
        assert "Results at noon" in page(client, "/city/")


def test_a_live_badge_comes_and_goes_at_once(
    make_article, client, front, editor, django_capture_on_commit_callbacks
):
    article = make_article("Storm reaches the coast")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(editor, article)
        coverage = live_coverage.make_live(user=editor, article=article)
    assert "live-badge" not in page(client)
    with django_capture_on_commit_callbacks(execute=True):
        live_coverage.move(user=editor, coverage=coverage, action=live_coverage.START)
    assert '<span class="live-badge">Live</span>' in page(client)
    with django_capture_on_commit_callbacks(execute=True):
        live_coverage.move(user=editor, coverage=coverage, action=live_coverage.END)
    assert "live-badge" not in page(client)


def test_a_withdrawn_story_placed_by_an_editor_leaves_the_stored_front(client, front, home, editor):
    curation.change_slot(
        editor, home, action="fill", zone="lead", index=0, story=front[2].article_id
    )
    curation.publish_front(editor, home)
    assert "Harbor story 2" in page(client)
    type(front[2]).objects.filter(pk=front[2].pk).update(status=PublicStatus.WITHDRAWN)
    assert "Harbor story 2" not in page(client)


def test_a_version_gone_live_elsewhere_is_noticed_by_the_one_statement(
    client, front, home, editor, django_assert_num_queries
):
    """The layout a process remembers is used only while the statement finds it live: a
    scheduled version whose time comes, or a version row written in place, is read at once."""
    page(client)
    with django_assert_num_queries(1):
        html = page(client)
    assert html.index("Harbor story 0") < html.index("Harbor story 3")
    curation.change_slot(
        editor, home, action="fill", zone="lead", index=0, story=front[3].article_id
    )
    at = timezone.now() + timedelta(hours=1)
    version = curation.publish_front(editor, home, live_from=at)
    invalidate_public_cache()  # as the publish does after its commit
    page(client)  # (the menu and next go-live are read again)
    with django_assert_num_queries(1):  # not live yet: the stored page still holds
        html = page(client)
    assert html.index("Harbor story 0") < html.index("Harbor story 3")
    with mock.patch("django.utils.timezone.now", return_value=at + timedelta(seconds=1)):
        html = page(client)  # the statement finds the new version: its layout is read
        assert html.index("Harbor story 3") < html.index("Harbor story 0")
        with django_assert_num_queries(1):
            assert page(client) == html
        type(version).objects.filter(pk=version.pk).update(layout={})  # written in place
        html = page(client)
        assert html.index("Harbor story 0") < html.index("Harbor story 3")


def test_with_stored_pages_off_the_front_is_rendered_and_nothing_kept(
    client, front, settings, django_assert_num_queries
):
    settings.PUBLIC_STORED_PAGES = False
    assert "Harbor story 2" in page(client) and "Harbor story 1" in page(client, "/city/")
    assert not StoredFront.objects.exists()


def test_behind_a_transaction_pooler_the_statement_is_sent_unprepared(
    client, front, monkeypatch, django_assert_num_queries
):
    """PgBouncer in transaction mode (`prepare_threshold` None in OPTIONS): the same one
    statement, bound on the client, serves the same bytes."""
    from django.db import connection

    served = page(client, "/city/")
    options = {**connection.settings_dict.get("OPTIONS", {}), "prepare_threshold": None}
    monkeypatch.setitem(connection.settings_dict, "OPTIONS", options)
    with django_assert_num_queries(1):
        assert page(client, "/city/") == served

"""Story pages stored whole (articles.public.stored.pages): served as the rendered page would
be, bytes and headers; replaced when what they show changes; never served for a story
readers may not see."""

from datetime import timedelta
from unittest import mock

import brotli
import pytest
from django.db import DatabaseError, connection, connections
from django.utils import timezone

from articles import workflow
from articles.models import PublicStatus, PublishedArticle, Section, StoredPage
from articles.public.stored import pages as stored_pages

pytestmark = pytest.mark.django_db

HEADERS = ("Content-Type", "Content-Encoding", "Content-Length", "ETag", "Last-Modified",
           "Cache-Control", "Vary", "Content-Security-Policy", "X-Frame-Options")  # fmt: skip


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PUBLIC_PAGE_CACHE = False  # every request reaches the story view


def stored_content(snapshot) -> bytes:
    return bytes(StoredPage.objects.get(snapshot=snapshot).content)


def plant(snapshot, content: bytes) -> None:
    """A stored page that holds for the snapshot row as it is now, whatever its status."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT xmin::text || ':' || ctid::text FROM articles_publishedarticle WHERE id = %s",
            [snapshot.pk],
        )
        (version,) = cursor.fetchone()
    StoredPage.objects.update_or_create(
        snapshot=snapshot,
        defaults={
            "snapshot_version": version,
            "frame": stored_pages.frame_signature(),
            "related": "",
            "etag": '"planted"',
            "last_modified": 0,
            "content": content,
        },
    )


def test_a_stored_page_has_the_rendered_pages_bytes_and_headers(
    client, make_story, settings, django_assert_num_queries
):
    story = make_story("Tram line reopens", tags=(("Transit", "transit"),))
    make_story("The river path is finished", tags=(("Transit", "transit"),))
    settings.PUBLIC_STORED_PAGES = False
    rendered = {
        encoding: client.get(story.url_path, HTTP_ACCEPT_ENCODING=encoding)
        for encoding in ("", "br", "gzip")
    }
    settings.PUBLIC_STORED_PAGES = True
    client.get(story.url_path)  # the first request makes the stored page
    assert b"Tram line reopens" in stored_content(story)
    for encoding, expected in rendered.items():
        with django_assert_num_queries(1):  # the stored page, checked: no template, no menu
            served = client.get(story.url_path, HTTP_ACCEPT_ENCODING=encoding)
        assert served.status_code == 200
        assert served.content == expected.content, encoding
        for header in HEADERS:
            assert served.get(header) == expected.get(header), (encoding, header)
    assert rendered["br"]["Content-Encoding"] == "br"
    assert brotli.decompress(rendered["br"].content) == rendered[""].content
    assert "script-src" in rendered[""]["Content-Security-Policy"]
    assert "The river path is finished" in rendered[""].content.decode()  # related card
    revalidated = client.get(story.url_path, HTTP_IF_NONE_MATCH=rendered[""]["ETag"])
    assert revalidated.status_code == 304


def test_publishing_an_update_replaces_the_stored_page(
    client, publish_through_workflow, people, django_capture_on_commit_callbacks
):
    article, snapshot = publish_through_workflow("Night buses return to the east side")
    assert b"Night buses return to the east side" in stored_content(snapshot)  # made on commit
    article.headline = "Night buses return to every route"
    workflow.save_article(people["editor"], article, expected_version=article.version)
    assert "to the east side" in client.get(snapshot.url_path).content.decode()  # not yet
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(people["editor"], article)
    assert b"Night buses return to every route" in stored_content(snapshot)
    assert "Night buses return to every route" in client.get(snapshot.url_path).content.decode()


@pytest.mark.parametrize("mode", [PublicStatus.WITHDRAWN, PublicStatus.RETRACTED])
def test_taking_a_story_down_takes_its_stored_page_away(
    client, publish_through_workflow, people, django_capture_on_commit_callbacks, mode
):
    article, snapshot = publish_through_workflow("Night buses return to the east side")
    assert client.get(snapshot.url_path).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        workflow.unpublish(people["editor"], article, note="The routes were wrong.", mode=mode)
    assert not StoredPage.objects.filter(snapshot=snapshot).exists()
    gone = client.get(snapshot.url_path)
    assert gone.status_code == 410
    assert "Night buses return" not in gone.content.decode() or mode == PublicStatus.RETRACTED


def test_a_page_planted_for_a_visible_story_is_served(client, make_story):
    """The control for the next test: a page that holds is what readers get."""
    story = make_story("Tram line reopens", tags=())
    plant(story, b"<p>the stored bytes</p>")
    assert client.get(story.url_path).content == b"<p>the stored bytes</p>"


@pytest.mark.parametrize("hidden", ["scheduled", "embargoed", "withdrawn"])
def test_a_stored_page_is_never_served_for_a_story_readers_may_not_see(client, make_story, hidden):
    story = make_story("Tram line reopens", tags=())
    later = timezone.now() + timedelta(hours=2)
    changes = {
        "scheduled": {"published_at": later},
        "embargoed": {"published_at": later, "embargo_until": later},
        "withdrawn": {"status": PublicStatus.WITHDRAWN},
    }[hidden]
    PublishedArticle.objects.filter(pk=story.pk).update(**changes)
    plant(story, b"<p>the stored bytes</p>")
    response = client.get(story.url_path)
    assert response.status_code == (410 if hidden == "withdrawn" else 404)
    assert b"the stored bytes" not in response.content


def test_a_write_to_the_snapshot_by_any_path_makes_its_page_stale(client, make_story):
    story = make_story("Tram line reopens", tags=())
    client.get(story.url_path)
    PublishedArticle.objects.filter(pk=story.pk).update(
        headline="Tram line stays shut", article_html="", head_html=""
    )
    assert "Tram line stays shut" in client.get(story.url_path).content.decode()
    assert b"Tram line stays shut" in stored_content(story)


def test_a_frame_change_replaces_the_stored_page(client, make_story, sections):
    story = make_story("Tram line reopens", tags=())
    client.get(story.url_path)
    assert b"Science</a>" in stored_content(story)
    science = Section.objects.get(slug="science")
    science.name = "Science and health"
    science.save()  # the menu on every page: not a publish of this story
    assert "Science and health</a>" in client.get(story.url_path).content.decode()
    assert b"Science and health</a>" in stored_content(story)


def test_a_new_related_story_replaces_the_stored_page(client, make_story):
    story = make_story("Tram line reopens", tags=(("Transit", "transit"),))
    client.get(story.url_path)
    make_story("A new bus depot opens", tags=(("Transit", "transit"),))
    assert "A new bus depot opens" in client.get(story.url_path).content.decode()
    assert b"A new bus depot opens" in stored_content(story)


def test_only_a_visible_story_has_a_page_to_make(make_story):
    story = make_story("Storm over the bay", tags=())
    assert stored_pages.look_up(story.url_path).snapshot_id == story.pk
    assert stored_pages.look_up("/city/2020/01/01/no-such-story/").snapshot_id is None


@pytest.mark.django_db(transaction=True)
def test_the_stored_look_up_is_its_own_health_check_and_replaces_a_broken_connection():
    """No "SELECT 1" before the look-up on a kept connection (a round trip per request); a
    connection that broke since the last request is replaced and the read made again."""
    from articles.public.stored import common as stored_bytes

    def next_request():  # as Django marks a kept connection when a request starts
        connection.health_check_enabled, connection.health_check_done = True, False

    connection.ensure_connection()
    next_request()
    with mock.patch.object(connection, "is_usable", wraps=connection.is_usable) as checked:
        assert stored_bytes.fetch_one("default", "SELECT 41 + %s", [1]) == (42,)
    assert checked.call_count == 0
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            pid = connection.connection.info.backend_pid
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        other.close()
    next_request()
    assert stored_bytes.fetch_one("default", "SELECT 41 + %s", [1]) == (42,)
    assert connection.connection.info.backend_pid != pid
    next_request()
    with pytest.raises(DatabaseError):  # a read that fails on a working connection still fails
        stored_bytes.fetch_one("default", "SELECT 1 / %s", [0])

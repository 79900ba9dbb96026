"""Read replicas (newsroom.ops.db_router): readers' pages read from a replica, editorial work and
every write from the primary. The "replica" alias is the test database itself (TEST MIRROR),
a second connection, so the tests see which connection each query went through."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import connections, router, transaction
from django.test.utils import CaptureQueriesContext, override_settings

from articles import workflow
from articles.models import Article, PublishedArticle, Section
from articles.public.stored import fronts as stored_fronts
from articles.public.stored import pages as stored_pages
from authors.models import Author
from newsroom.ops import db_router
from newsroom.settings.base import replica_databases

REPLICA_SETTINGS = {
    "DATABASE_REPLICAS": ["replica"],
    "DATABASE_ROUTERS": ["newsroom.ops.db_router.ReplicaRouter"],
    "MIDDLEWARE": [settings.MIDDLEWARE[0], db_router.__name__ + ".ReplicaReadsMiddleware"]
    + settings.MIDDLEWARE[1:],
}


@pytest.fixture
def replicas():
    """The router on, with the mirror alias as a replica (asking it whether it answers needs
    the database)."""
    with override_settings(**REPLICA_SETTINGS), db_router.reading_scope(primary=False):
        yield


@pytest.fixture
def queries():
    """Counts the queries each connection runs inside the block."""

    class Both:
        def __enter__(self):
            self.primary = CaptureQueriesContext(connections["default"]).__enter__()
            self.replica = CaptureQueriesContext(connections["replica"]).__enter__()
            return self

        def __exit__(self, *exc):
            self.replica.__exit__(*exc)
            self.primary.__exit__(*exc)

    return Both


def test_without_replicas_there_is_one_database_and_no_router():
    assert settings.DATABASE_REPLICAS == []
    assert settings.DATABASE_ROUTERS == []
    assert "newsroom.ops.db_router.ReplicaReadsMiddleware" not in settings.MIDDLEWARE
    assert replica_databases([]) == {}
    assert db_router.ReplicaRouter().db_for_read(PublishedArticle) is None


def test_replica_urls_become_aliases_and_must_be_postgres():
    aliases = replica_databases(["postgres://u:p@db-r1:5432/news", "postgres://u:p@db-r2/news"])
    assert list(aliases) == ["replica1", "replica2"]
    assert aliases["replica2"]["HOST"] == "db-r2"
    assert aliases["replica1"]["ENGINE"] == "django.db.backends.postgresql"
    with pytest.raises(ImproperlyConfigured, match="DATABASE_REPLICA_URLS must point at Postg"):
        replica_databases(["mysql://u:p@db/news"])


@pytest.mark.django_db(databases=["default", "replica"])
def test_public_models_read_from_the_replica_and_the_rest_from_the_primary(replicas):
    for model in (PublishedArticle, Section, Author):
        assert router.db_for_read(model) == "replica", model
    for model in (Article, get_user_model()):
        assert router.db_for_read(model) == "default", model
    assert router.db_for_write(PublishedArticle) == "default"


@pytest.mark.django_db(databases=["default", "replica"])
def test_a_write_keeps_the_following_reads_on_the_primary(replicas):
    with db_router.reading_scope(primary=False):
        assert router.db_for_read(Section) == "replica"
        router.db_for_write(Section)
        assert router.db_for_read(Section) == "default"
    assert router.db_for_read(Section) == "replica"  # the next request starts afresh


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_a_readers_pages_read_through_the_replica(replicas, queries, make_story, client):
    story = make_story("Tram line reopens", tags=(("Transit", "transit"),))
    # As after its publish: the story's page is stored (making it again would be a write).
    stored_pages.store([story.pk])
    for front in ("/", "/city/"):  # and the fronts, as the worker makes them after it
        stored_fronts.store_path(front)
    for path in (story.url_path, "/", "/city/", "/authors/mara-okonkwo/", "/tags/transit/"):
        with db_router.reading_scope(primary=False), queries() as seen:
            response = client.get(path)
        assert response.status_code == 200, path
        assert len(seen.replica) >= 1, path
        assert [q["sql"] for q in seen.primary] == [], path


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_editors_and_the_workflow_use_only_the_primary(
    replicas, queries, people, make_article, client
):
    article = make_article("Ferry fares rise", created_by=people["reporter"])
    workflow.submit_for_review(people["reporter"], article)
    with db_router.reading_scope(primary=False), queries() as seen:
        snapshot = workflow.publish(people["editor"], article)  # commits; on_commit runs
        assert PublishedArticle.objects.get(pk=snapshot.pk).headline == "Ferry fares rise"
    assert len(seen.primary) > 0 and [q["sql"] for q in seen.replica] == []

    # Reads inside a transaction stay on the primary, even before it writes.
    with db_router.reading_scope(primary=False), queries() as seen, transaction.atomic():
        assert Section.objects.filter(slug="city").exists()
    assert [q["sql"] for q in seen.replica] == []

    # A signed-in editor looking at the public page reads the primary too.
    client.force_login(people["editor"])
    with db_router.reading_scope(primary=False), queries() as seen:
        response = client.get(snapshot.url_path)
    assert response.status_code == 200
    assert [q["sql"] for q in seen.replica] == []


@pytest.mark.django_db(databases=["default", "replica"])
def test_a_replica_that_cannot_be_reached_sends_reads_to_the_primary_for_a_while(
    replicas, monkeypatch
):
    from django.db import OperationalError

    refused = []

    def refuse():
        refused.append(1)
        raise OperationalError("connection refused")

    monkeypatch.setattr(connections["replica"], "ensure_connection", refuse)
    monkeypatch.setattr(db_router, "_down_until", {})
    assert router.db_for_read(PublishedArticle) == "default"
    assert router.db_for_read(Section) == "default"
    assert len(refused) == 1  # left aside, not asked again on every read
    monkeypatch.setattr(db_router, "REPLICA_RETRY_SECONDS", 0.0)
    db_router._down_until.clear()
    monkeypatch.undo()
    with override_settings(**REPLICA_SETTINGS), db_router.reading_scope(primary=False):
        assert router.db_for_read(PublishedArticle) == "replica"  # back once it answers


def test_a_pooled_database_has_no_server_side_cursors_or_prepared_statements():
    from newsroom.settings.base import database_from_url

    pooled = database_from_url("postgres://u@127.0.0.1:6432/news", "DATABASE_URL", pooled=True)
    assert pooled["DISABLE_SERVER_SIDE_CURSORS"] is True
    assert pooled["OPTIONS"]["prepare_threshold"] is None
    direct = database_from_url("postgres://u@127.0.0.1:5432/news", "DATABASE_URL")
    assert not direct.get("DISABLE_SERVER_SIDE_CURSORS")

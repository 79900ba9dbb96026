"""The replica fence (newsroom.ops.replica_fence): after a publish, a reader's read goes to a
replica only once that replica has replayed the publish; a replica behind it is passed
over for the primary, so no page (and no cached page) is made from the old copy."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import router
from django.test.utils import override_settings

from articles import workflow
from articles.models import Article, PublishedArticle
from newsroom.ops import db_router, replica_fence

REPLICA_SETTINGS = {
    "DATABASE_REPLICAS": ["replica"],
    "DATABASE_ROUTERS": ["newsroom.ops.db_router.ReplicaRouter"],
    "MIDDLEWARE": [settings.MIDDLEWARE[0], db_router.__name__ + ".ReplicaReadsMiddleware"]
    + settings.MIDDLEWARE[1:],
}


@pytest.fixture
def replica_at(monkeypatch):
    """The replica alias answers as a standby that has replayed up to the position set
    with `replica_at(...)`; the primary answers for real."""
    position = {"replayed": "0/0"}
    real_query = replica_fence._query

    def query(alias, sql):
        if alias == "replica":
            return position["replayed"]
        return real_query(alias, sql)

    monkeypatch.setattr(replica_fence, "_query", query)
    monkeypatch.setattr(replica_fence, "_replayed", {})
    cache.delete(replica_fence.FENCE_KEY)

    def set_to(lsn: str):
        position["replayed"] = lsn

    with override_settings(**REPLICA_SETTINGS), db_router.reading_scope(primary=False):
        yield set_to


def test_wal_positions_compare_as_numbers():
    assert replica_fence.lsn("0/16B3748") == 0x16B3748
    assert replica_fence.lsn("1/0") > replica_fence.lsn("0/FFFFFFFF")


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_a_publish_raises_the_fence_and_a_replica_behind_it_is_passed_over(
    replica_at, make_article, reporter, editor
):
    story = make_article("Harbor ferry adds a night sailing", created_by=reporter)
    workflow.submit_for_review(reporter, story)
    with db_router.reading_scope(primary=False):  # a reader, the replica up to date
        replica_at(position(replica_fence.fence()))
        assert router.db_for_read(PublishedArticle) == "replica"

    before = replica_fence.fence()
    workflow.publish(editor, story)
    assert replica_fence.fence() > before

    with db_router.reading_scope(primary=False):  # the next reader, the replica behind
        assert router.db_for_read(PublishedArticle) == "default"
    replica_at(position(replica_fence.fence()))  # it has replayed the publish
    with db_router.reading_scope(primary=False):
        assert router.db_for_read(PublishedArticle) == "replica"


def position(lsn: int) -> str:
    return f"{lsn >> 32:X}/{lsn & 0xFFFFFFFF:X}"


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_saving_a_working_copy_leaves_the_fence_alone(replica_at, make_article, reporter):
    story = make_article("Harbor ferry adds a night sailing", created_by=reporter)
    cache.delete(replica_fence.FENCE_KEY)
    Article.objects.filter(pk=story.pk).update(headline="Harbor ferry adds two sailings")
    with db_router.reading_scope(primary=False):
        assert router.db_for_read(PublishedArticle) == "replica"
    assert replica_fence.fence() == 0


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_a_replica_seen_caught_up_costs_no_query_until_the_next_publish(replica_at):
    replica_at("5/0")
    cache.set(replica_fence.FENCE_KEY, replica_fence.lsn("4/0"))
    assert replica_fence.caught_up("replica")
    replica_at("0/0")  # were it asked again it would say it is behind
    with db_router.reading_scope(primary=False):
        assert replica_fence.caught_up("replica")
    cache.set(replica_fence.FENCE_KEY, replica_fence.lsn("6/0"))
    with db_router.reading_scope(primary=False):
        assert not replica_fence.caught_up("replica")

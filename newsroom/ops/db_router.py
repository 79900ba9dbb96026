"""Read replicas: public reads go to a replica, editorial work and every write to the primary.

Installed only when `DATABASE_REPLICA_URLS` names replicas (newsroom.settings.base); the
replica aliases are listed in `settings.DATABASE_REPLICAS`. What counts as a public read is
named by model label, so this package imports no app:

- A read of a model readers see (`PUBLIC_READ_MODELS`: the published snapshots and what the
  public pages read next to them) goes to a replica.
- Everything else, and every write, goes to the primary.
- Read-your-writes: once a request (or a command, or a task) has written, or while the
  primary is inside a transaction, every read stays on the primary. Editors' requests (the
  admin, any POST, anyone carrying a session cookie) read from the primary throughout, so a
  story an editor just published shows on their next page even if a replica lags.
- A replica that has not replayed the newest public write (the fence,
  newsroom.ops.replica_fence) is passed over too: no reader's page, and so no cached page,
  is made from copy older than what was published.
- A replica that cannot be reached is left alone for `REPLICA_RETRY_SECONDS` and its reads
  go to another replica or the primary: a stopped replica costs readers no server error
  (only a query already running on it when it stopped can fail).
"""

import random
import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

from newsroom.ops import replica_fence

# Lower-case "app_label.modelname", as Model._meta.label_lower spells them.
PUBLIC_READ_MODELS = frozenset(
    {
        "articles.publishedarticle",
        "articles.slugredirect",
        "articles.frontversion",  # a curated front's layout (articles.fronts.resolve)
        "articles.section",
        "authors.author",
        "taggit.tag",
        "sources.policypage",
    }
)

_on_primary: ContextVar[bool] = ContextVar("newsroom_reads_on_primary", default=False)


REPLICA_RETRY_SECONDS = 5.0
_down_until: dict[str, float] = {}


def replicas() -> list[str]:
    return list(getattr(settings, "DATABASE_REPLICAS", ()))


def _reachable(alias: str) -> bool:
    """Whether `alias` answers now: its connection made (or found usable, once a request by
    Django's health check). A refusal puts it aside for REPLICA_RETRY_SECONDS."""
    if _down_until.get(alias, 0.0) > time.monotonic():
        return False
    connection = connections[alias]
    try:
        connection.close_if_health_check_failed()
        connection.ensure_connection()
    except DatabaseError:
        _down_until[alias] = time.monotonic() + REPLICA_RETRY_SECONDS
        return False
    _down_until.pop(alias, None)
    return True


def _reachable_replica(aliases: list[str]) -> str:
    for alias in random.sample(aliases, len(aliases)):
        if _reachable(alias) and replica_fence.caught_up(alias):
            return alias
    return DEFAULT_DB_ALIAS


@contextmanager
def reading_scope(*, primary: bool):
    """One unit of work (a request): reads start on a replica unless `primary`; a write in it
    moves the rest of its reads to the primary."""
    replica_fence.settle()  # what the code before it owes
    token = _on_primary.set(primary)
    fence = replica_fence.new_scope()
    try:
        yield
    finally:
        replica_fence.settle()
        replica_fence.end_scope(fence)
        _on_primary.reset(token)


def _primary_in_transaction() -> bool:
    # A test case's own wrapping transaction is not the application's.
    blocks = connections[DEFAULT_DB_ALIAS].atomic_blocks
    return any(not block._from_testcase for block in blocks)


class ReplicaRouter:
    """Django database router (settings.DATABASE_ROUTERS)."""

    def db_for_read(self, model, **hints):
        aliases = replicas()
        if not aliases:
            return None
        replica_fence.settle()
        if (
            model._meta.label_lower not in PUBLIC_READ_MODELS
            or _on_primary.get()
            or _primary_in_transaction()
        ):
            return DEFAULT_DB_ALIAS
        return _reachable_replica(aliases)

    def db_for_write(self, model, **hints):
        if replicas():
            _on_primary.set(True)
            replica_fence.settle()
            if model._meta.label_lower in PUBLIC_READ_MODELS:
                replica_fence.public_write()
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # every alias holds the same data

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # Replicas get their tables by replication, never by migrate.
        return False if db in replicas() else None


def _is_editorial(request) -> bool:
    return (
        request.method not in ("GET", "HEAD", "OPTIONS")
        or settings.SESSION_COOKIE_NAME in request.COOKIES
        or request.path.startswith("/admin/")
    )


class ReplicaReadsMiddleware:
    """Readers' requests read public models from a replica; editors' stay on the primary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with reading_scope(primary=_is_editorial(request)):
            return self.get_response(request)

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
"""

import random
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

# Lower-case "app_label.modelname", as Model._meta.label_lower spells them.
PUBLIC_READ_MODELS = frozenset(
    {
        "articles.publishedarticle",
        "articles.slugredirect",
        "articles.section",
        "authors.author",
        "taggit.tag",
        "sources.policypage",
    }
)

_on_primary: ContextVar[bool] = ContextVar("newsroom_reads_on_primary", default=False)


def replicas() -> list[str]:
    return list(getattr(settings, "DATABASE_REPLICAS", ()))


@contextmanager
def reading_scope(*, primary: bool):
    """One unit of work (a request): reads start on a replica unless `primary`; a write in it
    moves the rest of its reads to the primary."""
    token = _on_primary.set(primary)
    try:
        yield
    finally:
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
        if (
            model._meta.label_lower not in PUBLIC_READ_MODELS
            or _on_primary.get()
            or _primary_in_transaction()
        ):
            return DEFAULT_DB_ALIAS
        return random.choice(aliases)

    def db_for_write(self, model, **hints):
        if replicas():
            _on_primary.set(True)
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

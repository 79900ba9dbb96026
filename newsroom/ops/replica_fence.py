"""Readers never read older than the newest public write: the fence.

A streaming replica lags the primary: by milliseconds usually, by seconds when its replay is
slow or paused. A reader's page read from it just after a publish would show the old story,
and worse, the page cache or the edge would keep that old page after the publish emptied
them: readers would see it for the caches' whole lifetime. So:

- every commit that wrote a model readers see (`db_router.PUBLIC_READ_MODELS`: a publish,
  a front, a section) raises the fence, the primary's WAL position just after the commit
  (`pg_current_wal_lsn()`), kept in the shared cache;
- a reader's read goes to a replica only when that replica has replayed up to the fence
  (`pg_last_wal_replay_lsn()`); a replica behind it is passed over for the primary until
  it catches up.

Each process remembers the highest position each replica was seen at, so while nothing is
published a reader's read costs no extra query; after a publish each process asks each
replica once (again while it is behind). Editors never meet the fence: their requests read
from the primary throughout (db_router).

A write outside a transaction (autocommit: `bulk_update` opens its own) is settled at the
next database call or the end of the request: the page-cache bump that may come between is
a window of one cache call. With the shared cache down there is no fence (the page cache is
off then too); the edge's lifetime bounds what a lagging replica could show.
"""

import logging
from contextvars import ContextVar

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

log = logging.getLogger(__name__)
FENCE_KEY = "replica-fence-lsn"
# A server out of recovery (a primary, a promoted replica) answers NULL: it is never behind.
# (pg_last_wal_replay_lsn() alone stays at the last position replayed before it came out.)
REPLAYED = "SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() END"

# Per process: the highest replay position each replica was seen at (it only moves up).
_replayed: dict[str, int] = {}
# Per request: the fence read once, and each replica's answer.
_seen: ContextVar[dict | None] = ContextVar("newsroom_replica_fence_seen", default=None)
_owed: ContextVar[bool] = ContextVar("newsroom_replica_fence_owed", default=False)


def lsn(text: str) -> int:
    """A WAL position as PostgreSQL prints it ("16/B374D848") as a number of bytes."""
    high, _, low = text.partition("/")
    return (int(high, 16) << 32) | int(low, 16)


def _query(alias: str, sql: str):
    with connections[alias].cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0]


def fence() -> int:
    return int(cache.get(FENCE_KEY) or 0)


def raise_fence() -> None:
    """Raise the fence to the primary's WAL position now (call it once a write committed)."""
    try:
        position = lsn(_query(DEFAULT_DB_ALIAS, "SELECT pg_current_wal_lsn()"))
    except DatabaseError:  # the primary went away after the commit: the edge's lifetime bounds it
        log.warning("could not read the primary's WAL position: the replica fence stays")
        return
    raise_to = getattr(cache, "raise_to", None)  # the shared cache's, atomic
    if raise_to is not None:
        raise_to(FENCE_KEY, position)
    elif fence() < position:
        cache.set(FENCE_KEY, position, timeout=None)


def public_write() -> None:
    """A model readers see is about to be written on the primary: raise the fence once this
    transaction commits (or at the next database call, outside one)."""
    connection = connections[DEFAULT_DB_ALIAS]
    if not connection.in_atomic_block:
        _owed.set(True)
    elif not any(entry[1] is raise_fence for entry in connection.run_on_commit):
        connection.on_commit(raise_fence)


def settle() -> None:
    """Raise the fence a write outside a transaction left owed."""
    if _owed.get() and not connections[DEFAULT_DB_ALIAS].in_atomic_block:
        _owed.set(False)
        raise_fence()


def new_scope() -> object:
    """Start a request's memory of the fence; returns the token `end_scope` takes."""
    return _seen.set({})


def end_scope(token) -> None:
    _seen.reset(token)


def caught_up(alias: str) -> bool:
    """Whether replica `alias` has replayed everything readers may already have been told of."""
    seen = _seen.get()
    if seen is None:
        seen = {}
    if alias in seen:
        return seen[alias]
    if "fence" not in seen:
        seen["fence"] = fence()
    answer = _replayed.get(alias, -1) >= seen["fence"]
    if not answer:
        try:
            replayed = _query(alias, REPLAYED)
        except DatabaseError:
            replayed = "0/0"
        if replayed is None:
            # Not in recovery (a promoted replica, the tests' mirror of the primary): never
            # behind, but not remembered: it may be made a standby again.
            answer = True
        else:
            _replayed[alias] = max(_replayed.get(alias, -1), lsn(replayed))
            answer = _replayed[alias] >= seen["fence"]
    seen[alias] = answer
    return answer

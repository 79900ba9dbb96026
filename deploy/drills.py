"""Failure drills on the local cluster (`./dev cluster drill [name ...]`), each bounded in time
and on loopback only, each printing what readers lost.

Readers are simulated by threads asking the edge for pages it cannot answer from its cache
(a new query string each time), so every request reaches an app node and its database:
the drill measures the cluster, not Varnish's memory. Each drill breaks one part, keeps the
load on for a few seconds, mends the part and counts the answers that were not 200.

- `app-node`: app1's gunicorn killed (SIGKILL) under load; Varnish's probes take it out.
- `replica`: the replica stopped; readers' reads fall back to the primary (db_router).
- `redis`: Redis restarted; the cache is lost, pages are made again.
- `pgbouncer`: PgBouncer restarted; requests in flight fail or retry, none hang.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections import Counter

import cluster

LOAD_THREADS = 8


class ReaderLoad:
    """Threads asking the edge for uncached pages until stopped; counts each answer's status."""

    PATHS = ("/", "/search/?q=harbor", "/feeds/rss/", "/robots.txt")

    def __init__(self):
        self.counts: Counter[int] = Counter()
        self.slowest = 0.0
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads = [threading.Thread(target=self._run, args=(n,)) for n in range(LOAD_THREADS)]

    def _run(self, number: int) -> None:
        i = 0
        while not self._stop.is_set():
            i += 1
            path = self.PATHS[i % len(self.PATHS)]
            joiner = "&" if "?" in path else "?"
            started = time.monotonic()
            status = cluster.public_page(f"{path}{joiner}drill={number}-{i}", timeout=10)
            took = time.monotonic() - started
            with self._lock:
                self.counts[status] += 1
                self.slowest = max(self.slowest, took)

    def __enter__(self):
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        for thread in self._threads:
            thread.join()

    def report(self) -> str:
        total = sum(self.counts.values())
        lost = total - self.counts[200]
        kinds = ", ".join(f"{code or 'no answer'}: {n}" for code, n in sorted(self.counts.items()))
        return f"{total} requests ({kinds}); lost: {lost}; slowest {self.slowest:.2f} s"


def _phase(load: ReaderLoad, seconds: float) -> None:
    time.sleep(seconds)


def drill_app_node() -> str:
    with ReaderLoad() as load:
        _phase(load, 3)
        pid = cluster.pid_of("app1")
        os.killpg(pid, signal.SIGKILL)
        (cluster.STATE / "app1" / "pid").unlink(missing_ok=True)
        _phase(load, 8)
        cluster.start_app("app1")
        _phase(load, 3)
    return load.report()


def drill_replica() -> str:
    with ReaderLoad() as load:
        _phase(load, 3)
        cluster.stop("replica")
        _phase(load, 8)
        cluster.start_postgres("replica")
        _phase(load, 6)
    return load.report()


def drill_redis() -> str:
    with ReaderLoad() as load:
        _phase(load, 3)
        cluster.stop("redis")
        _phase(load, 4)
        cluster.start_redis()
        _phase(load, 4)
    return load.report()


def drill_pgbouncer() -> str:
    with ReaderLoad() as load:
        _phase(load, 3)
        cluster.stop("pgbouncer")
        _phase(load, 2)
        cluster.start_pgbouncer()
        _phase(load, 5)
    return load.report()


DRILLS = {
    "app-node": ("one app node killed under reader load", drill_app_node),
    "replica": ("the replica stopped, then brought back", drill_replica),
    "redis": ("Redis restarted", drill_redis),
    "pgbouncer": ("PgBouncer restarted", drill_pgbouncer),
}


def main(names: list[str]) -> None:
    for name in names or list(DRILLS):
        if name not in DRILLS:
            raise SystemExit(f"no drill {name!r}: choose from {', '.join(DRILLS)}")
        what, run = DRILLS[name]
        cluster.say(f"drill {name}: {what}")
        print(f"  {run()}", flush=True)

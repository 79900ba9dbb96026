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
- `worker`: 1,000 mails queued, worker1 killed (SIGKILL) while both work through them,
  restarted; every mail counted by the file mail backend: sent once, twice, or never.
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


TASKS = "django_tasks_database_dbtaskresult"
DRILL_MAILS = 1000

ENQUEUE = """
from articles.workflow.notifications import deliver_mail
for n in range({count}):
    deliver_mail.enqueue("drill mail " + str(n), "A drill.", ["drill@example.org"])
"""


def _task_counts() -> Counter[str]:
    rows = cluster.psql(
        cluster.PORTS["primary"],
        f"SELECT status, count(*) FROM {TASKS} WHERE args_kwargs::text LIKE '%drill mail %' "
        "GROUP BY status",
        db=cluster.DB,
    )
    return Counter({status: int(n) for status, n in (row.split("|") for row in rows.split())})


def _mails_sent() -> Counter[str]:
    """How many times each drill mail's subject was written by the file backend."""
    sent: Counter[str] = Counter()
    for path in (cluster.STATE / "mail").glob("*.log"):
        for line in path.read_text(errors="replace").splitlines():
            if line.startswith("Subject: drill mail "):
                sent[line.removeprefix("Subject: ")] += 1
    return sent


def drill_worker() -> str:
    mail = cluster.STATE / "mail"
    mail.mkdir(exist_ok=True)
    for path in mail.glob("*.log"):
        path.unlink()
    cluster.psql(
        cluster.PORTS["primary"],
        f"DELETE FROM {TASKS} WHERE args_kwargs::text LIKE '%drill mail %'",
        db=cluster.DB,
    )
    # Queued while the workers are stopped, so the kill lands while both are busy.
    for name in ("worker1", "worker2"):
        cluster.stop(name)
    cluster.manage("shell", "-v", "0", "-c", ENQUEUE.format(count=DRILL_MAILS))
    for name in ("worker1", "worker2"):
        cluster.start_worker(name)
    while _task_counts()["SUCCESSFUL"] < DRILL_MAILS // 5:
        time.sleep(0.05)
    os.killpg(cluster.pid_of("worker1"), signal.SIGKILL)  # mid-task, most likely
    (cluster.STATE / "worker1" / "pid").unlink(missing_ok=True)
    time.sleep(2)
    cluster.start_worker("worker1")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        counts = _task_counts()
        if not counts["READY"] and not counts["RUNNING"]:
            break
        time.sleep(1)
    counts, sent = _task_counts(), _mails_sent()
    once = sum(1 for n in sent.values() if n == 1)
    twice = sum(1 for n in sent.values() if n > 1)
    lost = DRILL_MAILS - len(sent)
    return (
        f"{DRILL_MAILS} mails queued; tasks {dict(counts)}; sent once: {once}, more than once: "
        f"{twice}; lost: {lost} (left running by the killed worker: {counts['RUNNING']})"
    )


DRILLS = {
    "worker": ("a worker killed mid-task while the other runs", drill_worker),
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

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
- `worker`: 1,000 mails, 200 edge purges and 3 re-renders queued, worker1 killed (SIGKILL)
  while both work through them, restarted after the recovery lease: the tasks it left
  RUNNING are queued again (newsroom.ops.task_recovery) and done; every mail counted by the
  file mail backend: sent once, twice, or never.
- `lag`: the replica's replay paused while an editor publishes an update through app1: what
  the editor, readers on each app node, the edge and the replica itself show (the replica
  fence, newsroom.ops.replica_fence, keeps readers off the lagging replica).
- `failover`: the primary stopped hard under writes and reads, the replica promoted and
  PgBouncer pointed at it; acknowledged commits compared with what survived; then the old
  primary rebuilt as a standby and the roles switched back (docs/deploy.md, the runbook).
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
DRILL_PURGES = 200
DRILL_RERENDERS = 3
RECOVERY_LEASE = 5  # newsroom.ops.task_recovery.LEASE_SECONDS

ENQUEUE = """
from articles.workflow.notifications import deliver_mail
from articles.public.edge import purge_task
from articles.public.rerender import rerender_snapshots
for n in range({mails}):
    deliver_mail.enqueue("drill mail " + str(n), "A drill.", ["drill@example.org"])
    if n % {purge_every} == 0 and n // {purge_every} < {purges}:
        purge_task.enqueue(["drill-purge-" + str(n)])
    if n % {rerender_every} == 0 and n // {rerender_every} < {rerenders}:
        rerender_snapshots.enqueue(None)
"""

# Which drill task each row is: mail (not idempotent: at least once), purge and re-render
# (idempotent: a second run changes nothing).
KINDS = """
CASE WHEN args_kwargs::text LIKE '%drill mail %' THEN 'mail'
     WHEN args_kwargs::text LIKE '%drill-purge-%' THEN 'purge'
     ELSE 're-render' END
"""


def _drill_tasks(since: str, columns: str) -> list[list[str]]:
    rows = cluster.psql(
        cluster.PORTS["primary"],
        f"SELECT {columns} FROM {TASKS} WHERE enqueued_at >= '{since}' AND ("
        "args_kwargs::text LIKE '%drill mail %' OR args_kwargs::text LIKE '%drill-purge-%' "
        "OR task_path = 'articles.public.rerender.rerender_snapshots') "
        f"GROUP BY 1, 2 ORDER BY 1, 2",
        db=cluster.DB,
    )
    return [row.split("|") for row in rows.split()]


def _task_counts(since: str) -> dict[str, Counter[str]]:
    """{kind: {status: n}} for the drill's tasks; 'run again' counts those a second worker
    ran after recovery (two worker names on the row)."""
    counts: dict[str, Counter[str]] = {}
    for kind, status, n in _drill_tasks(since, f"{KINDS}, status, count(*)"):
        counts.setdefault(kind, Counter())[status] += int(n)
    for kind, again, n in _drill_tasks(
        since, f"{KINDS}, jsonb_array_length(worker_ids) > 1, count(*)"
    ):
        if again == "t":
            counts.setdefault(kind, Counter())["run again"] += int(n)
    return counts


def _held_by(pid: int, watch) -> str | None:
    """The task the worker with this PID (newsroom.ops.task_recovery names it) holds, if any:
    asked on an open connection, so the answer is a millisecond old when the kill follows."""
    row = watch.execute(
        f"SELECT task_path FROM {TASKS} WHERE status = 'RUNNING' "
        f"AND worker_ids->>-1 LIKE '%%:{pid}:%%'"
    ).fetchone()
    return row[0] if row else None


def _kill_while_holding(pid: int, seconds: float) -> None:
    """SIGKILL worker `pid` while it runs a re-render (the longest task), else while it runs
    anything, else when `seconds` are up."""
    import psycopg

    deadline = time.monotonic() + seconds
    with psycopg.connect(
        host=cluster.HOST, port=cluster.PORTS["primary"], user="newsroom", dbname=cluster.DB,
        autocommit=True,
    ) as watch:  # fmt: skip
        while time.monotonic() < deadline:
            held = _held_by(pid, watch)
            if held and ("rerender" in held or time.monotonic() > deadline - seconds / 2):
                break
            time.sleep(0.001)
    os.killpg(pid, signal.SIGKILL)


def _waiting(counts: dict[str, Counter[str]]) -> int:
    return sum(c["READY"] + c["RUNNING"] for c in counts.values())


def _mails_sent() -> Counter[str]:
    """How many times each drill mail's subject was written by the file backend."""
    sent: Counter[str] = Counter()
    for path in (cluster.STATE / "mail").glob("*.log"):
        for line in path.read_text(errors="replace").splitlines():
            if line.startswith("Subject: drill mail "):
                sent[line.removeprefix("Subject: ")] += 1
    return sent


def drill_worker(
    mails: int = DRILL_MAILS,
    purges: int = DRILL_PURGES,
    rerenders: int = DRILL_RERENDERS,
    budget: float = 120,
) -> dict:
    """Mails, purges and re-renders queued, worker1 killed (SIGKILL) while both workers run
    them, restarted after the lease: what it left RUNNING is recovered and done."""
    mail = cluster.STATE / "mail"
    mail.mkdir(exist_ok=True)
    for path in mail.glob("*.log"):
        path.unlink()
    since = cluster.psql(cluster.PORTS["primary"], "SELECT now()")
    # Queued while the workers are stopped, so the kill lands while both are busy.
    for name in ("worker1", "worker2"):
        cluster.stop(name)
    cluster.manage(
        "shell", "-v", "0", "-c",
        ENQUEUE.format(mails=mails, purges=purges, purge_every=max(1, mails // purges),
                       rerenders=rerenders, rerender_every=max(1, mails // rerenders)),
    )  # fmt: skip
    for name in ("worker1", "worker2"):
        cluster.start_worker(name)
    deadline = time.monotonic() + budget
    while _task_counts(since).get("mail", Counter())["SUCCESSFUL"] < mails // 5:
        if time.monotonic() > deadline:
            raise SystemExit("the workers did not start on the drill's tasks")
        time.sleep(0.05)
    # Killed while it holds a task (a re-render lasts long enough to be caught at it).
    killed = cluster.pid_of("worker1")
    _kill_while_holding(killed, seconds=min(10.0, budget / 4))
    (cluster.STATE / "worker1" / "pid").unlink(missing_ok=True)
    left_running = int(
        cluster.psql(
            cluster.PORTS["primary"],
            f"SELECT count(*) FROM {TASKS} WHERE status = 'RUNNING' "
            f"AND worker_ids->>-1 LIKE '%:{killed}:%'",
            db=cluster.DB,
        )
    )
    # After the lease (newsroom.ops.task_recovery) the new worker1 takes back at start-up
    # what its predecessor left RUNNING.
    time.sleep(RECOVERY_LEASE + 1)
    cluster.start_worker("worker1")
    while time.monotonic() < deadline and _waiting(_task_counts(since)):
        time.sleep(0.5)
    counts, sent = _task_counts(since), _mails_sent()
    figures = {
        "queued": {"mail": mails, "purge": purges, "re-render": rerenders},
        "running at the kill": left_running,
        "recovered": sum(c["run again"] for c in counts.values()),
        "tasks": {kind: dict(c) for kind, c in counts.items()},
        "mails sent once": sum(1 for n in sent.values() if n == 1),
        "mails sent twice": sum(1 for n in sent.values() if n > 1),
        # Never done: a mail no file holds, a purge or re-render that did not succeed.
        "lost": mails
        - len(sent)
        + sum(
            queued - counts.get(kind, Counter())["SUCCESSFUL"]
            for kind, queued in (("purge", purges), ("re-render", rerenders))
        ),
    }
    return figures


def report_worker() -> str:
    f = drill_worker()
    tasks = "; ".join(
        f"{kind}: " + ", ".join(f"{status} {n}" for status, n in sorted(c.items()))
        for kind, c in sorted(f["tasks"].items())
    )
    return (
        f"{DRILL_MAILS} mails, {DRILL_PURGES} purges, {DRILL_RERENDERS} re-renders queued; "
        f"left RUNNING by the killed worker: {f['running at the kill']}, recovered and run "
        f"again: {f['recovered']}\n  {tasks}\n  mails sent once: {f['mails sent once']}, "
        f"twice: {f['mails sent twice']} (the one in flight, if the kill fell after the send); "
        f"purges and re-renders are idempotent: done, whatever ran twice; lost: {f['lost']}"
    )


def registry() -> dict:
    """Every drill by name: (what it does, the function that runs it and reports)."""
    import drills_database  # deploy/drills_database.py: it imports this module

    return {
        "worker": ("a worker killed mid-task while the other runs", report_worker),
        "lag": (
            "the replica's replay paused while an editor publishes",
            drills_database.report_lag,
        ),
        "app-node": ("one app node killed under reader load", drill_app_node),
        "replica": ("the replica stopped, then brought back", drill_replica),
        "redis": ("Redis restarted", drill_redis),
        "pgbouncer": ("PgBouncer restarted", drill_pgbouncer),
        "failover": ("the primary fails: the replica promoted", drills_database.report_failover),
    }


def main(names: list[str]) -> None:
    drills = registry()
    for name in names or list(drills):
        if name not in drills:
            raise SystemExit(f"no drill {name!r}: choose from {', '.join(drills)}")
        what, run = drills[name]
        cluster.say(f"drill {name}: {what}")
        print(f"  {run()}", flush=True)

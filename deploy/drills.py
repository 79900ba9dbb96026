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
    _kill_while_holding(cluster.pid_of("worker1"), seconds=min(10.0, budget / 4))
    (cluster.STATE / "worker1" / "pid").unlink(missing_ok=True)
    left_running = sum(c["RUNNING"] for c in _task_counts(since).values())
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


# --- replication lag --------------------------------------------------------------------

LAG_PREPARE = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from articles import workflow
from articles.models import Article, PublishedArticle
from articles.workflow.permissions import ensure_role_groups

ensure_role_groups()
editor, _ = get_user_model().objects.update_or_create(
    username="drill-editor",
    defaults={{"is_staff": True, "is_superuser": False, "first_name": "Drill",
               "email": "drill-editor@example.org"}},
)
editor.set_password("{password}")
editor.save()
editor.groups.add(Group.objects.get(name="Editors"))
live = PublishedArticle.objects.filter(article__state="published").order_by("pk").first()
story = Article.objects.get(pk=live.article_id)
story.headline = "{headline}"
workflow.save_article(editor, story, expected_version=story.version, comment="lag drill")
print(story.pk, live.url_path, live.headline, sep="\\t")
"""
DRILL_PASSWORD = "drill-editor-password-7481"


class Browser:
    """An editor's browser on one app node: cookies kept by hand (production marks them
    Secure, which urllib's jar would not send over the loopback's plain HTTP)."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str]:
        import http.client
        import urllib.parse

        connection = http.client.HTTPConnection(cluster.HOST, self.port, timeout=30)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            form = {**form, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        text = response.read().decode(errors="replace")
        connection.close()
        return response.status, text

    def log_in(self, username: str, password: str) -> None:
        self.request("GET", "/admin/login/")
        status, _ = self.request(
            "POST", "/admin/login/?next=/admin/", {"username": username, "password": password}
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(f"the drill editor could not log in on port {self.port} ({status})")


def _reader_sees(port: int, path: str, new: str, old: str) -> str:
    """What a reader without cookies gets at `path` through `port`: 'new', 'old' or the status."""
    import urllib.request

    try:
        with urllib.request.urlopen(f"http://{cluster.HOST}:{port}{path}", timeout=10) as r:  # noqa: S310
            text = r.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return str(error.code)
    except OSError:
        return "no answer"
    return "new" if new in text else "old" if old in text else "neither"


def _replica_headline(path: str) -> str:
    return cluster.psql(
        cluster.PORTS["replica"],
        f"SELECT headline FROM articles_publishedarticle WHERE url_path = '{path}'",
        db=cluster.DB,
    )


def drill_lag(pause: float = 5.0) -> dict:
    """The replica's replay paused, a story's update published by an editor on app1; what
    the editor, readers on both app nodes, the edge and the replica itself show, and when."""
    stamp = time.strftime("%H:%M:%S")
    headline = f"Harbor ferry timetable revised ({stamp} lag drill)"
    out = cluster.manage_output(
        "shell", "-v", "0", "-c", LAG_PREPARE.format(password=DRILL_PASSWORD, headline=headline)
    )
    pk, path, old = out.strip().splitlines()[-1].split("\t")
    edge, app1 = cluster.PORTS["edge"], cluster.PORTS["app1"]
    nodes = [cluster.PORTS[n] for n in ("app1", "app2") if cluster.answers(cluster.PORTS[n])]
    has_edge = cluster.answers(edge)
    # The edge (and the page cache) hold the old page now.
    before = _reader_sees(edge if has_edge else app1, path, headline, old)
    editor = Browser(app1)
    editor.log_in("drill-editor", DRILL_PASSWORD)

    cluster.psql(cluster.PORTS["replica"], "SELECT pg_wal_replay_pause()")
    try:
        started = time.monotonic()
        status, _ = editor.request(
            "POST", f"/admin/articles/article/{pk}/workflow/", {"action": "publish"}
        )
        published = time.monotonic()
        _, page = editor.request("GET", path)
        editor_sees = "new" if headline in page else "old"
        replica_while_paused = _replica_headline(path)
        lag_bytes = cluster.replica_lag()
        readers: Counter[str] = Counter()
        edge_new_after = None
        while time.monotonic() - published < pause:
            for port in nodes:
                readers[_reader_sees(port, path, headline, old)] += 1
            if not has_edge:
                pass
            elif _reader_sees(edge, path, headline, old) == "new" and edge_new_after is None:
                edge_new_after = time.monotonic() - published
            time.sleep(0.1)
    finally:
        cluster.psql(cluster.PORTS["replica"], "SELECT pg_wal_replay_resume()")
    resumed = time.monotonic()
    while headline not in _replica_headline(path) and time.monotonic() - resumed < 30:
        time.sleep(0.05)
    caught_up = time.monotonic() - resumed
    edge_after: Counter[str] = Counter()
    for _ in range(20 if has_edge else 0):
        edge_after[_reader_sees(edge, path, headline, old)] += 1
        time.sleep(0.05)
    return {
        "publish": f"{status} in {published - started:.2f} s",
        "edge before": before,
        "editor sees": editor_sees,
        "replica while paused": "new" if headline in replica_while_paused else "old",
        "replica lag": lag_bytes,
        "readers on app nodes while paused": dict(readers),
        "edge shows new after": edge_new_after,
        "replica caught up after resume": caught_up,
        "edge after": dict(edge_after),
        "stale after purge": edge_after["old"],
        # What readers lost: an old page after the publish from an app node, or from the
        # edge once the purge had shown the new one.
        "lost": readers["old"] + edge_after["old"] + (editor_sees != "new"),
    }


def report_lag() -> str:
    f = drill_lag()
    edge = f["edge shows new after"]
    return (
        f"publish through app1: {f['publish']}; the editor's next page: {f['editor sees']} "
        f"version (read-your-writes)\n  replica while its replay was paused: "
        f"{f['replica while paused']} version ({f['replica lag']}); readers on app1/app2 "
        f"meanwhile: {f['readers on app nodes while paused']} (the fence sends them to the "
        f"primary)\n  edge: {f['edge before']} before, new "
        + (f"{edge:.2f} s after the publish (the purge task)" if edge else "NOT within the pause")
        + f"; replica caught up {f['replica caught up after resume']:.2f} s after the resume; "
        f"edge afterwards: {f['edge after']}; lost (an old page after the publish): "
        f"{f['lost']}"
    )


# --- the primary fails ------------------------------------------------------------------


class Writer:
    """Commits one row at a time on the primary, straight (no pool), and remembers which
    commits the server acknowledged: what a newsroom was told was saved."""

    def __init__(self, port: int):
        self.port = port
        self.acknowledged: list[int] = []
        self.errors = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run)

    def _run(self) -> None:
        import psycopg

        n = 0
        while not self._stop.is_set():
            try:
                with psycopg.connect(
                    host=cluster.HOST, port=self.port, user="newsroom", dbname=cluster.DB,
                    autocommit=True, connect_timeout=2,
                ) as connection:  # fmt: skip
                    while not self._stop.is_set():
                        n += 1
                        connection.execute("INSERT INTO drill_writes (n) VALUES (%s)", [n])
                        self.acknowledged.append(n)  # the commit returned: acknowledged
            except psycopg.Error:
                self.errors += 1
                time.sleep(0.1)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def _app_write_works() -> bool:
    """A write through PgBouncer, as an app node's next transaction would make it."""
    try:
        cluster.psql(cluster.PORTS["pgbouncer"], "SELECT 1 FROM drill_writes LIMIT 1", cluster.DB)
        cluster.psql(
            cluster.PORTS["pgbouncer"], "INSERT INTO drill_writes (n) VALUES (0)", cluster.DB
        )
        return True
    except RuntimeError:
        return False


def drill_failover() -> dict:
    """The primary stopped hard (immediate: no checkpoint, no goodbye to the standby) while
    rows are being committed and readers read; the replica promoted, PgBouncer pointed at it.
    Then the old primary is rebuilt as a standby of the new one and the roles are switched
    back by a planned switchover (clean stop: nothing in flight), so the cluster ends as it
    began."""
    primary, replica = cluster.PORTS["primary"], cluster.PORTS["replica"]
    cluster.psql(primary, "CREATE TABLE IF NOT EXISTS drill_writes (n int)", cluster.DB)
    cluster.psql(primary, "TRUNCATE drill_writes", cluster.DB)
    with ReaderLoad() as load, Writer(primary) as writer:
        time.sleep(2)
        stopped = time.monotonic()
        subprocess_stop("primary", mode="immediate")
        acknowledged = set(writer.acknowledged)
        cluster.promote("replica")
        promoted = time.monotonic()
        cluster.point_pgbouncer_at("replica")
        while not _app_write_works() and time.monotonic() - promoted < 30:
            time.sleep(0.1)
        writable = time.monotonic()
        writer._stop.set()
        time.sleep(2)
    survived = {
        int(n) for n in cluster.psql(replica, "SELECT n FROM drill_writes", cluster.DB).split()
    }
    lost = sorted(acknowledged - survived)
    figures = {
        "acknowledged": len(acknowledged),
        "lost": len(lost),
        "promoted after": promoted - stopped,
        "writable through PgBouncer after": writable - stopped,
        "readers": load.report(),
    }
    # Back as it was: the old primary as a standby of the new one, then a planned switchover.
    started = time.monotonic()
    cluster.rebuild_replica("primary", source="replica")
    while cluster.replica_lag_of("primary", "replica") != 0:
        time.sleep(0.1)
    subprocess_stop("replica", mode="fast")  # a clean stop sends the standby all it has
    cluster.promote("primary")
    cluster.point_pgbouncer_at("primary")
    cluster.rebuild_replica("replica", source="primary")
    figures["switched back in"] = time.monotonic() - started
    cluster.psql(primary, "DROP TABLE drill_writes", cluster.DB)
    return figures


def subprocess_stop(name: str, mode: str) -> None:
    import subprocess

    subprocess.run(
        cluster.as_pg([cluster.PG_BIN / "pg_ctl", "-D", cluster.STATE / name / "data", "-m", mode,
                       "stop"]),
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip


def report_failover() -> str:
    f = drill_failover()
    return (
        f"primary stopped hard under writes and reads; replica promoted "
        f"{f['promoted after']:.2f} s later, app writes through PgBouncer again after "
        f"{f['writable through PgBouncer after']:.2f} s\n  commits acknowledged before the "
        f"stop: {f['acknowledged']}, missing on the promoted replica — lost: {f['lost']}\n"
        f"  readers: {f['readers']}\n  old primary rebuilt as a standby and roles switched "
        f"back (planned, clean) in {f['switched back in']:.1f} s"
    )


DRILLS = {
    "worker": ("a worker killed mid-task while the other runs", report_worker),
    "lag": ("the replica's replay paused while an editor publishes", report_lag),
    "app-node": ("one app node killed under reader load", drill_app_node),
    "replica": ("the replica stopped, then brought back", drill_replica),
    "redis": ("Redis restarted", drill_redis),
    "pgbouncer": ("PgBouncer restarted", drill_pgbouncer),
    "failover": ("the primary fails: the replica promoted", report_failover),
}


def main(names: list[str]) -> None:
    for name in names or list(DRILLS):
        if name not in DRILLS:
            raise SystemExit(f"no drill {name!r}: choose from {', '.join(DRILLS)}")
        what, run = DRILLS[name]
        cluster.say(f"drill {name}: {what}")
        print(f"  {run()}", flush=True)

"""The database drills of `./dev cluster drill` (deploy/drills.py has the others and the list):

- `lag`: the replica's replay paused (`pg_wal_replay_pause()`) while an editor publishes an
  update through app1; what the editor, readers on each app node, the edge and the replica
  itself show, and when (the replica fence, newsroom.ops.replica_fence, keeps readers off
  the lagging replica, so neither the page cache nor the edge stores the old page).
- `failover`: the primary stopped hard under writes and reads, the replica promoted and
  PgBouncer pointed at it; the commits the primary acknowledged compared with what the
  promoted replica has; then the old primary rebuilt as a standby and the roles switched
  back by a clean switchover (docs/deploy.md has the runbook).
"""

from __future__ import annotations

import subprocess
import threading
import time
from collections import Counter

import cluster
from drills import ReaderLoad

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

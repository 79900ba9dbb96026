"""Fault drills: nothing lost when PostgreSQL restarts, workers die, or load goes on for long.

`./dev bench faults` (or `python -m bench.faults`) runs three drills against gunicorn on
127.0.0.1 with production settings (bench.settings) and prints their figures:

1. **PostgreSQL outage**: public pages under load (8 connections) while the database is
   stopped (`pg_ctl stop -m fast`) for `--outage-seconds` and started again: the errors
   during the outage and the seconds from "PostgreSQL is back" to the last failed request.
2. **Killed workers**: a gunicorn worker is killed with SIGKILL three times under load:
   the requests lost (connection errors and 5xx) and how soon gunicorn replaced it.
3. **Soak**: `--soak-seconds` (default 300) at `--connections` (64) over mixed public
   addresses (stories, home, sections, authors, tags, search, feeds, sitemaps, API), while
   an editor saves and publishes demo stories every few seconds through `articles.workflow.transitions`.
   It asserts 0 responses 5xx, worker memory (RSS) growth under 10% after warm-up, and
   every story intact: a checksum of each story's text, snapshots and attributions before
   and after, the stories the editor changed checked against what the editor wrote.

It never touches the project's cluster (other people's tests use it): it makes its own
throw-away PostgreSQL cluster in /tmp (owned by `postgres` when run as root, as ./dev does),
creates `newsroom_faults` in it, seeds it with bench/data.py's generated stories plus the
demo newsroom (sources, confidential records, pictures), and removes the cluster at the end.
The page cache is off in every drill, so each request reaches PostgreSQL. Everything it
stopped is started again, whatever happens. Exit status 1 when a check fails.
"""

import argparse
import hashlib
import http.client
import json
import os
import random
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from .data import SEARCH_TERMS
from .loadtest import start_gunicorn

HOST = "127.0.0.1"
FAULTS_DB = "newsroom_faults"
RSS_GROWTH_LIMIT = 0.10
RECOVERY_LIMIT = 1.0


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="./dev bench faults", description=__doc__.splitlines()[0])
    parser.add_argument("--soak-seconds", type=float, default=300.0, help="soak length")
    parser.add_argument("--soak-warmup", type=float, default=20.0, help="before the RSS baseline")
    parser.add_argument("--connections", type=int, default=64, help="soak client connections")
    parser.add_argument("--outage-seconds", type=float, default=3.0, help="PostgreSQL down for")
    parser.add_argument("--edit-every", type=float, default=3.0, help="seconds between edits")
    parser.add_argument("--stories", type=int, default=2000, help="generated stories")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    return parser.parse_args(argv)


# --- A throw-away PostgreSQL cluster ---------------------------------------------------------


class Cluster:
    """initdb/pg_ctl on a cluster in a temporary directory (as `postgres` when root)."""

    def __init__(self, port: int = 5499):
        from newsroom.ops.backup import pg_tool

        pg_ctl = pg_tool("pg_ctl")
        if pg_ctl is None:
            sys.exit("pg_ctl not found: install PostgreSQL (./dev does) or set NEWSROOM_PG_BIN.")
        self.bin = Path(pg_ctl).parent
        self.port = port
        self.base = Path(tempfile.mkdtemp(prefix="nr-faults-", dir="/tmp"))
        self.data = self.base / "data"
        self.log = self.base / "server.log"
        self.owner = "postgres" if os.geteuid() == 0 else None
        os.chmod(self.base, 0o755)
        if self.owner:
            shutil.chown(self.base, self.owner)
        self.running = False

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", self.owner, "--"] if self.owner else []
        result = subprocess.run([*prefix, *command], capture_output=True, text=True)
        if result.returncode != 0:
            log = self.log.read_text()[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"{command[0]} failed: {result.stderr.strip()}\n{log}")

    def create(self) -> None:
        self._run(
            str(self.bin / "initdb"), "-D", str(self.data), "-U", "newsroom",
            "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8",
        )  # fmt: skip
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.write(
                f"listen_addresses = ''\nunix_socket_directories = '{self.base}'\n"
                f"port = {self.port}\nfsync = off\nsynchronous_commit = off\n"
            )
        self.start()

    def start(self, *, wait: bool = True) -> None:
        flag = "-w" if wait else "-W"
        self._run(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), flag, "start"
        )
        self.running = True

    def wait_ready(self, timeout: float = 30.0) -> float:
        """Poll until the server accepts a connection; returns that moment (monotonic)."""
        import psycopg

        deadline = time.monotonic() + timeout
        while True:
            try:
                psycopg.connect(
                    host=str(self.base), port=self.port, user="newsroom", dbname="postgres"
                ).close()
                return time.monotonic()
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.005)

    def stop(self) -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")
        self.running = False

    def url(self, name: str) -> str:
        return f"postgres://newsroom@/{name}?host={self.base}&port={self.port}"

    def destroy(self) -> None:
        if self.running:
            self.stop()
        shutil.rmtree(self.base, ignore_errors=True)


# --- Load -------------------------------------------------------------------------------------


class Load:
    """Client threads, each on its own keep-alive connection, recording every request."""

    def __init__(self, port: int, urls: list[str], connections: int, *, seed: int = 1):
        self.port, self.urls, self.connections = port, urls, connections
        self.results: list[tuple[float, float, str]] = []  # (start, end, outcome)
        self.stopping = threading.Event()
        self.threads = [
            threading.Thread(target=self._client, args=(random.Random(seed + n),), daemon=True)
            for n in range(connections)
        ]

    def _client(self, rng: random.Random) -> None:
        connection = http.client.HTTPConnection(HOST, self.port, timeout=30)
        mine = self.results  # list.append is atomic: one shared list, readable while running
        while not self.stopping.is_set():
            path = rng.choice(self.urls)
            start = time.monotonic()
            try:
                connection.request("GET", path, headers={"Host": HOST})
                response = connection.getresponse()
                response.read()
                outcome = str(response.status)
            except (OSError, http.client.HTTPException) as error:
                connection.close()
                outcome = f"lost:{type(error).__name__}"
            mine.append((start, time.monotonic(), outcome))
            if outcome != "200":
                time.sleep(0.005)  # failing fast: do not spin
        connection.close()

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=60)

    def counts(self, since=float("-inf"), until=float("inf")) -> Counter:
        return Counter(o for s, e, o in self.results if since <= e < until)


def failed(outcome: str) -> bool:
    return outcome.startswith("lost") or outcome.startswith("5")


def summary(counter: Counter) -> str:
    return ", ".join(f"{k} × {v}" for k, v in sorted(counter.items())) or "none"


# --- gunicorn workers ---------------------------------------------------------------------------


def workers_of(master: int) -> list[int]:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            children.append(int(stat.parent.name))
    return sorted(children)


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def wait_for_workers(master: int, count: int, timeout: float = 20.0) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pids = workers_of(master)
        if len(pids) == count:
            return pids
        time.sleep(0.02)
    raise RuntimeError(f"gunicorn did not get back to {count} workers in {timeout:g} s")


# --- Seed data, addresses and story checksums ---------------------------------------------------


def public_urls() -> list[str]:
    """A weighted mix of public addresses: mostly stories, then listings, search and feeds."""
    from django.utils import timezone

    from articles.models import PublishedArticle, Section
    from authors.models import Author

    visible = PublishedArticle.objects.filter(status="live", published_at__lte=timezone.now())
    stories = list(visible.values_list("url_path", flat=True))  # not the scheduled ones
    listings = ["/", "/?page=2", "/?page=3"] + [f"/{s.slug}/" for s in Section.objects.all()]
    people = [f"/authors/{slug}/" for slug in Author.objects.values_list("slug", flat=True)]
    tags = [f"/tags/topic-{n}/" for n in range(0, 40, 4)]
    searches = [f"/search/?q={term.replace(' ', '+')}" for term in SEARCH_TERMS]
    machine = ["/feeds/rss/", "/feeds/atom/", "/sitemap.xml", "/news-sitemap.xml"]
    machine += ["/robots.txt", "/api/stories/"]
    rng = random.Random(7)
    mix = rng.sample(stories, min(len(stories), 700))
    mix += listings * 8 + people * 2 + tags * 3 + searches * 4 + machine * 5
    return mix


def check_urls(port: int, urls: list[str]) -> list[str]:
    """Only addresses that answer 200 before any fault (a 404 tag page is not a fault)."""
    good, bad = [], Counter()
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    for url in sorted(set(urls)):
        connection.request("GET", url, headers={"Host": HOST})
        response = connection.getresponse()
        response.read()
        if response.status == 200:
            good.append(url)
        else:
            bad[f"{response.status} {url}"] += 1
    connection.close()
    if bad:
        print(f"  ({sum(bad.values())} addresses left out of the mix: {summary(bad)})")
    keep = set(good)
    return [u for u in urls if u in keep]


def digest(value) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()


def story_checksums() -> dict[int, tuple[str, str]]:
    """Per story: (text: working copy and snapshots, attributions with related records)."""
    from articles.models import Article, PublishedArticle
    from sources.models import Attribution

    snapshots, attributions = {}, {}
    for row in PublishedArticle.objects.order_by("pk").values():
        row.pop("search_vector", None)
        snapshots.setdefault(row["article_id"], []).append(row)
    attribution_rows = list(Attribution.objects.order_by("pk").values())
    by_id = {row["id"]: row for row in attribution_rows}
    for relation in Attribution._meta.related_objects:  # confidential records and the like
        if relation.many_to_many:
            continue
        model, field = relation.related_model, relation.field.name
        for row in model.objects.filter(**{f"{field}__in": list(by_id)}).order_by("pk").values():
            by_id[row[f"{field}_id"]].setdefault(model.__name__, []).append(row)
    for row in attribution_rows:
        attributions.setdefault(row["article_id"], []).append(row)
    return {
        article["id"]: (
            digest([article, snapshots.get(article["id"], [])]),
            digest(attributions.get(article["id"], [])),
        )
        for article in Article.objects.order_by("pk").values()
    }


class Editor:
    """The trickle: save, then publish, demo stories in turn through articles.workflow.transitions."""

    def __init__(self, every: float, on_publish=None):
        from articles.models import Article
        from demo.loader import demo_users
        from sources.standards import check_article

        _, self.user = demo_users()  # in the Editors group, as the demo publishes with it
        live = Article.objects.filter(state="published", body__gt="").order_by("pk")
        self.stories = [a.pk for a in live if not any(f.is_blocking for f in check_article(a))][:4]
        self.every = every
        # on_publish(pk, n) is called before a publish; what it returns, after it (bench/edge.py)
        self.on_publish = on_publish
        self.written: dict[int, str] = {}  # story -> body last saved
        self.published: dict[int, int] = {}  # story -> edit number last published
        self.counts = Counter()
        self.errors: list[str] = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        from django.db import connection

        from articles import workflow
        from articles.models import Article
        from sources.standards import check_article

        n = 0
        while not self.stopping.wait(self.every):
            n += 1
            pk = self.stories[((n - 1) // 2) % len(self.stories)]  # saved, then published
            try:
                article = Article.objects.get(pk=pk)
                if n % 2:  # save an edit: the story becomes "live + draft"
                    article.body += f"<p>Soak edit {n}.</p>"
                    workflow.save_article(self.user, article, expected_version=article.version)
                    self.written[pk] = article.body
                    self.counts["saves"] += 1
                else:  # publish it
                    overrides = {f.code: "Fault drill" for f in check_article(article)}
                    after = self.on_publish(pk, n - 1) if self.on_publish else None
                    workflow.publish(self.user, article, overrides=overrides)
                    if after:
                        after()
                    self.published[pk] = n - 1
                    self.counts["publishes"] += 1
            except Exception as error:  # reported as a failed check, the soak goes on
                self.errors.append(f"edit {n} of story {pk}: {error!r}")
        connection.close()

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        self.thread.join(timeout=60)


# --- The drills ---------------------------------------------------------------------------------


def outage_drill(port: int, urls: list[str], cluster: Cluster, down: float) -> dict:
    with Load(port, urls, 8) as load:
        time.sleep(3)
        t_stop = time.monotonic()
        try:
            cluster.stop()
            t_down = time.monotonic()
            time.sleep(down)
        finally:
            t_start = time.monotonic()
            cluster.start(wait=False)  # whatever happened, PostgreSQL comes back
        # Back = accepting connections (pg_ctl -w notices only at its next poll, up to 1 s on).
        t_back = cluster.wait_ready()
        time.sleep(5)
    after = [(s, e, o) for s, e, o in load.results if e >= t_back]
    first_ok = min((e for s, e, o in after if o == "200" and s >= t_back), default=None)
    return {
        "before": load.counts(until=t_stop),
        "outage": load.counts(t_stop, t_back),
        "after": load.counts(t_back),
        "stop_seconds": t_down - t_stop,
        "start_seconds": t_back - t_start,
        "down_seconds": t_back - t_stop,
        "recovery": max((e for s, e, o in after if failed(o)), default=t_back) - t_back,
        "first_ok": None if first_ok is None else first_ok - t_back,
    }


def kill_drill(port: int, urls: list[str], master: int, workers: int) -> dict:
    respawn = []
    with Load(port, urls, 8) as load:
        time.sleep(2)
        for _ in range(3):
            victim = random.choice(workers_of(master))
            killed = time.monotonic()
            os.kill(victim, signal.SIGKILL)
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:  # replaced = a new pid, and all N there
                pids = workers_of(master)
                if victim not in pids and len(pids) == workers:
                    break
                time.sleep(0.01)
            respawn.append(time.monotonic() - killed)
            time.sleep(3)
    counts = load.counts()
    return {
        "counts": counts,
        "lost": sum(v for k, v in counts.items() if failed(k)),
        "respawn": respawn,
    }


def soak_drill(port, urls, master, args) -> dict:
    before = story_checksums()
    editor = Editor(args.edit_every)
    with Load(port, urls, args.connections, seed=100) as load:
        time.sleep(args.soak_warmup)
        pids = workers_of(master)
        baseline = {pid: rss_kib(pid) for pid in pids}
        peak = dict(baseline)
        began = time.monotonic()
        print(f"  warm-up {args.soak_warmup:g} s: {summary(load.counts())}", flush=True)
        with editor:
            while (elapsed := time.monotonic() - began) < args.soak_seconds:
                time.sleep(min(1.0, args.soak_seconds - elapsed))
                for pid in pids:
                    if Path(f"/proc/{pid}").exists():
                        peak[pid] = max(peak[pid], rss_kib(pid))
                if int(elapsed) % 30 == 29 or time.monotonic() - began >= args.soak_seconds:
                    rss = ", ".join(
                        f"{rss_kib(p) / 1024:.1f}" for p in pids if Path(f"/proc/{p}").exists()
                    )
                    print(
                        f"  {time.monotonic() - began:5.0f} s: {summary(load.counts(since=began))}; "
                        f"edits {summary(editor.counts)}; worker RSS {rss} MiB",
                        flush=True,
                    )
        end_rss = {pid: rss_kib(pid) if Path(f"/proc/{pid}").exists() else 0 for pid in pids}
        restarted = workers_of(master) != pids
        ended = time.monotonic()
    after = story_checksums()
    return {
        "counts": load.counts(began, ended),
        "seconds": ended - began,
        "baseline": baseline,
        "end_rss": end_rss,
        "peak": peak,
        "restarted": restarted,
        "before": before,
        "after": after,
        "editor": editor,
    }


def story_problems(result: dict) -> list[str]:
    """Stories whose checksum changed, except as the editor changed them (checked too)."""
    from articles.models import Article, PublishedArticle

    editor: Editor = result["editor"]
    before, after = result["before"], result["after"]
    problems = [f"story {pk} is gone" for pk in before if pk not in after]
    problems += [f"story {pk} appeared" for pk in after if pk not in before]
    for pk in before.keys() & after.keys():
        text_same = before[pk][0] == after[pk][0]
        if before[pk][1] != after[pk][1]:
            problems.append(f"story {pk}: attributions changed")
        if pk not in editor.stories:
            if not text_same:
                problems.append(f"story {pk}: text or snapshot changed")
            continue
        article = Article.objects.get(pk=pk)
        if pk in editor.written and article.body != editor.written[pk]:
            problems.append(f"story {pk}: the body is not what the editor saved last")
        if pk in editor.published:
            live = PublishedArticle.objects.get(article_id=pk, status="live")
            if f"Soak edit {editor.published[pk]}." not in live.body_html:
                problems.append(f"story {pk}: the live copy lacks the last published edit")
    return problems


# --- Main ---------------------------------------------------------------------------------------


def main(argv=None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    cluster = Cluster()
    print(f"Throw-away PostgreSQL cluster in {cluster.base} (PostgreSQL from {cluster.bin})")
    server = server_log = None
    checks: list[tuple[str, bool, str]] = []
    try:
        cluster.create()
        os.environ["DATABASE_URL"] = cluster.url("postgres")
        os.environ["NEWSROOM_TEST_DB_NAME"] = FAULTS_DB
        os.environ["MEDIA_ROOT"] = str(cluster.base / "media")
        os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
        from . import data

        data.setup_django()
        data.collect_static()
        data.create_database()
        from django.db import connection

        print(f"Faults database: {connection.settings_dict['NAME']}")
        data.generate(args.stories)
        from demo.loader import load_demo

        load_demo()
        os.environ["DATABASE_URL"] = data.database_url()
        urls = public_urls()
        connection.close()

        # The workers log every error of the outage drill: kept out of the figures.
        log_path = Path(data.__file__).resolve().parent.parent / ".local" / "faults-gunicorn.log"
        server_log = open(log_path, "w")  # noqa: SIM115 (closed at the end)
        print(f"gunicorn's log: {log_path}")

        def serve():
            from .loadtest import free_port

            port = free_port()
            process = start_gunicorn(
                port=port, workers=args.workers, page_cache=False, log=server_log
            )
            wait_for_workers(process.pid, args.workers)
            return port, process

        def stop(process):
            process.terminate()
            process.wait(timeout=30)

        print("\n1. PostgreSQL stopped and started under load (8 connections, page cache off)")
        port, server = serve()
        urls = check_urls(port, urls)
        print(f"  {len(set(urls))} public addresses in the mix")
        outage = outage_drill(port, urls, cluster, args.outage_seconds)
        stop(server)
        print(f"  before the stop: {summary(outage['before'])}")
        print(
            f"  from the stop to PostgreSQL accepting connections again "
            f"({outage['down_seconds']:.2f} s: pg_ctl stop {outage['stop_seconds']:.2f} s, "
            f"down {args.outage_seconds:g} s, start {outage['start_seconds']:.2f} s): "
            f"{summary(outage['outage'])}"
        )
        print(f"  after PostgreSQL was back: {summary(outage['after'])}")
        first = outage["first_ok"]
        print(
            f"  recovery: last failure {outage['recovery']:.3f} s after PostgreSQL was back; "
            f"first success after {first:.3f} s"
            if first is not None
            else "  no success after restart"
        )
        checks.append(
            (
                "recovery under 1 s",
                outage["recovery"] < RECOVERY_LIMIT,
                f"{outage['recovery']:.3f} s",
            )
        )

        print("\n2. A gunicorn worker killed with SIGKILL three times (8 connections)")
        port, server = serve()
        kills = kill_drill(port, urls, server.pid, args.workers)
        stop(server)
        total = sum(kills["counts"].values())
        print(f"  requests: {summary(kills['counts'])}")
        print(
            f"  lost: {kills['lost']} of {total}; replacement worker up after "
            + ", ".join(f"{s:.2f} s" for s in kills["respawn"])
        )

        print(
            f"\n3. Soak: {args.soak_seconds:g} s at {args.connections} connections, "
            f"{args.workers} workers, an edit every {args.edit_every:g} s"
        )
        port, server = serve()
        soak = soak_drill(port, urls, server.pid, args)
        stop(server)
        server = None
        counts = soak["counts"]
        total = sum(counts.values())
        fives = sum(v for k, v in counts.items() if failed(k))
        editor = soak["editor"]
        print(f"  requests: {total} ({total / soak['seconds']:.0f}/s): {summary(counts)}")
        print(
            f"  editor: {summary(editor.counts)} on {len(editor.stories)} stories; "
            f"{len(editor.errors)} failed" + (f": {editor.errors[:3]}" if editor.errors else "")
        )
        growth = {}
        for pid, base in soak["baseline"].items():
            end = soak["end_rss"].get(pid, 0)
            growth[pid] = (end - base) / base
            print(
                f"  worker {pid}: RSS {base / 1024:.1f} MiB after warm-up -> {end / 1024:.1f} MiB "
                f"at the end ({growth[pid]:+.1%}; peak {soak['peak'][pid] / 1024:.1f} MiB)"
            )
        problems = story_problems(soak)
        print(f"  stories checked: {len(soak['before'])}; problems: {len(problems)} {problems[:5]}")
        worst = max(growth.values())
        checks += [
            ("soak: 0 responses 5xx or lost", fives == 0, f"{fives}"),
            (
                "soak: worker RSS growth under 10%",
                worst < RSS_GROWTH_LIMIT and not soak["restarted"],
                f"{worst:+.1%}",
            ),
            ("soak: every story intact", not problems, f"{len(problems)} problems"),
            (
                "soak: every edit saved or published",
                not editor.errors,
                f"{len(editor.errors)} failed",
            ),
        ]
    finally:
        if server is not None and server.poll() is None:
            server.terminate()
            server.wait(timeout=30)
        try:
            from django.db import connection

            connection.close()
        except Exception:  # Django may not be set up yet
            pass
        cluster.destroy()
        if server_log is not None:
            server_log.close()
    print("\nChecks:")
    for name, ok, figure in checks:
        print(f"  {'PASS' if ok else 'FAIL'}  {name} ({figure})")
    return 0 if all(ok for _, ok, _ in checks) else 1


if __name__ == "__main__":
    sys.exit(main())

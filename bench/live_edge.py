"""Live coverage through the edge: `./dev bench live --edge`. A bounded loopback load test.

In a throw-away database (test_newsroom_live_edge unless NEWSROOM_TEST_DB_NAME is set), a
published live story is served by gunicorn (production settings, page cache on) behind
varnishd with deploy/varnish.vcl (started as `./dev bench edge` starts it: `bench.edge.
Varnish`), and the task worker runs (`manage.py db_worker`, as `./dev up` starts it): the
app's purges are tasks on the database queue, as in production. Then, for `--seconds`
(60 by default):

- `--readers` simulated readers (1,000) poll the updates endpoint through Varnish every
  `--poll` seconds (10, the page script's `LIVE_POLL_SECONDS`), each from the newest entry
  it has seen (`?after=<id>`, as `static/js/live-updates.js` asks), starting at random
  moments of the first interval; a few client threads with keep-alive connections send
  their polls when due;
- an editor (this process) files and publishes an entry every `--publish-every` seconds
  (5) through `articles.live.entries.file_entry`.

Printed: the edge's hit ratio over the soak (hits over lookups from varnishstat's counters;
the issue asks for 99% or more), misses per publish, and for each published entry the time
until it was first served through the edge (the issue asks for under 5 s), as well as how
long readers took to see it (their own poll interval included). Figures are written to
.local/bench-live-edge.json. Everything runs on 127.0.0.1 and this machine's CPUs.
"""

import heapq
import json
import os
import random
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from .clients import ClientThreads, fetch

ROOT = Path(__file__).resolve().parent.parent


class Readers(ClientThreads):
    """Simulated readers, each polling from the newest entry it has seen, sent by a few
    threads with keep-alive connections to the edge."""

    def __init__(self, *, port: int, path: str, count: int, every: float, threads: int, start):
        super().__init__(port, threads, timeout=10, join_timeout=15)
        self.path, self.every = path, every
        now = time.monotonic()
        # (when due, reader) and each reader's newest entry id.
        self.due = [(now + random.uniform(0, every), n) for n in range(count)]
        heapq.heapify(self.due)
        self.last = [start] * count
        self.lock = threading.Lock()
        self.polls = self.errors = 0
        self.first_seen: dict[int, float] = {}  # entry id -> first time any reader got it
        self.lags: list[float] = []  # each reader's wait for each entry, from its publish
        self.published: dict[int, float] = {}

    def _next(self):
        while not self.stopping.is_set():
            with self.lock:
                when, reader = self.due[0]
                wait = when - time.monotonic()
                if wait <= 0:
                    heapq.heapreplace(self.due, (when + self.every, reader))
                    return reader, self.last[reader]
            self.stopping.wait(min(wait, 0.05))
        return None, None

    def client(self, n: int, connection) -> None:
        while True:
            reader, after = self._next()
            if reader is None:
                break
            status, body = fetch(connection, f"{self.path}?after={after}")
            try:
                data = json.loads(body) if status == "200" else None
            except ValueError:
                data = None
            now = time.monotonic()
            with self.lock:
                self.polls += 1
                if data is None:
                    self.errors += 1
                    continue
                for entry in data.get("entries", ()):
                    published = self.published.get(entry["id"])
                    if published is not None:
                        self.first_seen.setdefault(entry["id"], now)
                        self.lags.append(now - published)
                self.last[reader] = max(after, int(data.get("last_id") or after))


def _worker(log) -> subprocess.Popen:
    """The task queue's worker, as `./dev up` starts it (it runs the edge purges)."""
    from .data import database_url

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "DATABASE_URL": database_url()}
    return subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "db_worker", "--no-reload"],
        cwd=ROOT, env=env, stdout=log, stderr=log,
    )  # fmt: skip


def _quantile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * q))] if values else float("nan")


def run(args) -> int:
    from .edge import Varnish, hit_ratio
    from .loadtest import free_port, start_gunicorn

    os.environ.setdefault("NEWSROOM_TEST_DB_NAME", "test_newsroom_live_edge")
    varnish_port, app_port = free_port(), free_port()
    os.environ["EDGE_PURGE_URLS"] = f"http://127.0.0.1:{varnish_port}/"
    os.environ["NEWSROOM_TASKS"] = "database"  # the real queue: the worker purges
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    media = Path(tempfile.mkdtemp(prefix="newsroom-live-edge-media-"))
    os.environ["MEDIA_ROOT"] = str(media)
    from . import data

    data.setup_django()
    data.collect_static()
    old_name = data.create_database()
    varnish = server = worker = None
    (ROOT / ".local").mkdir(exist_ok=True)
    log = open(ROOT / ".local" / "bench-live-edge.log", "w")  # noqa: SIM115 (closed below)
    try:
        from django.urls import reverse

        from articles.live import entries

        from .live import _story

        editor, article, live = _story()
        for n in range(20):
            entries.file_entry(
                user=editor, coverage=live, body=f"<p>Earlier update {n}.</p>", publish=True
            )
        start = live.entries.order_by("-id").values_list("id", flat=True).first()
        path = reverse("live-updates", args=[article.pk])
        varnish = Varnish(app_port, varnish_port)
        os.environ["DATABASE_URL"] = data.database_url()
        server = start_gunicorn(port=app_port, workers=args.workers, page_cache=True, log=log)
        worker = _worker(log)
        print(
            f"Live coverage through the edge: gunicorn ({args.workers} workers) on :{app_port}, "
            f"varnishd on :{varnish_port}, the task worker; {os.cpu_count()} CPUs\n"
            f"{args.readers:,} readers polling {path}?after=… every {args.poll:g} s "
            f"({args.threads} client threads), an entry published every "
            f"{args.publish_every:g} s, for {args.seconds:g} s"
        )
        readers = Readers(
            port=varnish_port,
            path=path,
            count=args.readers,
            every=args.poll,
            threads=args.threads,
            start=start,
        )
        publish_ms = []
        with readers:
            time.sleep(args.poll)  # every reader has polled once: the edge is warm
            before = varnish.counters()
            polls_before = readers.polls
            started = time.monotonic()
            n = 0
            while time.monotonic() - started < args.seconds:
                n += 1
                t0 = time.perf_counter()
                entry = entries.file_entry(
                    user=editor, coverage=live, body=f"<p>Live update {n}.</p>", publish=True
                )
                done = time.monotonic()
                publish_ms.append((time.perf_counter() - t0) * 1000)
                with readers.lock:
                    readers.published[entry.pk] = done
                time.sleep(max(0.0, started + n * args.publish_every - time.monotonic()))
            after = varnish.counters()
            polls = readers.polls - polls_before
            time.sleep(min(args.poll, 6))  # the last entries reach the edge
        ratio = hit_ratio(before, after)
        misses = ratio["lookups"] - ratio["hits"]
        published = readers.published
        visible = [
            readers.first_seen[i] - published[i] for i in published if i in readers.first_seen
        ]
        unseen = len(published) - len(visible)
        print(
            f"\n  {polls:,} polls in {args.seconds:g} s ({polls / args.seconds:.0f}/s), "
            f"{readers.errors} errors; {len(published)} entries published "
            f"(median {statistics.median(publish_ms):.1f} ms in the editor's process)"
        )
        print(
            f"  edge hit ratio   {ratio['ratio']:.4f}  ({ratio['hits']:,} hits of "
            f"{ratio['lookups']:,} lookups)   target ≥ 0.99: "
            f"{'ok' if ratio['ratio'] >= 0.99 else 'UNDER'}"
        )
        print(f"  misses per publish {misses / max(1, len(published)):.1f}  ({misses} misses)")
        print(
            f"  visible through the edge after publish: median {statistics.median(visible):.2f} s, "
            f"max {max(visible):.2f} s ({unseen} never seen)   target < 5 s: "
            f"{'ok' if visible and max(visible) < 5 and not unseen else 'OVER'}"
            if visible
            else "  no published entry was seen through the edge"
        )
        if readers.lags:
            print(
                f"  a reader sees it (their {args.poll:g} s poll included): median "
                f"{statistics.median(readers.lags):.2f} s, p95 {_quantile(readers.lags, 0.95):.2f} s"
            )
        results = {
            "when": time.strftime("%Y-%m-%d %H:%M"),
            "cpus": os.cpu_count(),
            "readers": args.readers,
            "poll_seconds": args.poll,
            "publish_every": args.publish_every,
            "seconds": args.seconds,
            "polls": polls,
            "errors": readers.errors,
            "publishes": len(published),
            **ratio,
            "misses_per_publish": misses / max(1, len(published)),
            "visible_median_s": statistics.median(visible) if visible else None,
            "visible_max_s": max(visible) if visible else None,
            "never_seen": unseen,
            "reader_lag_median_s": statistics.median(readers.lags) if readers.lags else None,
        }
        out = ROOT / ".local" / "bench-live-edge.json"
        out.write_text(json.dumps(results, indent=2))
        print(f"\nFigures written to {out.relative_to(ROOT)}")
        return 0
    finally:
        for process in (worker, server):
            if process is not None:
                process.terminate()
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
        if varnish is not None:
            varnish.stop()
        log.close()
        from django.db import connection

        connection.close()
        data.drop_database(old_name)
        shutil.rmtree(media, ignore_errors=True)

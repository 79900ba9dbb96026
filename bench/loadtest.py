"""Real HTTP: gunicorn on a loopback port, driven by a threaded keep-alive load generator.

Two servers are started in turn against the benchmark database with production settings
(bench.settings, DEBUG off): one with the whole-page cache off (every request renders its
page), one with it on. Each row runs `seconds` of requests from `concurrency` client threads,
each thread holding one http.client connection (gunicorn's sync workers close it after each
response; the client reconnects, as a reverse proxy would). The client runs on the same
machine as the server and the database, so the figures are relative, not capacity.
"""

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from .clients import fetch
from .data import database_url

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(*, port: int, workers: int, page_cache: bool, log=None) -> subprocess.Popen:
    """gunicorn on 127.0.0.1:`port`, answering; its output goes to `log` (a file) if given."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database_url(),
        "NEWSROOM_BENCH_PAGE_CACHE": "1" if page_cache else "0",
    }
    process = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "newsroom.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
    )
    deadline = time.monotonic() + 90  # a loaded shared machine starts it slowly
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/bench/constant/")
            if connection.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError("gunicorn did not answer within 90 seconds")


# What a browser sends: a page comes compressed (brotli) as readers get it. The constant
# view is too small to be compressed, so it is the same either way.
HEADERS = {"Host": "127.0.0.1", "Accept-Encoding": "gzip, deflate, br"}
CONSTANT = ["/bench/constant/"]


def load(port: int, paths: list[str], *, seconds: float, concurrency: int) -> dict:
    """Requests per second and latency percentiles over `seconds` of load."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker(offset: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine = []
        n = offset
        while time.monotonic() < stop:
            path = paths[n % len(paths)]
            n += concurrency
            start = time.perf_counter()
            status, _ = fetch(connection, path, headers=HEADERS)
            if status.startswith("lost"):
                errors.append(f"{path}: {status}")
                continue
            mine.append(time.perf_counter() - start)
            if status != "200":
                errors.append(f"{path}: HTTP {status}")
        connection.close()
        with lock:
            latencies.extend(mine)

    began = time.monotonic()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    if errors:
        raise RuntimeError(f"{len(errors)} failed requests, e.g. {errors[:3]}")
    latencies.sort()

    def pct(p: float) -> float:
        return 1000 * latencies[min(len(latencies) - 1, int(p * len(latencies)))]

    return {"rps": len(latencies) / elapsed, "p50": pct(0.50), "p95": pct(0.95)}


def run(
    paths: list[str], *, seconds: float, concurrency: int, workers: int, only: tuple = ()
) -> dict:
    """Every HTTP row (or the constant and those whose names begin with one of `only`)."""
    from .inprocess import list_paths, search_paths

    searches = [path for targets in search_paths().values() for path in targets]
    lists = [
        path
        for label, targets in list_paths().items()
        if not label.startswith(("sitemap", "news"))
        for path in targets
    ]
    pages = [
        ("constant response", CONSTANT),
        ("story page", paths),
        ("home page", ["/"]),
        ("section front", ["/politics/"]),  # the section of inprocess.list_paths
        ("list pages", lists),
        ("search", searches),
    ]
    pages = [(n, t) for n, t in pages if not only or n == "constant response" or n.startswith(only)]
    results = {}
    for page_cache in (False, True):
        port = free_port()
        server = start_gunicorn(port=port, workers=workers, page_cache=page_cache)
        mode = "page cache on" if page_cache else "page cache off"
        constant = {}  # the constant view's last row on this server
        try:
            for label, targets in pages:
                if page_cache and label != "constant response":
                    # Fill both workers' caches before timing (locmem is per process): every
                    # address about four times over, however slowly the misses come.
                    targets = targets[:200]
                    warmed = 0.0
                    while warmed < 4 * len(targets):
                        start = int(warmed) % len(targets)  # on from where the last pass ended
                        turned = targets[start:] + targets[:start]
                        warmed += load(port, turned, seconds=1.0, concurrency=concurrency)["rps"]
                else:
                    load(port, targets, seconds=0.5, concurrency=concurrency)  # warm up
                print(f"  HTTP {mode:<15} {label:<18} ...", end="", flush=True)
                results[(label, page_cache)] = row = load(
                    port, targets, seconds=seconds, concurrency=concurrency
                )
                if label != "constant response":
                    # The constant again right after, on the same server: on a shared machine
                    # the load moves between rows, so each row is compared with the mean of
                    # the constant just before it and just after it.
                    after = load(port, CONSTANT, seconds=seconds, concurrency=concurrency)
                    row["base_rps"] = (constant["rps"] + after["rps"]) / 2
                    row["base_p50"] = (constant["p50"] + after["p50"]) / 2
                    constant = after
                else:
                    constant = row
                print(f" {row['rps']:7.0f} req/s", flush=True)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print()
    print(
        f"HTTP: gunicorn, {workers} sync workers, {concurrency} client threads, "
        f"{seconds:g} s per row (client, server and PostgreSQL share this machine's "
        f"{os.cpu_count()} CPUs):"
    )
    print(
        f"  {'page':<20}{'cache':<6}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}"
        f"{'p50 × const':>12}{'req/s ÷ const':>14}"
    )
    for page_cache in (False, True):
        for label, _ in pages:
            row = results[(label, page_cache)]
            base, base_rps = row.get("base_p50", row["p50"]), row.get("base_rps", row["rps"])
            print(
                f"  {label:<20}{'on' if page_cache else 'off':<6}{row['rps']:>8.0f}"
                f"{row['p50']:>9.2f}{row['p95']:>9.2f}{row['p50'] / base:>12.1f}"
                f"{row['rps'] / base_rps:>14.2f}"
            )
    from . import report

    recorded = {
        f"{label}, page cache {'on' if cache else 'off'}": row
        for (label, cache), row in results.items()
    }
    print(f"  (JSON: {report.record('http', recorded)})")
    return recorded

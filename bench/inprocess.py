"""In-process timings through Django's test client (no network, no server), and a profile.

Every figure goes through the whole middleware stack and URL resolution; what it leaves
out is the WSGI server and the socket, which bench.loadtest measures.
"""

import cProfile
import io
import pstats
import time

from .generate import progress_bar


def measure(label: str, paths: list[str], requests: int, *, mode: str) -> dict:
    """Time `requests` GETs cycling through `paths`.

    mode: "constant" (the baseline), "cached" (page cache warm), "miss" (page cache off:
    every request renders its page, the menu stays cached), "cold" (the whole cache cleared
    before every request: page, menu and version key all recomputed).
    """
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    client = Client()
    queries = 0
    cache.clear()
    with override_settings(PUBLIC_PAGE_CACHE=mode != "miss"), progress_bar() as bar:
        task = bar.add_task(label, total=requests)
        if mode == "cached":
            paths = paths[:100]
        for path in paths[: min(len(paths), 100)]:
            client.get(path)  # warm: imports, template loader, connections, the cache
        start = time.perf_counter()
        for n in range(requests):
            if mode == "cold":
                cache.clear()
            with CaptureQueriesContext(connection) as captured:
                response = client.get(paths[n % len(paths)])
            queries = max(queries, len(captured))
            assert response.status_code == 200, response.status_code
            bar.update(task, advance=1)
        elapsed = time.perf_counter() - start
    return {"rps": requests / elapsed, "ms": 1000 * elapsed / requests, "queries": queries}


def run(paths: list[str], requests: int) -> None:
    constant = ["/bench/constant/"]
    rows = [
        ("constant response", measure("constant response   ", constant, requests, mode="constant")),
        ("story, page cache off", measure("story, cache off    ", paths, requests, mode="miss")),
        ("story, cache cleared", measure("story, cold cache   ", paths, requests, mode="cold")),
        ("story, cached", measure("story, cached       ", paths, requests, mode="cached")),
    ]
    base = rows[0][1]["ms"]
    print()
    print(f"Test client, {requests} requests each (no network; one process):")
    print(f"  {'page':<24}{'req/s':>9}{'ms/page':>9}{'× constant':>12}{'queries':>9}")
    for label, row in rows:
        print(
            f"  {label:<24}{row['rps']:>9.0f}{row['ms']:>9.2f}"
            f"{row['ms'] / base:>12.1f}{row['queries']:>9}"
        )


def profile(paths: list[str], requests: int, *, top: int = 30) -> None:
    """cProfile of `requests` story pages with the page cache off (menu warm)."""
    from django.test import Client, override_settings

    client = Client()
    with override_settings(PUBLIC_PAGE_CACHE=False):
        for path in paths[:50]:
            client.get(path)
        profiler = cProfile.Profile()
        profiler.enable()
        for n in range(requests):
            client.get(paths[n % len(paths)])
        profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    print(out.getvalue())

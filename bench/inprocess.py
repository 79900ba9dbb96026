"""In-process timings through Django's test client (no network, no server), and a profile.

Every figure goes through the whole middleware stack and URL resolution; what it leaves
out is the WSGI server and the socket, which bench.loadtest measures.
"""

import cProfile
import io
import pstats
import statistics
import time
from urllib.parse import urlencode

from . import report
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
        times = []
        for n in range(requests):
            if mode == "cold":
                cache.clear()
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = client.get(paths[n % len(paths)])
                times.append(time.perf_counter() - start)
            queries = max(queries, len(captured))
            assert response.status_code == 200, (paths[n % len(paths)], response.status_code)
            bar.update(task, advance=1)
    return report.timing_row(times, queries)


def _deep(queryset) -> str:
    """The ?before= cursor that shows the stories about 90% down a list (a deep page)."""
    from articles.public.queries import cursor_of

    count = queryset.count()
    return cursor_of(queryset[max(0, int(count * 0.9) - 1)])


def list_paths() -> dict[str, list[str]]:
    """First and deep pages of home, a section, a mid-popular tag and an author, and the
    sitemaps (the largest story file and the last)."""
    from articles.public import queries as q
    from articles.public.sitemaps import story_files

    tag, author, section = "topic-20", "writer-7", "politics"
    lists = {
        "home": ("/", q.story_cards()),
        "section": (f"/{section}/", q.story_cards().filter(section_slug=section)),
        "tag": (f"/tags/{tag}/", q.story_cards().filter(tag_slugs__contains=[tag])),
        "author": (f"/authors/{author}/", q.story_cards().filter(author_slugs__contains=[author])),
    }
    paths = {"home front": ["/"]}
    for name, (path, queryset) in lists.items():
        paths[f"{name}, first page"] = [path] if name != "home" else ["/?page=2"]
        paths[f"{name}, deep page"] = [f"{path}?before={_deep(queryset)}"]
    files = story_files()
    paths["sitemap index"] = ["/sitemap.xml"]
    paths["sitemap, a full story file"] = ["/sitemap-stories-1.xml"]
    paths["sitemap, last story file"] = [f"/sitemap-stories-{files}.xml"]
    paths["news sitemap"] = ["/news-sitemap.xml"]
    return paths


def search_paths() -> dict[str, list[str]]:
    from .data import search_queries

    return {
        f"search: {kind}": [f"/search/?{urlencode({'q': query})}"]
        for kind, query in search_queries().items()
    }


def run(paths: list[str], requests: int, *, only: tuple[str, ...] = ()) -> dict:
    """Every in-process row (or those whose names begin with one of `only`, and the constant):
    printed as a table and recorded in the run's JSON."""

    constant = ["/bench/constant/"]
    rows = {"constant response": measure("constant", constant, requests, mode="constant")}
    for label, targets, mode in (
        ("story, page cache off", paths, "miss"),
        ("story, cache cleared", paths, "cold"),
        ("story, cached", paths, "cached"),
    ):
        if not only or label.startswith(only):
            rows[label] = measure(label[:20], targets, requests, mode=mode)
    # Page cache off for every row below: each request renders its page.
    few = max(20, requests // 10)  # sitemaps are large pages: fewer requests
    for label, targets in {**list_paths(), **search_paths()}.items():
        if only and not label.startswith(only):
            continue
        count = few if label.startswith(("sitemap", "news")) else requests // 2
        rows[label] = measure(label[:20], targets, count, mode="miss")
    from . import editorial

    editorial_requests = max(10, requests // 10)
    if not only or any(name.startswith("admin") for name in only):
        rows.update(editorial.admin_rows(editorial_requests))
    if not only or any(name.startswith("publish") for name in only):
        rows["publish (workflow, purge incl.)"] = editorial.publish_row(editorial_requests)
    searches = [row["median_ms"] for label, row in rows.items() if label.startswith("search")]
    if searches:
        rows["search: median of the query set"] = {"median_ms": statistics.median(searches)}
    base = rows["constant response"]["median_ms"]
    print()
    print(f"Test client, {requests} requests per story row (no network; one process):")
    print(f"  {'page':<34}{'median ms':>10}{'p95 ms':>8}{'× constant':>12}{'queries':>9}")
    for label, row in rows.items():
        if "p95_ms" not in row:
            print(f"  {label:<34}{row['median_ms']:>10.2f}")
            continue
        print(
            f"  {label:<34}{row['median_ms']:>10.2f}{row['p95_ms']:>8.2f}"
            f"{row['median_ms'] / base:>12.1f}{row['queries']:>9}"
        )
    path = report.record("in_process", rows)
    print(f"  (JSON: {path})")
    return rows


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

"""The JSON of a benchmark run, written beside the printed tables.

One file per run, `bench/results/<stories>-stories-<UTC time>.json`: the machine, the
archive's size and how long generating it took, then each part's rows as they finish
(in-process, HTTP), so an interrupted run still leaves what it measured.
"""

import json
import os
import platform
import statistics
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
_run: dict = {}


def _machine() -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    memory = ""
    try:
        with open("/proc/meminfo") as meminfo:
            memory = meminfo.readline().split(":", 1)[1].strip()
    except OSError:
        pass
    return {
        "cpus": os.cpu_count(),
        "memory": memory,
        "load_average": os.getloadavg(),
        "python": platform.python_version(),
        "postgresql": postgres,
        "system": platform.platform(),
    }


def timing_row(times: list[float], queries: int = 0) -> dict:
    """One row of figures from request durations in seconds: rate, mean, median, p95."""
    times = sorted(times)
    return {
        "rps": len(times) / sum(times),
        "ms": 1000 * sum(times) / len(times),
        "median_ms": 1000 * statistics.median(times),
        "p95_ms": 1000 * times[min(len(times) - 1, int(0.95 * len(times)))],
        "queries": queries,
    }


def record(part: str, rows: dict) -> Path:
    """Add `part`'s rows to this run's JSON file (created on first use); its path."""
    from articles.models import PublishedArticle

    from .data import LAST_RUN

    if not _run:
        now = datetime.now(UTC)
        stories = PublishedArticle.objects.count()
        _run.update(
            path=RESULTS / f"{stories}-stories-{now:%Y%m%dT%H%M%SZ}.json",
            data={
                "date": now.isoformat(timespec="seconds"),
                "stories": stories,
                "generation": dict(LAST_RUN),
                "machine": _machine(),
            },
        )
    _run["data"][part] = rows
    _run["data"]["machine"]["load_average_end"] = os.getloadavg()
    RESULTS.mkdir(exist_ok=True)
    _run["path"].write_text(json.dumps(_run["data"], indent=2, default=str) + "\n")
    return _run["path"]

"""Live coverage (issue 21): `./dev bench live`. Figures, not a test.

In process, production settings (bench.settings), a throw-away database:

- **publish**: an editor files and publishes an entry (`articles.live.entries.file_entry`
  with `publish=True`: permission, row lock, the standards gate, the history row, the
  page-cache and edge-purge hooks after the commit), `--entries` times (2,000 by default);
  the stream is built by these publishes;
- **page**: the live story's page with 2,000 entries, rendered with the page cache off
  (its first page of entries, key events and JSON-LD), through Django's test client;
- **updates**: the updates endpoint (`/live/<id>/updates/?after=N`, never page-cached),
  with nothing new and with the last 5 entries new.

Each row prints the median and the 95th percentile in milliseconds. The issue's targets:
publish < 30 ms, page < 30 ms, updates < 5 ms (medians). The edge's hit ratio with polling
readers is measured by `--edge` (bench/live_edge.py): Varnish in front, the task worker
purging, 1,000 readers polling while an editor publishes.

Usage: ./dev bench live [--entries N] [--requests N]
       ./dev bench live --edge [--readers 1000] [--poll 10] [--publish-every 5] [--seconds 60]
"""

import argparse
import statistics
import time


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def _row(name: str, times: list[float], target: float) -> str:
    times = sorted(times)
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    median = statistics.median(times)
    verdict = "ok" if median < target else "OVER"
    return f"{name:<34} {median:8.2f} {p95:8.2f}   < {target:g} ms: {verdict}   (n={len(times)})"


def _story():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from articles import workflow
    from articles.live import coverage
    from articles.models import Article, ArticleAuthor, Section
    from articles.workflow.permissions import ensure_role_groups
    from authors.models import Author

    ensure_role_groups()
    editor = get_user_model().objects.create_user(
        "bench-editor", "e@example.com", "pw", is_staff=True, first_name="Ada", last_name="Live"
    )
    editor.groups.add(Group.objects.get(name="Editors"))
    section = Section.objects.create(name="Bench", slug="bench")
    article = Article.objects.create(
        headline="Storm live: the harbor floods",
        slug="storm-live",
        dek="Updates as they come.",
        body="<p>The storm reached the harbor on Sunday.</p>",
        section=section,
        created_by=editor,
    )
    # The editor's account has its author already (authors.accounts, on commit).
    author, _ = Author.objects.get_or_create(slug="ada-live", defaults={"name": "Ada Live"})
    ArticleAuthor.objects.create(article=article, author=author)
    workflow.publish(editor, article)
    live = coverage.make_live(user=editor, article=article)
    coverage.move(user=editor, coverage=live, action=coverage.START)
    article.refresh_from_db()
    return editor, article, live


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="./dev bench live", description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=2000, help="entries to publish")
    parser.add_argument("--requests", type=int, default=200, help="requests per read row")
    parser.add_argument("--edge", action="store_true", help="the load test through Varnish")
    parser.add_argument("--readers", type=int, default=1000, help="--edge: polling readers")
    parser.add_argument("--poll", type=float, default=10.0, help="--edge: seconds per poll")
    parser.add_argument("--publish-every", type=float, default=5.0, help="--edge: seconds")
    parser.add_argument("--seconds", type=float, default=60.0, help="--edge: the soak's length")
    parser.add_argument("--threads", type=int, default=8, help="--edge: client threads")
    parser.add_argument("--workers", type=int, default=2, help="--edge: gunicorn workers")
    args = parser.parse_args(argv)
    if args.edge:
        from . import live_edge

        return live_edge.run(args)
    from . import data

    data.setup_django()
    data.collect_static()
    old_name = data.create_database()
    try:
        from django.test import Client, override_settings
        from django.urls import reverse

        from articles.live import entries

        from .generate import progress_bar

        editor, article, live = _story()
        publish = []
        with progress_bar() as bar:
            task = bar.add_task("Publishing entries", total=args.entries)
            for n in range(args.entries):
                started = time.perf_counter()
                entries.file_entry(
                    user=editor,
                    coverage=live,
                    headline=f"Update {n}" if n % 5 == 0 else "",
                    body=f"<p>Water rose another {n % 40} cm on Front Street, the harbor "
                    f"master said at {n % 24}:00. Crews are sandbagging the ferry landing.</p>",
                    publish=True,
                )
                publish.append(_ms(started))
                bar.advance(task)
        client = Client()
        path = article.snapshot.url_path
        page, quiet, five = [], [], []
        last = live.entries.order_by("-id").values_list("id", flat=True).first()
        updates = reverse("live-updates", args=[article.pk])
        with override_settings(PUBLIC_PAGE_CACHE=False):
            assert client.get(path).status_code == 200
            for _ in range(args.requests):
                started = time.perf_counter()
                client.get(path)
                page.append(_ms(started))
        for _ in range(args.requests):
            started = time.perf_counter()
            client.get(updates, {"after": last})
            quiet.append(_ms(started))
            started = time.perf_counter()
            client.get(updates, {"after": last - 5})
            five.append(_ms(started))
    finally:
        data.drop_database(old_name)
    print(f"Live coverage, {args.entries:,} entries; ms:{'median':>13} {'p95':>8}")
    print(_row("publish an entry", publish, 30))
    print(_row(f"page, {args.entries:,} entries, uncached", page, 30))
    print(_row("updates, nothing new, uncached", quiet, 5))
    print(_row("updates, 5 new entries, uncached", five, 5))
    return 0

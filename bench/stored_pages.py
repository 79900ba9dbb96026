"""Story pages with the stored pages on and off, over HTTP, side by side with the constant view.

`./dev bench stored-pages [--seconds S] [--rounds N]` on a kept benchmark database (make one
with `./dev bench --stories 10000 --keep`, same NEWSROOM_TEST_DB_NAME): gunicorn (2 sync
workers, page cache off) with `NEWSROOM_BENCH_STORED_PAGES` 1, then 0, alternately; each
server measures the constant view, every story address in turn, and the constant again, so
each ratio is taken on one server in one minute. Prints req/s, p50 and the load average.
"""

import argparse
import os


def main(argv) -> int:
    parser = argparse.ArgumentParser(
        prog="./dev bench stored-pages", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    from . import data

    data.setup_django()
    data.collect_static()
    old_name = data.create_database(keep=True)
    from django.db import connection

    from articles.models import PublishedArticle

    from . import loadtest

    paths = list(
        PublishedArticle.objects.order_by("-published_at").values_list("url_path", flat=True)
    )
    if not paths:
        raise SystemExit("No stories: make them with ./dev bench --stories N --keep first.")
    data.store_pages()
    os.environ["DATABASE_URL"] = data.database_url()
    connection.close()
    try:
        for number in range(1, args.rounds + 1):
            for stored in ("1", "0"):
                os.environ["NEWSROOM_BENCH_STORED_PAGES"] = stored
                port = loadtest.free_port()
                server = loadtest.start_gunicorn(port=port, workers=2, page_cache=False)
                try:
                    loadtest.load(port, paths, seconds=0.5, concurrency=4)  # warm up
                    before = loadtest.load(
                        port, ["/bench/constant/"], seconds=args.seconds, concurrency=4
                    )
                    story = loadtest.load(port, paths, seconds=args.seconds, concurrency=4)
                    after = loadtest.load(
                        port, ["/bench/constant/"], seconds=args.seconds, concurrency=4
                    )
                finally:
                    server.terminate()
                    server.wait(timeout=30)
                constant = (before["rps"] + after["rps"]) / 2
                load = open("/proc/loadavg").read().split()[0]  # noqa: SIM115
                print(
                    f"round {number}, stored pages {'on ' if stored == '1' else 'off'}: constant "
                    f"{constant:6.0f} req/s, story {story['rps']:6.0f} req/s (p50 "
                    f"{story['p50']:.1f} ms), story ÷ constant {story['rps'] / constant:.2f}, "
                    f"load average {load}",
                    flush=True,
                )
    finally:
        data.drop_database(old_name, keep=True)
    return 0

"""Public-site benchmark: story pages against a constant response, in-process and over HTTP.

Runs against its own throw-away database (test_newsroom_bench, or NEWSROOM_TEST_DB_NAME)
with production settings (bench.settings: DEBUG off), generates stories with progress, then:

- in-process (Django's test client): the constant response, story pages with the page cache
  off, with the whole cache cleared, and cached; each as a multiple of the constant;
- --http: gunicorn (2 workers) on a loopback port, driven by a threaded keep-alive load
  generator: req/s and p50/p95 latency for the constant, story, home and search pages,
  with the page cache off and on;
- --profile: cProfile of uncached story pages instead of the timings.

Usage: ./dev bench [--stories N] [--requests N] [--http] [--seconds S] [--concurrency C]
       ./dev bench --stories 100000 --keep --only search,sitemap,news   (reuse a kept archive)
       ./dev bench faults [--soak-seconds S] ...   (the fault drills: bench/faults/)
       ./dev bench edge [--soak-seconds S] ...   (Varnish in front: bench/edge.py)
       ./dev bench assistant [-v] [--parser]   (the sourcing assistant's precision and recall)
       ./dev bench parser [--repeat N]   (the assistant's parser: speed and memory)
       ./dev bench comments [--repeat N]   (the costliest comment passage: bench/comments.py)
       ./dev bench story-page [--runs N]   (the story page's weight and settle time in Chromium)
       ./dev bench spelling [--stories N]   (search's "Did you mean": bench/spelling.py)
       ./dev bench uploads [--runs N]   (picture upload answers and the worker's renditions)
       ./dev bench transcode [--seconds N]   (video and sound: the worker's ffmpeg conversions)
       ./dev bench live [--entries N]   (live coverage: publishing, the page, updates)
       ./dev bench lighthouse [--only home,story]   (Lighthouse scores of every page type)
"""

import argparse
import sys


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="./dev bench", description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=2000, help="stories to generate")
    parser.add_argument("--requests", type=int, default=500, help="requests per in-process row")
    parser.add_argument("--http", action="store_true", help="also measure over HTTP (gunicorn)")
    parser.add_argument("--http-only", action="store_true", help="only the HTTP measurements")
    parser.add_argument("--seconds", type=float, default=5.0, help="seconds per HTTP row")
    parser.add_argument("--concurrency", type=int, default=4, help="HTTP client threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--profile", action="store_true", help="profile uncached story pages")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the database afterwards, and reuse it when it already holds --stories stories"
        " (set NEWSROOM_TEST_DB_NAME to one name per size)",
    )
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated row names to run (beginnings, e.g. search,sitemap,news)",
    )
    return parser.parse_args(argv)


def main(argv=None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["assistant"]:  # bench/assistant_quality.py
        from . import assistant_quality

        sys.exit(assistant_quality.main(argv[1:]))
    if argv[:1] == ["parser"]:  # bench/parser.py
        from . import parser as parser_bench

        sys.exit(parser_bench.main(argv[1:]))
    if argv[:1] == ["faults"]:  # ./dev bench faults: the fault drills (bench/faults/)
        from . import faults

        sys.exit(faults.main(argv[1:]))
    if argv[:1] == ["comments"]:  # ./dev bench comments: the costliest comment (issue 19)
        from . import comments

        sys.exit(comments.main(argv[1:]))
    if argv[:1] == ["story-page"]:  # ./dev bench story-page: the story page in Chromium
        from . import story_page

        sys.exit(story_page.main(argv[1:]))
    if argv[:1] == ["spelling"]:  # ./dev bench spelling: "Did you mean …?" at 10,000 stories
        from . import spelling

        sys.exit(spelling.main(argv[1:]))
    if argv[:1] == ["uploads"]:  # ./dev bench uploads: picture uploads (issue 22)
        from . import uploads

        sys.exit(uploads.main(argv[1:]))
    if argv[:1] == ["transcode"]:  # ./dev bench transcode: video and sound (issue 22)
        from . import transcode

        sys.exit(transcode.main(argv[1:]))
    if argv[:1] == ["lighthouse"]:  # ./dev bench lighthouse: every page type (issue 20)
        from . import lighthouse

        sys.exit(lighthouse.main(argv[1:]))
    if argv[:1] == ["live"]:  # ./dev bench live: live coverage (issue 21)
        from . import live

        sys.exit(live.main(argv[1:]))
    if argv[:1] == ["stored-pages"]:  # ./dev bench stored-pages: stored story pages on and off
        from . import stored_pages

        sys.exit(stored_pages.main(argv[1:]))
    if argv[:1] == ["edge"]:  # ./dev bench edge: the edge cache's rate and hit ratio
        from . import edge

        sys.exit(edge.main(argv[1:]))
    args = parse_args(argv)
    from . import data

    data.setup_django()
    data.collect_static()
    old_name = data.create_database(keep=args.keep)
    try:
        from django.db import connection

        print(f"Benchmark database: {connection.settings_dict['NAME']}")
        paths = (args.keep and data.kept_story_paths(args.stories)) or data.generate(args.stories)
        data.store_pages()
        from . import inprocess

        if args.profile:
            inprocess.profile(paths, args.requests)
            return
        only = tuple(name.strip() for name in args.only.split(",") if name.strip())
        if not args.http_only:
            inprocess.run(paths, args.requests, only=only)
        if args.http or args.http_only:
            from . import loadtest

            connection.close()  # the workers get their own connections
            loadtest.run(
                paths,
                seconds=args.seconds,
                concurrency=args.concurrency,
                workers=args.workers,
                only=only,
            )
    finally:
        data.drop_database(old_name, keep=args.keep)


if __name__ == "__main__":
    main()

"""Public-site benchmark: requests/sec and ms per story page, uncached vs cached.

Runs against its own throw-away database (test_newsroom_bench, or NEWSROOM_TEST_DB_NAME),
generates stories with progress, then times story pages through Django's test client
(no network): "uncached" clears the page cache before every request, "cached" serves
from it. Usage: ./dev bench [--stories N] [--requests N]
"""

import argparse
import os
import sys
import time
from datetime import timedelta


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="./dev bench", description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=2000, help="stories to generate")
    parser.add_argument("--requests", type=int, default=300, help="requests per measurement")
    return parser.parse_args(argv)


def setup_django():
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsroom.settings.test"
    os.environ.setdefault("NEWSROOM_TEST_DB_NAME", "test_newsroom_bench")
    import django

    django.setup()


def progress(label: str, done: int, total: int) -> None:
    width = 30
    filled = int(width * done / total) if total else width
    sys.stdout.write(f"\r  {label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    if done == total:
        sys.stdout.write("\n")
    sys.stdout.flush()


def generate(total: int) -> list[str]:
    """Create `total` published snapshots (4 authors, 6 tags, corrections, sourcing each)."""
    from django.utils import timezone

    from articles.models import Article, PublishedArticle, Section
    from articles.rendering import render_article_html
    from authors.models import Author

    sections = [
        Section.objects.create(name=name, slug=name.lower(), position=n)
        for n, name in enumerate(["City", "Politics", "Science", "Business", "Sports", "Culture"])
    ]
    authors = [
        Author.objects.create(name=f"Writer {n}", slug=f"writer-{n}", job_title="Reporter")
        for n in range(20)
    ]
    now = timezone.now()
    paths, batch = [], []
    for n in range(total):
        section = sections[n % len(sections)]
        byline = [
            {"name": a.name, "slug": a.slug, "job_title": a.job_title, "url": f"/authors/{a.slug}/"}
            for a in authors[n % 17 : n % 17 + 4]
        ]
        tags = [{"name": f"Topic {t}", "slug": f"topic-{t}"} for t in range(n % 40, n % 40 + 6)]
        body = " ".join(
            f"Paragraph {p} of generated story {n} about topic {n % 40}." for p in range(40)
        )
        article = Article.objects.create(
            headline=f"Generated story {n}",
            slug=f"generated-{n}",
            section=section,
            state="published",
        )
        published = now - timedelta(minutes=10 * n + 1)
        day = timezone.localdate(published)
        snapshot = PublishedArticle(
            article=article,
            headline=article.headline,
            slug=article.slug,
            dek=f"The dek of story {n}.",
            body_html="".join(f"<p>{body}</p>" for _ in range(6)),
            body_text=body,
            section_name=section.name,
            section_slug=section.slug,
            byline=byline,
            author_slugs=[b["slug"] for b in byline],
            tags=tags,
            tag_slugs=[t["slug"] for t in tags],
            corrections=[
                {
                    "kind": "correction",
                    "label": "Correction",
                    "text": "A fix.",
                    "at": published.isoformat(),
                }
            ],  # fmt: skip
            sourcing={
                "named": [{"name": "A Person", "descriptor": "resident"}],
                "outlets": [],
                "anonymous": [],
                "anonymous_count": 0,
                "declined": [],
                "no_response": [],
            },  # fmt: skip
            published_at=published,
            first_published_at=published,
            updated_at=published,
            url_path=f"/{section.slug}/{day:%Y}/{day:%m}/{day:%d}/{article.slug}/",
        )
        snapshot.article_html = render_article_html(snapshot)
        batch.append(snapshot)
        paths.append(snapshot.url_path)
        if len(batch) == 200 or n == total - 1:
            PublishedArticle.objects.bulk_create(batch)
            batch = []
        progress("generating stories", n + 1, total)
    for snapshot in PublishedArticle.objects.all().only("pk"):
        snapshot.refresh_search_vector()
    return paths


def measure(label: str, paths: list[str], requests: int, *, cached: bool) -> dict:
    from django.core.cache import cache
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    queries = 0
    if cached:
        # Django's local-memory cache keeps 300 entries by default: stay well under it.
        paths = paths[:100]
        for path in paths:
            client.get(path)  # warm
    start = time.perf_counter()
    for n in range(requests):
        if not cached:
            cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(paths[n % len(paths)])
        queries = max(queries, len(captured))
        assert response.status_code == 200, response.status_code
        progress(label, n + 1, requests)
    elapsed = time.perf_counter() - start
    reset_queries()
    return {"rps": requests / elapsed, "ms": 1000 * elapsed / requests, "queries": queries}


def main(argv=None) -> None:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    setup_django()
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        print(f"Benchmark database: {connection.settings_dict['NAME']}")
        paths = generate(args.stories)
        uncached = measure("story pages, uncached", paths, args.requests, cached=False)
        cached = measure("story pages, cached  ", paths, args.requests, cached=True)
        print()
        print(
            f"Story page with {args.stories} stories, {args.requests} requests each (test client):"
        )
        print(f"  uncached: {uncached['rps']:8.1f} req/s  {uncached['ms']:6.2f} ms/page  "
              f"at most {uncached['queries']} SQL queries")  # fmt: skip
        print(f"  cached:   {cached['rps']:8.1f} req/s  {cached['ms']:6.2f} ms/page  "
              f"at most {cached['queries']} SQL queries")  # fmt: skip
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()

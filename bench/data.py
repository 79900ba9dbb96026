"""The benchmark's database: created, filled with published stories (with progress), dropped."""

import os
import sys
from datetime import timedelta
from urllib.parse import urlsplit, urlunsplit

SECTIONS = ["City", "Politics", "Science", "Business", "Sports", "Culture"]
SEARCH_TERMS = ["topic", "generated story", "paragraph 7", "dek", "story 1234", "river"]


def setup_django() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()


def progress(label: str, done: int, total: int) -> None:
    width = 30
    filled = int(width * done / total) if total else width
    sys.stdout.write(f"\r  {label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    if done == total:
        sys.stdout.write("\n")
    sys.stdout.flush()


def collect_static() -> None:
    """Production serves hashed static files from a manifest: build it (incremental)."""
    from django.core.management import call_command

    print("Collecting static files (production storage) ...", flush=True)
    call_command("collectstatic", interactive=False, verbosity=0)


def create_database() -> str:
    """Create the throw-away benchmark database; returns the old name for `drop_database`."""
    from django.db import connection

    return connection.creation.create_test_db(verbosity=0, autoclobber=True)


def drop_database(old_name: str) -> None:
    from django.db import connection

    connection.creation.destroy_test_db(old_name, verbosity=0)


def database_url() -> str:
    """DATABASE_URL pointing at the benchmark database (for the gunicorn workers)."""
    from django.db import connection

    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + connection.settings_dict["NAME"]))


def generate(total: int) -> list[str]:
    """Create `total` published snapshots (4 authors, 6 tags, corrections, sourcing each)."""
    from django.utils import timezone

    from articles.models import Article, PublishedArticle, Section
    from articles.snapshot import snapshot_from_data
    from authors.models import Author

    sections = [
        Section.objects.create(name=name, slug=name.lower(), position=n)
        for n, name in enumerate(SECTIONS)
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
        snapshot = snapshot_from_data(
            article,
            section=section,
            byline=byline,
            tags=tags,
            published_at=published,
            headline=article.headline,
            slug=article.slug,
            dek=f"The dek of story {n}.",
            body_html="".join(f"<p>{body}</p>" for _ in range(6)),
            body_text=body,
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
        )
        batch.append(snapshot)
        paths.append(snapshot.url_path)
        if len(batch) == 200 or n == total - 1:
            PublishedArticle.objects.bulk_create(batch)
            batch = []
        progress("generating stories", n + 1, total)
    snapshots = list(PublishedArticle.objects.only("pk"))
    for n, snapshot in enumerate(snapshots, 1):
        snapshot.refresh_search_vector()
        if n % 50 == 0 or n == len(snapshots):
            progress("search vectors    ", n, len(snapshots))
    from django.db import connection

    with connection.cursor() as cursor:  # planner statistics, as on a site in steady state
        cursor.execute("VACUUM ANALYZE")
    return paths

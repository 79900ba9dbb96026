"""The benchmark's database: created, filled with published stories (bench.generate), dropped."""

import os
from urllib.parse import urlsplit, urlunsplit

SEARCH_TERMS = ["budget", "river park", "council budget vote", "said", "zeppelinquark"]
# Generation timings of the last `generate` (for the JSON of a run).
LAST_RUN: dict = {}


def setup_django() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()


def collect_static() -> None:
    """Production serves hashed static files from a manifest: build it (incremental)."""
    from django.core.management import call_command

    print("Collecting static files (production storage) ...", flush=True)
    call_command("collectstatic", interactive=False, verbosity=0)


def create_database(*, keep: bool = False) -> str:
    """Create the throw-away benchmark database (with `keep`, reuse it if it exists, after
    migrating it); returns the old name for `drop_database`."""
    from django.db import connection

    # No serializing of the contents (a test-runner feature): at a million stories it held
    # the whole archive in memory as JSON and the process was killed.
    return connection.creation.create_test_db(
        verbosity=0, autoclobber=True, keepdb=keep, serialize=False
    )


def drop_database(old_name: str, *, keep: bool = False) -> None:
    from django.db import connection

    connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=keep)


def kept_story_paths(total: int) -> list[str] | None:
    """The story paths of a kept database that already holds exactly `total` stories, newest
    first (as `generate` returns them); None when it must be generated."""
    from articles.models import PublishedArticle

    paths = list(
        PublishedArticle.objects.order_by("-published_at").values_list("url_path", flat=True)
    )
    if len(paths) == total:
        print(f"Reusing the kept database's {total} stories (no generation).", flush=True)
        return paths
    if paths:
        raise SystemExit(
            f"The kept database holds {len(paths)} stories, not {total}: "
            "use another NEWSROOM_TEST_DB_NAME."
        )
    return None


def database_url() -> str:
    """DATABASE_URL pointing at the benchmark database (for the gunicorn workers)."""
    from django.db import connection

    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + connection.settings_dict["NAME"]))


def generate(total: int) -> list[str]:
    """Write `total` published stories (bench.generate: COPY, rich progress); their paths."""
    from . import generate as generator

    result = generator.generate(total)
    LAST_RUN.update(result["timings"])
    return result["paths"]


# Stored pages made before the rows: the newest stories, which the rows read (an HTTP row
# cycles through them from the newest). Every page of a million stories would take over an
# hour and some 27 GB; the others are made on their first request, as in production.
STORED_PAGES_LIMIT = 5_000


def store_pages(limit: int = STORED_PAGES_LIMIT) -> None:
    """Make the newest stories' stored pages (articles.public.stored.pages), as publishing
    does."""
    import time

    from articles.models import PublishedArticle
    from articles.public.stored import pages as stored_pages

    began = time.monotonic()
    ids = list(
        PublishedArticle.objects.order_by("-published_at").values_list("pk", flat=True)[:limit]
    )
    made = stored_pages.store(ids)
    LAST_RUN["stored_pages_seconds"] = round(time.monotonic() - began, 1)
    print(f"Stored pages: {made} made, {len(ids) - made} already held "
          f"({LAST_RUN['stored_pages_seconds']} s).", flush=True)  # fmt: skip


def search_queries() -> dict[str, str]:
    """The realistic query set, by kind, in the generated archive's vocabulary."""
    from .generate import EVERY_STORY_WORD, Words

    rare = Words().pockets[7]
    return {
        "one word": "budget",
        "two words": "river park",
        "three words": "council budget vote",
        "phrase": '"city council"',
        "rare word": rare.lower(),
        "every story": EVERY_STORY_WORD,
        "no match": "zeppelinquark",
    }

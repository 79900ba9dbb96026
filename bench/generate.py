"""A realistic archive of published stories, written fast: COPY in large batches.

Every story is built by `articles.workflow.snapshot.snapshot_from_data` (the publishing code's own
factory: the same address, derived slugs and article/head markup as a publish), with 1–3
bylines from a pool of writers, 2–5 tags from a pool where a few are common and most are
rare, public attributions and their "How we sourced this" box, a correction on one story
in twenty and a lead image from a small pool on most. Text is made of sentences drawn from
a pool built from a news vocabulary, so word frequencies look like an archive's: "said"
is in every story, common words in most, each made-up place name in only a few.

Rows go to PostgreSQL with COPY into a staging table, then one INSERT ... SELECT per batch
that also computes the weighted search vector in SQL (the same weights as
`PublishedArticle.refresh_search_vector`). The snapshot table's GIN indexes are dropped
for the load and built once at the end, as a restore would. Rendering the snapshots' markup
is the costly part, so batches are shared between one process per CPU (each batch seeded on
its own: the same stories whatever the number of processes).

Progress is shown with rich: a live bar on a terminal, one summary line per step when the
output is a log.
"""

import multiprocessing
import os
import random
import time
from datetime import datetime, timedelta

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)


def _words(text: str) -> list[str]:
    return text.split()


SECTIONS = ["City", "Politics", "Science", "Business", "Sports", "Culture"]
SPACING = timedelta(minutes=10)  # 144 stories a day: a million stories is 19 years
BATCH = 5000
# A word every story has (the sign-off sentence), common words, and the made-up place names
# that make rare words: about one story in POCKETS carries a given one.
EVERY_STORY_WORD = "said"
COMMON = _words(
    "city council budget vote mayor plan year people public school water river park street "
    "police court judge state federal report data study health hospital doctor patient "
    "business company market price job worker union strike tax money bank loan housing rent "
    "home family child student teacher university research scientist climate storm flood fire "
    "road bridge bus train transit traffic airport election campaign candidate voter party law "
    "bill senate house committee hearing official agency department program fund grant museum "
    "art music festival theater film book library team game season coach player match win "
    "loss record night morning week month community resident neighbor group leader member "
    "office building project construction permit zoning land farm food restaurant market "
    "energy power grid solar wind oil gas price inflation wage contract deal lawsuit claim "
    "investigation evidence witness trial sentence prison safety crash injury emergency "
    "ambulance shelter winter summer spring autumn heat drought harbor port ship ferry coast"
)
GLUE = _words("the a of to in and on for with at by from after before over under about")
SYLLABLES = _words("ka lo mi ren tas vor bel qui dun sar pel ost ni gra fen ul zor bri tam hev")
POCKETS = 2000
SENTENCE_POOL = 20000
SENTENCES_PER_STORY = 24

IMAGE_POOL = [
    {
        "url": f"/media/renditions/pool-{n}-1600.jpg",
        "width": 1600,
        "height": 900,
        "bytes": 180_000,
        "mime_type": "image/jpeg",
        "alt": f"Pool picture {n}: a street scene at dusk",
        "caption": f"Pool picture {n}.",
        "credit": "Newsroom staff",
        "renditions": [
            {
                "url": f"/media/renditions/pool-{n}-{w}.{fmt}",
                "width": w,
                "height": w * 9 // 16,
                "format": fmt,
                "mime_type": f"image/{fmt}",
            }
            for fmt in ("webp", "jpeg")
            for w in (480, 960, 1600)
        ],
        "sources": [
            {
                "mime_type": "image/webp",
                "srcset": ", ".join(
                    f"/media/renditions/pool-{n}-{w}.webp {w}w" for w in (480, 960, 1600)
                ),
            }
        ],
        "srcset": ", ".join(f"/media/renditions/pool-{n}-{w}.jpeg {w}w" for w in (480, 960, 1600)),
        "sizes": "(min-width: 60rem) 60rem, 100vw",
    }
    for n in range(8)
]


def progress_bar() -> Progress:
    """rich's progress: redrawn in place on a terminal; on a log, each bar is printed once,
    finished, when its step ends (no carriage-return lines)."""
    return Progress(
        TextColumn("  {task.description:<20}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=Console(),
        transient=False,
    )


class Words:
    """The seeded word source: sentences, headlines, place names."""

    def __init__(self, seed: int = 13):
        self.random = random.Random(seed)
        rnd = self.random
        self.pockets = sorted(
            {
                "".join(rnd.choice(SYLLABLES) for _ in range(rnd.randint(2, 3))).capitalize()
                for _ in range(POCKETS * 2)
            }
        )[:POCKETS]
        # Zipf-like weights: the first common words are much more frequent than the last.
        weights = [1 / (rank + 1) ** 0.9 for rank in range(len(COMMON))]
        self.sentences = []
        for _ in range(SENTENCE_POOL):
            words = rnd.choices(COMMON, weights=weights, k=rnd.randint(8, 16))
            for _ in range(rnd.randint(3, 6)):
                words.insert(rnd.randrange(len(words)), rnd.choice(GLUE))
            self.sentences.append(" ".join(words).capitalize() + ".")

    def story(self, n: int, rnd: random.Random) -> dict:
        place = self.pockets[rnd.randrange(len(self.pockets))]
        headline_words = rnd.sample(COMMON, rnd.randint(4, 7))
        headline = f"{place} {' '.join(headline_words)} {n}".capitalize()
        sentences = rnd.sample(self.sentences, SENTENCES_PER_STORY)
        sentences.insert(rnd.randrange(4, SENTENCES_PER_STORY), f"The plan reaches {place}.")
        sentences.append(f"Officials {EVERY_STORY_WORD} more would follow.")
        paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]
        return {
            "headline": headline[:190],
            "dek": " ".join(rnd.sample(self.sentences, 1)),
            "paragraphs": paragraphs,
            "place": place,
        }


def _pools(rnd: random.Random):
    from articles.models import Section
    from authors.models import Author

    sections = [
        Section.objects.get_or_create(slug=name.lower(), defaults={"name": name, "position": n})[0]
        for n, name in enumerate(SECTIONS)
    ]
    Author.objects.bulk_create(
        [Author(name=f"Writer {n}", slug=f"writer-{n}", job_title="Reporter") for n in range(60)],
        ignore_conflicts=True,
    )
    authors = [
        {"name": a.name, "slug": a.slug, "job_title": a.job_title, "url": f"/authors/{a.slug}/"}
        for a in Author.objects.filter(slug__startswith="writer-").order_by("id")
    ]
    tags = [{"name": f"Topic {t}", "slug": f"topic-{t}"} for t in range(300)]
    tag_weights = [1 / (rank + 1) for rank in range(len(tags))]
    return sections, authors, tags, tag_weights


def _attributions(rnd: random.Random, place: str) -> list[dict]:
    base = {"anonymous": False, "source_kind": "person", "url": "", "reason": "", "count": 1,
            "reported": "", "reported_on": ""}  # fmt: skip
    items = [
        {**base, "kind": "quoted", "name": f"Resident of {place}", "descriptor": "resident"},
        {**base, "kind": "paraphrased", "name": "Dana Reyes", "descriptor": "city engineer"},
    ]
    if rnd.random() < 0.3:
        items.append(
            {**base, "kind": "quoted", "anonymous": True, "name": "",
             "descriptor": "two officials", "reason": "not authorized to speak", "count": 2}
        )  # fmt: skip
    if rnd.random() < 0.3:
        items.append({**base, "kind": "declined", "name": "The transit agency", "descriptor": ""})
    if rnd.random() < 0.2:
        items.append(
            {**base, "kind": "reported_by", "name": "The Daily Ledger", "source_kind": "outlet",
             "reported": "first reported the plan", "reported_on": "2025-01-05"}
        )  # fmt: skip
    return items


def _copy_rows(cursor, table: str, columns: list[str], rows) -> None:
    sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    with cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


def _log_progress(bar: Progress, done: int, total: int, started: float) -> None:
    """On a log (no terminal to redraw a bar on), a plain line every 2% of the rows."""
    step = max(BATCH, total // 50 // BATCH * BATCH)
    if bar.console.is_terminal or (done % step and done != total):
        return
    elapsed = time.perf_counter() - started
    left = elapsed / done * (total - done)
    print(f"  rows: {done:,} of {total:,} ({done / total:.0%}), {elapsed / 60:.1f} min, "
          f"about {left / 60:.1f} min left", flush=True)  # fmt: skip


def _reserve_ids(cursor, table: str, count: int) -> int:
    """The first of `count` consecutive ids taken from the table's sequence."""
    cursor.execute(
        "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
        "nextval(pg_get_serial_sequence(%s, 'id')) + %s - 1)",
        [table, table, count],
    )
    return cursor.fetchone()[0] - count + 1


def _row(obj, fields, connection) -> list:
    return [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]


def generate(
    total: int, *, seed: int = 13, now: datetime | None = None, workers: int | None = None
) -> dict:
    """Write `total` published stories; returns their paths and the step timings.

    Rendering each snapshot's markup is the costly part (PostgreSQL is mostly idle), so the
    batches are shared out between `workers` processes (one per CPU by default), each with
    its own connection and staging table. A batch draws from its own seeded random source,
    so the stories are the same whatever the number of workers.
    """
    from django.db import connection, connections
    from django.utils import timezone

    from articles.models import Article, PublishedArticle

    started = time.perf_counter()
    words = Words(seed)
    sections, authors, tags, tag_weights = _pools(words.random)
    gin = [i for i in PublishedArticle._meta.indexes if type(i).__name__ == "GinIndex"]
    with connection.schema_editor() as editor:
        for index in gin:
            editor.remove_index(PublishedArticle, index)
    with connection.cursor() as cursor:
        first_article = _reserve_ids(cursor.cursor, Article._meta.db_table, total)
        first_snapshot = _reserve_ids(cursor.cursor, PublishedArticle._meta.db_table, total)
    _JOB.update(
        words=words, seed=seed, total=total, now=now or timezone.now(), sections=sections,
        authors=authors, tags=tags, tag_weights=tag_weights,
        first_article=first_article, first_snapshot=first_snapshot,
    )  # fmt: skip
    starts = range(0, total, BATCH)
    workers = max(1, min(workers or os.cpu_count() or 1, len(starts)))
    paths_by_batch: dict[int, list[str]] = {}
    timings = {"workers": workers}
    with progress_bar() as bar:
        task = bar.add_task("generating stories", total=total)
        if workers == 1:
            batches = map(_write_batch, starts)
        else:
            connections.close_all()  # each forked worker opens its own connection
            pool = multiprocessing.get_context("fork").Pool(workers)
            batches = pool.imap_unordered(_write_batch, starts)
        done = 0
        for start, paths in batches:
            paths_by_batch[start] = paths
            done += len(paths)
            bar.update(task, advance=len(paths))
            _log_progress(bar, done, total, started)
        if workers > 1:
            pool.close()
            pool.join()
        timings["rows_s"] = time.perf_counter() - started
        step = time.perf_counter()
        task = bar.add_task("building indexes", total=len(gin) + 1)
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '512MB'")
            with connection.schema_editor() as editor:
                for index in gin:
                    editor.add_index(PublishedArticle, index)
                    bar.update(task, advance=1)
            cursor.execute("VACUUM ANALYZE")  # planner statistics, as on a site in steady state
        bar.update(task, advance=1)
        timings["indexes_s"] = time.perf_counter() - step
    timings["total_s"] = time.perf_counter() - started
    paths = [path for start in starts for path in paths_by_batch[start]]
    return {"paths": paths, "timings": timings}


# What every batch needs, set by `generate` before the workers are forked (they inherit it).
_JOB: dict = {}


def _write_batch(start: int) -> tuple[int, list[str]]:
    """Build the stories start … start + BATCH - 1 and COPY them in; their paths."""
    from django.db import connection, transaction

    from articles.models import Article, PublishedArticle
    from articles.models.public import SEARCH_VECTOR_SQL
    from articles.workflow.snapshot import snapshot_from_data
    from sources.public_sourcing import sourcing_box

    job = _JOB
    words, sections, authors, tags = job["words"], job["sections"], job["authors"], job["tags"]
    rnd = random.Random(job["seed"] * 1_000_003 + start)
    article_fields = list(Article._meta.concrete_fields)
    snapshot_fields = [
        f for f in PublishedArticle._meta.concrete_fields if f.name != "search_vector"
    ]
    columns = [f.column for f in snapshot_fields]
    articles, snapshots = [], []
    for n in range(start, min(job["total"], start + BATCH)):
        text = words.story(n, rnd)
        section = sections[rnd.randrange(len(sections))]
        published = job["now"] - SPACING * n - timedelta(seconds=rnd.randrange(60) + 1)
        slug = f"story-{n}"
        article = Article(
            id=job["first_article"] + n,
            headline=text["headline"],
            slug=slug,
            section=section,
            state="published",
            first_published_at=published,
            last_published_at=published,
        )
        attributions = _attributions(rnd, text["place"])
        corrections = []
        if n % 20 == 7:
            corrections.append(
                {"kind": "correction", "label": "Correction",
                 "text": "An earlier version misspelled a street name.",
                 "at": (published + timedelta(hours=3)).isoformat()}
            )  # fmt: skip
        snapshots.append(
            snapshot_from_data(
                article,
                section=section,
                byline=rnd.sample(authors, rnd.choice((1, 1, 1, 2, 2, 3))),
                tags=sorted(
                    {
                        t["slug"]: t
                        for t in rnd.choices(tags, job["tag_weights"], k=rnd.randint(2, 5))
                    }.values(),
                    key=lambda t: t["name"],
                ),
                published_at=published,
                updated_at=published + timedelta(hours=3) if corrections else published,
                id=job["first_snapshot"] + n,
                headline=text["headline"],
                slug=slug,
                dek=text["dek"],
                body_html="".join(f"<p>{p}</p>" for p in text["paragraphs"]),
                body_text="\n\n".join(text["paragraphs"]),
                dateline=text["place"].upper(),
                lead_image=IMAGE_POOL[n % len(IMAGE_POOL)] if n % 10 < 7 else {},
                attributions=attributions,
                sourcing=sourcing_box(None, attributions),
                corrections=corrections,
            )
        )
        articles.append(article)
    snapshot_table = PublishedArticle._meta.db_table
    with transaction.atomic(), connection.cursor() as django_cursor:
        cursor = django_cursor.cursor  # psycopg's own cursor, for COPY
        cursor.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS bench_stage (LIKE {snapshot_table} INCLUDING DEFAULTS)"
        )
        _copy_rows(
            cursor,
            Article._meta.db_table,
            [f.column for f in article_fields],
            (_row(a, article_fields, connection) for a in articles),
        )
        _copy_rows(
            cursor,
            "bench_stage",
            columns,
            (_row(s, snapshot_fields, connection) for s in snapshots),
        )
        cursor.execute(
            f"INSERT INTO {snapshot_table} ({', '.join(columns)}, search_vector) "
            f"SELECT {', '.join(columns)}, {SEARCH_VECTOR_SQL} FROM bench_stage"
        )  # the publish's own search vector expression (bylines included)
        cursor.execute("TRUNCATE bench_stage")
    return start, [s.url_path for s in snapshots]

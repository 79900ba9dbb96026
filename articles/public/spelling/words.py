"""The archive's own words (`SearchWord`), the vocabulary "Did you mean …?" suggests from.

A word is a run of letters (an inner apostrophe kept: "nor'easter"; a possessive "'s"
dropped) of 3 to MAX_WORD letters, lower-cased, from a live snapshot's headline, dek, byline names and body. Each publish adds
its story's words after the commit (`add_words_after_publish`, a receiver of
`public_copy_changed`); `rebuild` starts again from the live stories and counts in how many
each word is (`manage.py rebuild_search_words`; the counts break ties between suggestions).
Both are one SQL statement: the text never comes to Python.
"""

from django.db import connection, transaction
from django.utils import timezone

from articles.models import PublicStatus, PublishedArticle, SearchWord
from articles.models.public import BYLINE_NAMES_SQL

MAX_WORD = 30

_ADD_WORDS = """
INSERT INTO {words} (word, stories)
SELECT w.word, count(DISTINCT s.id) FROM {snapshots} s,
    LATERAL regexp_split_to_table(
        lower(replace(concat_ws(' ', s.headline, s.dek, {names}, s.body_text), '’', '''')),
        '[^[:alpha:]'']+'
    ) AS t(raw),
    LATERAL regexp_replace(btrim(t.raw, ''''), '''s$', '') AS w(word)
WHERE s.status = %(live)s AND length(w.word) BETWEEN 3 AND %(longest)s {only}
GROUP BY w.word
ON CONFLICT (word) DO NOTHING
"""


def _add(only: str, params: dict) -> int:
    sql = _ADD_WORDS.format(
        words=connection.ops.quote_name(SearchWord._meta.db_table),
        snapshots=f"{connection.ops.quote_name(PublishedArticle._meta.db_table)}",
        names=BYLINE_NAMES_SQL.replace("byline", "s.byline"),
        only=only,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, {"live": PublicStatus.LIVE.value, "longest": MAX_WORD, **params})
        return cursor.rowcount


def add_words(snapshot_ids: list[int]) -> int:
    """Add the words of these snapshots (if live) that the vocabulary lacks; how many."""
    return _add("AND s.id = ANY(%(ids)s)", {"ids": list(snapshot_ids)})


@transaction.atomic
def rebuild() -> int:
    """The vocabulary of the stories readers may see now, with counts; how many words."""
    SearchWord.objects.all().delete()
    return _add("AND s.published_at <= %(now)s", {"now": timezone.now()})


def add_words_after_publish(sender, *, snapshots, **kwargs) -> None:
    """Receiver of `public_copy_changed`: the live snapshots' words, after the commit."""
    ids = [snapshot.pk for snapshot in snapshots if snapshot.status == PublicStatus.LIVE]
    if ids:
        transaction.on_commit(lambda: add_words(ids))

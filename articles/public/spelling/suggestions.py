"""“Did you mean …?”: a search that found nothing, with its unknown words replaced by the
nearest words of the archive (`SearchWord`, by pg_trgm's trigram distance on a GiST index).

Bounded for any input: at most MAX_WORDS words are looked up, in one query (an index probe
each), and a suggestion is only offered when it finds a story readers may see now, with the
same section and dates (one more query, cancelled as the search is past
`search.STATEMENT_TIMEOUT_MS`). Words after a minus ("-word") and the operator
"or" are left alone.
"""

import logging
import re
from datetime import datetime

from django.contrib.postgres.search import SearchQuery
from django.db import DatabaseError, connection
from django.utils import timezone

from articles.models import SearchWord
from articles.public.queries import visible_stories
from articles.public.search import bounded_rows, guard
from articles.public.spelling.words import MAX_WORD

logger = logging.getLogger("newsroom")

MAX_WORDS = 8
# Trigram distance (1 - similarity) beyond which a word is not offered: 0.7 = similarity 0.3,
# pg_trgm's own default threshold.
MAX_DISTANCE = 0.7
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")

# For each unknown word, the 5 nearest by trigram distance (a KNN scan of the GiST index),
# of which the nearest, ties (to one decimal) going to the word more stories use.
_NEAREST = """
SELECT q.word, (
    SELECT c.word FROM (
        SELECT k.word, k.stories, k.word <-> q.word AS distance FROM {words} k
        ORDER BY k.word <-> q.word LIMIT 5
    ) c
    WHERE c.distance < %(max_distance)s
    ORDER BY round(c.distance::numeric, 1), c.stories DESC, c.word
    LIMIT 1
)
FROM unnest(%(words)s::text[]) AS q(word)
WHERE NOT EXISTS (SELECT 1 FROM {words} known WHERE known.word = q.word)
"""


def _normal(word: str) -> str:
    return word.lower().replace("’", "'")


def _words_to_check(query: str) -> list[re.Match]:
    found = []
    for match in WORD.finditer(query):
        word = _normal(match[0])
        if match.start() and query[match.start() - 1] == "-":
            continue  # "-word": left out of the results, nothing to correct
        if word == "or" or not 3 <= len(word) <= MAX_WORD:
            continue
        found.append(match)
    return found


def nearest_words(words: list[str]) -> dict[str, str]:
    """Each word the archive does not use, mapped to its nearest archive word (if any)."""
    if not words:
        return {}
    sql = _NEAREST.format(words=connection.ops.quote_name(SearchWord._meta.db_table))
    with connection.cursor() as cursor:
        cursor.execute(sql, {"words": words, "max_distance": MAX_DISTANCE})
        return {word: nearest for word, nearest in cursor.fetchall() if nearest}


def did_you_mean(form, *, now: datetime | None = None) -> str:
    """The search `form` (a SearchForm) with its unknown words corrected, when that finds a
    story; else ""."""
    matches = _words_to_check(form.q)
    words = list(dict.fromkeys(_normal(match[0]) for match in matches))[:MAX_WORDS]
    nearest = nearest_words(words)
    if not nearest:
        return ""
    pieces, last = [], 0
    for match in matches:
        replacement = nearest.get(_normal(match[0]))
        if replacement:
            pieces += [form.q[last : match.start()], replacement]
            last = match.end()
    suggestion = "".join([*pieces, form.q[last:]])
    return suggestion if _finds_stories(form, suggestion, now=now or timezone.now()) else ""


def _finds_stories(form, query: str, *, now: datetime) -> bool:
    # A word said twice asks nothing more, but PostgreSQL estimates each repeat as a further
    # narrowing and reads every match ("power" 40 times: 56 ms instead of 2 at 10,000 stories).
    query = " ".join(dict.fromkeys(query.split()))
    stories = visible_stories(now).filter(
        search_vector=SearchQuery(query, search_type="websearch", config="english")
    )
    if form.section:
        stories = stories.filter(section_slug=form.section)
    if form.date_from:
        stories = stories.filter(published_at__date__gte=form.date_from)
    if form.date_to:
        stories = stories.filter(published_at__date__lte=form.date_to)
    sql, params = stories.order_by().values("pk")[:1].query.sql_with_params()
    try:  # bounded as the search is: a check PostgreSQL cancels offers no suggestion
        with guard(stories.db):
            return bool(bounded_rows(stories.db, sql, params))
    except DatabaseError:
        logger.warning("Suggestion not checked: %r", query, exc_info=True)
        return False

"""Full-text search over published snapshots.

Web-search syntax (`"quoted phrase"`, `-word`, `or`) through PostgreSQL's
websearch_to_tsquery. It accepts almost any input, but a run of dashes with no word
between them overflows its parser ("tsquery stack too small"): `clean_params` drops dashes
that do not start a word, and a query PostgreSQL still refuses gets a message, not an
error.

Ranking is bounded so a search costs the same on a large archive as on a small one:
- the candidates are the CANDIDATES newest matches (the GIN index finds rare words, the
  time index walks the newest stories for words in nearly every story), never all of them;
- only those are ranked: by the weighted vector (headline over dek over body, each word on
  its own: `rank_query`) and by recency, a story's text rank halving every
  RECENCY_HALF_LIFE_DAYS of age. The trade-off:
  when more stories match, an older headline match beyond the newest CANDIDATES is not
  ranked in (recency would mostly sink it anyway); the page says so, and a section, a date
  range or one more word narrows the set until every match is ranked;
- there is no count of every match: past CANDIDATES the page says "more than 200", and
  pages go no deeper than the candidates (bounded pagination);
- `sort=date` orders the same candidates newest first instead of by rank;
- it is one query: the ranking runs in the database, and only the page's rows come back,
  as ids and row versions (what a stored results page is checked against,
  `articles.public.stored.searches`); a page that must be rendered reads its cards and
  snippets (ts_headline, the costly part, over the body's first paragraphs) by id, for those
  rows alone, as <mark>ed excerpts;
- PostgreSQL cancels it past STATEMENT_TIMEOUT_MS (the reader is told to narrow it): no query
  typed into the box holds a worker longer.
"""

import contextlib
import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import psycopg
from django.core.paginator import InvalidPage, Page, Paginator
from django.db import DatabaseError, connection, connections, router, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.public.queries import CARD_FIELDS, PAGE_SIZE, paginate

MAX_QUERY_LENGTH = 200
RECENCY_HALF_LIFE_DAYS = 30
# Matches ranked at most (the newest ones); past it the page says “more than 200”.
CANDIDATES = 200
CONFIG = "english"
# A search PostgreSQL has not answered in this time is cancelled and the reader told to narrow
# it: the bound on what any query typed into the box can cost (see `bounded_rows`).
STATEMENT_TIMEOUT_MS = 1000
# Sentinels that cannot occur in text: the snippet is escaped first, then they become <mark>.
_START, _STOP = "\ue000", "\ue001"


logger = logging.getLogger("newsroom")

# "-" means "not the next word" only right before a word or a quoted phrase; any other dash
# (and the extra dashes of "--word") is read as an operator with nothing to apply to.
STRAY_DASHES = re.compile(r"-+(?![\w\"])")
DASH_RUNS = re.compile(r"-{2,}")
UNREADABLE_QUERY = 'We could not read this search: try plain words, "a phrase in quotes" or -word.'
TOO_SLOW = "This search took too long: add a word, a section or dates to narrow it."

RELEVANCE, NEWEST = "relevance", "date"
SORTS = {RELEVANCE: "Best match", NEWEST: "Newest first"}
SECTION_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,80}")
# Dates outside these bounds cannot be a story's and overflow date arithmetic.
MIN_DATE = date(1900, 1, 1)
MAX_DATE = date(9000, 12, 31)


@dataclass
class SearchForm:
    """The cleaned search parameters; anything unusable is dropped with a note for the reader."""

    q: str = ""
    section: str = ""
    date_from: date | None = None
    date_to: date | None = None
    sort: str = RELEVANCE
    problems: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.q


def clean_params(params) -> SearchForm:
    """Read ?q=&section=&from=&to= from a QueryDict-like mapping."""
    form = SearchForm()
    raw = (params.get("q") or "").replace("\x00", " ")
    query = " ".join(DASH_RUNS.sub("-", STRAY_DASHES.sub(" ", raw)).split())
    if raw.strip() and not query:
        form.problems.append("Your search had no words to look for: type a word or two.")
    if len(query) > MAX_QUERY_LENGTH:
        form.problems.append(f"Your search was shortened to {MAX_QUERY_LENGTH} characters.")
        query = query[:MAX_QUERY_LENGTH]
    form.q = query
    section = (params.get("section") or "").strip()
    if section and not SECTION_SLUG.fullmatch(section):
        form.problems.append("That section does not exist; all sections were searched.")
        section = ""
    form.section = section
    sort = (params.get("sort") or RELEVANCE).strip()
    if sort not in SORTS:
        form.problems.append(
            "Results can be sorted by best match or newest first; best match was used."
        )
        sort = RELEVANCE
    form.sort = sort
    for name, label in (("from", "From"), ("to", "To")):
        raw = (params.get(name) or "").strip()
        if not raw:
            continue
        try:
            value = date.fromisoformat(raw)
        except ValueError:
            form.problems.append(f"“{label}” must be a date like 2025-03-31; it was ignored.")
            continue
        if not (MIN_DATE <= value <= MAX_DATE):
            form.problems.append(
                f"“{label}” must be between {MIN_DATE:%Y} and {MAX_DATE:%Y}; it was ignored."
            )
            continue
        setattr(form, "date_from" if name == "from" else "date_to", value)
    return form


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


# One query per search. Innermost, the newest CANDIDATES + 1 visible matches, from the GIN
# index (rare words) or the time index filtered by @@ (common ones), read as ids, times,
# vectors and row versions only; then the newest CANDIDATES of those ranked (ts_rank of the
# words one by one, `rank_query`, with the weights D, C, B, A = 0.1, 0.2, 0.4, 1.0, as
# SearchRank, divided by 2 ** (age in days / half-life)) and numbered (in double precision: numeric powers would cost more than the ranking itself);
# outermost, only the page's rows: their ids and row versions (the version a stored results
# page was made from; the cards and snippets are read by id only to render one).
# websearch_to_tsquery of constants is folded to one tsquery when the query is planned.
_SEARCH = """
WITH candidates AS MATERIALIZED (
    SELECT s.id, s.published_at, s.search_vector, s.xmin AS row_xmin, s.ctid AS row_ctid
    FROM {table} s
    WHERE s.status = %(live)s AND s.published_at <= %(now)s
      AND s.search_vector @@ websearch_to_tsquery(%(config)s::regconfig, %(q)s){filters}
    ORDER BY s.published_at DESC, s.id DESC
    LIMIT %(limit)s
), ranked AS (
    SELECT c.id, c.row_xmin, c.row_ctid, row_number() OVER (
        ORDER BY {order}
        c.published_at DESC, c.id DESC
    ) AS place
    FROM (SELECT * FROM candidates ORDER BY published_at DESC, id DESC LIMIT %(ranked)s) c
)
SELECT (SELECT count(*) FROM candidates) AS matches, r.id,
    r.row_xmin::text || ':' || r.row_ctid::text AS row_version
FROM ranked r
WHERE r.place > %(offset)s AND r.place <= %(offset)s + %(per_page)s
ORDER BY r.place
"""
# The snapshot row's version (PostgreSQL's xmin and ctid: any write to it changes it).
_ROW_VERSION = "s.xmin::text || ':' || s.ctid::text AS row_version"
_SNIPPET = """ts_headline(%(config)s::regconfig, left(s.body_text, %(window)s),
                websearch_to_tsquery(%(config)s::regconfig, %(snippet_q)s), %(options)s)
        AS raw_snippet"""
# The cards of a stored results page that must be rendered after all: by id, still visible.
_CARDS = """
SELECT {columns} FROM {table} s
WHERE s.id = ANY(%(ids)s) AND s.status = %(live)s AND s.published_at <= %(now)s
"""
_BY_RANK = """ts_rank(c.search_vector, websearch_to_tsquery(%(config)s::regconfig, %(rank_q)s))
            / power(2.0::float8, greatest(
                extract(epoch FROM (%(now)s - c.published_at))::float8 / 86400.0::float8, 0.0::float8
            ) / %(half_life)s::float8) DESC,"""
# Snippets come from the body's first SNIPPET_WINDOW characters (its first paragraphs): the
# cost of ts_headline grows with the text it reads. A match only further down shows the
# story's opening lines instead, as a headline-only match does.
SNIPPET_WINDOW = 1000
_SNIPPET_OPTIONS = (
    f"StartSel={_START}, StopSel={_STOP}, MaxWords=40, MinWords=20, MaxFragments=2, "
    'FragmentDelimiter=" … "'
)


def rank_query(query: str) -> str:
    """The words of `query` joined by "or", which the candidates are ranked by (they matched
    `query` itself). ts_rank weighs an "or" query word by word, in time linear in the words'
    positions; an "and" or a phrase it weighs by every pair of positions, which cost 10 ms
    for 200 stories of three common words, and, as a long body has many close pairs, comes
    out near 1 for every story, so that a headline with every word no longer stood out.
    Words after a minus and the operator "or" are left out; quotes are dropped."""
    words = (word.strip('"') for word in query.split() if not word.startswith("-"))
    return " or ".join(word for word in words if word and word.lower() != "or")


def _search_sql(form: SearchForm, now: datetime, number: int) -> tuple[str, dict]:
    from articles.models import PublicStatus, PublishedArticle

    filters = []
    params = {
        "live": PublicStatus.LIVE.value,
        "now": now,
        "config": CONFIG,
        "q": form.q,
        "rank_q": rank_query(form.q),
        "limit": CANDIDATES + 1,
        "ranked": CANDIDATES,
        "half_life": float(RECENCY_HALF_LIFE_DAYS),
        "offset": (number - 1) * PAGE_SIZE,
        "per_page": PAGE_SIZE,
    }
    if form.section:
        filters.append("s.section_slug = %(section)s")
        params["section"] = form.section
    if form.date_from:
        filters.append("s.published_at >= %(date_from)s")
        params["date_from"] = _day_start(form.date_from)
    if form.date_to:
        filters.append("s.published_at < %(date_to)s")
        params["date_to"] = _day_start(form.date_to + timedelta(days=1))
    sql = _SEARCH.format(
        table=connection.ops.quote_name(PublishedArticle._meta.db_table),
        filters="".join(f"\n      AND {condition}" for condition in filters),
        order=_BY_RANK if form.sort == RELEVANCE else "",
    )
    return sql, params


@dataclass(frozen=True)
class Found:
    """A story on a results page as the search finds it: its id and its row's version."""

    pk: int
    row_version: str


def search_stories(
    form: SearchForm, page_number, *, now: datetime | None = None, light: bool = False
) -> Page | None:
    """A page of matching story cards, each with `.snippet`: the search is one query (the
    candidates are ranked in the database and only the page's rows come back), then the
    page's cards and their snippets are read by id. `light`: the page's stories as `Found`
    only (no cards, no snippets; `hydrate` reads them), for a stored results page.

    `page.more_than` is CANDIDATES written out ("200") when there are more matches, else "".
    A page number that is not a page of the ranked candidates is a 404. None, with a note in
    `form.problems`, when PostgreSQL cannot parse the query or it runs past
    STATEMENT_TIMEOUT_MS.
    """
    from articles.models import PublishedArticle

    now = now or timezone.now()
    try:  # the candidates bound the pages: validate the number before asking
        number = Paginator(range(CANDIDATES), PAGE_SIZE).validate_number(page_number or 1)
    except InvalidPage:
        raise Http404("There is no such page.") from None
    sql, params = _search_sql(form, now, number)
    alias = router.db_for_read(PublishedArticle)
    try:
        with guard(alias):
            rows = bounded_rows(alias, sql, params)
    except DatabaseError as error:
        if isinstance(error.__cause__, psycopg.errors.QueryCanceled):
            logger.warning("Search query cancelled after %s ms: %r", STATEMENT_TIMEOUT_MS, form.q)
            form.problems.append(TOO_SLOW)
        else:
            logger.warning("Search query PostgreSQL could not parse: %r", form.q, exc_info=True)
            form.problems.append(UNREADABLE_QUERY)
        return None
    matches = rows[0][0] if rows else 0
    page = paginate(range(min(matches, CANDIDATES)), number)
    page.more_than = f"{CANDIDATES:,}" if matches > CANDIDATES else ""
    page.object_list = [Found(pk, version) for _, pk, version in rows]
    return page if light else hydrate(page, form, now=now)


def hydrate(page: Page, form: SearchForm, *, now: datetime | None = None) -> Page:
    """`page` (from `search_stories(light=True)`) with its cards: one query by id for the
    card fields and the query's snippets (ts_headline over the body's first paragraphs, the
    costly part, for these rows only), in the search's order. A story that stopped being
    visible since the search is left out."""
    from articles.models import PublicStatus, PublishedArticle

    found = page.object_list
    if not found:
        return page
    meta = PublishedArticle._meta
    sql = _CARDS.format(
        table=connection.ops.quote_name(meta.db_table),
        columns=", ".join(
            [*(f"s.{meta.get_field(name).column}" for name in CARD_FIELDS), _ROW_VERSION, _SNIPPET]
        ),
    )
    params = {
        "ids": [story.pk for story in found],
        "live": PublicStatus.LIVE.value,
        "now": now or timezone.now(),
        "config": CONFIG,
        # Snippets mark a phrase's words without checking that they are adjacent (the story
        # matched the phrase already): ts_headline with a phrase costs several times more.
        "snippet_q": form.q.replace('"', " "),
        "window": SNIPPET_WINDOW,
        "options": _SNIPPET_OPTIONS,
    }
    alias = router.db_for_read(PublishedArticle)
    try:
        with guard(alias):
            cards = {
                card.pk: card for card in PublishedArticle.objects.raw(sql, params).using(alias)
            }
    except DatabaseError:  # the search parsed the query; its snippets' copy of it did not
        logger.warning("Search snippets PostgreSQL could not make: %r", form.q, exc_info=True)
        cards = {}
    page.object_list = [cards[story.pk] for story in found if story.pk in cards]
    for story in page.object_list:
        story.snippet = highlight(story.raw_snippet or story.dek)
    return page


def guard(alias: str):
    """Inside a transaction a savepoint keeps it usable if PostgreSQL refuses the query; in
    autocommit (a reader's request) a refused query harms nothing, and needs no BEGIN."""
    if connections[alias].in_atomic_block:
        return transaction.atomic(using=alias)
    return contextlib.nullcontext()


def bounded_rows(alias: str, sql: str, params) -> list[tuple]:
    """The rows of `sql`, which PostgreSQL cancels past STATEMENT_TIMEOUT_MS in a reader's
    request: `SET LOCAL` sent with it in one message (one round trip) holds for that message's
    implicit transaction only, and a cancelled query leaves nothing set. Inside a transaction
    (the tests, a management command) the query runs without the limit, which `SET LOCAL`
    would keep to the transaction's end; so do connections that bind parameters on the server
    (one statement a message)."""
    connection = connections[alias]
    with connection.cursor() as cursor:
        if not connection.in_atomic_block and isinstance(cursor.cursor, psycopg.ClientCursor):
            timeout = int(STATEMENT_TIMEOUT_MS)
            cursor.execute(f"SET LOCAL statement_timeout = {timeout};\n{sql}", params)
            cursor.nextset()
        else:
            cursor.execute(sql, params)
        return cursor.fetchall()


def highlight(raw: str) -> SafeString:
    """Escape a ts_headline excerpt, then turn its sentinels into <mark> elements."""
    return mark_safe(  # noqa: S308 - escaped just above; only our own tags are added
        escape(raw).replace(_START, "<mark>").replace(_STOP, "</mark>")
    )

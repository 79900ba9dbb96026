"""Full-text search over published snapshots.

Web-search syntax (`"quoted phrase"`, `-word`, `or`) through PostgreSQL's
websearch_to_tsquery. It accepts almost any input, but a run of dashes with no word
between them overflows its parser ("tsquery stack too small"): `clean_params` drops dashes
that do not start a word, and a query PostgreSQL still refuses gets a message, not an
error.

Ranking is bounded so a search costs the same on a large archive as on a small one:
- the candidates are the CANDIDATES newest matches (the GIN index finds rare words, the
  time index walks the newest stories for words in nearly every story), never all of them;
- only those are ranked: by the weighted vector (headline over dek over body) and by
  recency, a story's text rank halving every RECENCY_HALF_LIFE_DAYS of age. The trade-off:
  when more stories match, an older headline match beyond the newest CANDIDATES is not
  ranked in (recency would mostly sink it anyway); the page says so, and a section, a date
  range or one more word narrows the set until every match is ranked;
- there is no count of every match: past CANDIDATES the page says "more than 200", and
  pages go no deeper than the candidates (bounded pagination);
- snippets (ts_headline, the costly part) are made in a second query for the page's rows
  only, as <mark>ed excerpts.
"""

import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib.postgres.search import SearchHeadline, SearchQuery
from django.core.paginator import Page
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .public_queries import paginate, story_cards

MAX_QUERY_LENGTH = 200
RECENCY_HALF_LIFE_DAYS = 30
# Matches ranked at most (the newest ones); past it the page says “more than 200”.
CANDIDATES = 200
CONFIG = "english"
# Sentinels that cannot occur in text: the snippet is escaped first, then they become <mark>.
_START, _STOP = "\ue000", "\ue001"


logger = logging.getLogger("newsroom")

# "-" means "not the next word" only right before a word or a quoted phrase; any other dash
# (and the extra dashes of "--word") is read as an operator with nothing to apply to.
STRAY_DASHES = re.compile(r"-+(?![\w\"])")
DASH_RUNS = re.compile(r"-{2,}")
UNREADABLE_QUERY = 'We could not read this search: try plain words, "a phrase in quotes" or -word.'

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


def _candidates(form: SearchForm, query: SearchQuery, now: datetime):
    """The newest CANDIDATES + 1 visible matches (filters applied), as an ORM query."""
    stories = story_cards(now).filter(search_vector=query)
    if form.section:
        stories = stories.filter(section_slug=form.section)
    if form.date_from:
        stories = stories.filter(published_at__gte=_day_start(form.date_from))
    if form.date_to:
        stories = stories.filter(published_at__lt=_day_start(form.date_to + timedelta(days=1)))
    return stories.values("id", "published_at", "search_vector")[: CANDIDATES + 1]


# The candidates ranked, best first: ts_rank (weights D, C, B, A = 0.1, 0.2, 0.4, 1.0, as
# SearchRank) divided by 2 ** (age in days / half-life).
_RANKED = """
SELECT c.id FROM ({candidates}) c
ORDER BY ts_rank(c.search_vector, websearch_to_tsquery(%s::regconfig, %s))
    / power(2.0, greatest(extract(epoch FROM (%s - c.published_at)) / 86400.0, 0.0) / %s)
    DESC, c.published_at DESC, c.id DESC
"""


def _ranked_ids(form: SearchForm, query: SearchQuery, now: datetime) -> list[int]:
    sql, params = _candidates(form, query, now).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            _RANKED.format(candidates=sql),
            [*params, CONFIG, form.q, now, float(RECENCY_HALF_LIFE_DAYS)],
        )
        return [row[0] for row in cursor.fetchall()]


def search_stories(form: SearchForm, page_number, *, now: datetime | None = None) -> Page | None:
    """A page of matching story cards, each with `.snippet` (two queries: the ranked
    candidates' ids, then the page's cards with their snippets).

    `page.more_than` is CANDIDATES written out ("200") when there are more matches, else "".
    None, with a note in `form.problems`, when PostgreSQL cannot parse the query.
    """
    now = now or timezone.now()
    query = SearchQuery(form.q, search_type="websearch", config=CONFIG)
    try:
        with transaction.atomic():  # a savepoint: the request's transaction stays usable
            ids = _ranked_ids(form, query, now)
            page = paginate(ids[:CANDIDATES], page_number)
            page.more_than = f"{CANDIDATES:,}" if len(ids) > CANDIDATES else ""
            shown = list(page.object_list)
            cards = {}
            if shown:
                cards = (
                    story_cards(now)
                    .filter(pk__in=shown)
                    .annotate(
                        raw_snippet=SearchHeadline(
                            "body_text",
                            query,
                            config=CONFIG,
                            start_sel=_START,
                            stop_sel=_STOP,
                            max_words=40,
                            min_words=20,
                            max_fragments=2,
                            fragment_delimiter=" … ",
                        )
                    )
                    .in_bulk()
                )
    except DatabaseError:
        logger.warning("Search query PostgreSQL could not parse: %r", form.q, exc_info=True)
        form.problems.append(UNREADABLE_QUERY)
        return None
    page.object_list = [cards[pk] for pk in shown if pk in cards]
    for story in page.object_list:
        story.snippet = highlight(story.raw_snippet or story.dek)
    return page


def highlight(raw: str) -> SafeString:
    """Escape a ts_headline excerpt, then turn its sentinels into <mark> elements."""
    return mark_safe(  # noqa: S308 - escaped just above; only our own tags are added
        escape(raw).replace(_START, "<mark>").replace(_STOP, "</mark>")
    )

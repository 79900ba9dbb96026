"""Full-text search over published snapshots.

Web-search syntax (`"quoted phrase"`, `-word`, `or`) through PostgreSQL's
websearch_to_tsquery. It accepts almost any input, but a run of dashes with no word
between them overflows its parser ("tsquery stack too small"): `clean_params` drops dashes
that do not start a word, and a query PostgreSQL still refuses gets a message, not an
error. Matches are ranked by the weighted vector (headline over dek over body) and by
recency: a story's text rank is halved every RECENCY_HALF_LIFE_DAYS of age. Snippets are
ts_headline excerpts with <mark>ed terms.
"""

import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.paginator import Page
from django.db import DatabaseError, transaction
from django.db.models import F, FloatField, Func, Value
from django.db.models.functions import Extract, Now
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .public_queries import paginate, story_cards

MAX_QUERY_LENGTH = 200
RECENCY_HALF_LIFE_DAYS = 30
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


class _Greatest(Func):
    function = "GREATEST"
    output_field = FloatField()


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def search_stories(form: SearchForm, page_number, *, now: datetime | None = None) -> Page | None:
    """A page of matching story cards, each with `.score` and `.snippet` (two queries).

    None, with a note in `form.problems`, when PostgreSQL cannot parse the query.
    """
    query = SearchQuery(form.q, search_type="websearch", config=CONFIG)
    age_days = _Greatest(Extract(Now() - F("published_at"), "epoch") / Value(86400.0), Value(0.0))
    stories = (
        story_cards(now)
        .filter(search_vector=query)
        .annotate(
            text_rank=SearchRank(F("search_vector"), query),
            score=F("text_rank")
            / Func(Value(2.0), age_days / Value(float(RECENCY_HALF_LIFE_DAYS)), function="POWER"),
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
            ),
        )
        .order_by("-score", "-published_at", "-id")
    )
    if form.section:
        stories = stories.filter(section_slug=form.section)
    if form.date_from:
        stories = stories.filter(published_at__gte=_day_start(form.date_from))
    if form.date_to:
        stories = stories.filter(published_at__lt=_day_start(form.date_to + timedelta(days=1)))
    try:
        with transaction.atomic():  # a savepoint: the request's transaction stays usable
            page = paginate(stories, page_number)
            page.object_list = list(page.object_list)
    except DatabaseError:
        logger.warning("Search query PostgreSQL could not parse: %r", form.q, exc_info=True)
        form.problems.append(UNREADABLE_QUERY)
        return None
    for story in page.object_list:
        story.snippet = highlight(story.raw_snippet or story.dek)
    return page


def highlight(raw: str) -> SafeString:
    """Escape a ts_headline excerpt, then turn its sentinels into <mark> elements."""
    return mark_safe(  # noqa: S308 - escaped just above; only our own tags are added
        escape(raw).replace(_START, "<mark>").replace(_STOP, "</mark>")
    )

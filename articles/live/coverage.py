"""A story's live coverage: making it live, starting, ending (with a closing note), and
opening it to reporters. Allowed moves are data (`MOVES`); editors only, checked here."""

from django.db import transaction
from django.utils import timezone

from articles.live import permissions, purge
from articles.live.errors import LiveError, LivePermissionError
from articles.live.text import NOTE_MAX, clean_plain
from articles.models import Article, CoverageState, LiveCoverage
from newsroom.people import display_name

START, END = "start", "end"
# From each state, the moves allowed and where they lead.
MOVES = {
    CoverageState.NOT_STARTED: {START: CoverageState.LIVE},
    CoverageState.LIVE: {END: CoverageState.ENDED},
    CoverageState.ENDED: {},
}
MOVE_LABELS = {START: "Start the coverage", END: "End the coverage"}


def coverage_of(article: Article) -> LiveCoverage | None:
    return LiveCoverage.objects.filter(article=article).first()


def _refuse_unless(allowed: bool, user, what: str) -> None:
    if not allowed:
        raise LivePermissionError(f"{display_name(user, 'Nobody signed in')} may not {what}.")


@transaction.atomic
def make_live(*, user, article: Article) -> LiveCoverage:
    """Give `article` live coverage (not started yet). Making it live twice is harmless."""
    _refuse_unless(permissions.can_make_live(user), user, "make a story live")
    Article.objects.select_for_update().filter(pk=article.pk).first()
    coverage, _ = LiveCoverage.objects.get_or_create(article=article, defaults={"created_by": user})
    return coverage


def _lock(coverage: LiveCoverage) -> LiveCoverage:
    return LiveCoverage.objects.select_for_update().select_related("article").get(pk=coverage.pk)


@transaction.atomic
def move(*, user, coverage: LiveCoverage, action: str, closing_note: str = "", now=None):
    """Start or end the coverage. Ending it freezes the stream under `closing_note`."""
    _refuse_unless(permissions.can_run_coverage(user, coverage), user, "start or end coverage")
    locked = _lock(coverage)
    moves = MOVES[CoverageState(locked.state)]
    if action not in moves:
        possible = ", ".join(MOVE_LABELS[m].lower() for m in moves) or "nothing more"
        raise LiveError(
            f"The coverage is {CoverageState(locked.state).label.lower()}: you can {possible}.",
            code="move_not_allowed",
        )
    now = now or timezone.now()
    if action == END:
        closing_note = clean_plain(closing_note, field="closing note", limit=NOTE_MAX)
        locked.ended_at = now
        locked.closing_note = closing_note
    else:
        locked.started_at = now
    locked.state = moves[action]
    locked.save()
    purge.coverage_changed(locked.article_id)
    coverage.__dict__.update(
        {k: getattr(locked, k) for k in ("state", "started_at", "ended_at", "closing_note")}
    )
    return locked


@transaction.atomic
def open_to_reporters(*, user, coverage: LiveCoverage, opened: bool, now=None) -> LiveCoverage:
    """Let the story's reporters publish their own entries directly (or stop it); recorded."""
    _refuse_unless(permissions.can_run_coverage(user, coverage), user, "open coverage")
    locked = _lock(coverage)
    locked.open_to_reporters = opened
    locked.opened_by = user
    locked.opened_at = now or timezone.now()
    locked.save()
    coverage.__dict__.update(
        {k: getattr(locked, k) for k in ("open_to_reporters", "opened_by_id", "opened_at")}
    )
    return locked

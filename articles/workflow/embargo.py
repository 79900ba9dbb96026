"""How the newsroom sees a story's embargo: the words of the story page's banner and the
story list's badge. The rules (what is refused before the embargo, who may break it) live
in `articles.workflow.transitions` and `articles.workflow.preview`; public visibility in the snapshot's filter.
"""

from datetime import datetime

from django.utils import timezone
from django.utils.html import format_html

from articles.models import Article


def embargo_time(at: datetime, *, now: datetime | None = None) -> str:
    """ "Tue 1 Dec 06:00 EST" in newsroom time (with the year when it is not this year's)."""
    local = timezone.localtime(at)
    this_year = timezone.localtime(now or timezone.now()).year
    year = "" if local.year == this_year else f" {local.year}"
    return f"{local:%a} {local.day} {local:%b}{year} {local:%H:%M} {local.tzname()}"


def banner_text(article: Article, *, now: datetime | None = None) -> str:
    """The story page's banner while the embargo is ahead; "" otherwise."""
    if not article.is_embargoed(now):
        return ""
    when = embargo_time(article.embargo_until, now=now)
    return f"Embargoed until {when} — nothing is public before then"


def badge(article: Article, *, now: datetime | None = None) -> str:
    """A small "Embargoed until …" badge for lists; "" when the story is not embargoed."""
    if not article.is_embargoed(now):
        return ""
    when = embargo_time(article.embargo_until, now=now)
    return format_html(
        '<span class="embargo-badge" title="Nothing is public before then">Embargo {}</span>',
        when,
    )

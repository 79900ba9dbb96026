"""A story's embargo: the rules of the workflow and the words the newsroom sees.

- A publish (or a new go-live time) before the embargo is refused (`Embargoed`) unless an
  editor breaks it with a stated reason (`embargo_for`); breaking it is recorded in the
  story's history and ends the embargo (`record_broken_embargo`).
- An embargo set, or moved later, on a scheduled story holds its waiting snapshot too
  (`hold_scheduled_copy`): the copy scheduled earlier cannot go out first.
- Readers never see a snapshot before its embargo: the `snapshot_not_live_before_embargo`
  constraint, so `PublishedQuerySet.visible` holds it. Share links: `articles.workflow.preview`.
- The story page's banner and the story list's badge (`banner_text`, `badge`).
"""

from datetime import datetime

from django.utils import timezone
from django.utils.html import format_html

from articles.models import Article, PublicStatus, PublishedArticle
from articles.workflow import permissions, snapshot
from articles.workflow.errors import Embargoed, WorkflowPermissionError
from articles.workflow.events import BREAK_EMBARGO, EMBARGO_HOLD, record
from articles.workflow.signals import public_copy_changed
from articles.workflow.states import user_name
from newsroom.time_zone import newsroom_time


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


def embargo_for(user, article: Article, *, go_live: datetime, reason: str, now) -> datetime | None:
    """The embargo the snapshot is published under, or None when there is none or `user`
    breaks it (readers see the story at `go_live`, before the embargo).

    Breaking needs an editor and a stated reason (`break_embargo`); anyone else, or an
    editor without a reason, is refused with `Embargoed` / `WorkflowPermissionError`.
    """
    embargo = article.embargo_until
    if embargo is None or go_live >= embargo:
        return embargo
    when = newsroom_time(embargo, now=now)
    may_break = permissions.can_break_embargo(user, article)
    if not (reason or "").strip():
        raise Embargoed(
            f"“{article.headline}” is embargoed until {when}: readers would see it before "
            f"then. Schedule it for {when} or later"
            + (
                ", or break the embargo and say why."
                if may_break
                else "; only an editor can break an embargo, with a reason."
            ),
        )
    if not may_break:
        raise WorkflowPermissionError(
            f"{user_name(user)} may not break the embargo on “{article.headline}” (until "
            f"{when}): only an editor can, with a reason.",
            code="cannot_break_embargo",
        )
    return None


def record_broken_embargo(user, article: Article, *, reason: str, now) -> None:
    """The embargo is over for this story: kept in its history with the editor's reason."""
    when = newsroom_time(article.embargo_until, now=now)
    record(
        user,
        article,
        BREAK_EMBARGO,
        article.state,
        note=f"Embargo until {when} broken: {reason.strip()}",
        now=now,
    )
    article.embargo_until = None
    Article.objects.filter(pk=article.pk).update(embargo_until=None)


def hold_scheduled_copy(user, article: Article, *, now) -> None:
    """An embargo set (or moved later) on a scheduled story holds its waiting snapshot too:
    its go-live moves to the embargo, so the copy scheduled earlier cannot go out first."""
    embargo = article.embargo_until
    if embargo is None or embargo <= now:
        return
    snap = (
        PublishedArticle.objects.select_for_update()
        .filter(article=article, status=PublicStatus.LIVE, published_at__gt=now)
        .first()
    )
    if snap is None or snap.published_at >= embargo:
        return
    snapshot.hold_for_embargo(snap, embargo_until=embargo, now=now)
    fields = {"last_published_at": embargo, "first_published_at": snap.first_published_at}
    Article.objects.filter(pk=article.pk).update(**fields)
    for name, value in fields.items():
        setattr(article, name, value)
    record(
        user,
        article,
        EMBARGO_HOLD,
        article.state,
        note=f"The scheduled copy now goes live at the embargo, {newsroom_time(embargo, now=now)}.",
        now=now,
        scheduled_for=embargo,
    )
    public_copy_changed.send(sender=Article, article=article, snapshots=[snap])

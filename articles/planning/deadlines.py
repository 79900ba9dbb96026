"""What is late on the budget, and what is due on a day without being planned.

**Late** (`plan_flags`, and `late_plans` for the start page), for a plan not killed:
- *copy overdue*: its copy due time has passed and the copy is not in: the plan is not filed
  and its story (if started) is still a draft, or spiked;
- *planned time passed*: its planned publish time has passed and its story is not published
  (nor scheduled).

**Due on a day** (`due_stories`), for a story that has no plan: it goes live that day (its
public copy's go-live falls on it: scheduled, or already out that day), its embargo lifts
that day, or its review is due that day (the reviewer's due time an editor set). Spiked
stories are never due. The day's budget lists them under the plans, with their state.

Each read is one query; `plan_flags` reads only what `selectors.plans_with_stories` selected.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Q
from django.utils import timezone

from articles.models import (
    Article,
    ArticleAuthor,
    ArticleState,
    PlannedStory,
    PlanStatus,
    PublicStatus,
)
from articles.planning.dates import day_bounds
from articles.planning.permissions import can_plan, visible_plans
from articles.planning.selectors import PlanFilters, story_state

# At most this many late plans on a start page, and unplanned stories under a day's budget.
LATE_LIMIT = 8
DUE_LIMIT = 100
COPY_NOT_IN = (ArticleState.DRAFT, ArticleState.SPIKED)


def _when(moment: datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local:%a} {local.day} {local:%b}, {local:%H:%M}"


def plan_flags(plan: PlannedStory, *, now: datetime) -> list[tuple[str, str]]:
    """[(key, sentence)]: "copy-overdue" and "time-passed", as the module docstring says."""
    if plan.status == PlanStatus.KILLED:
        return []
    story = plan.article if plan.article_id else None
    published = story is not None and story.state == ArticleState.PUBLISHED
    copy_in = plan.status == PlanStatus.FILED or (
        story is not None and story.state not in COPY_NOT_IN
    )
    flags = []
    if plan.copy_due_at and plan.copy_due_at < now and not copy_in:
        flags.append(("copy-overdue", f"Copy overdue: it was due {_when(plan.copy_due_at)}"))
    if plan.publish_at and plan.publish_at < now and not published:
        flags.append(
            ("time-passed", f"Planned time passed: {_when(plan.publish_at)}, not published")
        )
    return flags


def late_q(now: datetime) -> Q:
    """The queryset form of `plan_flags` (a plan with at least one flag)."""
    no_story = Q(article__isnull=True)
    copy_late = (
        Q(copy_due_at__lt=now)
        & ~Q(status=PlanStatus.FILED)
        & (no_story | Q(article__state__in=COPY_NOT_IN))
    )
    time_late = Q(publish_at__lt=now) & (no_story | ~Q(article__state=ArticleState.PUBLISHED))
    return (copy_late | time_late) & ~Q(status=PlanStatus.KILLED)


def late_plans(user, *, now: datetime | None = None) -> tuple[list[PlannedStory], int]:
    """The late plans on `user`'s start page, most recently due first, and how many in all:
    an editor's plans to run (all plans for those who plan), a writer's, photographer's or
    plan editor's own."""
    now = now or timezone.now()
    plans = visible_plans(user).filter(late_q(now))
    total = plans.count()
    rows = list(
        plans.select_related("section", "writer", "article", "article__snapshot").order_by(
            "-publish_at", "-copy_due_at", "-pk"
        )[:LATE_LIMIT]
    )
    for plan in rows:
        plan.flags = plan_flags(plan, now=now)
    return rows, total


@dataclass
class DueStory:
    """An unplanned story due on a day, and why (its reasons, in words)."""

    article: Article
    state: tuple[str, str]
    reasons: list[str] = field(default_factory=list)


def _reasons(article: Article, start: datetime, end: datetime, *, now: datetime) -> list[str]:
    reasons = []
    snapshot = getattr(article, "snapshot", None)
    if snapshot is not None and snapshot.status == PublicStatus.LIVE:
        moment = snapshot.published_at
        if start <= moment < end:
            verb = "goes live" if moment > now else "went live"
            reasons.append(f"{verb} {timezone.localtime(moment):%H:%M}")
    if article.embargo_until and start <= article.embargo_until < end:
        reasons.append(f"embargo lifts {timezone.localtime(article.embargo_until):%H:%M}")
    if article.review_due_at and start <= article.review_due_at < end:
        reasons.append(f"review due {timezone.localtime(article.review_due_at):%H:%M}")
    return reasons


def due_stories(
    user, day: date, filters: PlanFilters | None = None, *, now: datetime | None = None
) -> list[DueStory]:
    """Stories with no plan due on `day` (see the module docstring), at most DUE_LIMIT, by
    section. Editors see every one; anyone else their own. A plan-status filter leaves none
    (they have no plan status)."""
    filters = filters or PlanFilters()
    now = now or timezone.now()
    if filters.status is not None:
        return []
    start, end = day_bounds(day)
    due = (
        Q(
            snapshot__status=PublicStatus.LIVE,
            snapshot__published_at__gte=start,
            snapshot__published_at__lt=end,
        )
        | Q(embargo_until__gte=start, embargo_until__lt=end)
        | Q(review_due_at__gte=start, review_due_at__lt=end)
    )
    stories = Article.objects.filter(due, plan__isnull=True).exclude(state=ArticleState.SPIKED)
    if not can_plan(user):
        stories = stories.filter(_written_by(user.pk))
    if filters.section is not None:
        stories = stories.filter(section_id=filters.section)
    if filters.person is not None:
        stories = stories.filter(_written_by(filters.person))
    stories = stories.select_related("section", "snapshot").order_by(
        "section__position", "section__name", "pk"
    )[:DUE_LIMIT]
    return [
        DueStory(article, story_state(article, now=now), _reasons(article, start, end, now=now))
        for article in stories
    ]


def _written_by(user_id: int) -> Q:
    bylined = ArticleAuthor.objects.filter(author__user_id=user_id).values("article_id")
    return Q(created_by_id=user_id) | Q(pk__in=bylined)

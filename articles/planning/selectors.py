"""The budget's reads: the plans a person may see, filtered, as a day's budget, seven days'
calendar, a board by status and the unscheduled list, each in one query and capped so that a
page stays fast with 10,000 plans; and the started story's state as a card shows it."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber, TruncDate
from django.utils import timezone

from articles.models import (
    Article,
    ArticleState,
    PlannedStory,
    PlanStatus,
    PublicStatus,
    Section,
)
from articles.planning.dates import day_bounds
from articles.planning.permissions import (
    can_plan,
    visible_plans,
)
from newsroom.ids import parse_id

# What a page shows at most: the unscheduled list, a day on the week calendar, a column of
# the board. Each says how many more there are.
LIST_LIMIT = 300
DAY_LIMIT = 40
COLUMN_LIMIT = 60


def story_state(article: Article | None, *, now: datetime) -> tuple[str, str] | None:
    """(key, label) of a started story: draft, in review, scheduled, published (and the rest).

    Reads only what `plans_with_stories` selected: no query per plan.
    """
    if article is None:
        return None
    try:
        snapshot = article.snapshot
    except ObjectDoesNotExist:
        snapshot = None
    scheduled = (
        snapshot is not None
        and snapshot.status == PublicStatus.LIVE
        and snapshot.published_at > now
    )
    if article.state == ArticleState.PUBLISHED:
        return ("scheduled", "Scheduled") if scheduled else ("published", "Published")
    if article.state in (ArticleState.DRAFT, ArticleState.IN_REVIEW):
        label = article.state_label
        if scheduled and article.has_unpublished_changes:
            label = f"Scheduled + {ArticleState(article.state).label.lower()}"
        return article.state, label
    return article.state, ArticleState(article.state).label


@dataclass
class PlanFilters:
    """The filters every budget view takes from its query string; bad values are dropped,
    with a sentence saying so."""

    section: int | None = None
    person: int | None = None
    status: str | None = None
    problems: list[str] = field(default_factory=list)

    @classmethod
    def from_query(cls, query) -> "PlanFilters":
        filters = cls()
        for name in ("section", "person"):
            raw = (query.get(name) or "").strip()
            if not raw:
                continue
            value = parse_id(raw)
            if value is not None:
                setattr(filters, name, value)
            else:
                filters.problems.append(f"The {name} filter was not understood and is ignored.")
        status = (query.get("status") or "").strip()
        if status:
            if status in PlanStatus.values:
                filters.status = status
            else:
                filters.problems.append("The status filter was not understood and is ignored.")
        return filters

    def apply(self, queryset):
        if self.section is not None:
            queryset = queryset.filter(section_id=self.section)
        if self.person is not None:
            person = self.person
            queryset = queryset.filter(
                Q(writer_id=person) | Q(photographer_id=person) | Q(editor_id=person)
            )
        if self.status is not None:
            queryset = queryset.filter(status=self.status)
        return queryset

    def query_string(self) -> str:
        parts = [
            f"{name}={value}"
            for name, value in (
                ("section", self.section),
                ("person", self.person),
                ("status", self.status),
            )
            if value is not None
        ]
        return "&".join(parts)


def plans_with_stories(user, filters: PlanFilters | None = None):
    """Plans `user` may see, filtered, with everything a card shows in the same query."""
    queryset = visible_plans(user).select_related(
        "section", "writer", "photographer", "editor", "article", "article__snapshot"
    )
    return (filters or PlanFilters()).apply(queryset)


def day_budget(user, day: date, filters: PlanFilters | None = None) -> list[tuple]:
    """The day's budget: [(section name, [plans])] in menu order, one query."""
    start, end = day_bounds(day)
    plans = plans_with_stories(user, filters).filter(publish_at__gte=start, publish_at__lt=end)
    plans = plans.order_by("section__position", "section__name", "publish_at", "pk")
    groups: dict = {}
    for plan in plans:
        name = plan.section.name if plan.section else "No section"
        groups.setdefault(name, []).append(plan)
    return list(groups.items())


def _capped(queryset, *, partition, order_by, limit: int):
    """At most `limit` plans per group (a day, a status), each carrying its group's full size
    as `group_total`: still one query, however many plans a group has."""
    ranked = queryset.annotate(
        group_rank=Window(RowNumber(), partition_by=partition, order_by=order_by),
        group_total=Window(Count("pk"), partition_by=partition),
    )
    return ranked.filter(group_rank__lte=limit).order_by("publish_at", "pk")


def week_calendar(user, first: date, filters: PlanFilters | None = None) -> list[tuple]:
    """[(day, [plans], total)] for the seven days from `first` (today, on the week view, unless
    another day is chosen): at most DAY_LIMIT plans a day (the earliest), one query."""
    start, _ = day_bounds(first)
    _, end = day_bounds(first + timedelta(days=6))
    days = {first + timedelta(days=n): [] for n in range(7)}
    totals = dict.fromkeys(days, 0)
    plans = plans_with_stories(user, filters).filter(publish_at__gte=start, publish_at__lt=end)
    local_day = TruncDate("publish_at", tzinfo=timezone.get_current_timezone())
    for plan in _capped(plans, partition=local_day, order_by=("publish_at", "pk"), limit=DAY_LIMIT):
        day = timezone.localdate(plan.publish_at)
        days[day].append(plan)
        totals[day] = plan.group_total
    return [(day, plans, totals[day]) for day, plans in days.items()]


def board(user, filters: PlanFilters | None = None, *, first: date) -> list[tuple]:
    """[(status, label, [plans], total)] for the seven days from `first` and the unscheduled
    plans: at most COLUMN_LIMIT plans a column (the earliest planned), one query."""
    start, _ = day_bounds(first)
    _, end = day_bounds(first + timedelta(days=6))
    plans = plans_with_stories(user, filters).filter(
        Q(publish_at__gte=start, publish_at__lt=end) | Q(publish_at__isnull=True)
    )
    columns = {status: [] for status in PlanStatus.values}
    totals = dict.fromkeys(columns, 0)
    for plan in _capped(
        plans,
        partition="status",
        order_by=(F("publish_at").asc(nulls_last=True), "pk"),
        limit=COLUMN_LIMIT,
    ):
        columns[plan.status].append(plan)
        totals[plan.status] = plan.group_total
    return [
        (status, PlanStatus(status).label, columns[status], totals[status])
        for status in PlanStatus.values
    ]


def unscheduled(user, filters: PlanFilters | None = None) -> list[PlannedStory]:
    """Plans with no planned publish time, newest first, at most LIST_LIMIT, one query."""
    plans = plans_with_stories(user, filters).filter(publish_at__isnull=True)
    return list(plans.order_by("-created_at", "-pk")[:LIST_LIMIT])


def filter_choices(user) -> dict:
    """The sections and people the filters offer (two queries)."""
    User = get_user_model()
    people = User.objects.filter(is_active=True, is_staff=True).order_by(
        "first_name", "last_name", "username"
    )
    if not can_plan(user):
        people = people.filter(pk=user.pk)
    return {
        "sections": list(Section.objects.order_by("position", "name")),
        "people": list(people),
        "statuses": PlanStatus.choices,
    }

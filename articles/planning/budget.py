"""Planning: the story budget's rules, and the reads its screens make.

A planned story (`PlannedStory`) exists before any draft. This module is the one home of
every change to a plan and of who may make it; `articles/planning_admin.py` only calls it.

Who may do what:
- Editors (`permissions.is_editor`: may publish and change stories) plan: they create and
  edit plans, reschedule them, move any plan to any status (killing and reviving included)
  and start any plan's draft. They see every plan.
- Reporters (staff who may view stories) see only the plans they are assigned to, as writer,
  photographer or editor. They may move their own plan's status between assigned, in
  progress and filed (not to idea or killed, and not out of killed), and the plan's writer
  may start its draft. They cannot create, edit or reschedule plans.
- Anyone else sees no plan.

Starting the draft goes through `workflow.save_article` (the one save path of a story): the
story gets the budget line as its headline, the writer's author profile as its byline
(`byline.default_byline_author`), the plan's section, and an editorial note with the planned
publish time, copy due time, length and art; the plan links to it and is "in progress".
From then on the budget shows the story's own state (draft, in review, scheduled, published).

Every change of a plan's status or planned publish time (the board's drag, the calendar's,
the plan's form, starting the draft) is kept as a `PlanEvent` (`record_event`), which the
plan's page lists as its history (`plan_history`).

Rescheduling moves a plan to another day at the same time of day (10:00 for an unscheduled
plan), and its copy due time by the same amount; moving it to "unscheduled" clears the
planned publish time.

Each person's calendar feed is reached by a secret address (`feed_address`): the secret is
kept only as a SHA-256 hash, compared in constant time; regenerating or revoking it makes
the old address answer 404.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import transaction
from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber, TruncDate
from django.utils import timezone
from django.utils.text import Truncator, slugify

from articles.models import (
    Article,
    ArticleAuthor,
    ArticleState,
    EditorialNote,
    PlanEvent,
    PlanEventKind,
    PlannedStory,
    PlanningFeedKey,
    PlanStatus,
    PublicStatus,
    Section,
)
from articles.workflow import permissions
from articles.workflow import transitions as workflow
from articles.workflow.byline import default_byline_author

IDEA = PlanStatus.IDEA.value
ASSIGNED = PlanStatus.ASSIGNED.value
IN_PROGRESS = PlanStatus.IN_PROGRESS.value
FILED = PlanStatus.FILED.value
KILLED = PlanStatus.KILLED.value

# The statuses an assigned reporter may move their own plan between.
REPORTER_STATUSES = (ASSIGNED, IN_PROGRESS, FILED)
# A plan put on the calendar for the first time is planned for this time of day.
DEFAULT_PUBLISH_TIME = time(10, 0)
# What a page shows at most, so that it stays fast with 10,000 plans: the unscheduled list,
# a day on the week calendar, a column of the board. Each says how many more there are.
LIST_LIMIT = 300
DAY_LIMIT = 40
COLUMN_LIMIT = 60
FEED_PAST_DAYS = 30
FEED_LIMIT = 500


class PlanningError(Exception):
    """A refused planning change, with a sentence to show and a `code` for callers."""

    code = "planning_error"

    def __init__(self, message: str, *, code: str | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code


class PlanningPermissionError(PlanningError, PermissionDenied):
    code = "permission_denied"


class DraftAlreadyStarted(PlanningError):
    code = "draft_already_started"


# --- who may do what ------------------------------------------------------------------------


def _active_staff(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def can_plan(user) -> bool:
    """Editors create, edit and reschedule plans."""
    return _active_staff(user) and permissions.is_editor(user)


def can_use_planning(user) -> bool:
    """Whether the budget's pages open for `user` at all (editors, and reporters for their own)."""
    return _active_staff(user) and permissions.can_view(user)


def is_assigned(user, plan: PlannedStory) -> bool:
    return bool(user and user.pk) and user.pk in (
        plan.writer_id,
        plan.photographer_id,
        plan.editor_id,
    )


def visible_plans(user, queryset=None):
    """The plans `user` may see (the queryset form of `can_see_plan`)."""
    queryset = PlannedStory.objects.all() if queryset is None else queryset
    if can_plan(user):
        return queryset
    if not can_use_planning(user):
        return queryset.none()
    return queryset.filter(Q(writer=user) | Q(photographer=user) | Q(editor=user))


def can_see_plan(user, plan: PlannedStory) -> bool:
    return can_plan(user) or (can_use_planning(user) and is_assigned(user, plan))


def can_change_status(user, plan: PlannedStory, to: str) -> bool:
    if to not in PlanStatus.values:
        return False
    if can_plan(user):
        return True
    return (
        can_use_planning(user)
        and is_assigned(user, plan)
        and plan.status in REPORTER_STATUSES
        and to in REPORTER_STATUSES
    )


def can_start_draft(user, plan: PlannedStory) -> bool:
    if plan.article_id is not None or plan.status == KILLED:
        return False
    if not permissions.can_create(user):
        return False
    return can_plan(user) or (plan.writer_id is not None and plan.writer_id == user.pk)


# --- changes ------------------------------------------------------------------------------


def _lock(plan: PlannedStory) -> PlannedStory:
    return PlannedStory.objects.select_for_update().get(pk=plan.pk)


def _name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else "Nobody"


def _refuse_unless_planner(user, what: str) -> None:
    if not can_plan(user):
        raise PlanningPermissionError(f"Only editors may {what}.")


@transaction.atomic
def save_plan(user, plan: PlannedStory) -> PlannedStory:
    """Create or edit a plan (editors). A new plan with a writer starts as "assigned"."""
    _refuse_unless_planner(user, "plan stories")
    before = None
    if plan.pk is None:
        plan.created_by = user
        if plan.writer_id is not None and plan.status == IDEA:
            plan.status = ASSIGNED
    else:
        before = PlannedStory.objects.filter(pk=plan.pk).values("publish_at").first()
    plan.full_clean()
    plan.save()
    if before is None:
        record_event(
            plan, PlanEventKind.CREATED, user, to_status=plan.status, to_time=plan.publish_at
        )
    elif before["publish_at"] != plan.publish_at:
        record_event(
            plan,
            PlanEventKind.RESCHEDULED,
            user,
            from_time=before["publish_at"],
            to_time=plan.publish_at,
        )
    return plan


def create_plan(user, **fields) -> PlannedStory:
    """A new plan from its fields (slug, budget_line, section, writer, publish_at, ...)."""
    status = fields.pop("status", None)
    plan = PlannedStory(**fields)
    if status:
        plan.status = status
    return save_plan(user, plan)


@transaction.atomic
def change_status(user, plan: PlannedStory, *, to: str) -> PlannedStory:
    """Move a plan to another status (the board's drag)."""
    if to not in PlanStatus.values:
        raise PlanningError(f"“{Truncator(str(to)).chars(40)}” is not a plan status.", code="bad")
    locked = _lock(plan)
    if not can_see_plan(user, locked):
        raise PlanningPermissionError("This plan is not one of yours.")
    if not can_change_status(user, locked, to):
        label = PlanStatus(locked.status).label.lower()
        raise PlanningPermissionError(
            f"{_name(user)} may not move this plan from {label} to "
            f"{PlanStatus(to).label.lower()}: reporters move their own plans between "
            "assigned, in progress and filed."
        )
    before = locked.status
    locked.status = to
    locked.save(update_fields=["status", "updated_at"])
    if before != to:
        record_event(locked, PlanEventKind.STATUS, user, from_status=before, to_status=to)
    plan.status, plan.updated_at = locked.status, locked.updated_at
    return plan


def _at_day(moment: datetime | None, day: date) -> datetime:
    local_time = timezone.localtime(moment).timetz() if moment else DEFAULT_PUBLISH_TIME
    naive = datetime.combine(day, local_time.replace(tzinfo=None))
    return timezone.make_aware(naive)


@transaction.atomic
def reschedule(user, plan: PlannedStory, *, day: date | None) -> PlannedStory:
    """Plan the story for `day` at its planned time of day (None: unscheduled); the copy due
    time moves with it."""
    _refuse_unless_planner(user, "reschedule plans")
    locked = _lock(plan)
    before = locked.publish_at
    if day is None:
        locked.publish_at = None
    else:
        new_time = _at_day(locked.publish_at, day)
        if locked.publish_at and locked.copy_due_at:
            locked.copy_due_at += new_time - locked.publish_at
        locked.publish_at = new_time
    locked.save(update_fields=["publish_at", "copy_due_at", "updated_at"])
    if before != locked.publish_at:
        record_event(
            locked, PlanEventKind.RESCHEDULED, user, from_time=before, to_time=locked.publish_at
        )
    plan.publish_at, plan.copy_due_at = locked.publish_at, locked.copy_due_at
    return plan


def _story_slug(plan: PlannedStory) -> str:
    base = slugify(plan.slug)[:180] or "planned-story"
    taken = set(Article.objects.filter(slug__startswith=base).values_list("slug", flat=True)[:1000])
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def plan_note(plan: PlannedStory) -> str:
    """The editorial note a story started from a plan carries: what was planned."""
    parts = [f"Started from the plan “{plan.slug}”."]
    if plan.publish_at:
        parts.append(f"Planned for {workflow_time(plan.publish_at)}.")
    else:
        parts.append("Not scheduled yet.")
    if plan.copy_due_at:
        parts.append(f"Copy due {workflow_time(plan.copy_due_at)}.")
    if plan.planned_words:
        parts.append(f"Planned length: {plan.planned_words} words.")
    if plan.needs_art:
        parts.append("Needs art.")
    return " ".join(parts)


def workflow_time(moment: datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local:%a} {local.day} {local:%b}, {local:%H:%M} {local.tzname()}"


def start_draft(user, plan: PlannedStory, *, now=None) -> Article:
    """Start the plan's story as a draft (one click): see the module docstring."""
    with transaction.atomic():
        locked = _lock(plan)
        if locked.article_id is not None:
            raise DraftAlreadyStarted("This plan's draft is already started.")
        if not can_start_draft(user, locked):
            raise PlanningPermissionError(
                "Only an editor or the plan's writer may start its draft."
                if locked.status != KILLED
                else "This plan is killed: revive it before starting its draft."
            )
        writer = locked.writer or user
        byline = default_byline_author(writer)
        article = Article(
            headline=Truncator(locked.budget_line.strip()).chars(200) or locked.slug,
            slug=_story_slug(locked),
            section=locked.section,
        )
        note = plan_note(locked)

        def save_parts(saved: Article) -> None:
            if byline is not None:
                ArticleAuthor.objects.create(article=saved, author=byline, position=0)
            EditorialNote.objects.create(article=saved, author=user, text=note)

        try:
            workflow.save_article(
                user,
                article,
                expected_version=None,
                now=now,
                comment=f"Started from the plan “{locked.slug}”",
                save_parts=save_parts,
            )
        except workflow.WorkflowPermissionError as refused:
            raise PlanningPermissionError(str(refused)) from None
        except workflow.WorkflowError as refused:
            raise PlanningError(str(refused)) from None
        locked.article = article
        before = locked.status
        if locked.status in (IDEA, ASSIGNED):
            locked.status = IN_PROGRESS
        locked.save(update_fields=["article", "status", "updated_at"])
        record_event(
            locked,
            PlanEventKind.DRAFT_STARTED,
            user,
            from_status=before,
            to_status=locked.status,
            at=now,
        )
    plan.article, plan.status = article, locked.status
    return article


# --- the plan's history ----------------------------------------------------------------------


def record_event(plan: PlannedStory, kind: str, user, *, at=None, **fields) -> PlanEvent:
    """Keep one line of the plan's history (called by the changes above, in their
    transaction)."""
    return PlanEvent.objects.create(
        plan=plan, kind=kind, by=user, by_name=_name(user), at=at or timezone.now(), **fields
    )


def _status_label(value: str) -> str:
    return PlanStatus(value).label.lower() if value in PlanStatus.values else value


def _planned_time(moment: datetime | None) -> str:
    return workflow_time(moment) if moment else "unscheduled"


def describe_event(event: PlanEvent) -> str:
    """The history line's sentence, without who and when: "Moved from assigned to filed."."""
    if event.kind == PlanEventKind.CREATED:
        text = f"Planned as {_status_label(event.to_status)}"
        return text + (
            f", for {workflow_time(event.to_time)}." if event.to_time else ", unscheduled."
        )
    if event.kind == PlanEventKind.STATUS:
        return f"Moved from {_status_label(event.from_status)} to {_status_label(event.to_status)}."
    if event.kind == PlanEventKind.RESCHEDULED:
        if event.to_time is None:
            return f"Unscheduled (was {_planned_time(event.from_time)})."
        return (
            f"Rescheduled from {_planned_time(event.from_time)} to {workflow_time(event.to_time)}."
        )
    if event.kind == PlanEventKind.DRAFT_STARTED:
        if event.from_status != event.to_status:
            return f"Draft started; moved from {_status_label(event.from_status)} to {_status_label(event.to_status)}."
        return "Draft started."
    return str(event.get_kind_display())


def plan_history(plan: PlannedStory, *, limit: int = 100) -> list[tuple[PlanEvent, str]]:
    """The plan's history, newest first, each event with its sentence (one query)."""
    events = PlanEvent.objects.filter(plan=plan).order_by("-at", "-pk")[:limit]
    return [(event, describe_event(event)) for event in events]


# --- the story's live state, as the budget shows it -------------------------------------------


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


# --- the budget's reads --------------------------------------------------------------------


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
            if raw.isdigit() and len(raw) < 12:
                setattr(filters, name, int(raw))
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


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, time.min))
    end = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))
    return start, end


def day_budget(user, day: date, filters: PlanFilters | None = None) -> list[tuple]:
    """The day's budget: [(section name, [plans])] in menu order, one query."""
    start, end = _day_bounds(day)
    plans = plans_with_stories(user, filters).filter(publish_at__gte=start, publish_at__lt=end)
    plans = plans.order_by("section__position", "section__name", "publish_at", "pk")
    groups: dict = {}
    for plan in plans:
        name = plan.section.name if plan.section else "No section"
        groups.setdefault(name, []).append(plan)
    return list(groups.items())


def week_of(day: date) -> date:
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())


def _capped(queryset, *, partition, order_by, limit: int):
    """At most `limit` plans per group (a day, a status), each carrying its group's full size
    as `group_total`: still one query, however many plans a group has."""
    ranked = queryset.annotate(
        group_rank=Window(RowNumber(), partition_by=partition, order_by=order_by),
        group_total=Window(Count("pk"), partition_by=partition),
    )
    return ranked.filter(group_rank__lte=limit).order_by("publish_at", "pk")


def week_calendar(user, monday: date, filters: PlanFilters | None = None) -> list[tuple]:
    """[(day, [plans], total)] for the seven days from `monday`: at most DAY_LIMIT plans a day
    (the earliest), one query."""
    start, _ = _day_bounds(monday)
    _, end = _day_bounds(monday + timedelta(days=6))
    days = {monday + timedelta(days=n): [] for n in range(7)}
    totals = dict.fromkeys(days, 0)
    plans = plans_with_stories(user, filters).filter(publish_at__gte=start, publish_at__lt=end)
    local_day = TruncDate("publish_at", tzinfo=timezone.get_current_timezone())
    for plan in _capped(plans, partition=local_day, order_by=("publish_at", "pk"), limit=DAY_LIMIT):
        day = timezone.localdate(plan.publish_at)
        days[day].append(plan)
        totals[day] = plan.group_total
    return [(day, plans, totals[day]) for day, plans in days.items()]


def board(user, filters: PlanFilters | None = None, *, monday: date) -> list[tuple]:
    """[(status, label, [plans], total)] for the week from `monday` and the unscheduled plans:
    at most COLUMN_LIMIT plans a column (the earliest planned), one query."""
    start, _ = _day_bounds(monday)
    _, end = _day_bounds(monday + timedelta(days=6))
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


# --- budget lines in ninjs -----------------------------------------------------------------

NINJS_PUBSTATUS = {KILLED: "canceled"}


def plan_to_ninjs(plan: PlannedStory) -> dict:
    """A budget line as a ninjs 1.x item, in the fields that fit a plan: the working slug as
    `slugline`, the budget line as `description_text`, the section as `service`, the people
    in `person` with their role, "canceled" `pubstatus` for a killed plan; what ninjs has no
    field for (planned publish and copy times, length, art, status) goes in `ednote`.
    `representationtype` "partial": a plan, not the story. Staff only, never public."""
    note = [f"Status: {PlanStatus(plan.status).label}."]
    if plan.publish_at:
        note.append(f"Planned for {workflow_time(plan.publish_at)}.")
    if plan.copy_due_at:
        note.append(f"Copy due {workflow_time(plan.copy_due_at)}.")
    if plan.planned_words:
        note.append(f"{plan.planned_words} words.")
    if plan.needs_art:
        note.append("Needs art.")
    item = {
        "uri": f"urn:newsroom:plan:{plan.pk}",
        "type": "text",
        "representationtype": "partial",
        "version": plan.updated_at.isoformat(),
        "firstcreated": plan.created_at.isoformat(),
        "versioncreated": plan.updated_at.isoformat(),
        "pubstatus": NINJS_PUBSTATUS.get(plan.status, "usable"),
        "slugline": plan.slug,
        "description_text": plan.budget_line,
        "ednote": " ".join(note),
        "person": [
            {"name": _name(person), "rel": role}
            for role, person in (
                ("writer", plan.writer),
                ("photographer", plan.photographer),
                ("editor", plan.editor),
            )
            if person is not None
        ],
    }
    if plan.writer is not None:
        item["byline"] = _name(plan.writer)
    if plan.section is not None:
        item["service"] = [{"name": plan.section.name, "code": plan.section.slug}]
    if plan.article_id is not None:
        item["associations"] = {"story": {"uri": f"urn:newsroom:story:{plan.article_id}"}}
    return item


# --- the calendar feed -----------------------------------------------------------------------


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def issue_feed_key(user) -> str:
    """A new secret feed token for `user` (the old one stops working). Shown once."""
    if not can_use_planning(user):
        raise PlanningPermissionError("Only newsroom staff have a planning calendar.")
    secret = secrets.token_urlsafe(32)
    PlanningFeedKey.objects.update_or_create(
        user=user, defaults={"secret_hash": _hash(secret), "created_at": timezone.now()}
    )
    return f"{user.pk}-{secret}"


def revoke_feed_key(user) -> bool:
    """Stop `user`'s calendar feed; True if there was one."""
    deleted, _ = PlanningFeedKey.objects.filter(user=user).delete()
    return bool(deleted)


def has_feed_key(user) -> bool:
    return PlanningFeedKey.objects.filter(user=user).exists()


def user_for_feed_token(token: str):
    """The user a feed token belongs to, or None (wrong, revoked, malformed)."""
    user_id, _, secret = str(token).partition("-")
    if not (user_id.isdigit() and len(user_id) < 19 and 20 <= len(secret) <= 100):
        return None
    key = PlanningFeedKey.objects.select_related("user").filter(user_id=int(user_id)).first()
    if key is None or not hmac.compare_digest(key.secret_hash, _hash(secret)):
        return None
    return key.user if can_use_planning(key.user) else None


def feed_plans(user, *, now: datetime) -> list[PlannedStory]:
    """The plans in `user`'s own calendar: those they are assigned to, planned from 30 days
    ago on (editors' feeds too hold only their own assignments)."""
    mine = Q(writer=user) | Q(photographer=user) | Q(editor=user)
    return list(
        PlannedStory.objects.filter(mine, publish_at__gte=now - timedelta(days=FEED_PAST_DAYS))
        .select_related("section", "writer", "photographer", "editor")
        .order_by("publish_at", "pk")[:FEED_LIMIT]
    )


def _ical_text(value: str) -> str:
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def _fold(line: str) -> list[str]:
    """RFC 5545 3.1: lines of at most 75 octets, continued with a leading space."""
    out, current = [], ""
    for char in line:
        limit = 75 if not out else 74
        if len((current + char).encode()) > limit:
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return [out[0]] + [" " + part for part in out[1:]]


def _ical_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _roles(user, plan: PlannedStory) -> str:
    roles = [
        role
        for role, person_id in (
            ("writer", plan.writer_id),
            ("photographer", plan.photographer_id),
            ("editor", plan.editor_id),
        )
        if person_id == user.pk
    ]
    return ", ".join(roles)


def ical_feed(user, *, host: str, now: datetime | None = None) -> str:
    """`user`'s plans as an iCalendar (RFC 5545) text: one event at each planned publish time,
    cancelled when the plan is killed."""
    now = now or timezone.now()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Newsroom//Story budget//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_ical_text('Story budget: ' + _name(user))}",
    ]
    for plan in feed_plans(user, now=now):
        description = [plan.budget_line, f"Your role: {_roles(user, plan)}."]
        if plan.copy_due_at:
            description.append(f"Copy due {workflow_time(plan.copy_due_at)}.")
        if plan.planned_words:
            description.append(f"{plan.planned_words} words.")
        if plan.needs_art:
            description.append("Needs art.")
        section = plan.section.name if plan.section else "No section"
        lines += [
            "BEGIN:VEVENT",
            f"UID:plan-{plan.pk}@{_ical_text(host)}",
            f"DTSTAMP:{_ical_time(plan.updated_at)}",
            f"DTSTART:{_ical_time(plan.publish_at)}",
            "DURATION:PT30M",
            f"SUMMARY:{_ical_text(f'{plan.slug} ({section})')}",
            f"DESCRIPTION:{_ical_text(' '.join(description))}",
            f"CATEGORIES:{_ical_text(section)}",
            f"STATUS:{'CANCELLED' if plan.status == KILLED else 'CONFIRMED'}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(folded + "\r\n" for line in lines for folded in _fold(line))


def parse_day(value, *, default: date | None = None) -> date | None:
    """A YYYY-MM-DD day from a query string or form; `default` when empty or not a date."""
    try:
        return date.fromisoformat(str(value or "").strip()[:10]) if value else default
    except ValueError:
        return default

"""Planning: the story budget, from a plan before any draft to the story it became.

A planned story (`PlannedStory`) exists before any draft. Its rules live here, one concern a
module; the budget's admin pages (`articles.admin.planning`) only call them:

| module | holds |
| --- | --- |
| `permissions` | who may see, plan, move and start what (the predicates every caller asks) |
| `changes` | every change to a plan: create, edit, status, reschedule, start the draft |
| `history` | a plan's history (`record_event`, written by each change) and its sentences |
| `selectors` | the budget's reads: day, week, board, unscheduled, filters, a story's state |
| `calendar_feed` | each person's secret calendar-feed address and the iCalendar it serves |
| `ninjs` | a budget line as a ninjs item (staff API) |
| `deadlines` | what is late (copy overdue, planned time passed) and unplanned stories due on a day |
| `dates` | planned times in words, weeks, day bounds, a day read from an address |
| `errors` | the refusals (`PlanningError` and its kinds) |

The names below are the package's interface (`from articles import planning`, then
`planning.change_status(...)`); each says where it lives.
"""

from articles.planning.calendar_feed import (
    feed_plans,
    has_feed_key,
    ical_feed,
    issue_feed_key,
    revoke_feed_key,
    user_for_feed_token,
)
from articles.planning.changes import (
    change_status,
    create_plan,
    plan_note,
    reschedule,
    save_plan,
    start_draft,
    working_headline,
)
from articles.planning.dates import (
    DEFAULT_PUBLISH_TIME,
    WEEK,
    day_from_query,
    days_from,
    parse_day,
    short_day,
    week_of,
    workflow_time,
)
from articles.planning.deadlines import (
    DueStory,
    due_stories,
    late_plans,
    plan_flags,
)
from articles.planning.errors import DraftAlreadyStarted, PlanningError, PlanningPermissionError
from articles.planning.history import describe_event, plan_history, record_event
from articles.planning.ninjs import plan_to_ninjs
from articles.planning.permissions import (
    REPORTER_STATUSES,
    can_change_status,
    can_plan,
    can_see_plan,
    can_start_draft,
    can_use_planning,
    is_assigned,
    visible_plans,
)
from articles.planning.selectors import (
    COLUMN_LIMIT,
    DAY_LIMIT,
    LIST_LIMIT,
    PlanFilters,
    board,
    day_budget,
    filter_choices,
    plans_with_stories,
    story_state,
    unscheduled,
    week_calendar,
)

__all__ = [
    "COLUMN_LIMIT",
    "DAY_LIMIT",
    "DEFAULT_PUBLISH_TIME",
    "WEEK",
    "DueStory",
    "LIST_LIMIT",
    "REPORTER_STATUSES",
    "DraftAlreadyStarted",
    "PlanFilters",
    "PlanningError",
    "PlanningPermissionError",
    "board",
    "can_change_status",
    "can_plan",
    "can_see_plan",
    "can_start_draft",
    "can_use_planning",
    "change_status",
    "create_plan",
    "day_budget",
    "day_from_query",
    "days_from",
    "due_stories",
    "describe_event",
    "feed_plans",
    "filter_choices",
    "has_feed_key",
    "ical_feed",
    "is_assigned",
    "issue_feed_key",
    "late_plans",
    "parse_day",
    "plan_flags",
    "plan_history",
    "plan_note",
    "plan_to_ninjs",
    "plans_with_stories",
    "record_event",
    "reschedule",
    "revoke_feed_key",
    "save_plan",
    "short_day",
    "start_draft",
    "story_state",
    "unscheduled",
    "user_for_feed_token",
    "visible_plans",
    "week_calendar",
    "week_of",
    "workflow_time",
    "working_headline",
]

"""The editorial workflow: every change of a story's state, and the one way to save a story.

Screens, commands, the sources app and tests call it as `from articles import workflow`
(`workflow.publish(...)`, `workflow.save_article(...)`); each name below says where it lives,
one hop away. Modules inside `articles` import the submodule they need instead, so the
package is never half-imported by one of its own parts.

| module | holds |
| --- | --- |
| `states` | the states, where a story stands (`position`), `ALLOWED` moves and their labels |
| `transitions` | submit, withdraw, request changes, publish (now, scheduled, retimed, over an embargo, a draft in one step, the scheduled copy updated), unpublish, spike, restore, naming a reviewer |
| `saving` | the save pipeline: `save_article`, `save_import`, `touch_article`, `restore_revision`; `check_version` (a move made from the story form) |
| `embargo` | the embargo's rules and words |
| `events` | the story's history: recording and reading `WorkflowEvent`s |
| `states` (also) | the permission, row-lock and state checks every service begins with (`begin`, `lock`, `lock_for_edit`) |
| `errors` | the refusals (`WorkflowError` and its kinds) |
| `signals` | what the workflow announces (`story_saved`, `story_published`, …) |
| `permissions` | who may do what to a story (`can_*` predicates) |
| `revisions`, `snapshot`, `preview`, `notifications`, `byline`, `desk` | history, the public copy, share links, mail, the first byline, the start page's reads |
"""

from articles.workflow.errors import (
    CorrectionNeedsPublishedStory,
    Embargoed,
    NoteRequired,
    SignOffsMissing,
    StaleEdit,
    StandardsBlocked,
    TransitionNotAllowed,
    WorkflowError,
    WorkflowPermissionError,
)
from articles.workflow.events import (
    BREAK_EMBARGO,
    EMBARGO_HOLD,
    EVENT_LABELS,
    NOT_MOVES,
    change_request,
    latest_move,
    record_approval_request,
    record_source_change,
)
from articles.workflow.saving import (
    check_version,
    restore_revision,
    save_article,
    save_import,
    saved_since,
    stale_message,
    touch_article,
)
from articles.workflow.states import (
    ACTION_LABELS,
    ALLOWED,
    DRAFT,
    IN_REVIEW,
    LIVE_DRAFT,
    LIVE_IN_REVIEW,
    POSITION_LABELS,
    PUBLISHED,
    SCHEDULED,
    SCHEDULED_DRAFT,
    SCHEDULED_IN_REVIEW,
    SPIKED,
    UNPUBLISHED,
    allowed_actions,
    has_been_public,
    position,
    scheduled_go_live,
)
from articles.workflow.transitions import (
    PUBLISH_TIME_GRACE,
    assign_reviewer,
    break_embargo,
    cancel_schedule,
    publish,
    publish_now,
    request_changes,
    reschedule,
    restore,
    spike,
    submit_for_review,
    unpublish,
    update_scheduled_copy,
    withdraw,
)

__all__ = [
    "ACTION_LABELS",
    "ALLOWED",
    "BREAK_EMBARGO",
    "DRAFT",
    "EMBARGO_HOLD",
    "EVENT_LABELS",
    "IN_REVIEW",
    "LIVE_DRAFT",
    "LIVE_IN_REVIEW",
    "NOT_MOVES",
    "POSITION_LABELS",
    "PUBLISHED",
    "PUBLISH_TIME_GRACE",
    "SCHEDULED",
    "SCHEDULED_DRAFT",
    "SCHEDULED_IN_REVIEW",
    "SPIKED",
    "UNPUBLISHED",
    "CorrectionNeedsPublishedStory",
    "Embargoed",
    "NoteRequired",
    "SignOffsMissing",
    "StaleEdit",
    "StandardsBlocked",
    "TransitionNotAllowed",
    "WorkflowError",
    "WorkflowPermissionError",
    "allowed_actions",
    "assign_reviewer",
    "break_embargo",
    "cancel_schedule",
    "change_request",
    "check_version",
    "has_been_public",
    "latest_move",
    "position",
    "publish",
    "publish_now",
    "record_approval_request",
    "record_source_change",
    "request_changes",
    "reschedule",
    "restore",
    "restore_revision",
    "save_article",
    "save_import",
    "saved_since",
    "scheduled_go_live",
    "spike",
    "stale_message",
    "submit_for_review",
    "touch_article",
    "unpublish",
    "update_scheduled_copy",
    "withdraw",
]

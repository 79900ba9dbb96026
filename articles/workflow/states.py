"""Where a story stands in the workflow, and which moves it allows from there.

Positions: the working copy's `state`, except that a story with a live snapshot and edits
in progress is "live_draft" or "live_in_review", and a published story whose go-live time
is still ahead is "scheduled" (readers see nothing yet; it goes live by itself), or
"scheduled_draft" / "scheduled_in_review" once someone edits it. `ALLOWED` maps each
position to the actions possible there and the state each leads to; the admin shows buttons
from it, and every transition checks its move against it.

Every workflow service passes the same guard before it writes (`begin`, `lock_for_edit`):
the permission, the row lock, and the permission and state again on the locked row
(another request may have won the race).
"""

from datetime import datetime

from django.utils import timezone

from articles.models import Article, ArticleState, PublicStatus, PublishedArticle
from articles.workflow import permissions
from articles.workflow.errors import TransitionNotAllowed, WorkflowPermissionError
from newsroom.people import display_name

DRAFT = ArticleState.DRAFT.value
IN_REVIEW = ArticleState.IN_REVIEW.value
PUBLISHED = ArticleState.PUBLISHED.value
UNPUBLISHED = ArticleState.UNPUBLISHED.value
SPIKED = ArticleState.SPIKED.value
LIVE_DRAFT = "live_draft"
LIVE_IN_REVIEW = "live_in_review"
SCHEDULED = "scheduled"
SCHEDULED_DRAFT = "scheduled_draft"
SCHEDULED_IN_REVIEW = "scheduled_in_review"

ALLOWED: dict[str, dict[str, str]] = {
    # An editor may publish a draft in one step (recorded as submit, then publish).
    DRAFT: {"submit": IN_REVIEW, "publish": PUBLISHED, "spike": SPIKED},
    IN_REVIEW: {
        "withdraw": DRAFT,
        "request_changes": DRAFT,
        "publish": PUBLISHED,
        "spike": SPIKED,
    },
    PUBLISHED: {"unpublish": UNPUBLISHED},
    # Never seen by readers yet: no unpublish, but the schedule can change or go.
    SCHEDULED: {
        "publish_now": PUBLISHED,
        "reschedule": PUBLISHED,
        "update_scheduled": PUBLISHED,
        "cancel_schedule": IN_REVIEW,
    },
    # Edited since it was scheduled: the edits go out with a new publish (now or at a time),
    # or replace the scheduled copy at its time ("update the scheduled copy").
    SCHEDULED_DRAFT: {
        "submit": IN_REVIEW,
        "publish": PUBLISHED,
        "update_scheduled": PUBLISHED,
        "cancel_schedule": DRAFT,
    },
    SCHEDULED_IN_REVIEW: {
        "withdraw": DRAFT,
        "request_changes": DRAFT,
        "publish": PUBLISHED,
        "update_scheduled": PUBLISHED,
        "cancel_schedule": IN_REVIEW,
    },
    LIVE_DRAFT: {"submit": IN_REVIEW, "publish": PUBLISHED, "unpublish": UNPUBLISHED},
    LIVE_IN_REVIEW: {
        "withdraw": DRAFT,
        "request_changes": DRAFT,
        "publish": PUBLISHED,
        "unpublish": UNPUBLISHED,
    },
    UNPUBLISHED: {"submit": IN_REVIEW, "spike": SPIKED},
    SPIKED: {"restore": DRAFT},
}

ACTION_LABELS = {
    "submit": "submit for review",
    "withdraw": "withdraw from review",
    "request_changes": "request changes",
    "publish": "publish",
    "publish_now": "publish now",
    "reschedule": "reschedule",
    "update_scheduled": "update the scheduled copy",
    "cancel_schedule": "cancel schedule",
    "unpublish": "unpublish",
    "spike": "spike",
    "restore": "restore",
    "edit": "edit",
}

POSITION_LABELS = {
    DRAFT: "a draft",
    IN_REVIEW: "in review",
    PUBLISHED: "published",
    SCHEDULED: "scheduled",
    SCHEDULED_DRAFT: "scheduled, with a draft in progress",
    SCHEDULED_IN_REVIEW: "scheduled, with changes in review",
    UNPUBLISHED: "unpublished",
    SPIKED: "spiked",
    LIVE_DRAFT: "live with a draft in progress",
    LIVE_IN_REVIEW: "live with changes in review",
}


def position(article: Article) -> str:
    """The key of `ALLOWED` for this story: its state, "live + …" for a live story with edits,
    "scheduled…" for one whose go-live time is ahead."""
    if article.has_unpublished_changes and article.state in (DRAFT, IN_REVIEW):
        scheduled = scheduled_go_live(article) is not None
        if article.state == DRAFT:
            return SCHEDULED_DRAFT if scheduled else LIVE_DRAFT
        return SCHEDULED_IN_REVIEW if scheduled else LIVE_IN_REVIEW
    if article.state == PUBLISHED and scheduled_go_live(article) is not None:
        return SCHEDULED
    return article.state


def scheduled_go_live(article: Article, *, now: datetime | None = None) -> datetime | None:
    """When a scheduled story goes live by itself; None if readers can see it, or never will."""
    if article.pk is None:
        return None
    return (
        PublishedArticle.objects.filter(
            article=article, status=PublicStatus.LIVE, published_at__gt=now or timezone.now()
        )
        .values_list("published_at", flat=True)
        .first()
    )


def has_been_public(article: Article, *, now: datetime | None = None) -> bool:
    """Whether readers have seen the story (a scheduled first publication does not count)."""
    if article.pk is None:
        return False
    return PublishedArticle.objects.filter(
        article=article, first_published_at__lte=now or timezone.now()
    ).exists()


def allowed_actions(user, article: Article) -> list[str]:
    """The actions `user` may take on `article` now, in ALLOWED's order (for the buttons)."""
    return [
        action
        for action in ALLOWED.get(position(article), {})
        if permissions.can_do(user, article, action)
    ]


# --- the guard every service passes ---------------------------------------------------------


def now_or(now: datetime | None) -> datetime:
    return now or timezone.now()


def user_name(user) -> str:
    """The acting person's name in a refusal ("You" when nobody is signed in)."""
    if not user or not user.is_authenticated:
        return "You"
    return display_name(user)


def where(article: Article) -> str:
    """The story's position in words ("live with a draft in progress")."""
    return POSITION_LABELS.get(position(article), article.state)


def check_permission(user, article: Article, action: str) -> None:
    if not permissions.can_do(user, article, action):
        raise WorkflowPermissionError(
            f"{user_name(user)} may not {ACTION_LABELS[action]} “{article.headline}” "
            f"(it is {where(article)}).",
        )


def lock(article: Article) -> Article:
    """Lock the row and refresh the workflow fields from it (another request may have won)."""
    locked = Article.objects.select_for_update().get(pk=article.pk)
    for name in (
        "state",
        "has_unpublished_changes",
        "submitted_by_id",
        "submitted_at",
        "first_published_at",
        "last_published_at",
        "version",
    ):
        setattr(article, name, getattr(locked, name))
    return article


def target(article: Article, action: str) -> str:
    """The state `action` leads to from where the story is; refused if it is not a move here."""
    moves = ALLOWED.get(position(article), {})
    if action not in moves:
        possible = ", ".join(ACTION_LABELS[a] for a in moves) or "nothing"
        raise TransitionNotAllowed(
            f"Cannot {ACTION_LABELS[action]} “{article.headline}”: it is {where(article)}. "
            f"From here you can: {possible}.",
            code=f"cannot_{action}_from_{position(article)}",
        )
    return moves[action]


def begin(user, article: Article, action: str) -> str:
    """Permission, lock, re-read, state check. Returns the state the story moves to."""
    check_permission(user, article, action)
    lock(article)
    # The state may have changed while we waited for the lock: check again on fresh data.
    check_permission(user, article, action)
    return target(article, action)


def lock_for_edit(user, article: Article) -> None:
    """Permission, row lock, permission again on the fresh state (for every edit of a story)."""
    if not permissions.can_edit(user, article):
        raise WorkflowPermissionError(
            f"{user_name(user)} may not edit “{article.headline}” (it is {where(article)}).",
        )
    lock(article)
    if not permissions.can_edit(user, article):
        raise WorkflowPermissionError(
            f"{user_name(user)} may not edit “{article.headline}” any more: it is now "
            f"{where(article)}.",
        )


def save_state(article: Article, *extra: str) -> None:
    # Only workflow fields: a transition never writes the editorial text someone is editing.
    fields = dict.fromkeys(["state", "has_unpublished_changes", "updated_at", *extra])
    article.save(update_fields=list(fields))

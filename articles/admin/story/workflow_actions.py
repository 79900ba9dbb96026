"""The workflow panel's buttons as a table: each action, the service it calls, its arguments, its message.

`WORKFLOW_ACTIONS` maps each button's `action` to a `WorkflowAction`: the workflow service
it calls, how the request's fields become that service's keyword arguments, and what the
editor is told when it is done. `workflow_view` only looks the action up and calls it; the
rules (who may, when, what an embargo allows) are the services'. A refusal is shown as a
message and what was typed is kept for the page the refusal returns to
(`keep_workflow_input`, read back by the panels with `kept_workflow_input`).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.html import format_html

from articles import workflow
from articles.models import Article, PublicStatus
from articles.workflow import permissions
from newsroom.time_zone import newsroom_time

# The prefix of the findings' "Reason to publish anyway" inputs: override_<code>[:<target>].
OVERRIDE_PREFIX = "override_"


def parse_local_datetime(value: str) -> datetime | None:
    """A <input type="datetime-local"> value in the newsroom's time zone, or None."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise workflow.WorkflowError(
            f"“{value}” is not a date and time: use the picker or YYYY-MM-DD HH:MM.",
            code="time_invalid",
        ) from None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def posted_overrides(post) -> dict[str, str]:
    """{"code" or "code:target": reason} from the findings' override inputs."""
    return {
        key.removeprefix(OVERRIDE_PREFIX): value
        for key, value in post.items()
        if key.startswith(OVERRIDE_PREFIX) and value.strip()
    }


# --- how the request's fields become the service's arguments ---------------------------------


def _text(post, field: str) -> str:
    return post.get(field, "").strip()


def _note(field: str) -> Callable:
    """The note typed in the action's own box: a note typed for one action is never posted
    as another's (an editor's note to the reporter must not become a public retraction)."""
    return lambda post: {"note": _text(post, field)}


def _no_note(post) -> dict:
    return {"note": ""}


def _nothing(post) -> dict:
    return {}


def _publish(post) -> dict:
    text = _text(post, "correction_text")
    correction = {"kind": post.get("correction_kind", "correction"), "text": text}
    return {
        "at": parse_local_datetime(post.get("at", "")),
        "correction": correction if text else None,
        "overrides": posted_overrides(post),
    }


def _break_embargo(post) -> dict:
    return {"reason": _text(post, "break_embargo_reason"), "overrides": posted_overrides(post)}


def _reschedule(post) -> dict:
    return {"at": parse_local_datetime(post.get("reschedule_at", ""))}


UNPUBLISH_NOTE_FIELDS = {
    PublicStatus.RETRACTED: "retraction_notice",
    PublicStatus.WITHDRAWN: "withdraw_note",
}


def _unpublish(post) -> dict:
    mode = post.get("mode", "")
    field = UNPUBLISH_NOTE_FIELDS.get(mode)
    return {"note": _text(post, field) if field else "", "mode": mode}


# --- what the editor is told -----------------------------------------------------------------


def _published(snap, arguments) -> str:
    return format_html('Published: <a href="{}">{}</a>', snap.url_path, snap.url_path)


def _published_or_scheduled(snap, arguments) -> str:
    if snap.published_at > timezone.now():
        return f"Scheduled: goes live {newsroom_time(snap.published_at)}."
    return _published(snap, arguments)


def _rescheduled(snap, arguments) -> str:
    return f"Rescheduled: goes live {newsroom_time(snap.published_at)}."


def _unpublished(result, arguments) -> str:
    if arguments["mode"] == PublicStatus.RETRACTED:
        return "Retracted: the public page now shows your retraction notice."
    return "Withdrawn: the public page now answers 410 Gone."


def _said(text: str) -> Callable:
    return lambda result, arguments: text


@dataclass(frozen=True)
class WorkflowAction:
    """One button: `service(user, article, **arguments(request.POST))`, then `done(result,
    arguments)` as the success message. `fields` are the form fields it reads (kept when
    it is refused, so nothing typed is lost)."""

    service: Callable
    arguments: Callable[[dict], dict]
    done: Callable
    fields: tuple[str, ...] = ()


WORKFLOW_ACTIONS: dict[str, WorkflowAction] = {
    "submit": WorkflowAction(
        workflow.submit_for_review,
        _note("submit_note"),
        _said("Submitted for review."),
        ("submit_note",),
    ),
    "withdraw": WorkflowAction(
        workflow.withdraw, _no_note, _said("Withdrawn from review: back to draft.")
    ),
    "request_changes": WorkflowAction(
        workflow.request_changes,
        _note("changes_note"),
        _said("Sent back to the reporter with your note."),
        ("changes_note",),
    ),
    "publish": WorkflowAction(
        workflow.publish,
        _publish,
        _published_or_scheduled,
        ("at", "correction_kind", "correction_text"),
    ),
    "publish_now": WorkflowAction(workflow.publish_now, _nothing, _published),
    # "Break the embargo and publish": whether it goes out now or at the embargo is the
    # workflow's decision, as is whether this user may.
    "break_embargo": WorkflowAction(
        workflow.break_embargo,
        _break_embargo,
        _published_or_scheduled,
        ("break_embargo_reason",),
    ),
    "reschedule": WorkflowAction(
        workflow.reschedule, _reschedule, _rescheduled, ("reschedule_at",)
    ),
    "cancel_schedule": WorkflowAction(
        workflow.cancel_schedule,
        _note("cancel_schedule_note"),
        _said("Schedule cancelled: the story is back in review, with no public page."),
        ("cancel_schedule_note",),
    ),
    "unpublish": WorkflowAction(
        workflow.unpublish, _unpublish, _unpublished, ("mode", *UNPUBLISH_NOTE_FIELDS.values())
    ),
    "spike": WorkflowAction(workflow.spike, _note("spike_note"), _said("Spiked."), ("spike_note",)),
    "restore": WorkflowAction(workflow.restore, _no_note, _said("Restored as a draft.")),
}

WORKFLOW_FIELDS = list(
    dict.fromkeys(["action", *(f for action in WORKFLOW_ACTIONS.values() for f in action.fields)])
)


def run_workflow_action(user, article: Article, post) -> str:
    """Make the move the posted button names; the message to show. WorkflowError if refused."""
    name = post.get("action", "")
    action = WORKFLOW_ACTIONS.get(name)
    if action is None:
        raise workflow.TransitionNotAllowed(
            f"Unknown workflow action “{name}”.", code="unknown_action"
        )
    arguments = action.arguments(post)
    return action.done(action.service(user, article, **arguments), arguments)


def workflow_view(model_admin, request, object_id):
    """POST from the workflow panel: one button, one service (`WORKFLOW_ACTIONS`)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = model_admin.article_or_404(request, object_id)
    try:
        done = run_workflow_action(request.user, article, request.POST)
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
        # Nothing typed is lost: the story page shows the panel filled in again.
        keep_workflow_input(request, article, error)
        return model_admin.back(article)
    messages.success(request, done)
    if not permissions.can_view(request.user, article):
        return redirect("admin:articles_article_changelist")
    return model_admin.back(article)


# --- what was typed, kept across a refusal -----------------------------------------------------


def _session_key(article: Article) -> str:
    return f"workflow_input:{article.pk}"


def keep_workflow_input(request, article: Article, error: Exception) -> None:
    """Keep what was typed in the workflow panel for the page the refusal redirects to."""
    kept = {name: request.POST.get(name, "") for name in WORKFLOW_FIELDS}
    kept["overrides"] = {
        key: value for key, value in request.POST.items() if key.startswith(OVERRIDE_PREFIX)
    }
    kept["error"] = str(error)
    request.session[_session_key(article)] = kept


def kept_workflow_input(request, article: Article) -> dict:
    """What `keep_workflow_input` kept for this story (the page forgets it once shown:
    `forget_workflow_input`)."""
    session = getattr(request, "session", None)
    kept = session.get(_session_key(article)) if session is not None else None
    return kept if isinstance(kept, dict) else {}


def forget_workflow_input(request, article: Article) -> None:
    session = getattr(request, "session", None)
    if session is not None:
        session.pop(_session_key(article), None)

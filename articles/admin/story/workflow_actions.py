"""The workflow panel's buttons as a table: each action, the service it calls, its arguments, its message.

`WORKFLOW_ACTIONS` maps each button's `action` to a `WorkflowAction`: the workflow service
it calls, how the request's fields become that service's keyword arguments, and what the
editor is told when it is done. `workflow_view` only looks the action up and calls it; the
rules (who may, when, what an embargo allows) are the services'. A refusal is shown as a
message and what was typed is kept for the page the refusal returns to
(`keep_workflow_input`, read back by the panels with `kept_workflow_input`).

On a story this user may edit, the buttons and their note boxes belong to the story form
(`form="article_form"`): one POST carries the typed text and the action, the story admin
saves it, then makes the move in the same transaction (`move_after_save`). `workflow_view`
serves the buttons of a story the user may not edit (a reporter withdrawing from review)
and crafted POSTs.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.html import format_html

from articles import workflow
from articles.models import Article, PublicStatus
from articles.review import signoffs
from articles.workflow import permissions
from newsroom.ids import parse_id
from newsroom.time_zone import newsroom_time

# The prefix of the findings' "Reason to publish anyway" inputs: override_<code>[:<target>].
OVERRIDE_PREFIX = "override_"


# Shown back in a refusal: no more of a typed value than this.
SHOWN_VALUE = 40
DATE_TYPED = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
TIME_TYPED = re.compile(r"([01]?[0-9]|2[0-3]):[0-5][0-9]")


def _shown(value: str) -> str:
    return value if len(value) <= SHOWN_VALUE else value[:SHOWN_VALUE] + "…"


def parse_local_datetime(value: str) -> datetime | None:
    """A "YYYY-MM-DDTHH:MM" value in the newsroom's time zone, or None."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise workflow.WorkflowError(
            f"“{_shown(value)}” is not a date and time: type it as YYYY-MM-DD HH:MM (24-hour).",
            code="time_invalid",
        ) from None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def parse_posted_time(post, name: str) -> datetime | None:
    """The time typed as `<name>_date` (YYYY-MM-DD) and `<name>_time` (HH:MM, 24-hour) in
    the newsroom's time zone; None when both are empty. `<name>` alone (YYYY-MM-DDTHH:MM)
    is read when neither part is posted."""
    day = (post.get(f"{name}_date") or "").strip()
    hour = (post.get(f"{name}_time") or "").strip()
    if not day and not hour:
        return parse_local_datetime(post.get(name, ""))
    if not day or not hour:
        raise workflow.WorkflowError(
            "Type both the date and the time (24-hour, HH:MM), or leave both empty.",
            code="time_incomplete",
        )
    if not TIME_TYPED.fullmatch(hour):
        raise workflow.WorkflowError(
            f"“{_shown(hour)}” is not a time: type it as HH:MM, 24-hour (e.g. 14:30).",
            code="time_invalid",
        )
    try:
        if not DATE_TYPED.fullmatch(day):
            raise ValueError(day)
        parsed = datetime.combine(date.fromisoformat(day), datetime.strptime(hour, "%H:%M").time())
    except ValueError:
        raise workflow.WorkflowError(
            f"“{_shown(day)}” is not a date: type it as YYYY-MM-DD.", code="time_invalid"
        ) from None
    return timezone.make_aware(parsed)


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
        "at": parse_posted_time(post, "at"),
        "correction": correction if text else None,
        "overrides": posted_overrides(post),
    }


def _break_embargo(post) -> dict:
    return {"reason": _text(post, "break_embargo_reason"), "overrides": posted_overrides(post)}


def _reschedule(post) -> dict:
    return {"at": parse_posted_time(post, "reschedule_at")}


def _overrides(post) -> dict:
    return {"overrides": posted_overrides(post)}


UNPUBLISH_NOTE_FIELDS = {
    PublicStatus.RETRACTED: "retraction_notice",
    PublicStatus.WITHDRAWN: "withdraw_note",
}


# The story form's Sign off buttons post action="sign_off:<step id>:<decision>", and the
# note typed in that step's box as sign_off_note_<step id>.
SIGN_OFF_NOTE_PREFIX = "sign_off_note_"


def _sign_off(post) -> dict:
    _action, _, rest = post.get("action", "").partition(":")
    step, _, decision = rest.partition(":")
    step_id = parse_id(step)
    note = _text(post, f"{SIGN_OFF_NOTE_PREFIX}{step_id}") if step_id is not None else ""
    return {"step_id": step_id, "decision": decision[:20], "note": note}


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


def _scheduled_copy_updated(snap, arguments) -> str:
    return f"Scheduled copy updated: it goes live {newsroom_time(snap.published_at)} as saved now."


def _unpublished(result, arguments) -> str:
    if arguments["mode"] == PublicStatus.RETRACTED:
        return "Retracted: the public page now shows your retraction notice."
    return "Withdrawn: the public page now answers 410 Gone."


def _signed(sign_off, arguments) -> str:
    if arguments["decision"] == "reject":
        return f"Changes requested for {sign_off.step.name}: the reporter reads your note."
    return f"Signed off: {sign_off.step.name}."


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
        ("at", "at_date", "at_time", "correction_kind", "correction_text"),
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
        workflow.reschedule,
        _reschedule,
        _rescheduled,
        ("reschedule_at", "reschedule_at_date", "reschedule_at_time"),
    ),
    "update_scheduled": WorkflowAction(
        workflow.update_scheduled_copy, _overrides, _scheduled_copy_updated
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
    # A review step's Sign off, Sign off with conditions and Request changes, from the story
    # form: the typed text is saved, then the step is decided on the version just saved.
    "sign_off": WorkflowAction(signoffs.sign_step_of, _sign_off, _signed),
}

WORKFLOW_FIELDS = list(
    dict.fromkeys(["action", *(f for action in WORKFLOW_ACTIONS.values() for f in action.fields)])
)


def run_workflow_action(user, article: Article, post) -> str:
    """Make the move the posted button names; the message to show. WorkflowError if refused."""
    name = post.get("action", "")
    action = WORKFLOW_ACTIONS.get(name.partition(":")[0])
    if action is None:
        raise workflow.TransitionNotAllowed(
            f"Unknown workflow action “{name}”.", code="unknown_action"
        )
    arguments = action.arguments(post)
    return action.done(action.service(user, article, **arguments), arguments)


def posted_move(request) -> str:
    """The workflow action a button of the story form posted with the text ("" for a save)."""
    return request.POST.get("action", "") if request.method == "POST" else ""


def move_after_save(request, article: Article) -> tuple[int, str]:
    """Make the move the story form's button asked for, once its text is saved, in the
    save's transaction: (message level, message). A refused move is undone on its own (a
    savepoint): the save stays, and what was typed in the workflow panel is kept."""
    try:
        with transaction.atomic():
            done = run_workflow_action(request.user, article, request.POST)
    except workflow.WorkflowError as error:
        keep_workflow_input(request, article, error)
        return messages.ERROR, str(error)
    return messages.SUCCESS, done


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
    kept["overrides"] = _posted_override_inputs(request.POST)
    kept["sign_off_notes"] = {
        key.removeprefix(SIGN_OFF_NOTE_PREFIX): value
        for key, value in request.POST.items()
        if key.startswith(SIGN_OFF_NOTE_PREFIX)
    }
    kept["error"] = str(error)
    request.session[_session_key(article)] = kept


def _posted_override_inputs(post) -> dict:
    return {key: value for key, value in post.items() if key.startswith(OVERRIDE_PREFIX)}


def kept_workflow_input(request, article: Article) -> dict:
    """What `keep_workflow_input` kept for this story (the page forgets it once shown:
    `forget_workflow_input`)."""
    if posted_move(request) in WORKFLOW_ACTIONS:
        # The story form came back refused (someone saved first, a field to fix): the
        # workflow panel shows what was typed in it with the text.
        kept = {name: request.POST.get(name, "") for name in WORKFLOW_FIELDS}
        kept["overrides"] = _posted_override_inputs(request.POST)
        return kept
    session = getattr(request, "session", None)
    kept = session.get(_session_key(article)) if session is not None else None
    return kept if isinstance(kept, dict) else {}


def forget_workflow_input(request, article: Article) -> None:
    session = getattr(request, "session", None)
    if session is not None:
        session.pop(_session_key(article), None)

"""Each person's calendar feed of their own plans (iCalendar, RFC 5545), reached by a secret
address (`issue_feed_key`): the secret is kept only as a SHA-256 hash, compared in constant
time; regenerating or revoking it makes the old address answer 404."""

import hashlib
import hmac
import secrets
from datetime import UTC, datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from articles.models import (
    PlannedStory,
    PlanningFeedKey,
    PlanStatus,
)
from articles.planning.dates import (
    workflow_time,
)
from articles.planning.errors import PlanningPermissionError
from articles.planning.permissions import (
    can_use_planning,
)
from newsroom.ids import parse_id
from newsroom.people import display_name

FEED_PAST_DAYS = 30
FEED_LIMIT = 500


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
    uid = parse_id(user_id)
    if uid is None or not 20 <= len(secret) <= 100:
        return None
    key = PlanningFeedKey.objects.select_related("user").filter(user_id=uid).first()
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
        f"X-WR-CALNAME:{_ical_text('Story budget: ' + display_name(user, 'Nobody'))}",
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
            f"STATUS:{'CANCELLED' if plan.status == PlanStatus.KILLED else 'CONFIRMED'}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(folded + "\r\n" for line in lines for folded in _fold(line))

"""Template helpers for the public sourcing box and corrections (snapshot data is JSON)."""

from datetime import date, datetime

from django import template
from django.urls import reverse
from django.utils import timezone

register = template.Library()


@register.filter
def isodate(value):
    """An ISO date or datetime string from a snapshot as a date/datetime the `date` filter takes."""
    if not value or not isinstance(value, str):
        return value
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return value
    return timezone.localtime(parsed) if timezone.is_aware(parsed) else parsed


@register.simple_tag
def policy_url(kind: str) -> str:
    """The public address of a standards policy page (publishing-principles, …)."""
    return reverse("policy", kwargs={"kind": kind})

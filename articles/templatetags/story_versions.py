"""Template filters of the change log and signed versions (articles.versions)."""

from datetime import datetime

from django import template

register = template.Library()


@register.filter
def change_time(value: str) -> datetime | None:
    """The time of a change-log entry (stored as ISO 8601 in the snapshot), or None."""
    try:
        return datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None

"""`{{ at|datetime_attr }}`: a moment as a valid HTML `<time datetime>` value.

Django's `date:"c"` writes microseconds ("…T09:27:49.351004+00:00"), and HTML allows at most
three digits of a second: validators reject it. Seconds are all a reader's page needs.
"""

from datetime import date, datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def datetime_attr(value) -> str:
    """An aware datetime (or a snapshot's ISO string) in the site's zone to the second; a
    date as YYYY-MM-DD; "" for anything else."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return ""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return ""

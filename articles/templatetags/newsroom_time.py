"""Times in the newsroom's zone for the admin's templates (see newsroom.time_zone)."""

from django import template

from newsroom import time_zone

register = template.Library()


@register.filter
def newsroom_time(at) -> str:
    """A moment as a sentence reads it: "14:00 EST, Tue 1 Dec"."""
    return time_zone.newsroom_time(at) if at else ""


@register.filter
def since(at) -> str:
    """How long ago, for the desk's lists: "just now" under a minute, else "12 minutes"."""
    from django.utils import timezone
    from django.utils.timesince import timesince

    if not at:
        return ""
    if (timezone.now() - at).total_seconds() < 60:
        return "just now"
    return timesince(at) + " ago"


@register.filter
def waited(at) -> str:
    """How long something has waited: "under a minute", else "3 hours, 5 minutes"."""
    from django.utils import timezone
    from django.utils.timesince import timesince

    if not at:
        return ""
    if (timezone.now() - at).total_seconds() < 60:
        return "under a minute"
    return timesince(at)


@register.simple_tag
def time_zone_label() -> str:
    """The zone beside a time input: "EST · America/New_York"."""
    return time_zone.zone_label()

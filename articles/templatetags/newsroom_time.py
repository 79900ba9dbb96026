"""Times in the newsroom's zone for the admin's templates (see newsroom.time_zone)."""

from django import template

from newsroom import time_zone

register = template.Library()


@register.filter
def newsroom_time(at) -> str:
    """A moment as a sentence reads it: "14:00 EST, Tue 1 Dec"."""
    return time_zone.newsroom_time(at) if at else ""


@register.simple_tag
def time_zone_label() -> str:
    """The zone beside a time input: "EST · America/New_York"."""
    return time_zone.zone_label()

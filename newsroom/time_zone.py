"""The newsroom's time zone, shown beside every time an editor types or reads.

Times are stored in UTC. The newsroom works in one zone, `settings.TIME_ZONE` (the
`TIME_ZONE` environment variable): the admin reads a typed time in that zone whatever the
editor's computer says, and says so beside each input. This replaces Django's "You are
N hours ahead of server time" note (DateTimeShortcuts.js), which compares the browser's
zone with the server's and suggests the input follows the browser; see `ZonedSplitDateTime`.
"""

from datetime import datetime

from django.conf import settings
from django.contrib.admin.widgets import AdminSplitDateTime
from django.utils import timezone
from django.utils.html import format_html


def zone_name() -> str:
    """The zone's name, e.g. "America/New_York"."""
    return settings.TIME_ZONE


def zone_abbreviation(at: datetime | None = None) -> str:
    """What the zone is called at `at` (default now), e.g. "EST" in winter, "EDT" in summer."""
    return timezone.localtime(at or timezone.now()).tzname() or zone_name()


def zone_label(at: datetime | None = None) -> str:
    """The zone as shown beside an input: "EST · America/New_York" ("UTC" when they agree)."""
    abbreviation, name = zone_abbreviation(at), zone_name()
    return name if abbreviation == name else f"{abbreviation} · {name}"


def newsroom_time(at: datetime, *, now: datetime | None = None) -> str:
    """A moment in newsroom time, for sentences: "14:00 EST, Tue 1 Dec" (with the year when
    it is not this year's)."""
    local = timezone.localtime(at)
    year = "" if local.year == timezone.localtime(now or timezone.now()).year else f" {local.year}"
    return f"{local:%H:%M} {local.tzname()}, {local:%a} {local.day} {local:%b}{year}"


class ZonedSplitDateTime(AdminSplitDateTime):
    """The admin's date + time inputs, with the newsroom's zone beside the time.

    Its script stops DateTimeShortcuts from adding the "ahead of server time" note; the
    body's data-admin-utc-offset stays, so the widget's "Now" and "Today" still give the
    newsroom's time, which is how the input is read.
    """

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["time_label"] = format_html(
            '{} <span class="time-zone">({})</span>', context["time_label"], zone_label()
        )
        return context

    class Media:
        # Named together so the merged media keeps this order: the script patches the other.
        js = ["admin/js/admin/DateTimeShortcuts.js", "js/admin-time-zone.js"]

"""Days and times on the budget: the wording of a planned time, a week's Monday, a day's
bounds in the newsroom's zone, and moving a planned time to another day."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

# A plan put on the calendar for the first time is planned for this time of day.
DEFAULT_PUBLISH_TIME = time(10, 0)


def workflow_time(moment: datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local:%a} {local.day} {local:%b}, {local:%H:%M} {local.tzname()}"


def week_of(day: date) -> date:
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, time.min))
    end = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))
    return start, end


def at_day(moment: datetime | None, day: date) -> datetime:
    local_time = timezone.localtime(moment).timetz() if moment else DEFAULT_PUBLISH_TIME
    naive = datetime.combine(day, local_time.replace(tzinfo=None))
    return timezone.make_aware(naive)


def parse_day(value, *, default: date | None = None) -> date | None:
    """A YYYY-MM-DD day from a query string or form; `default` when empty or not a date."""
    try:
        return date.fromisoformat(str(value or "").strip()[:10]) if value else default
    except ValueError:
        return default

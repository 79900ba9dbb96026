"""Days and times on the budget: the wording of a planned time, a week's Monday, a day's
bounds in the newsroom's zone, moving a planned time to another day, and reading a day typed
in an address (a day out of `FIRST_DAY`..`LAST_DAY`, or not a YYYY-MM-DD day, is refused)."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

# A plan put on the calendar for the first time is planned for this time of day.
DEFAULT_PUBLISH_TIME = time(10, 0)
# The days the budget can show: far from date.min and date.max, so a page's "next 7 days"
# and its day bounds never overflow.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2199, 12, 31)
WEEK = 7


def short_day(day: date) -> str:
    """ "Sun 6 Dec" """
    return f"{day:%a} {day.day} {day:%b}"


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
    """A YYYY-MM-DD day from a query string or form; `default` when empty, not a date, longer
    than one, or outside FIRST_DAY..LAST_DAY."""
    text = str(value or "").strip()
    if not text or len(text) != 10 or not text.isascii():
        return default
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return default
    return day if FIRST_DAY <= day <= LAST_DAY else default


def day_from_query(value, *, default: date) -> tuple[date, str | None]:
    """(the day asked for, or `default`; a sentence saying why not, or None)."""
    if value is None or not str(value).strip():
        return default, None
    day = parse_day(value)
    if day is None:
        return default, (
            f"“{str(value)[:20]}” is not a day the budget can show (YYYY-MM-DD, years "
            f"{FIRST_DAY.year}–{LAST_DAY.year}); showing {short_day(default)} instead."
        )
    return day, None


def days_from(first: date, count: int = WEEK) -> list[date]:
    return [first + timedelta(days=n) for n in range(count)]

"""The calendar's periods: which days a day, week or month view covers and where its
previous and next links go. Pure date arithmetic; weeks start on Monday."""

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

VIEWS = ("day", "week", "month")
# The hours a week or day view always shows; appointments outside them widen it.
WORKING_HOURS = (8, 18)


@dataclass(frozen=True)
class Period:
    view: str
    anchor: date
    first: date  # the first day shown
    last: date  # the last day shown (included)
    previous: date
    next: date

    @property
    def days(self) -> list[date]:
        return [self.first + timedelta(days=n) for n in range((self.last - self.first).days + 1)]

    @property
    def weeks(self) -> list[list[date]]:
        days = self.days
        return [days[index : index + 7] for index in range(0, len(days), 7)]

    def bounds(self) -> tuple[datetime, datetime]:
        """The period as aware datetimes in the practice's time zone, end excluded."""
        return local_midnight(self.first), local_midnight(self.last + timedelta(days=1))


def local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time()), timezone.get_current_timezone())


def _month_shift(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def period_for(view: str, anchor: date) -> Period:
    """The period of `view` ("day", "week" or "month") that contains `anchor`. A month
    view covers whole weeks, from the Monday on or before the 1st."""
    if view == "day":
        one = timedelta(days=1)
        return Period(view, anchor, anchor, anchor, anchor - one, anchor + one)
    if view == "week":
        monday = anchor - timedelta(days=anchor.weekday())
        week = timedelta(weeks=1)
        return Period(
            view, anchor, monday, monday + timedelta(days=6), anchor - week, anchor + week
        )
    if view == "month":
        first_of_month = anchor.replace(day=1)
        last_of_month = anchor.replace(day=monthrange(anchor.year, anchor.month)[1])
        first = first_of_month - timedelta(days=first_of_month.weekday())
        last = last_of_month + timedelta(days=6 - last_of_month.weekday())
        return Period(view, anchor, first, last, _month_shift(anchor, -1), _month_shift(anchor, 1))
    raise ValueError(f"unknown calendar view {view!r}")


def hours_shown(starts: list[datetime], ends: list[datetime]) -> list[int]:
    """The hour rows of a day or week grid: the working hours, widened to take in every
    appointment (local times)."""
    first, last = WORKING_HOURS
    for start in starts:
        first = min(first, timezone.localtime(start).hour)
    for end in ends:
        local = timezone.localtime(end)
        last = max(last, local.hour + (1 if local.minute else 0))
    return list(range(first, min(last, 24)))

"""The calendar page's layout: appointments placed in the day, week or month grid, and
the empty hours a booking can start from. No queries: it arranges what it is given."""

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.utils import timezone

from caseload.clients.models import Appointment
from caseload.scheduling.periods import WORKING_HOURS, Period, hours_shown


@dataclass
class Cell:
    day: date
    starts_at: datetime  # the hour an empty cell books from
    appointments: list[Appointment] = field(default_factory=list)


@dataclass
class HourRow:
    hour: int
    cells: list[Cell]


@dataclass
class DayBox:
    day: date
    in_month: bool
    appointments: list[Appointment] = field(default_factory=list)

    @property
    def book_at(self) -> datetime:
        """Where "book on this day" starts: the first working hour."""
        return _at(self.day, WORKING_HOURS[0])


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)), timezone.get_current_timezone())


def hour_rows(period: Period, appointments: list[Appointment]) -> list[HourRow]:
    """One row per hour shown, one cell per day of the period (the day and week views)."""
    hours = hours_shown(
        [appointment.starts_at for appointment in appointments],
        [appointment.ends_at for appointment in appointments],
    )
    rows = [HourRow(hour, [Cell(day, _at(day, hour)) for day in period.days]) for hour in hours]
    by_slot = {(cell.day, row.hour): cell for row in rows for cell in row.cells}
    for appointment in appointments:
        local = timezone.localtime(appointment.starts_at)
        cell = by_slot.get((local.date(), local.hour))
        if cell is not None:
            cell.appointments.append(appointment)
    return rows


def day_lists(period: Period, appointments: list[Appointment]) -> list[DayBox]:
    """Each day of the period with its appointments in time order (the month grid, and
    the list a phone shows instead of the week grid)."""
    boxes = {day: DayBox(day, day.month == period.anchor.month) for day in period.days}
    for appointment in appointments:
        box = boxes.get(timezone.localtime(appointment.starts_at).date())
        if box is not None:
            box.appointments.append(appointment)
    return list(boxes.values())

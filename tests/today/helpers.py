"""Builders for the home page tests (synthetic only)."""

from datetime import timedelta

from caseload.clients.models import Appointment
from caseload.core import clock
from caseload.today.homes import day_start


def today_at(hour: int):
    """`hour` o'clock today in the practice's time zone (past or future: still today)."""
    return day_start(clock.today()) + timedelta(hours=hour)


def booking(client, clinician, *, hour: int = 12, days: int = 0, kind: str = "session"):
    """An appointment `days` from today at `hour`, booked directly (the booking rules
    are tested with the appointments page)."""
    return Appointment.objects.create(
        client=client,
        clinician=clinician,
        starts_at=today_at(hour) + timedelta(days=days),
        duration_minutes=50,
        kind=kind,
    )

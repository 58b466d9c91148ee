"""When an unacknowledged alert moves up a step. Pure functions of the alert's severity,
times and the practice's settings, so the rules can be tested exhaustively.

High: to the supervisor after `high_alert_supervisor_minutes` (default 60), to the
on-call contact after `high_alert_on_call_minutes` (default 120), both from raising.
Moderate: to the supervisor after `moderate_alert_working_hours` working hours
(default 8: one working day, Monday to Friday, 09:00-17:00 in the practice's time zone).
"""

from datetime import datetime, timedelta

from django.utils import timezone

WORKDAY_START, WORKDAY_END = 9, 17


def add_working_hours(start: datetime, hours: int) -> datetime:
    """`start` plus `hours` of working time (Mon-Fri, 09:00-17:00 local)."""
    moment = timezone.localtime(start)
    remaining = timedelta(hours=hours)
    while remaining > timedelta(0):
        moment = _next_working_moment(moment)
        day_end = moment.replace(hour=WORKDAY_END, minute=0, second=0, microsecond=0)
        step = min(remaining, day_end - moment)
        moment += step
        remaining -= step
    return moment


def _next_working_moment(moment: datetime) -> datetime:
    while True:
        start = moment.replace(hour=WORKDAY_START, minute=0, second=0, microsecond=0)
        end = moment.replace(hour=WORKDAY_END, minute=0, second=0, microsecond=0)
        if moment.weekday() < 5 and moment < end:
            return max(moment, start)
        moment = timezone.localtime(start + timedelta(days=1))


def next_escalation_at(
    *, severity: str, level: int, raised_at: datetime, practice
) -> datetime | None:
    """When an alert at `level` should move up, or None when it is at its last step."""
    if severity == "high":
        if level == 0:
            return raised_at + timedelta(minutes=practice.high_alert_supervisor_minutes)
        if level == 1:
            return raised_at + timedelta(minutes=practice.high_alert_on_call_minutes)
        return None
    if level == 0:
        return add_working_hours(raised_at, practice.moderate_alert_working_hours)
    return None

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


def escalation_step(
    *,
    severity: str,
    level: int,
    raised_at: datetime,
    due_at: datetime | None,
    now: datetime,
    practice,
) -> tuple[int, datetime | None] | None:
    """The next step for an open alert at `level` whose step was due at `due_at`:
    (the new level, when the step after it is due), or None when nothing is due yet or
    the alert is already at its last step. High alerts go care team -> supervisor ->
    on-call; moderate alerts care team -> supervisor, and stay there."""
    if due_at is None or now < due_at:
        return None
    last = 2 if severity == "high" else 1
    if level >= last:
        return None
    new_level = level + 1
    return new_level, next_escalation_at(
        severity=severity, level=new_level, raised_at=raised_at, practice=practice
    )


def follow_up_due_times(start: datetime, hours: list[int]) -> list[datetime]:
    """When each follow-up contact is due, `hours` after `start`."""
    return [start + timedelta(hours=value) for value in sorted(set(hours))]


def follow_up_missed(*, due_at: datetime, done: bool, now: datetime) -> bool:
    """A follow-up is missed once its due time has passed without it being done."""
    return not done and now >= due_at

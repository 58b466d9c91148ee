"""Checking a contact against the agreed contact policy, in the practice's time zone.

Pure functions, so the hours, the days and the daylight-saving edges are tested
exhaustively (tests/wellbeing/test_policy.py)."""

import calendar
import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError

from caseload.core.contact_policy import ContactPolicy


@dataclass(frozen=True)
class ContactCheck:
    out_of_hours: bool
    off_channel: bool

    @property
    def within_policy(self) -> bool:
        return not (self.out_of_hours or self.off_channel)


def practice_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def as_practice_time(value: datetime.datetime) -> datetime.datetime:
    """An aware datetime for `value`. A time without a zone is read as a wall-clock time
    in the practice's time zone; one that never happened there (the hour the clocks go
    forward) is refused rather than guessed. In the hour that happens twice when the
    clocks go back, the first (summer-time) reading is taken."""
    if value.tzinfo is not None and value.utcoffset() is not None:
        return value
    zone = practice_zone()
    aware = value.replace(tzinfo=zone)
    round_trip = aware.astimezone(datetime.UTC).astimezone(zone).replace(tzinfo=None)
    if round_trip != value:
        raise ValidationError(
            f"{value:%Y-%m-%d %H:%M} did not happen in {zone.key}: the clocks went forward "
            "that night. Check the time."
        )
    return aware


def check_contact(
    policy: ContactPolicy, *, started_at: datetime.datetime, duration_minutes: int, channel: str
) -> ContactCheck:
    """Out of hours: the contact started, or ran on, outside the agreed days and hours (in
    the practice's local time). Off channel: the channel is not one the client agreed."""
    zone = practice_zone()
    start = as_practice_time(started_at).astimezone(zone)
    end = (start + datetime.timedelta(minutes=duration_minutes)).astimezone(zone)
    return ContactCheck(
        out_of_hours=not (_inside(policy, start) and _inside(policy, end, closing=True)),
        off_channel=channel not in policy.channels,
    )


def policy_days(policy: ContactPolicy) -> str:
    """The agreed days in words, e.g. "Monday to Friday" or "Tuesday, Thursday"."""
    names = [calendar.day_name[day] for day in sorted(policy.days)]
    days = sorted(policy.days)
    if len(days) > 2 and days == list(range(days[0], days[-1] + 1)):
        return f"{names[0]} to {names[-1]}"
    return ", ".join(names)


def _inside(policy: ContactPolicy, moment: datetime.datetime, *, closing: bool = False) -> bool:
    if moment.weekday() not in policy.days:
        return False
    local = moment.time().replace(tzinfo=None)
    # The end of a contact may land exactly on the closing time (09:00-17:00 includes a
    # call ending at 17:00); a start may not.
    if closing:
        return policy.start < local <= policy.end
    return policy.start <= local < policy.end

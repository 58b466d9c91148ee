"""Out-of-session contacts checked against the agreed contact policy, in the practice's
time zone (America/New_York in the test settings).

Hazard guarded: an out-of-hours contact left unmarked because a time was read in UTC or
with the wrong daylight-saving offset, so a boundary drift goes unnoticed (H-052: boundary
marks)."""

import datetime
from datetime import time
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from caseload.core.contact_policy import DEFAULT_POLICY, ContactPolicy
from caseload.wellbeing.policy import as_practice_time, check_contact

UTC = datetime.UTC
NEW_YORK = ZoneInfo("America/New_York")
EVENINGS = ContactPolicy(
    days=frozenset({0, 1, 2, 3, 4, 5}),
    start=time(12),
    end=time(20),
    channels=frozenset({"phone", "text"}),
    response_hours=4,
    source="agreement",
)


@pytest.fixture(autouse=True)
def _new_york(settings):
    settings.TIME_ZONE = "America/New_York"


def check(started_at, minutes=10, channel="phone", policy=DEFAULT_POLICY):
    return check_contact(policy, started_at=started_at, duration_minutes=minutes, channel=channel)


def test_a_call_at_twenty_to_midnight_is_out_of_hours():
    # Tuesday 24 November 2026, 23:40, a time without a zone: the practice's local time.
    result = check(datetime.datetime(2026, 11, 24, 23, 40))
    assert result.out_of_hours and not result.within_policy


def test_a_weekday_call_in_office_hours_is_within_the_policy():
    result = check(datetime.datetime(2026, 11, 24, 10, 15))
    assert result.within_policy


def test_an_aware_utc_time_is_read_in_the_practice_zone():
    # 15:30 UTC is 10:30 in New York (EST): inside; read as UTC wall time it would also
    # be inside, so check one where the zone decides: 02:00 UTC Wednesday is 21:00 Tuesday.
    assert check(datetime.datetime(2026, 11, 25, 2, 0, tzinfo=UTC)).out_of_hours
    assert check(datetime.datetime(2026, 11, 24, 15, 30, tzinfo=UTC)).within_policy


@pytest.mark.parametrize(
    "local,inside",
    [
        (datetime.datetime(2026, 11, 24, 8, 59), False),
        (datetime.datetime(2026, 11, 24, 9, 0), True),
        (datetime.datetime(2026, 11, 24, 16, 50), True),  # ends 17:00 exactly
        (datetime.datetime(2026, 11, 24, 16, 51), False),  # runs past 17:00
        (datetime.datetime(2026, 11, 24, 17, 0), False),
        (datetime.datetime(2026, 11, 28, 11, 0), False),  # Saturday
        (datetime.datetime(2026, 11, 29, 11, 0), False),  # Sunday
    ],
)
def test_the_edges_of_the_default_hours(local, inside):
    assert check(local).within_policy is inside


def test_a_channel_not_agreed_is_out_of_policy_even_in_hours():
    result = check(datetime.datetime(2026, 11, 24, 10, 0), channel="social_media")
    assert result.off_channel and not result.out_of_hours and not result.within_policy


def test_the_agreed_policy_replaces_the_default():
    saturday_evening = datetime.datetime(2026, 11, 28, 19, 0)
    assert check(saturday_evening, policy=EVENINGS).within_policy
    assert check(datetime.datetime(2026, 11, 24, 10, 0), policy=EVENINGS).out_of_hours


def test_after_the_clocks_go_forward_summer_time_is_used():
    # Monday 9 March 2026, the day after DST began: 13:30 UTC is 09:30 EDT (inside);
    # with the winter offset it would be 08:30 (outside).
    assert check(datetime.datetime(2026, 3, 9, 13, 30, tzinfo=UTC)).within_policy
    # 12:30 UTC is 08:30 EDT: outside, though the winter offset would say 07:30 too.
    assert check(datetime.datetime(2026, 3, 9, 12, 30, tzinfo=UTC)).out_of_hours


def test_after_the_clocks_go_back_winter_time_is_used():
    # Monday 2 November 2026, the day after DST ended: 13:30 UTC is 08:30 EST (outside);
    # with the summer offset it would wrongly be 09:30 (inside).
    assert check(datetime.datetime(2026, 11, 2, 13, 30, tzinfo=UTC)).out_of_hours
    assert check(datetime.datetime(2026, 11, 2, 14, 30, tzinfo=UTC)).within_policy


def test_a_local_time_that_never_happened_is_refused():
    # 02:30 on 8 March 2026 did not exist in New York: the clocks jumped from 02:00 to 03:00.
    with pytest.raises(ValidationError, match="did not happen"):
        as_practice_time(datetime.datetime(2026, 3, 8, 2, 30))


def test_a_local_time_that_happened_twice_takes_the_first():
    # 01:30 on 1 November 2026 happened twice; the first was EDT (UTC-4).
    aware = as_practice_time(datetime.datetime(2026, 11, 1, 1, 30))
    assert aware.astimezone(UTC) == datetime.datetime(2026, 11, 1, 5, 30, tzinfo=UTC)


def test_a_naive_time_is_read_in_the_practice_zone_not_utc():
    aware = as_practice_time(datetime.datetime(2026, 11, 24, 23, 40))
    assert aware.astimezone(UTC) == datetime.datetime(2026, 11, 25, 4, 40, tzinfo=UTC)
    assert aware.astimezone(NEW_YORK).hour == 23


def test_the_agreed_days_in_words():
    from caseload.wellbeing.policy import policy_days

    assert policy_days(DEFAULT_POLICY) == "Monday to Friday"
    assert policy_days(EVENINGS) == "Monday to Saturday"
    tuesday_thursday = ContactPolicy(
        days=frozenset({1, 3}),
        start=time(9),
        end=time(12),
        channels=frozenset({"phone"}),
        response_hours=24,
        source="agreement",
    )
    assert policy_days(tuesday_thursday) == "Tuesday, Thursday"

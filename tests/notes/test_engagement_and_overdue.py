"""Attendance and engagement, and notes overdue: the rules, the caseload signals and the
workload count."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from caseload.clients.models import Attendance
from caseload.clients.selectors import caseload_page
from caseload.core import clock
from caseload.notes.engagement import (
    client_engagement,
    engagement_from_outcomes,
)
from caseload.notes.overdue import overdue_notes_count
from notes.helpers import draft, past_session, signed

A, N, L, C, X = "attended", "no_show", "late_cancel", "client_cancel", "clinician_cancel"


@pytest.mark.parametrize(
    "outcomes,counted,attended,run,dropping",
    [
        ([], 0, 0, 0, False),
        ([A, A, A, A], 4, 4, 0, False),
        ([N, A, A, A], 4, 3, 1, False),  # one missed: the "missed last session" badge's job
        ([N, L, A, A, A, A], 6, 4, 2, True),  # two in a row
        ([N, X, C, A], 3, 1, 2, True),  # a clinician's cancellation is not the client's miss
        ([A, N, A, N, A, N, N, A, A, A, A, A], 8, 4, 0, True),  # 4 of 8 is under 60%
        ([A, N, A, N, A, A, A, A], 8, 6, 0, False),
        (["scheduled", A], 1, 1, 0, False),
    ],
)
def test_the_engagement_rule(outcomes, counted, attended, run, dropping):
    engagement = engagement_from_outcomes(outcomes)
    assert (engagement.counted, engagement.attended, engagement.missed_run) == (
        counted,
        attended,
        run,
    )
    assert engagement.dropping is dropping


@given(st.lists(st.sampled_from([A, N, L, C, X]), max_size=14))
def test_the_rule_stays_in_bounds(outcomes):
    engagement = engagement_from_outcomes(outcomes)
    assert 0 <= engagement.attended <= engagement.counted <= 8
    assert 0 <= engagement.missed_run <= engagement.counted


@pytest.mark.parametrize(
    "history",
    [[], [A, A], [N, N, A, A, A], [A, N, A, N, N, C, X, A, A, A], [N, N, N], [A] * 3 + [N] * 9],
)
def test_the_caseload_query_agrees_with_the_rule(history, client_record, clinician):
    """The caseload page computes engagement for a whole page in one query; it must match
    the one-client rule."""
    for index, outcome in enumerate(history):  # most recent first
        past_session(client_record, clinician, hours_ago=24 * 7 * (index + 1), attendance=outcome)
    (annotated,) = caseload_page(clinician).object_list
    expected = client_engagement(client_record)
    found = annotated.signal_engagement_dropping
    assert found == (expected if expected.counted else None)


def _caseload(http):
    return http.get(reverse("clients:caseload")).content.decode()


def test_engagement_dropping_shows_gently_on_the_caseload(client_record, clinician, as_user):
    """H-041: a client drifting away from therapy is noticed on the caseload page."""
    for weeks in (1, 2):
        past_session(
            client_record, clinician, hours_ago=24 * 7 * weeks, attendance=Attendance.NO_SHOW
        )
    page = _caseload(as_user(clinician))
    assert (
        '<span class="badge info" title="Attended 0 of the last 2 sessions; 2 missed in a '
        'row.">Engagement dropping</span>' in page
    )


def test_an_unsigned_session_note_becomes_overdue_after_72_hours(
    client_record, clinician, as_user
):
    """H-040: a session left without a signed note is flagged, not forgotten."""
    session = past_session(client_record, clinician, hours_ago=1)
    draft(client_record, clinician, appointment=session)
    assert "Note overdue" not in _caseload(as_user(clinician))
    assert overdue_notes_count(clinician) == 0
    with time_machine.travel(clock.now() + timedelta(hours=72), tick=False):
        assert "Note overdue" in _caseload(as_user(clinician))
        assert overdue_notes_count(clinician) == 1


def test_a_session_with_no_note_at_all_is_overdue_and_signing_clears_it(
    client_record, clinician, as_user
):
    session = past_session(client_record, clinician, hours_ago=80)
    assert overdue_notes_count(clinician) == 1
    assert "Note overdue" in _caseload(as_user(clinician))
    signed(client_record, clinician, appointment=session)
    assert overdue_notes_count(clinician) == 0
    assert "Note overdue" not in _caseload(as_user(clinician))


def test_missed_sessions_need_no_note_but_loose_drafts_do(client_record, clinician):
    past_session(client_record, clinician, hours_ago=100, attendance=Attendance.NO_SHOW)
    assert overdue_notes_count(clinician) == 0
    draft(client_record, clinician, kind="contact", contact_mode="phone", sections="Rang.")
    with time_machine.travel(clock.now() + timedelta(hours=73), tick=False):
        assert overdue_notes_count(clinician) == 1


def test_psychotherapy_notes_neither_count_nor_satisfy(client_record, clinician):
    session = past_session(client_record, clinician, hours_ago=80)
    signed(client_record, clinician, appointment=session, psychotherapy=True)
    draft(client_record, clinician, psychotherapy=True)
    with time_machine.travel(clock.now() + timedelta(hours=73), tick=False):
        assert overdue_notes_count(clinician) == 1  # the session still needs its record note


def test_the_time_allowed_is_a_setting(client_record, clinician, settings):
    past_session(client_record, clinician, hours_ago=30)
    assert overdue_notes_count(clinician) == 0
    settings.CASELOAD_NOTE_OVERDUE_HOURS = 24
    assert overdue_notes_count(clinician) == 1

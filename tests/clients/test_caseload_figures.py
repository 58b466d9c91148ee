"""H-128: the caseload page reads each signal for a whole page of clients in one query
per rule and joins the figures to the rows by client id. If a figure went to the wrong
row, or a rule picked the wrong row among a client's many (an older risk assessment
rather than the current one), a client at high risk would show as not at risk, or
another client's risk would show in their place.

Each figure here is checked against the one-client reading (`current_risk_assessment`,
the client's own appointments and care team), on a page whose clients' histories are
written interleaved, so that ids and times of different clients alternate."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from caseload.clients.models import Appointment, Attendance, CareTeamRole
from caseload.clients.selectors import caseload_page
from caseload.core import clock
from caseload.safety.models import RiskAssessment, RiskLevel
from caseload.safety.models.assessments import ALERTING_LEVELS
from caseload.safety.selectors import current_risk_assessment
from caseload.safety.services import risk_assessment_record
from factories import make_client
from notes.helpers import past_session
from safety.safety_helpers import assessment_fields

# For each client: the risk levels of their assessments, oldest first ("same instant":
# the last two signed in the same instant, which the higher id decides).
RISK_HISTORIES = {
    "Ana Low-then-High": (["low", "high"], False),
    "Ben High-then-Low": (["high", "low"], False),
    "Cai Same-instant-High-Low": (["high", "low"], True),
    "Dee Same-instant-Low-Imminent": (["low", "imminent"], True),
    "Eli No-assessment": ([], False),
    "Fay Moderate-review-overdue": (["moderate"], False),
}


@pytest.fixture
def page_clients(clinician, colleague):
    """Six clients on `clinician`'s caseload (the last three with `colleague` as their
    primary clinician), their assessments and appointments written round by round."""
    clients = []
    for index, name in enumerate(RISK_HISTORIES):
        primary = clinician if index < 3 else colleague
        record = make_client(primary=primary, legal_name=name)
        if primary != clinician:
            record.care_team.create(user=clinician, role=CareTeamRole.MEMBER)
        clients.append(record)
    for round_number in range(2):
        for record in clients:
            levels, same_instant = RISK_HISTORIES[record.legal_name]
            if round_number < len(levels):
                _assess(record, clinician, levels[round_number], round_number, same_instant)
    outcomes = [Attendance.NO_SHOW, Attendance.ATTENDED, Attendance.LATE_CANCELLATION]
    for round_number in range(3):
        for index, record in enumerate(clients):
            outcome = outcomes[(index + round_number) % len(outcomes)]
            past_session(
                record, clinician, hours_ago=200 - 50 * round_number - index, attendance=outcome
            )
            Appointment.objects.create(
                client=record,
                clinician=clinician,
                starts_at=clock.now() + timedelta(days=10 - 3 * round_number + index),
                duration_minutes=50,
                kind="session",
            )
    return clients


def _assess(record, clinician, level, round_number, same_instant):
    fields = assessment_fields(risk_level=level, next_review_on=clock.today() + timedelta(days=30))
    assessment = risk_assessment_record(acting_user=clinician, client=record, fields=fields)
    days_ago = 1 if same_instant else 5 - round_number
    when = clock.now().replace(microsecond=0) - timedelta(days=days_ago)
    # The moderate one's review fell due yesterday (as if recorded long ago).
    review_on = (
        clock.today() - timedelta(days=1) if level == "moderate" else fields["next_review_on"]
    )
    RiskAssessment.objects.filter(pk=assessment.pk).update(
        recorded_at=when, next_review_on=review_on
    )


def _rows(user):
    return {row.legal_name: row for row in caseload_page(user).object_list}


def test_h128_each_client_gets_their_own_current_risk(page_clients, clinician):
    rows = _rows(clinician)
    assert set(rows) == set(RISK_HISTORIES)
    for record in page_clients:
        current = current_risk_assessment(record)
        expected = None if current is None else (current.risk_level, current.next_review_on)
        assert rows[record.legal_name].signal_risk_assessment == expected, record.legal_name
    at_risk = {
        name
        for name, row in rows.items()
        if any(s.level == "danger" for s in row.caseload_signals)
    }
    assert at_risk == {"Ana Low-then-High", "Dee Same-instant-Low-Imminent"}
    assert {
        record.legal_name
        for record in page_clients
        if (current := current_risk_assessment(record)) and current.risk_level in ALERTING_LEVELS
    } == at_risk


def test_h128_the_page_shows_each_risk_in_its_own_row(page_clients, clinician, as_user):
    html = as_user(clinician).get(reverse("clients:caseload")).content.decode()
    rows = {
        name: row
        for row in re.findall(r"<tr>.*?</tr>", html, re.S)
        for name in RISK_HISTORIES
        if f">{name}</a>" in row
    }
    assert len(rows) == len(RISK_HISTORIES)
    assert "Risk: High" in rows["Ana Low-then-High"]
    assert f"Risk: {RiskLevel.IMMINENT.label}" in rows["Dee Same-instant-Low-Imminent"]
    assert "Risk review overdue" in rows["Fay Moderate-review-overdue"]
    for name in ("Ben High-then-Low", "Cai Same-instant-High-Low", "Eli No-assessment"):
        assert "Risk:" not in rows[name] and "Risk review" not in rows[name], name
    assert "Risk:" not in rows["Fay Moderate-review-overdue"]


def test_h128_each_client_gets_their_own_schedule_and_clinician(page_clients, clinician):
    rows = _rows(clinician)
    now = clock.now()
    for record in page_clients:
        appointments = list(record.appointments.order_by("-starts_at", "-id"))
        past = [
            a for a in appointments if a.starts_at < now and a.attendance != Attendance.SCHEDULED
        ]
        upcoming = [
            a.starts_at
            for a in appointments
            if a.starts_at >= now and a.attendance == Attendance.SCHEDULED
        ]
        primary = record.care_team.get(role=CareTeamRole.PRIMARY).user
        row = rows[record.legal_name]
        assert row.signal_missed_last_session == past[0].attendance, record.legal_name
        assert row.next_appointment == min(upcoming), record.legal_name
        assert row.primary_name == primary.get_full_name(), record.legal_name
        missed = {"Missed last session", "Late cancellation last time"}
        shown = {signal.label for signal in row.caseload_signals} & missed
        assert bool(shown) == (past[0].attendance != Attendance.ATTENDED), record.legal_name


def test_h128_a_rule_reads_only_the_page_it_is_given(page_clients, clinician):
    """A figure for a client off the page is never read, so it cannot land on a row."""
    from caseload.clients.access import ALL_PARTS
    from caseload.clients.caseload import rules_for

    on_page = [page_clients[1].pk, page_clients[3].pk]
    for rule in rules_for(ALL_PARTS):
        assert set(rule.page_data(on_page)) <= set(on_page), rule.name

"""Each caseload signal belongs to a part of the record, and a page computes only the
signals of the parts the user's role covers (H-094: clinical signals shown to intake)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from caseload.accounts.models import Role
from caseload.clients.access import ALL_PARTS, ROLE_PARTS, Part
from caseload.clients.caseload import SignalRule, rules_for
from caseload.composition import CASELOAD_SIGNALS

CLINICAL_TABLES = (
    "safety_riskassessment",
    "measures_measureresponse",
    "measures_measureplan",
    "notes_note",
    "plans_sessionfeedback",
    "plans_treatmentplan",
)


def test_h094_every_signal_names_its_part():
    assert CASELOAD_SIGNALS
    assert all(isinstance(rule.part, Part) for rule in CASELOAD_SIGNALS)


def test_h094_a_signal_without_a_part_is_refused():
    with pytest.raises(TypeError, match="record part"):
        SignalRule(name="bad", part="clinical", page_data=dict, signals=lambda figure: [])


def test_h094_the_clinical_signals_are_the_clinical_ones():
    clinical = {rule.name for rule in CASELOAD_SIGNALS if rule.part == Part.CLINICAL}
    assert {
        "risk_assessment",
        "measure_off_track",
        "measure_due",
        "note_overdue",
        "plan_review_overdue",
        "session_feedback_concern",
    } <= clinical
    assert {rule.name for rule in rules_for(ALL_PARTS)} == {rule.name for rule in CASELOAD_SIGNALS}


@pytest.mark.parametrize("role", [Role.INTAKE, Role.ADMIN, Role.PRIVACY_OFFICER])
def test_h094_roles_without_the_clinical_part_get_no_clinical_rule(role):
    assert all(rule.part != Part.CLINICAL for rule in rules_for(ROLE_PARTS[role]))


def test_h094_intake_caseload_runs_no_clinical_query(client_record, intake, as_user):
    """Not computing them is the point: a clinical table never appears in the SQL of
    intake's caseload page, so no template slip can show what was never read."""
    http = as_user(intake)
    with CaptureQueriesContext(connection) as queries:
        response = http.get(reverse("clients:caseload"))
    assert response.status_code == 200 and "Jo (Jordan Rivera)" in response.content.decode()
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "clients_communicationprofile" in sql  # its own signals are computed
    for table in CLINICAL_TABLES:
        assert table not in sql, table


def test_h094_the_clinicians_caseload_does_compute_them(client_record, clinician, as_user):
    http = as_user(clinician)
    with CaptureQueriesContext(connection) as queries:
        http.get(reverse("clients:caseload"))
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    for table in CLINICAL_TABLES:
        assert table in sql, table

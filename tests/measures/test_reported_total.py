"""Reported totals: a result known only by its total (another record sent no item
answers). Recorded through the one service with its band from the engine, shown as
"items not known" wherever results show, charted, counted, compared with the baseline;
a risk item not known raises a moderate alert (H-075, H-077). And H-076: an unanswered
risk item on the recording service raises a moderate alert."""

import json
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client as HttpClient
from django.urls import reverse

from caseload.accounts.services import api_token_create
from caseload.core import clock
from caseload.measures import outcomes
from caseload.measures.models import ITEMS_NOT_KNOWN, MeasureResponse
from caseload.measures.services import response_record
from caseload.safety.models import Alert
from measures.helpers import phq9_with_total

pytestmark = pytest.mark.django_db


def _reported(client, user, total, *, instrument="phq9", days_ago=0):
    return response_record(
        client=client,
        instrument=instrument,
        answers=[],
        reported_total=total,
        source="fhir",
        acting_user=user,
        completed_at=clock.now() - timedelta(days=days_ago),
    )


def test_h075_a_reported_phq9_total_is_banded_and_raises_a_moderate_alert(
    client_record, clinician
):
    response = _reported(client_record, clinician, 11)
    response.refresh_from_db()
    assert (response.total, response.band, response.items_known, response.answers) == (
        11,
        "moderate",
        False,
        [],
    )
    alert = Alert.objects.get()
    assert alert.severity == "moderate" and alert.source_id == str(response.pk)
    assert alert.reason == (
        "PHQ-9 reported as a total only (11): item 9 (thoughts of death or self-harm) not "
        "known \N{EM DASH} ask in person"
    )
    assert "Imported (FHIR)" in alert.evidence


@pytest.mark.parametrize("code,total,item", [("core10", 12, 6), ("epds", 14, 10), ("phq9", 0, 9)])
def test_h075_every_instrument_with_a_risk_item_alerts_on_a_reported_total(
    client_record, clinician, code, total, item
):
    """Even a total of 0: a total alone never says the risk item was 0."""
    _reported(client_record, clinician, total, instrument=code)
    assert f"item {item} (" in Alert.objects.get().reason


def test_a_reported_total_without_a_risk_item_raises_nothing(client_record, clinician):
    response = _reported(client_record, clinician, 12, instrument="gad7")
    assert (response.band, response.items_known) == ("moderate", False)
    assert not Alert.objects.exists()


@pytest.mark.parametrize(
    "instrument,answers,total,message",
    [
        ("phq9", [], "11", "the total '11' is not a number"),
        ("phq9", [], True, "the total True is not a number"),
        ("phq9", [], 27.5, "27.5 is not a possible total"),
        ("phq9", [0] * 10, 11, "Give either the item answers or a reported total, not both."),
        ("asq", [], 1, "ASQ is only recorded with its item answers"),
        ("cssrs", [], 2, "C-SSRS is only recorded with its item answers"),
        ("auditc", [], 4, "AUDIT-C is only recorded with its item answers"),
    ],
)
def test_a_reported_total_that_cannot_be_banded_is_refused_and_nothing_is_stored(
    client_record, clinician, instrument, answers, total, message
):
    with pytest.raises(ValidationError) as error:
        response_record(
            client=client_record,
            instrument=instrument,
            answers=answers,
            reported_total=total,
            source="api",
            acting_user=clinician,
        )
    assert message in str(error.value)
    assert not MeasureResponse.objects.exists() and not Alert.objects.exists()


def test_change_against_the_baseline_comes_from_the_totals(client_record, clinician):
    response_record(
        client=client_record,
        instrument="phq9",
        answers=phq9_with_total(20),
        source="session",
        acting_user=clinician,
        completed_at=clock.now() - timedelta(days=30),
    )
    later = _reported(client_record, clinician, 5)
    later.refresh_from_db()
    assert later.baseline_total == 20 and later.change_category == "reliable_recovery"


def test_h077_the_measures_tab_and_chart_say_items_not_known(as_user, clinician, client_record):
    """H-077: nobody reading the record takes a reported total for a full result."""
    response_record(
        client=client_record,
        instrument="phq9",
        answers=phq9_with_total(20),
        source="session",
        acting_user=clinician,
        completed_at=clock.now() - timedelta(days=30),
    )
    _reported(client_record, clinician, 11)
    http = as_user(clinician)
    tab = http.get(reverse("measures:client", args=[client_record.pk])).content.decode()
    assert f"11 ({ITEMS_NOT_KNOWN})" in tab
    chart = http.get(reverse("measures:chart", args=[client_record.pk, "phq9"]))
    text = chart.content.decode()
    assert 'data-points="2"' in text  # the reported total is charted
    assert (
        ": 11, Moderate, Reliably better (change of -9, reliable change needs 6 or more), "
        f"{ITEMS_NOT_KNOWN}<"
    ) in text
    assert f"latest 11 (moderate, {ITEMS_NOT_KNOWN})" in text  # the summary


def test_h077_the_api_says_items_known_false_and_records_reported_totals(client_record, clinician):
    _, secret = api_token_create(acting_user=None, user=clinician)
    http = HttpClient()
    url = f"/api/v1/clients/{client_record.pk}/responses"
    headers = {"Authorization": f"Bearer {secret}"}
    body = {"instrument": "phq9", "reported_total": 11}
    made = http.post(url, json.dumps(body), content_type="application/json", headers=headers)
    assert made.status_code == 201, made.content
    assert (made.json()["items_known"], made.json()["answers"]) == (False, [])
    assert Alert.objects.get().severity == "moderate"
    listed = http.get(url, headers=headers).json()
    assert [(r["total"], r["items_known"]) for r in listed] == [(11, False)]
    body["reported_total"] = "11"
    refused = http.post(url, json.dumps(body), content_type="application/json", headers=headers)
    assert refused.status_code == 422
    assert MeasureResponse.objects.count() == 1


def test_reported_totals_count_in_the_outcomes_report(clinician, supervisor, client_record):
    client_record.episodes.update(started_on=clock.today() - timedelta(days=120))
    for days, phq, gad in ((100, 18, 12), (20, 6, 5)):
        for code, total in (("phq9", phq), ("gad7", gad)):
            _reported(client_record, clinician, total, instrument=code, days_ago=days)
    client_record.episodes.update(ended_on=clock.today() - timedelta(days=5))
    report = outcomes.report_for(
        supervisor, clock.today() - timedelta(days=30), clock.today(), service=False
    )
    assert (report.total.paired, report.total.recovered) == (1, 1)


def test_h076_an_unanswered_item9_in_session_raises_a_moderate_alert(client_record, clinician):
    """H-076: item 9 left empty is a moderate alert to ask in person, not only a note."""
    answers = phq9_with_total(8)
    answers[8] = None
    response = response_record(
        client=client_record,
        instrument="phq9",
        answers=answers,
        source="session",
        acting_user=clinician,
    )
    alert = Alert.objects.get()
    assert (alert.severity, alert.source_id) == ("moderate", str(response.pk))
    assert alert.reason.endswith("was not answered: ask about it in person")
    assert "item 9" in alert.evidence and "not answered" in alert.evidence

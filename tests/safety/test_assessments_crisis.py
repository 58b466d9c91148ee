"""Risk assessments and crisis events from the client's Safety tab."""

from datetime import timedelta

from django.db import connection
from django.urls import reverse
from safety_helpers import assessment_fields

from caseload.core import clock
from caseload.safety.models import Alert, CrisisEvent, RiskAssessment
from caseload.safety.services import crisis_event_start, risk_assessment_record


def _post_data(**overrides) -> dict:
    data = assessment_fields(**overrides)
    data["next_review_on"] = data["next_review_on"].isoformat()
    return data


def test_a_high_risk_assessment_raises_a_high_alert_and_schedules_follow_ups(
    client_record, clinician, as_user
):
    """Hazard: a risk assessment rated high reaches the care team as an alert."""
    url = reverse("safety:assessment_new", args=[client_record.pk])
    response = as_user(clinician).post(url, _post_data())
    assessment = RiskAssessment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "safety:assessment", args=[client_record.pk, assessment.pk]
    )
    assert assessment.author == clinician
    alert = Alert.objects.get(source="risk_assessment")
    assert alert.severity == "high" and alert.client == client_record
    assert client_record.follow_ups.count() == 3


def test_a_low_risk_assessment_raises_no_alert(client_record, clinician):
    risk_assessment_record(
        acting_user=clinician, client=client_record, fields=assessment_fields(risk_level="low")
    )
    assert not Alert.objects.exists()


def test_the_formulation_is_encrypted_and_the_page_shows_it(client_record, clinician, as_user):
    """Hazard H-004: clinical free text is read from a stolen database."""
    assessment = risk_assessment_record(
        acting_user=clinician, client=client_record, fields=assessment_fields()
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT formulation FROM safety_riskassessment WHERE id = %s", [assessment.pk]
        )
        stored = cursor.fetchone()[0]
    assert "breakup" not in stored
    page = as_user(clinician).get(
        reverse("safety:assessment", args=[client_record.pk, assessment.pk])
    )
    assert "Loss of work and a breakup" in page.content.decode()
    assert "Signed by Treating Tester" in page.content.decode()


def test_an_invalid_assessment_changes_nothing(client_record, clinician, as_user):
    url = reverse("safety:assessment_new", args=[client_record.pk])
    yesterday = (clock.today() - timedelta(days=1)).isoformat()
    response = as_user(clinician).post(url, {**_post_data(), "next_review_on": yesterday})
    assert response.status_code == 400
    assert "cannot be in the past" in response.content.decode()
    response = as_user(clinician).post(url, {**_post_data(), "formulation": ""})
    assert response.status_code == 400
    assert not RiskAssessment.objects.exists() and not Alert.objects.exists()


def test_a_new_assessment_keeps_the_old_one(client_record, clinician, colleague):
    risk_assessment_record(acting_user=clinician, client=client_record, fields=assessment_fields())
    risk_assessment_record(
        acting_user=colleague, client=client_record, fields=assessment_fields(risk_level="low")
    )
    levels = list(client_record.risk_assessments.values_list("risk_level", "author__username"))
    assert levels == [("low", "colleague"), ("high", "treating")]


def test_an_overdue_review_shows_on_the_caseload(client_record, clinician, as_user, at):
    """Hazard: a risk review falls due unnoticed."""
    risk_assessment_record(
        acting_user=clinician,
        client=client_record,
        fields=assessment_fields(risk_level="moderate", next_review_on=clock.today()),
    )
    page = as_user(clinician).get(reverse("clients:caseload")).content.decode()
    assert "Jo (Jordan Rivera)" in page and "Risk review overdue" not in page
    at(clock.now() + timedelta(days=2))
    page = as_user(clinician).get(reverse("clients:caseload")).content.decode()
    assert "Risk review overdue" in page


def test_the_safety_tab_shows_alert_history_with_who_acknowledged(
    client_record, clinician, as_user
):
    from caseload.safety.services import alert_acknowledge, alert_raise

    alert = alert_raise(client=client_record, severity="high", source="measure", reason="Item 9")
    alert_acknowledge(
        acting_user=clinician, alert=alert, action_taken="contacted_client", note="Safe at home."
    )
    page = as_user(clinician).get(reverse("safety:client", args=[client_record.pk]))
    text = page.content.decode()
    assert "Item 9" in text and "Acknowledged" in text
    assert "Contacted the client" in text and "Safe at home." in text


def test_a_crisis_event_copies_the_protocol_and_time_stamps_each_step(
    client_record, clinician, as_user
):
    """Hazard: a crisis event is closed without its outcome or with steps silently skipped
    (each step carries who did it and when)."""
    http = as_user(clinician)
    response = http.post(
        reverse("safety:crisis_start", args=[client_record.pk]), {"summary": "Called, distressed"}
    )
    event = CrisisEvent.objects.get()
    assert response["Location"] == reverse("safety:crisis", args=[client_record.pk, event.pk])
    labels = list(event.steps.values_list("label", flat=True))
    assert labels[0] == "Make sure of immediate safety" and len(labels) == 9
    step = event.steps.first()
    url = reverse("safety:crisis_step", args=[client_record.pk, event.pk, step.pk])
    response = http.post(url, {"note": "At home with sister."}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "At home with sister." in response.content.decode()
    step.refresh_from_db()
    assert step.done_at is not None and step.done_by == clinician
    assert http.post(url, {}, headers={"HX-Request": "true"}).status_code == 400


def test_a_crisis_event_cannot_close_without_an_outcome(client_record, clinician, as_user):
    """Hazard: a crisis event is closed without its outcome or with steps silently skipped."""
    event = crisis_event_start(acting_user=clinician, client=client_record)
    url = reverse("safety:crisis_close", args=[client_record.pk, event.pk])
    http = as_user(clinician)
    assert http.post(url, {"outcome": ""}).status_code == 400
    # Steps left undone need a reason.
    response = http.post(url, {"outcome": "serious"})
    assert response.status_code == 400 and "not done" in response.content.decode()
    event.refresh_from_db()
    assert event.is_open
    closing = {"outcome": "serious", "note": "Taken to hospital by ambulance.", "confirmed": "1"}
    response = http.post(url, closing)
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.outcome, event.closed_by) == ("serious", clinician)
    assert http.post(url, {"outcome": "safe", "note": "x"}).status_code == 400


def test_h109_closing_a_crisis_event_asks_first_naming_the_steps_not_done(
    client_record, clinician, as_user
):
    """H-109: closing a crisis event cannot be undone, so the first press shows the
    outcome and every step left undone and asks; the event stays open until confirmed,
    and a double click asks twice."""
    event = crisis_event_start(acting_user=clinician, client=client_record)
    url = reverse("safety:crisis_close", args=[client_record.pk, event.pk])
    http = as_user(clinician)
    closing = {"outcome": "safe", "note": "Spoke by phone; safe at home."}

    first = http.post(url, closing)
    second = http.post(url, closing)

    page = first.content.decode()
    assert first.status_code == 200 and second.status_code == 200
    assert 'data-testid="crisis-close-confirm"' in page and "Closing cannot be undone." in page
    assert "9 steps are not done:" in page and "Make sure of immediate safety" in page
    assert 'type="hidden" name="outcome" value="safe"' in page
    event.refresh_from_db()
    assert event.is_open

    assert http.post(url, {**closing, "confirmed": "1"}).status_code == 302
    event.refresh_from_db()
    assert not event.is_open and event.outcome == "safe"


def test_only_one_crisis_event_is_open_at_a_time(client_record, clinician, as_user):
    crisis_event_start(acting_user=clinician, client=client_record)
    response = as_user(clinician).post(reverse("safety:crisis_start", args=[client_record.pk]))
    assert response.status_code == 400
    assert CrisisEvent.objects.count() == 1

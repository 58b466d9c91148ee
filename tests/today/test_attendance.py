"""Attendance recorded in one click from Today: the door, the clients app's service and
its audit event, feedback announced in the page's status region, nothing changed on
bad input or for someone who may not see the client."""

from django.urls import reverse

from caseload.audit.models import AuditEvent

from .helpers import booking

HTMX = {"HX-Request": "true"}


def _url(appointment):
    return reverse("today:attendance", args=[appointment.client_id, appointment.pk])


def test_one_click_records_attendance_and_audits_it(as_user, clinician, client_record):
    appointment = booking(client_record, clinician, hour=9)

    response = as_user(clinician).post(_url(appointment), {"attendance": "attended"}, headers=HTMX)

    appointment.refresh_from_db()
    page = response.content.decode()
    event = AuditEvent.objects.filter(action="appointment.attendance").latest("id")
    assert response.status_code == 200
    assert appointment.attendance == "attended"
    assert (event.actor_id, event.client_id) == (clinician.pk, client_record.pk)
    assert event.detail == {"from": "scheduled", "to": "attended"}
    # The row comes back with the same button ids (htmx puts focus back on the one
    # pressed) and the message goes to the page's role=status region.
    assert f'id="today-appointment-{appointment.pk}"' in page
    assert f'id="attendance-{appointment.pk}-attended"' in page
    assert 'id="today-status" hx-swap-oob="innerHTML"' in page
    assert "Attended recorded." in page


def test_without_javascript_it_goes_back_home_with_the_message(as_user, clinician, client_record):
    appointment = booking(client_record, clinician, hour=9)
    http = as_user(clinician)

    response = http.post(_url(appointment), {"attendance": "no_show"}, follow=True)

    appointment.refresh_from_db()
    assert appointment.attendance == "no_show"
    assert response.redirect_chain == [(reverse("home"), 302)]
    assert "No-show recorded." in response.content.decode()


def test_an_unknown_outcome_changes_nothing(as_user, clinician, client_record):
    appointment = booking(client_record, clinician, hour=9)

    response = as_user(clinician).post(_url(appointment), {"attendance": "gone"}, headers=HTMX)

    appointment.refresh_from_db()
    assert response.status_code == 400
    assert appointment.attendance == "scheduled"
    assert "Attendance not recorded" in response.content.decode()
    assert not AuditEvent.objects.filter(action="appointment.attendance").exists()


def test_h111_a_clinician_outside_the_care_team_gets_404_and_changes_nothing(
    as_user, clinician, outsider, client_record
):
    appointment = booking(client_record, clinician, hour=9)

    response = as_user(outsider).post(_url(appointment), {"attendance": "attended"}, headers=HTMX)

    appointment.refresh_from_db()
    assert response.status_code == 404
    assert appointment.attendance == "scheduled"


def test_an_appointment_of_another_client_is_not_reached_through_this_one(
    as_user, clinician, client_record
):
    from factories import make_client

    other = make_client(primary=clinician, legal_name="Other Client")
    appointment = booking(other, clinician, hour=9)
    url = reverse("today:attendance", args=[client_record.pk, appointment.pk])

    response = as_user(clinician).post(url, {"attendance": "attended"})

    appointment.refresh_from_db()
    assert response.status_code == 404
    assert appointment.attendance == "scheduled"

"""POST /clients/{id}/appointments, PATCH /appointments/{id}, GET /calendar: the booking
rules over the API (409 for a clash, H-105; 422 for telehealth without consent, H-104)
and each role's ladder (H-001)."""

import json
from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from caseload.audit.models import AuditEvent
from caseload.clients.booking import appointment_book
from caseload.clients.models import Appointment, Attendance
from factories import make_client

DAY = date(2030, 3, 4)


def local(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def post(api_client, client_id, headers, **body):
    return api_client.post(
        f"/api/v1/clients/{client_id}/appointments",
        data=json.dumps(body),
        content_type="application/json",
        headers=headers,
    )


def patch(api_client, appointment_id, headers, **body):
    return api_client.patch(
        f"/api/v1/appointments/{appointment_id}",
        data=json.dumps(body),
        content_type="application/json",
        headers=headers,
    )


@pytest.fixture
def david(clinician):
    return make_client(primary=clinician, legal_name="David Shaw")


@pytest.fixture
def existing(clinician, david):
    return appointment_book(
        acting_user=clinician,
        client=david,
        starts_at=local(14),
        duration_minutes=50,
        kind="session",
    )[0]


def test_booking_defaults_to_the_caller(api_client, bearer, clinician, client_record):
    response = post(
        api_client,
        client_record.pk,
        bearer(clinician),
        starts_at="2030-03-04T09:00:00",
        duration_minutes=50,
        kind="session",
    )
    assert response.status_code == 201
    (row,) = response.json()
    assert row["clinician"] == "treating"
    assert datetime.fromisoformat(row["starts_at"]) == local(9)


def test_h105_a_clash_answers_409_naming_it_and_books_nothing(
    api_client, bearer, clinician, client_record, existing
):
    response = post(
        api_client,
        client_record.pk,
        bearer(clinician),
        starts_at="2030-03-04T14:30:00",
        duration_minutes=50,
        kind="session",
    )
    assert response.status_code == 409
    body = response.json()
    assert body["detail"].startswith("Clashes with David Shaw, Mon 4 Mar ")
    assert [clash["id"] for clash in body["clashes"]] == [existing.pk]
    assert not Appointment.objects.filter(client=client_record).exists()


def test_h105_allow_overlap_with_a_reason_books_and_audits(
    api_client, bearer, clinician, client_record, existing
):
    response = post(
        api_client,
        client_record.pk,
        bearer(clinician),
        starts_at="2030-03-04T14:00:00",
        duration_minutes=50,
        kind="session",
        allow_overlap=True,
        reason="Family session",
    )
    assert response.status_code == 201
    event = AuditEvent.objects.get(
        action="appointment.create", object_id=str(response.json()[0]["id"])
    )
    assert event.detail["overlap_reason"] == "Family session"


def test_allow_overlap_without_a_reason_is_422(
    api_client, bearer, clinician, client_record, existing
):
    response = post(
        api_client,
        client_record.pk,
        bearer(clinician),
        starts_at="2030-03-04T14:00:00",
        duration_minutes=50,
        kind="session",
        allow_overlap=True,
    )
    assert response.status_code == 422
    assert not Appointment.objects.filter(client=client_record).exists()


def test_h104_telehealth_without_consent_is_422(api_client, bearer, clinician, client_record):
    response = post(
        api_client,
        client_record.pk,
        bearer(clinician),
        starts_at="2030-03-04T09:00:00",
        duration_minutes=50,
        kind="telehealth",
    )
    assert response.status_code == 422
    assert "telehealth consent" in json.dumps(response.json())
    assert not Appointment.objects.exists()


def test_a_zero_minute_appointment_is_422_in_a_sentence(
    api_client, bearer, clinician, client_record
):
    response = post(
        api_client,
        client_record.pk,
        bearer(clinician),
        starts_at="2030-03-04T09:00:00",
        duration_minutes=0,
    )
    assert response.status_code == 422
    assert response.json()["detail"] == [
        "An appointment lasts between 5 minutes and 8 hours (480 minutes)."
    ]


def test_h105_a_series_with_a_clash_is_409_naming_every_clash_and_books_nothing(
    api_client, bearer, clinician, client_record, david
):
    clashes = [
        appointment_book(
            acting_user=clinician,
            client=david,
            starts_at=local(9, 30, DAY + timedelta(weeks=weeks)),
            duration_minutes=50,
            kind="session",
        )[0]
        for weeks in (2, 4)
    ]
    response = post(
        api_client,
        client_record.pk,
        bearer(clinician),
        starts_at="2030-03-04T09:00:00",
        duration_minutes=50,
        recurrence={"frequency": "fortnightly", "count": 4},
    )
    assert response.status_code == 409
    assert [clash["id"] for clash in response.json()["clashes"]] == [c.pk for c in clashes]
    assert not Appointment.objects.filter(client=client_record).exists()


def test_a_series_books_each_occurrence(api_client, bearer, clinician, client_record):
    response = post(
        api_client,
        client_record.pk,
        bearer(clinician),
        starts_at="2030-03-04T09:00:00",
        duration_minutes=50,
        recurrence={"frequency": "weekly", "until": "2030-03-25"},
    )
    assert response.status_code == 201
    rows = response.json()
    assert len(rows) == 4 and len({row["series"] for row in rows}) == 1


@pytest.mark.parametrize(
    "name,status",
    [("outsider", 404), ("other_supervisor", 404), ("privacy_officer", 404), ("admin", 403)],
)
def test_h001_booking_for_a_client_not_yours_is_refused(
    api_client, bearer, persona_users, client_record, name, status
):
    response = post(
        api_client,
        client_record.pk,
        bearer(persona_users[name]),
        starts_at="2030-03-04T09:00:00",
        duration_minutes=50,
    )
    assert response.status_code == status
    assert not Appointment.objects.exists()


def test_booking_into_a_diary_you_do_not_schedule_for_is_422(
    api_client, bearer, clinician, client_record
):
    response = post(
        api_client,
        client_record.pk,
        bearer(clinician),
        starts_at="2030-03-04T09:00:00",
        duration_minutes=50,
        clinician="colleague",
    )
    assert response.status_code == 422
    assert not Appointment.objects.exists()


def test_patch_records_attendance(api_client, bearer, clinician, existing):
    response = patch(api_client, existing.pk, bearer(clinician), attendance="attended")
    assert response.status_code == 200 and response.json()["attendance"] == "attended"
    existing.refresh_from_db()
    assert existing.attendance == Attendance.ATTENDED
    assert patch(api_client, existing.pk, bearer(clinician), attendance="nope").status_code == 422


def test_h105_patch_moves_and_a_clash_answers_409(
    api_client, bearer, clinician, client_record, existing
):
    mine = appointment_book(
        acting_user=clinician,
        client=client_record,
        starts_at=local(9),
        duration_minutes=50,
        kind="session",
    )[0]
    moved = patch(api_client, mine.pk, bearer(clinician), starts_at="2030-03-04T11:00:00")
    assert moved.status_code == 200
    refused = patch(api_client, mine.pk, bearer(clinician), starts_at="2030-03-04T14:10:00")
    assert refused.status_code == 409 and "David Shaw" in refused.json()["detail"]
    mine.refresh_from_db()
    assert mine.starts_at == local(11)


def test_h001_patch_on_a_hidden_appointment_is_404(api_client, bearer, outsider, existing):
    response = patch(api_client, existing.pk, bearer(outsider), attendance="attended")
    assert response.status_code == 404
    assert patch(api_client, 10**9, bearer(outsider), attendance="attended").status_code == 404


@pytest.fixture
def persona_users(
    clinician, colleague, supervisor, other_supervisor, outsider, intake, admin, privacy_officer
):
    return {
        "clinician": clinician,
        "colleague": colleague,
        "supervisor": supervisor,
        "other_supervisor": other_supervisor,
        "outsider": outsider,
        "intake": intake,
        "admin": admin,
        "privacy_officer": privacy_officer,
    }


def calendar(api_client, headers, **query):
    query = {"start": "2030-03-04T00:00:00", "end": "2030-03-11T00:00:00", **query}
    return api_client.get("/api/v1/calendar", query, headers=headers)


@pytest.fixture
def diaries(clinician, colleague, client_record, existing):
    other = make_client(primary=colleague, legal_name="Other Person")
    theirs = Appointment.objects.create(
        client=other, clinician=colleague, starts_at=local(10), duration_minutes=50
    )
    return existing, theirs


@pytest.mark.parametrize(
    "name,expected",
    [
        ("clinician", {"David Shaw"}),
        ("colleague", {"Other Person"}),
        ("supervisor", {"David Shaw"}),  # their own diary is empty; team = theirs + supervisee
        ("outsider", set()),
        ("other_supervisor", set()),
        ("intake", {"David Shaw", "Other Person"}),
        ("admin", {None}),
    ],
)
def test_h001_the_calendar_lists_what_each_role_may_see(
    api_client, bearer, persona_users, diaries, name, expected
):
    response = calendar(api_client, bearer(persona_users[name]), clinician="team")
    assert response.status_code == 200
    assert {row["client"] for row in response.json()} == expected


def test_the_calendar_without_clinician_is_the_callers_own(api_client, bearer, clinician, diaries):
    rows = calendar(api_client, bearer(clinician)).json()
    assert [row["id"] for row in rows] == [diaries[0].pk]
    assert rows[0]["ends_at"].startswith("2030-03-04T14:50")


def test_the_calendar_refuses_a_diary_you_do_not_schedule_for(
    api_client, bearer, clinician, supervisor, privacy_officer, diaries
):
    assert calendar(api_client, bearer(clinician), clinician="colleague").status_code == 404
    rows = calendar(api_client, bearer(supervisor), clinician="treating").json()
    assert [row["client"] for row in rows] == ["David Shaw"]
    assert calendar(api_client, bearer(privacy_officer)).status_code == 403


@pytest.mark.parametrize(
    "start,end", [("2030-03-04T00:00:00", "2030-03-03T00:00:00"), ("2030-01-01", "2030-12-31")]
)
def test_the_calendar_range_is_checked(api_client, bearer, clinician, start, end):
    assert calendar(api_client, bearer(clinician), start=start, end=end).status_code == 422

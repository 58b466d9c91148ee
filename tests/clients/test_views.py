"""The client record's pages: writes go through services, are audited, and bad input
changes nothing (H-010); not-yours answers exactly like does-not-exist (H-001)."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from caseload.audit.models import AuditEvent
from caseload.clients.models import Appointment, Client, Perspective
from caseload.clients.selectors import PAGE_SIZE
from caseload.core import clock
from factories import make_client


def last_event(action):
    return AuditEvent.objects.filter(action=action).latest("seq")


def test_a_client_not_yours_looks_exactly_like_one_that_does_not_exist(
    client_record, outsider, as_user
):
    http = as_user(outsider)
    theirs = http.get(reverse("clients:detail", args=[client_record.pk]))
    missing = http.get(reverse("clients:detail", args=[client_record.pk + 1000]))
    assert theirs.status_code == missing.status_code == 404

    def without_per_response_tokens(html: bytes) -> bytes:  # CSRF mask and CSP nonce
        return re.sub(rb'("X-CSRFToken": "|nonce="|csrfmiddlewaretoken" value=")[^"]+"', b"", html)

    assert without_per_response_tokens(theirs.content) == without_per_response_tokens(
        missing.content
    )


def test_denied_access_is_audited(client_record, outsider, as_user):
    as_user(outsider).get(reverse("clients:perspective", args=[client_record.pk]))
    event = last_event("client.denied")
    assert event.actor == outsider
    assert event.client_id == client_record.pk


def test_reading_the_record_is_audited_with_purpose(client_record, clinician, as_user):
    as_user(clinician).get(reverse("clients:perspective", args=[client_record.pk]))
    event = last_event("client.read")
    assert (event.actor, event.client_id, event.detail) == (
        clinician,
        client_record.pk,
        {"part": "clinical"},
    )
    assert event.purpose == "client's perspective"
    assert event.ip == "127.0.0.1"


def test_editing_demographics_saves_and_audits_the_fields(client_record, clinician, as_user):
    url = reverse("clients:edit", args=[client_record.pk])
    form = as_user(clinician).get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update({"phone": "555-0100", "pronouns": "they/them"})
    response = as_user(clinician).post(url, data)
    assert response.status_code == 302
    client_record.refresh_from_db()
    assert (client_record.phone, client_record.pronouns) == ("555-0100", "they/them")
    assert sorted(last_event("client.update").detail["fields"]) == ["phone", "pronouns"]


def test_invalid_demographics_change_nothing(client_record, clinician, as_user):
    before = AuditEvent.objects.filter(action="client.update").count()
    response = as_user(clinician).post(
        reverse("clients:edit", args=[client_record.pk]),
        {
            "legal_name": "",
            "date_of_birth": "not a date",
            "status": "active",
            "email": "not-an-email",
        },
    )
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    client_record.refresh_from_db()
    assert client_record.legal_name == "Jordan Rivera"
    assert AuditEvent.objects.filter(action="client.update").count() == before


def test_saving_the_perspective_keeps_the_clients_words(client_record, clinician, as_user):
    url = reverse("clients:perspective", args=[client_record.pk])
    response = as_user(clinician).post(
        url,
        {
            "what_brings_them": "I cannot sleep since the accident.",
            "hopes": "To drive again without shaking.",
        },
    )
    assert response.status_code == 302
    perspective = Perspective.objects.get(client=client_record)
    assert perspective.hopes == "To drive again without shaking."
    assert perspective.updated_by == clinician
    assert last_event("perspective.update").detail == {"fields": ["hopes"]}
    page = as_user(clinician).get(url).content.decode()
    assert "To drive again without shaking." in page


def test_intake_cannot_write_the_perspective(client_record, intake, as_user):
    response = as_user(intake).post(
        reverse("clients:perspective", args=[client_record.pk]), {"hopes": "changed"}
    )
    assert response.status_code == 403
    assert Perspective.objects.get(client=client_record).hopes == ""


def test_clinician_registering_a_client_becomes_primary(clinician, as_user):
    response = as_user(clinician).post(
        reverse("clients:new"),
        {
            "legal_name": "Rae Newcomer",
            "date_of_birth": "1988-02-03",
            "status": "intake",
        },
    )
    client = Client.objects.get(legal_name="Rae Newcomer")
    assert response["Location"] == reverse("clients:detail", args=[client.pk])
    assert client.care_team.get().user == clinician
    assert client.episodes.get().ended_on is None
    assert last_event("client.create").client_id == client.pk


def test_intake_registers_a_client_for_a_named_clinician(intake, clinician, as_user):
    as_user(intake).post(
        reverse("clients:new"),
        {
            "legal_name": "Lee Referral",
            "date_of_birth": "1975-09-30",
            "status": "referral",
            "primary_clinician": clinician.pk,
        },
    )
    client = Client.objects.get(legal_name="Lee Referral")
    assert client.care_team.get(role="primary").user == clinician


def test_booking_and_recording_attendance(client_record, clinician, intake, as_user):
    starts = (clock.now() + timedelta(days=3)).strftime("%Y-%m-%dT10:00")
    url = reverse("clients:appointments", args=[client_record.pk])
    response = as_user(intake).post(
        url,
        {
            "clinician": clinician.pk,
            "starts_at": starts,
            "duration_minutes": 50,
            "kind": "session",
            "location": "Room 2",
        },
    )
    assert response.status_code == 302
    appointment = Appointment.objects.get(client=client_record)
    attendance = reverse("clients:attendance", args=[client_record.pk, appointment.pk])
    response = as_user(clinician).post(
        attendance, {"attendance": "no_show"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert 'value="no_show" selected' in response.content.decode()
    appointment.refresh_from_db()
    assert appointment.attendance == "no_show"
    assert last_event("appointment.attendance").detail == {"from": "scheduled", "to": "no_show"}


def test_an_unknown_attendance_outcome_changes_nothing(
    client_record, clinician, as_user, in_a_week
):
    from caseload.clients.services import appointment_create

    appointment = appointment_create(
        acting_user=clinician,
        client=client_record,
        clinician=clinician,
        starts_at=in_a_week,
        duration_minutes=50,
        kind="session",
    )
    url = reverse("clients:attendance", args=[client_record.pk, appointment.pk])
    response = as_user(clinician).post(url, {"attendance": "vanished"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    appointment.refresh_from_db()
    assert appointment.attendance == "scheduled"


def test_an_appointment_of_another_client_is_not_reachable(
    client_record, clinician, as_user, in_a_week
):
    from caseload.clients.services import appointment_create

    other = make_client(primary=clinician, legal_name="Other Person")
    appointment = appointment_create(
        acting_user=clinician,
        client=other,
        clinician=clinician,
        starts_at=in_a_week,
        duration_minutes=50,
        kind="session",
    )
    url = reverse("clients:attendance", args=[client_record.pk, appointment.pk])
    assert as_user(clinician).post(url, {"attendance": "attended"}).status_code == 404


def test_episode_close_refuses_an_end_before_the_start(client_record, clinician, as_user):
    episode = client_record.episodes.get()
    url = reverse("clients:episode_close", args=[client_record.pk, episode.pk])
    as_user(clinician).post(url, {"ended_on": (episode.started_on - timedelta(days=1))})
    episode.refresh_from_db()
    assert episode.ended_on is None
    as_user(clinician).post(url, {"ended_on": episode.started_on})
    episode.refresh_from_db()
    assert episode.ended_on == episode.started_on


def test_care_team_changes_by_intake(client_record, intake, clinician, colleague, as_user):
    url = reverse("clients:care_team", args=[client_record.pk])
    response = as_user(intake).post(url, {"user": colleague.pk, "primary": "on"})
    assert response.status_code == 302
    roles = dict(client_record.care_team.values_list("user__username", "role"))
    assert roles == {"colleague": "primary", "treating": "member"}


def test_care_team_refuses_a_non_clinician(client_record, intake, admin, as_user):
    url = reverse("clients:care_team", args=[client_record.pk])
    response = as_user(intake).post(url, {"user": admin.pk})
    assert response.status_code == 400
    assert not client_record.care_team.filter(user=admin).exists()


@pytest.mark.parametrize("count", [5, 60])
def test_caseload_query_count_does_not_grow_with_the_caseload(
    count, clinician, as_user, django_assert_max_num_queries
):
    """The same number of queries for 5 clients as for 60 (and, by the same code, 200)."""
    from caseload.clients.services import appointment_create, communication_save

    for index in range(count):
        record = make_client(primary=clinician, legal_name=f"Client {index:03}")
        communication_save(
            acting_user=clinician, client=record, changes={"interpreter_needed": index % 2 == 0}
        )
        appointment_create(
            acting_user=clinician,
            client=record,
            clinician=clinician,
            # One hour apart: the clinician is never double-booked (clients/booking.py).
            starts_at=clock.now() + timedelta(days=1, hours=index),
            duration_minutes=50,
            kind="session",
        )
    http = as_user(clinician)
    http.get(reverse("clients:caseload"))  # session and caches warm
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = http.get(reverse("clients:caseload"))
    assert response.status_code == 200
    on_first_page = min(count, PAGE_SIZE)
    assert response.content.decode().count("Interpreter:") == (on_first_page + 1) // 2
    CASELOAD_QUERIES[count] = len(queries)
    if len(CASELOAD_QUERIES) == 2:
        assert CASELOAD_QUERIES[5] == CASELOAD_QUERIES[60]


CASELOAD_QUERIES: dict[int, int] = {}


def test_caseload_signals_show_a_missed_last_session(client_record, clinician, as_user):
    from caseload.clients.services import appointment_create, appointment_record_attendance

    past = appointment_create(
        acting_user=clinician,
        client=client_record,
        clinician=clinician,
        starts_at=clock.now() - timedelta(days=2),
        duration_minutes=50,
        kind="session",
    )
    appointment_record_attendance(acting_user=clinician, appointment=past, attendance="no_show")
    html = as_user(clinician).get(reverse("clients:caseload")).content.decode()
    assert "Missed last session" in html
    appointment_record_attendance(acting_user=clinician, appointment=past, attendance="attended")
    html = as_user(clinician).get(reverse("clients:caseload")).content.decode()
    assert "Missed last session" not in html


def test_caseload_lists_only_the_clients_the_user_may_see(
    client_record, clinician, outsider, supervisor, other_supervisor, as_user
):
    make_client(primary=outsider, legal_name="Outsiders Own")

    def names(user):
        rows = as_user(user).get(reverse("clients:caseload")).context["rows"]
        return [row.name for row in rows]

    assert names(clinician) == ["Jo (Jordan Rivera)"]
    assert names(outsider) == ["Outsiders Own"]
    assert names(supervisor) == ["Jo (Jordan Rivera)"]
    assert names(other_supervisor) == []
    assert AuditEvent.objects.filter(action="caseload.view", actor=clinician).latest(
        "seq"
    ).detail == {"client_ids": [client_record.pk]}


def test_date_of_birth_in_the_future_is_refused(clinician, as_user):
    response = as_user(clinician).post(
        reverse("clients:new"),
        {
            "legal_name": "Future Person",
            "date_of_birth": (clock.today() + timedelta(days=30)).isoformat(),
            "status": "intake",
        },
    )
    assert response.status_code == 400
    assert not Client.objects.filter(legal_name="Future Person").exists()


def test_admin_client_list_shows_the_directory_only(
    client_record, admin, clinician, as_user, in_a_week
):
    """H-009: the admin assigns care teams; the schedule and signals are not theirs."""
    from caseload.clients.services import appointment_create

    appointment_create(
        acting_user=clinician,
        client=client_record,
        clinician=clinician,
        starts_at=in_a_week,
        duration_minutes=50,
        kind="session",
    )
    html = as_user(admin).get(reverse("clients:caseload")).content.decode()
    assert "Jordan Rivera" in html
    assert "Next appointment" not in html and "Interpreter" not in html
    html = as_user(clinician).get(reverse("clients:caseload")).content.decode()
    assert "Next appointment" in html and "Interpreter: Spanish" in html


def test_registering_a_client_for_another_clinician_lands_on_the_caseload(
    outsider, clinician, as_user
):
    response = as_user(outsider).post(
        reverse("clients:new"),
        {
            "legal_name": "Handed Over",
            "date_of_birth": "1970-01-01",
            "status": "referral",
            "primary_clinician": clinician.pk,
        },
    )
    assert response["Location"] == reverse("clients:caseload")
    assert Client.objects.get(legal_name="Handed Over").care_team.get().user == clinician


def test_role_refusals_are_audited(clinician, as_user):
    assert as_user(clinician).get(reverse("staff:list")).status_code == 403
    event = last_event("access.forbidden")
    assert (event.actor, event.detail) == (clinician, {"path": "/staff/", "method": "GET"})


def test_past_unrecorded_appointments_are_not_upcoming(client_record, clinician, as_user):
    from caseload.clients.services import appointment_create

    appointment_create(
        acting_user=clinician,
        client=client_record,
        clinician=clinician,
        starts_at=clock.now() - timedelta(days=3),
        duration_minutes=50,
        kind="session",
    )
    response = as_user(clinician).get(reverse("clients:detail", args=[client_record.pk]))
    assert list(response.context["upcoming"]) == []


def test_display_name_shows_a_preferred_name_beside_the_legal_one(clinician):
    assert make_client(
        primary=clinician, legal_name="Jordan Rivera", preferred_name="Jo"
    ).display_name == ("Jo (Jordan Rivera)")
    assert (
        make_client(primary=clinician, legal_name="Sam Lee", preferred_name="Sam").display_name
        == "Sam Lee"
    )
    assert make_client(primary=clinician, legal_name="Ann Bo").display_name == "Ann Bo"

"""The client's timeline: sources, filtering, periods, and a query count that does not
grow with the client's history."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from caseload.clients.models import Appointment
from caseload.clients.timeline import Period
from caseload.core import clock
from caseload.notes import services
from caseload.safety.services import alert_raise

TIMELINE_QUERIES = {}


def _history(client, clinician, weeks):
    now = clock.now()
    sessions = Appointment.objects.bulk_create(
        Appointment(
            client=client,
            clinician=clinician,
            starts_at=now - timedelta(weeks=week, hours=1),
            duration_minutes=50,
            kind="session",
            attendance="attended" if week % 5 else "no_show",
        )
        for week in range(weeks)
    )
    for session in sessions[::2]:
        services.note_create(
            acting_user=clinician,
            client=client,
            kind="progress",
            appointment=session,
            sections={"data": "Worked on sleep."},
        )


def test_the_timeline_shows_sessions_notes_and_alerts(client_record, clinician, as_user):
    _history(client_record, clinician, 4)
    alert_raise(client=client_record, severity="high", source="measure", reason="PHQ-9 item 9")
    page = as_user(clinician).get(reverse("clients:timeline", args=[client_record.pk]))
    body = page.content.decode()
    assert body.count("source-appointments") == 4
    assert body.count("source-notes") == 2
    assert "PHQ-9 item 9" in body
    assert "Worked on sleep." not in body  # titles only, never the text


def test_filtering_by_type(client_record, clinician, as_user):
    _history(client_record, clinician, 4)
    url = reverse("clients:timeline", args=[client_record.pk])
    body = as_user(clinician).get(url, {"show": "notes"}).content.decode()
    assert "source-appointments" not in body and body.count("source-notes") == 2


def test_paging_by_period(client_record, clinician, as_user):
    _history(client_record, clinician, 30)  # about seven months
    url = reverse("clients:timeline", args=[client_record.pk])
    http = as_user(clinician)
    latest = http.get(url).content.decode().count("source-appointments")
    earlier_end = Period.ending(clock.today() + timedelta(days=31)).earlier.end
    earlier = http.get(url, {"until": earlier_end.isoformat()}).content.decode()
    assert 0 < latest < 30 and 0 < earlier.count("source-appointments") < 30
    assert http.get(url, {"until": "not-a-date"}).status_code == 200


@pytest.mark.parametrize("weeks", [2, 60])
def test_timeline_query_count_does_not_grow_with_the_history(
    weeks, client_record, clinician, as_user
):
    _history(client_record, clinician, weeks)
    http = as_user(clinician)
    url = reverse("clients:timeline", args=[client_record.pk])
    http.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert http.get(url, {"until": clock.today().isoformat()}).status_code == 200
    TIMELINE_QUERIES[weeks] = len(queries)
    if len(TIMELINE_QUERIES) == 2:
        assert TIMELINE_QUERIES[2] == TIMELINE_QUERIES[60], TIMELINE_QUERIES


def test_intake_and_admin_see_no_timeline(client_record, intake, admin, as_user):
    url = reverse("clients:timeline", args=[client_record.pk])
    assert as_user(intake).get(url).status_code == 403
    assert as_user(admin).get(url).status_code == 403

"""Retention: what is due after discharge, and the one path that removes it, with an
audit event per record. Hazard: H-049 (records destroyed early, or outside the audited
path)."""

import itertools
from datetime import date, timedelta
from io import StringIO

import time_machine
from django.core.management import call_command

from caseload.audit.models import AuditEvent
from caseload.clients.services import appointment_create
from caseload.core import clock
from caseload.privacy import retention
from factories import make_client

# Each client's appointment an hour after the last: one clinician is never double-booked
# (clients/booking.py refuses it).
_HOURS = itertools.count(1)


def _discharged_client(clinician, *, born=date(1980, 1, 1), ended=date(2026, 1, 15)):
    client = make_client(primary=clinician, date_of_birth=born, status="discharged")
    client.episodes.create(started_on=date(2025, 1, 1), ended_on=ended)
    appointment_create(
        acting_user=clinician,
        client=client,
        clinician=clinician,
        starts_at=clock.now() + timedelta(days=1, hours=next(_HOURS)),
        duration_minutes=50,
        kind="session",
    )
    return client


def test_nothing_is_due_before_seven_years_after_discharge(clinician):
    client = _discharged_client(clinician)
    assert retention.retention_due(date(2033, 1, 14)) == []
    due = retention.retention_due(date(2033, 1, 15))
    assert [(item.client, item.record_type) for item in due] == [(client, "appointments")]


def test_minors_are_kept_until_the_set_age_then_the_period(clinician):
    client = _discharged_client(clinician, born=date(2015, 6, 1))
    # 18 on 2033-06-01, then 7 years.
    assert retention.due_on(client, date(2026, 1, 15), "appointments") == date(2040, 6, 1)


def test_purge_removes_what_is_due_with_an_audit_event_each(clinician):
    client = _discharged_client(clinician)
    kept = _discharged_client(clinician, ended=date(2030, 1, 1))
    output = StringIO()
    with time_machine.travel(date(2033, 2, 1)):
        call_command("retention", "report", stdout=output)
        assert f"client #{client.pk} appointments: 1 record(s)" in output.getvalue()
        call_command("retention", "purge", "--yes", stdout=output)
    assert not client.appointments.exists()
    assert kept.appointments.count() == 1
    events = AuditEvent.objects.filter(action="retention.purge")
    assert [(event.client_id, event.object_type) for event in events] == [
        (client.pk, "clients.appointment")
    ]


def test_a_period_can_be_set_per_record_type(clinician):
    _discharged_client(clinician)
    call_command("retention", "set", "appointments", "10", stdout=StringIO())
    assert retention.retention_due(date(2033, 2, 1)) == []

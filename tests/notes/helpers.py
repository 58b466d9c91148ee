"""Builders for the notes tests (synthetic only)."""

from datetime import timedelta

from caseload.clients.models import Appointment
from caseload.core import clock
from caseload.notes import services


def past_session(client, clinician, *, hours_ago=2, attendance="attended", started_at=None):
    """An appointment in the past with its outcome (history, as the demo makes it)."""
    return Appointment.objects.create(
        client=client,
        clinician=clinician,
        starts_at=clock.now() - timedelta(hours=hours_ago),
        duration_minutes=50,
        kind="session",
        attendance=attendance,
        started_at=started_at,
    )


def draft(client, author, *, sections=None, psychotherapy=False, appointment=None, **extra):
    return services.note_create(
        acting_user=author,
        client=client,
        kind=extra.pop("kind", "progress"),
        psychotherapy=psychotherapy,
        appointment=appointment,
        occurred_at=None if appointment else clock.now() - timedelta(minutes=30),
        sections=sections if sections is not None else _default(psychotherapy),
        **extra,
    )


def _default(psychotherapy):
    return {"process": "My own reactions today."} if psychotherapy else {"data": "Slept better."}


def signed(client, author, **kwargs):
    note = draft(client, author, **kwargs)
    return services.note_sign(acting_user=author, note=note, version=note.version)

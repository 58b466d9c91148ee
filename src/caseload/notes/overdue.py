"""When a note is overdue.

The rule (docs/guide-notes.md): a session needs a signed record note within
`overdue_hours()` of its start (default 72). Overdue, then, are
- attended appointments that started longer ago than that and still have no signed
  record note tied to them (a missing note and an unsigned one are both overdue), and
- unsigned record notes not tied to an attended appointment (contact notes, notes about
  a missed session) whose contact took place longer ago than that.
Psychotherapy notes never count: they are not the record, and a session's record note is
needed whatever private notes exist.

The time allowed is `settings.CASELOAD_NOTE_OVERDUE_HOURS` (from the environment
variable of the same name; 72 hours by default).
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from caseload.clients.models import Appointment, Attendance
from caseload.core import clock
from caseload.notes.models import Note


def overdue_hours() -> int:
    return settings.CASELOAD_NOTE_OVERDUE_HOURS


def overdue_cutoff() -> datetime:
    """Sessions that started before this moment should have a signed note by now."""
    return clock.now() - timedelta(hours=overdue_hours())


def _signed_record_note_for(appointment_ref) -> QuerySet:
    return Note.objects.record_notes().filter(appointment=appointment_ref, signed_at__isnull=False)


def sessions_awaiting_note(cutoff=None) -> QuerySet[Appointment]:
    """Attended appointments past the cutoff without a signed record note."""
    return Appointment.objects.filter(
        attendance=Attendance.ATTENDED,
        starts_at__lt=overdue_cutoff() if cutoff is None else cutoff,
    ).exclude(Exists(_signed_record_note_for(OuterRef("pk"))))


def loose_overdue_notes(cutoff=None) -> QuerySet[Note]:
    """Unsigned record notes past the cutoff that no attended appointment accounts for
    (those are counted once, through the appointment)."""
    return (
        Note.objects.record_notes()
        .unsigned()
        .filter(occurred_at__lt=overdue_cutoff() if cutoff is None else cutoff)
        .filter(Q(appointment__isnull=True) | ~Q(appointment__attendance=Attendance.ATTENDED))
    )


def overdue_notes_count(user) -> int:
    """How many of `user`'s notes are overdue: their attended sessions with no signed
    note, and their own unsigned notes, past the time allowed. For the workload page:
    a count only, naming no client. Two queries."""
    cutoff = overdue_cutoff()
    sessions = sessions_awaiting_note(cutoff).filter(clinician=user).count()
    return sessions + loose_overdue_notes(cutoff).filter(author=user).count()


def overdue_notes_by_person(user_ids: list[int]) -> dict[int, int]:
    """`overdue_notes_count` for each of `user_ids` at once (a supervisor's team), in
    two queries whatever the team's size; people with none are left out."""
    cutoff = overdue_cutoff()
    counts: dict[int, int] = {}
    sessions = (
        sessions_awaiting_note(cutoff)
        .filter(clinician_id__in=user_ids)
        .values("clinician_id")
        .annotate(count=Count("pk"))
        .values_list("clinician_id", "count")
    )
    loose = (
        loose_overdue_notes(cutoff)
        .filter(author_id__in=user_ids)
        .values("author_id")
        .annotate(count=Count("pk"))
        .values_list("author_id", "count")
    )
    for person_id, count in [*sessions, *loose]:
        counts[person_id] = counts.get(person_id, 0) + count
    return counts


def overdue_for_page(client_ids: list[int]) -> dict[int, bool]:
    """True for each client in `client_ids` with an overdue note (a session awaiting
    its note, or a loose unsigned note), for the caseload page: one query, the union of
    the two rules. Reads the clock: call it for each page."""
    cutoff = overdue_cutoff()
    sessions = sessions_awaiting_note(cutoff).filter(client_id__in=client_ids)
    loose = loose_overdue_notes(cutoff).filter(client_id__in=client_ids)
    overdue = (
        sessions.order_by()
        .values_list("client_id")
        .union(loose.order_by().values_list("client_id"))
    )
    return {client_id: True for (client_id,) in overdue}

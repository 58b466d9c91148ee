"""The timeline source this app provides: notes (titles only, never psychotherapy
notes, whoever is looking), in one query."""

from django.urls import reverse
from django.utils.translation import gettext as _

from caseload.clients.timeline import TimelineEvent
from caseload.notes.models import Note


def _note_state(note: Note) -> str:
    if not note.is_signed:
        return _("draft")
    if note.awaiting_cosign:
        return _("signed, awaiting co-signature")
    if note.cosigned_at:
        return _("signed and co-signed")
    return _("signed")


def note_events(user, client, start, end) -> list[TimelineEvent]:
    # record_notes(): psychotherapy notes never reach the timeline, not even the
    # author's own (H-037). The body is deferred: titles only, nothing decrypted.
    notes = (
        client.notes.record_notes()
        .filter(occurred_at__gte=start, occurred_at__lt=end)
        .select_related("author")
        .defer("body")
    )
    return [
        TimelineEvent(
            at=note.occurred_at,
            source="notes",
            title=note.title,
            detail=f"{_note_state(note)} · {note.author}",
            url=reverse("notes:note", args=[client.pk, note.pk]),
            level="warning" if not note.is_signed else "info",
        )
        for note in notes
    ]

"""Finding notes. Every function starts from a client that came out of the door, or
from the user's own work; none reaches a psychotherapy note for anyone but its author.
"""

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest

from caseload.accounts.models import User
from caseload.clients.access import clients_visible_to, supervisees_of
from caseload.clients.models import Appointment, Client
from caseload.notes.models import Note, NoteQuerySet
from caseload.notes.overdue import overdue_cutoff, sessions_awaiting_note


def record_notes_of(client: Client) -> NoteQuerySet:
    """The client's record notes (never psychotherapy notes), newest first."""
    return (
        Note.objects.filter(client=client)
        .record_notes()
        .select_related("author", "cosigned_by", "appointment")
        .order_by("-occurred_at", "-id")
    )


def note_for(user: User, client: Client, note_id: object) -> Note:
    """One note of `client` that `user` may read. A psychotherapy note someone else
    wrote answers 404, exactly like a note that does not exist (H-037)."""
    try:
        return (
            Note.objects.filter(client=client)
            .readable_by(user)
            .select_related("author", "saved_by", "cosigned_by", "appointment")
            .get(pk=_as_id(note_id))
        )
    except (Note.DoesNotExist, ValueError, TypeError):
        raise Http404("No such note.") from None


def psychotherapy_notes_of(user: User) -> NoteQuerySet:
    """The psychotherapy notes `user` wrote, for clients they may still see."""
    return (
        Note.objects.filter(author=user, psychotherapy=True)
        .filter(client__in=clients_visible_to(user))
        .select_related("client")
        .order_by("-occurred_at", "-id")
    )


def cosign_queue(user: User) -> NoteQuerySet:
    """Signed record notes of the user's supervisees that wait for their co-signature."""
    return (
        Note.objects.record_notes()
        .filter(
            author__in=supervisees_of(user),
            signed_at__isnull=False,
            cosign_required=True,
            cosigned_at__isnull=True,
        )
        .filter(client__in=clients_visible_to(user))
        .select_related("client", "author")
        .order_by("signed_at", "id")
    )


def notes_to_sign(user: User) -> NoteQuerySet:
    """The unsigned record notes `user` wrote, for clients they may still see, oldest
    first (so the overdue ones come first), each with `is_overdue` (older than the time
    allowed, notes/overdue.py)."""
    return (
        Note.objects.record_notes()
        .unsigned()
        .filter(author=user, client__in=clients_visible_to(user))
        .select_related("client")
        .annotate(
            is_overdue=ExpressionWrapper(
                Q(occurred_at__lt=overdue_cutoff()), output_field=BooleanField()
            )
        )
        .order_by("occurred_at", "id")
    )


def sessions_without_note(user: User) -> QuerySet[Appointment]:
    """`user`'s attended sessions, past the time allowed, with no record note at all
    (a session with an unsigned draft is in `notes_to_sign`), for clients they may
    still see, oldest first."""
    any_note = Note.objects.record_notes().filter(appointment=OuterRef("pk"))
    return (
        sessions_awaiting_note()
        .filter(clinician=user, client__in=clients_visible_to(user))
        .exclude(Exists(any_note))
        .select_related("client")
        .order_by("starts_at", "id")
    )


def note_through_door(
    user: User,
    note_id: object,
    *,
    purpose: str,
    write: bool = False,
    request: HttpRequest | None = None,
) -> Note:
    """A note by its id alone (the API's /notes/{id}): through the door of its client.
    Someone else's psychotherapy note answers 404 before the door is even asked, so
    its existence is never confirmed (H-037)."""
    from caseload.clients.access import Part, access_client

    try:
        found = (
            Note.objects.readable_by(user)
            .values_list("client_id", flat=True)
            .get(pk=_as_id(note_id))
        )
    except (Note.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("No such note.") from None
    client = access_client(
        user, found, part=Part.CLINICAL, purpose=purpose, write=write, request=request
    )
    return note_for(user, client, note_id)


def appointment_of(client: Client, appointment_id: object) -> Appointment:
    """One of the client's own appointments, or 404 (never another client's)."""
    try:
        return Appointment.objects.get(client=client, pk=_as_id(appointment_id))
    except (Appointment.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("No such appointment.") from None


def _as_id(value: object) -> int:
    """An id from a URL or a request body; TypeError for anything but a number or its
    digits, which the callers answer with 404."""
    if not isinstance(value, int | str):
        raise TypeError("an id is a number or its digits")
    return int(value)

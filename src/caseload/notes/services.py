"""Writing notes. Each function validates first, then writes in one transaction with its
audit event, so bad input changes nothing. Callers have already been through the door
(`clients.access.access_client`) for the note's client, with `Part.CLINICAL`.

The rules that are the notes' own:
- a signed note is never changed (ARCHITECTURE.md rule 5): NoteLockedError;
- a draft is saved against the version its writer started from; a save from an older
  version is refused with EditConflictError, which carries both texts (H-038);
- a psychotherapy note is written, read, signed and amended by its author alone;
- only the author signs; only the author's supervisor co-signs.
"""

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest

from caseload.accounts.models import CLINICAL_ROLES, User
from caseload.audit.services import audit_record
from caseload.clients.access import has_supervisor, supervises
from caseload.clients.models import Appointment, Client
from caseload.core import clock
from caseload.core.dates import show_time
from caseload.notes.models import (
    Amendment,
    ContactMode,
    Note,
    NoteFormat,
    NoteKind,
    NoteSettings,
)

MAX_SECTION_CHARS = 50_000
MAX_AMENDMENT_CHARS = 20_000


class NoteLockedError(ValidationError):
    """The note is signed: it can be amended, never changed."""

    def __init__(self, *, refused: dict[str, str] | None = None):
        self.refused = refused or {}
        super().__init__(
            "This note is signed and can no longer be changed. Add an amendment instead."
        )


class EditConflictError(ValidationError):
    """Someone saved the draft after this writer loaded it. Nothing was saved; `current`
    is the note as it now stands, `refused` the text that was not saved."""

    def __init__(self, *, current: Note, refused: dict[str, str], writer: User | None = None):
        self.current = current
        self.refused = refused
        when = show_time(current.saved_at)
        who = (
            "you saved, in another window or tab,"
            if writer is not None and current.saved_by_id == writer.pk
            else f"{current.saved_by} saved"
        )
        super().__init__(
            f"Not saved: {who} a newer version of this draft at {when}. "
            "Your text is kept below: copy what you need, then reload the latest version."
        )


def _require_writer(user: User) -> None:
    if not user.is_active or user.role not in CLINICAL_ROLES:
        raise PermissionDenied("Only clinicians and supervisors write notes.")


def _require_author_for_private(user: User, note: Note) -> None:
    # Callers look psychotherapy notes up with `readable_by`, so a non-author never
    # reaches here; this is the second lock on the same door.
    if note.psychotherapy and note.author_id != user.pk:
        raise PermissionDenied("Only the author may open a psychotherapy note.")


def clean_sections(note: Note, sections: dict[str, Any] | str) -> dict[str, str]:
    """The note's sections from a dict of section texts (unknown names refused) or from
    one string, which fills the first section."""
    keys = [key for key, _label in note.section_keys()]
    if isinstance(sections, str):
        sections = {keys[0]: sections}
    if not isinstance(sections, dict):
        raise ValidationError("The body must be text or an object of sections.")
    unknown = sorted(set(sections) - set(keys))
    if unknown:
        raise ValidationError(
            f"Unknown section(s) {', '.join(unknown)}; this note has {', '.join(keys)}."
        )
    cleaned = dict(note.sections)
    for key, text in sections.items():
        if not isinstance(text, str):
            raise ValidationError(f"The section {key} must be text.")
        if len(text) > MAX_SECTION_CHARS:
            raise ValidationError(
                f"The section {key} is longer than {MAX_SECTION_CHARS} characters."
            )
        cleaned[key] = text
    return cleaned


def _note_format_for(author: User, kind: str, requested: str | None) -> str:
    """The format chosen for this progress note, or the author's default (their note
    settings) when none was chosen. Other kinds of note have one free-text section."""
    if kind != NoteKind.PROGRESS:
        return ""
    return requested or NoteSettings.for_user(author).progress_format


def note_create(
    *,
    acting_user: User,
    client: Client,
    kind: str,
    note_format: str | None = None,
    contact_mode: str = "",
    psychotherapy: bool = False,
    appointment: Appointment | None = None,
    occurred_at: datetime | None = None,
    sections: dict[str, Any] | str | None = None,
    request: HttpRequest | None = None,
) -> Note:
    """Start a draft note by `acting_user` about `client`, optionally tied to one of the
    client's appointments (the session's start is then when it took place)."""
    _require_writer(acting_user)
    if kind not in NoteKind.values:
        raise ValidationError(f"Unknown type of note {kind!r}.")
    if note_format and note_format not in NoteFormat.values:
        raise ValidationError(f"Unknown note format {note_format!r}; use SOAP, DAP or BIRP.")
    if contact_mode and (kind != NoteKind.CONTACT or contact_mode not in ContactMode.values):
        raise ValidationError("A kind of contact belongs to contact notes only.")
    if appointment is not None and appointment.client_id != client.pk:
        raise ValidationError("That appointment belongs to another client.")
    now = clock.now()
    when = appointment.starts_at if appointment is not None else (occurred_at or now)
    if when > now:
        raise ValidationError("A note is written about something that has happened.")
    note = Note(
        client=client,
        author=acting_user,
        kind=kind,
        note_format=_note_format_for(acting_user, kind, note_format),
        contact_mode=contact_mode if kind == NoteKind.CONTACT else "",
        psychotherapy=psychotherapy,
        appointment=appointment,
        occurred_at=when,
        created_at=now,
        saved_at=now,
        saved_by=acting_user,
    )
    note.set_sections(clean_sections(note, sections or {}))
    note.full_clean()
    with transaction.atomic():
        note.save()
        audit_record(
            action="note.create",
            actor=acting_user,
            request=request,
            client_id=client.pk,
            obj=note,
            detail={"kind": kind, "psychotherapy": psychotherapy},
        )
    return note


def note_save_draft(
    *,
    acting_user: User,
    note: Note,
    sections: dict[str, Any] | str,
    version: int,
    request: HttpRequest | None = None,
) -> Note:
    """Save a draft's text, if it is still at `version` (the version the writer loaded).
    A signed note raises NoteLockedError; a newer version raises EditConflictError.
    Either way nothing is saved. Returns the note at its new version."""
    _require_writer(acting_user)
    _require_author_for_private(acting_user, note)
    with transaction.atomic():
        # The row lock makes "check the version, then write" one step on PostgreSQL;
        # SQLite's write transactions are already serialised.
        current = Note.objects.select_for_update().get(pk=note.pk)
        if current.is_signed:
            refused = sections if isinstance(sections, dict) else {"text": sections}
            raise NoteLockedError(refused=refused)
        cleaned = clean_sections(current, sections)
        if current.version != version:
            raise EditConflictError(current=current, refused=cleaned, writer=acting_user)
        if cleaned == current.sections:
            return current
        current.set_sections(cleaned)
        current.version += 1
        current.saved_at = clock.now()
        current.saved_by = acting_user
        current.save(update_fields=["body", "version", "saved_at", "saved_by"])
        audit_record(
            action="note.update",
            actor=acting_user,
            request=request,
            client_id=current.client_id,
            obj=current,
            detail={"version": current.version, "psychotherapy": current.psychotherapy},
        )
    return current


def note_sign(
    *,
    acting_user: User,
    note: Note,
    version: int,
    sections: dict[str, Any] | str | None = None,
    request: HttpRequest | None = None,
) -> Note:
    """Sign (and so lock) a draft: the author only, and only the version they have
    seen. With `sections`, the text is saved first, in the same transaction."""
    _require_author_for_private(acting_user, note)
    if note.author_id != acting_user.pk:
        raise PermissionDenied("Only the note's author can sign it.")
    with transaction.atomic():
        if sections is not None:
            note = note_save_draft(
                acting_user=acting_user,
                note=note,
                sections=sections,
                version=version,
                request=request,
            )
            version = note.version
        current = Note.objects.select_for_update().get(pk=note.pk)
        if current.is_signed:
            raise NoteLockedError()
        if current.version != version:
            raise EditConflictError(current=current, refused=current.sections, writer=acting_user)
        if not any(text.strip() for text in current.sections.values()):
            raise ValidationError("An empty note cannot be signed. Write the note first.")
        current.signed_at = clock.now()
        current.cosign_required = (
            not current.psychotherapy and NoteSettings.for_user(acting_user).needs_cosign
        )
        current.save(update_fields=["signed_at", "cosign_required"])
        audit_record(
            action="note.sign",
            actor=acting_user,
            request=request,
            client_id=current.client_id,
            obj=current,
            detail={"version": current.version, "cosign_required": current.cosign_required},
        )
    return current


def is_supervisor_of(supervisor: User, supervisee_id: int) -> bool:
    return supervises(supervisor, supervisee_id)


def note_cosign(*, acting_user: User, note: Note, request: HttpRequest | None = None) -> Note:
    """Co-sign a supervisee's signed note that needs it: their supervisor only."""
    if not acting_user.is_active or not is_supervisor_of(acting_user, note.author_id):
        raise PermissionDenied("Only the author's supervisor can co-sign this note.")
    if not note.awaiting_cosign:
        raise ValidationError("This note is not waiting for a co-signature.")
    with transaction.atomic():
        note.cosigned_at = clock.now()
        note.cosigned_by = acting_user
        note.save(update_fields=["cosigned_at", "cosigned_by"])
        audit_record(
            action="note.cosign",
            actor=acting_user,
            request=request,
            client_id=note.client_id,
            obj=note,
        )
    return note


def note_amend(
    *, acting_user: User, note: Note, text: str, request: HttpRequest | None = None
) -> Amendment:
    """Add a dated amendment, signed by its writer as it is added, to a signed note."""
    _require_writer(acting_user)
    _require_author_for_private(acting_user, note)
    text = (text or "").strip()
    if not note.is_signed:
        raise ValidationError("This note is still a draft: change the draft instead.")
    if not text:
        raise ValidationError("Write the amendment before adding it.")
    if len(text) > MAX_AMENDMENT_CHARS:
        raise ValidationError(f"An amendment is at most {MAX_AMENDMENT_CHARS} characters.")
    amendment = Amendment(
        note=note, client_id=note.client_id, author=acting_user, body=text, signed_at=clock.now()
    )
    with transaction.atomic():
        amendment.save()
        audit_record(
            action="note.amend",
            actor=acting_user,
            request=request,
            client_id=note.client_id,
            obj=amendment,
            detail={"note": note.pk, "psychotherapy": note.psychotherapy},
        )
    return amendment


def note_read(*, acting_user: User, note: Note, request: HttpRequest | None = None) -> Note:
    """Record that `acting_user` read a note's text (every read of a psychotherapy note
    is audited; record notes too, so the trail shows which note was opened)."""
    _require_author_for_private(acting_user, note)
    audit_record(
        action="psychotherapy_note.read" if note.psychotherapy else "note.read",
        actor=acting_user,
        request=request,
        client_id=note.client_id,
        obj=note,
    )
    return note


def appointment_record_start(
    *,
    acting_user: User,
    appointment: Appointment,
    started_at: datetime,
    request: HttpRequest | None = None,
) -> Appointment:
    """Record when a session actually began (for the clinician's consistency figures)."""
    _require_writer(acting_user)
    if started_at > clock.now():
        raise ValidationError("The session cannot have started in the future.")
    if abs(started_at - appointment.starts_at).total_seconds() > 12 * 3600:
        raise ValidationError("That is not the day of this session; check the time.")
    with transaction.atomic():
        appointment.started_at = started_at
        appointment.save(update_fields=["started_at"])
        audit_record(
            action="appointment.started",
            actor=acting_user,
            request=request,
            client_id=appointment.client_id,
            obj=appointment,
        )
    return appointment


def note_settings_save(
    *,
    acting_user: User,
    user: User,
    progress_format: str,
    needs_cosign: bool,
    request: HttpRequest | None = None,
) -> NoteSettings:
    """The practice's choice for one clinician (an administrator's change)."""
    if user.role not in CLINICAL_ROLES:
        raise ValidationError(f"{user} does not write notes.")
    if progress_format not in NoteFormat.values:
        raise ValidationError(f"Unknown note format {progress_format!r}.")
    if needs_cosign and not has_supervisor(user):
        raise ValidationError(
            f"{user} has no supervisor to co-sign their notes. Add a supervisor first."
        )
    with transaction.atomic():
        settings, _created = NoteSettings.objects.update_or_create(
            user=user,
            defaults={"progress_format": progress_format, "needs_cosign": needs_cosign},
        )
        audit_record(
            action="note_settings.update",
            actor=acting_user,
            request=request,
            obj=settings,
            detail={"user": user.username, "format": progress_format, "cosign": needs_cosign},
        )
    return settings

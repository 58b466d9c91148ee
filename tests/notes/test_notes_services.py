"""Writing, signing, amending and co-signing notes (notes/services.py)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from caseload.audit.models import AuditEvent
from caseload.notes import services
from caseload.notes.models import Note, NoteSettings
from caseload.notes.services import EditConflictError, NoteLockedError
from notes.helpers import draft, past_session, signed


def test_progress_notes_follow_the_clinicians_format(client_record, clinician):
    assert draft(client_record, clinician).note_format == "DAP"  # the default
    NoteSettings.objects.create(user=clinician, progress_format="SOAP")
    note = draft(client_record, clinician, sections={"subjective": "Tired."})
    assert note.note_format == "SOAP"
    assert [key for key, _label, _text in note.labelled_sections()] == [
        "subjective",
        "objective",
        "assessment",
        "plan",
    ]


def test_a_format_chosen_for_the_note_is_kept_and_others_keep_theirs(client_record, clinician):
    """The format is chosen per note (the default is the clinician's setting); a later
    change of the setting leaves notes already started as they were."""
    chosen = draft(client_record, clinician, note_format="BIRP", sections={"behavior": "Calm."})
    NoteSettings.objects.create(user=clinician, progress_format="SOAP")
    assert Note.objects.get(pk=chosen.pk).note_format == "BIRP"
    with pytest.raises(ValidationError, match="Unknown note format"):
        draft(client_record, clinician, note_format="SOAPY")
    assert Note.objects.count() == 1


def test_unknown_sections_are_refused_and_nothing_is_written(client_record, clinician):
    with pytest.raises(ValidationError, match="Unknown section"):
        draft(client_record, clinician, sections={"subjective": "Not a DAP section."})
    assert not Note.objects.exists()


def test_a_string_body_fills_the_first_section(client_record, clinician):
    note = draft(client_record, clinician, sections="All of it.")
    assert note.sections == {"data": "All of it.", "assessment": "", "plan": ""}


def test_a_note_tied_to_another_clients_appointment_is_refused(client_record, clinician):
    from factories import make_client

    other = make_client(primary=clinician, legal_name="Other Person")
    with pytest.raises(ValidationError, match="another client"):
        draft(client_record, clinician, appointment=past_session(other, clinician))


def test_the_body_is_encrypted_at_rest(client_record, clinician):
    note = draft(client_record, clinician, sections={"data": "Spoke about the accident."})
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM notes_note WHERE id = %s", [note.pk])
        (stored,) = cursor.fetchone()
    assert "accident" not in stored
    assert Note.objects.get(pk=note.pk).sections["data"] == "Spoke about the accident."


def test_saving_a_draft_moves_its_version_on(client_record, clinician):
    note = draft(client_record, clinician)
    saved = services.note_save_draft(
        acting_user=clinician, note=note, sections={"plan": "Review sleep diary."}, version=1
    )
    assert saved.version == 2
    assert saved.sections["plan"] == "Review sleep diary."
    assert saved.sections["data"] == "Slept better."  # sections not sent are kept
    assert AuditEvent.objects.filter(action="note.update", object_id=str(note.pk)).exists()


def test_concurrent_edit_second_save_is_refused_and_both_texts_kept(
    client_record, clinician, colleague
):
    """H-038: two people edit the same draft; the second save from the old version
    is refused, never a silent overwrite, and the refused text comes back."""
    note = draft(client_record, clinician)
    mine = {"data": "Clinician's wording."}
    theirs = {"data": "Colleague's wording."}
    services.note_save_draft(acting_user=colleague, note=note, sections=theirs, version=1)
    with pytest.raises(EditConflictError) as refused:
        services.note_save_draft(acting_user=clinician, note=note, sections=mine, version=1)
    assert refused.value.refused["data"] == "Clinician's wording."
    assert refused.value.current.sections["data"] == "Colleague's wording."
    stored = Note.objects.get(pk=note.pk)
    assert stored.sections["data"] == "Colleague's wording."
    assert stored.version == 2


def test_signing_locks_the_note(client_record, clinician):
    """H-039 (a signed record altered after signing), ARCHITECTURE rule 5: a signed
    note is never edited."""
    note = signed(client_record, clinician)
    assert note.is_signed
    with pytest.raises(NoteLockedError):
        services.note_save_draft(
            acting_user=clinician, note=note, sections={"data": "Changed."}, version=note.version
        )
    assert Note.objects.get(pk=note.pk).sections["data"] == "Slept better."


def test_only_the_author_signs(client_record, clinician, colleague):
    note = draft(client_record, clinician)
    with pytest.raises(PermissionDenied):
        services.note_sign(acting_user=colleague, note=note, version=1)
    assert not Note.objects.get(pk=note.pk).is_signed


def test_signing_needs_the_version_the_signer_saw(client_record, clinician, colleague):
    note = draft(client_record, clinician)
    services.note_save_draft(
        acting_user=colleague, note=note, sections={"data": "Changed by a colleague."}, version=1
    )
    with pytest.raises(EditConflictError):
        services.note_sign(acting_user=clinician, note=note, version=1)
    assert not Note.objects.get(pk=note.pk).is_signed


def test_an_empty_note_cannot_be_signed(client_record, clinician):
    note = draft(client_record, clinician, sections={})
    with pytest.raises(ValidationError, match="empty"):
        services.note_sign(acting_user=clinician, note=note, version=1)


def test_amendments_are_dated_signed_and_keep_the_original(client_record, clinician, colleague):
    note = signed(client_record, clinician)
    amendment = services.note_amend(
        acting_user=colleague, note=note, text="Date of the accident was 3 March."
    )
    assert amendment.signed_at is not None and amendment.author == colleague
    assert Note.objects.get(pk=note.pk).sections["data"] == "Slept better."
    assert list(note.amendments.all()) == [amendment]


def test_a_draft_is_changed_not_amended(client_record, clinician):
    with pytest.raises(ValidationError, match="still a draft"):
        services.note_amend(acting_user=clinician, note=draft(client_record, clinician), text="x")


def test_supervisee_notes_wait_for_the_supervisors_cosignature(
    client_record, clinician, supervisor, other_supervisor
):
    NoteSettings.objects.create(user=clinician, needs_cosign=True)
    note = signed(client_record, clinician)
    assert note.awaiting_cosign
    with pytest.raises(PermissionDenied):
        services.note_cosign(acting_user=other_supervisor, note=note)
    services.note_cosign(acting_user=supervisor, note=note)
    assert Note.objects.get(pk=note.pk).cosigned_by == supervisor


def test_cosigning_needs_a_supervisor_to_be_set(clinician, colleague, admin, supervisor):
    with pytest.raises(ValidationError, match="no supervisor"):
        services.note_settings_save(
            acting_user=admin, user=colleague, progress_format="DAP", needs_cosign=True
        )
    settings = services.note_settings_save(
        acting_user=admin, user=clinician, progress_format="BIRP", needs_cosign=True
    )
    assert (settings.progress_format, settings.needs_cosign) == ("BIRP", True)


def test_recording_a_late_start(client_record, clinician):
    from datetime import timedelta

    session = past_session(client_record, clinician, hours_ago=3)
    services.appointment_record_start(
        acting_user=clinician,
        appointment=session,
        started_at=session.starts_at + timedelta(minutes=12),
    )
    session.refresh_from_db()
    assert session.started_at == session.starts_at + timedelta(minutes=12)
    with pytest.raises(ValidationError):
        services.appointment_record_start(
            acting_user=clinician,
            appointment=session,
            started_at=session.starts_at + timedelta(days=2),
        )


def test_a_conflict_with_ones_own_other_window_says_so(client_record, clinician):
    note = draft(client_record, clinician)
    services.note_save_draft(
        acting_user=clinician, note=note, sections={"data": "Tab one."}, version=1
    )
    with pytest.raises(EditConflictError, match="you saved, in another window or tab"):
        services.note_save_draft(
            acting_user=clinician, note=note, sections={"data": "Tab two."}, version=1
        )

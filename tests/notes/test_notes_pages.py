"""The notes pages: writing with autosave, the refused second save, signing, amending,
co-signing, the settings and consistency pages."""

from datetime import timedelta

from django.urls import reverse

from caseload.audit.models import AuditEvent
from caseload.notes.models import Note, NoteSettings
from notes.helpers import draft, past_session, signed

HTMX = {"HX-Request": "true"}


def _url(name, note):
    return reverse(f"notes:{name}", args=[note.client_id, note.pk])


def test_starting_a_note_for_a_session(client_record, clinician, as_user):
    session = past_session(client_record, clinician)
    response = as_user(clinician).post(
        reverse("notes:new", args=[client_record.pk]),
        {"kind": "progress", "appointment": session.pk},
    )
    note = Note.objects.get()
    assert response.status_code == 302 and response["Location"] == _url("note", note)
    assert (note.appointment, note.occurred_at, note.author) == (
        session,
        session.starts_at,
        clinician,
    )


def test_the_format_is_chosen_per_note_with_the_clinicians_default_chosen(
    client_record, clinician, as_user
):
    NoteSettings.objects.create(user=clinician, progress_format="SOAP")
    http = as_user(clinician)
    url = reverse("notes:new", args=[client_record.pk])

    form = http.get(url).content.decode()
    http.post(url, {"kind": "progress", "note_format": "BIRP"})

    assert '<legend class="form-label fs-6 fw-semibold">Format (progress notes)</legend>' in form
    assert 'value="SOAP" id="id_note_format_0" checked class="form-check-input"' in form
    assert 'value="BIRP" id="id_note_format_2" class="form-check-input"' in form
    assert Note.objects.get().note_format == "BIRP"


def test_the_editor_shows_the_clinicians_sections(client_record, clinician, as_user):
    NoteSettings.objects.create(user=clinician, progress_format="BIRP")
    note = draft(client_record, clinician, sections={"behavior": "Restless."})
    page = as_user(clinician).get(_url("note", note)).content.decode()
    for label in ("Behaviour", "Intervention", "Response", "Plan"):
        assert f">{label}</label>" in page
    assert 'hx-post="' + _url("save", note) + '"' in page
    assert "Restless." in page


def test_autosave_answers_saved_at_and_the_new_version(client_record, clinician, as_user):
    note = draft(client_record, clinician)
    response = as_user(clinician).post(
        _url("save", note),
        {"data": "Slept better, fewer nightmares.", "assessment": "", "plan": "", "version": 1},
        headers=HTMX,
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Saved at" in body
    assert 'id="note-version"' in body and 'value="2"' in body and "hx-swap-oob" in body
    assert Note.objects.get(pk=note.pk).sections["data"] == "Slept better, fewer nightmares."


def test_second_save_is_refused_and_the_writer_gets_their_text_back(
    client_record, clinician, colleague, as_user
):
    """H-038: both loaded version 1; the colleague saved first; the clinician's save
    is refused with a clear message and their text shown back; the colleague's stays."""
    note = draft(client_record, clinician)
    first = as_user(colleague).post(
        _url("save", note), {"data": "Colleague's text.", "version": 1}, headers=HTMX
    )
    assert "Saved at" in first.content.decode()
    second = as_user(clinician).post(
        _url("save", note), {"data": "Clinician's text.", "version": 1}
    )
    page = second.content.decode()
    assert second.status_code == 409
    assert "Not saved" in page and "Clinician&#x27;s text." in page
    assert "Colleague&#x27;s text." in page
    assert Note.objects.get(pk=note.pk).sections["data"] == "Colleague's text."
    over_htmx = as_user(clinician).post(
        _url("save", note), {"data": "Clinician's text.", "version": 1}, headers=HTMX
    )
    assert 'data-testid="save-refused"' in over_htmx.content.decode()
    assert "hx-swap-oob" not in over_htmx.content.decode()  # the stale version stays stale


def test_h108_sign_asks_first_and_signs_nothing_until_confirmed(client_record, clinician, as_user):
    """H-108: "Sign and lock" is irreversible, so the first press only shows the text to
    be signed and asks; a double click asks twice and the note stays a draft."""
    note = draft(client_record, clinician)
    http = as_user(clinician)

    first = http.post(_url("sign", note), {"data": "Final words.", "version": 1})
    second = http.post(_url("sign", note), {"data": "Final words.", "version": 1})

    page = first.content.decode()
    assert first.status_code == 200 and second.status_code == 200
    assert 'data-testid="sign-confirm"' in page and "Signing cannot be undone." in page
    assert "Final words." in page and 'name="confirmed" value="1"' in page
    assert 'type="hidden" name="data" value="Final words."' in page
    stored = Note.objects.get(pk=note.pk)
    assert not stored.is_signed and stored.sections["data"] != "Final words."


def test_sign_saves_the_last_words_and_locks(client_record, clinician, as_user):
    note = draft(client_record, clinician)
    http = as_user(clinician)
    response = http.post(
        _url("sign", note), {"data": "Final words.", "version": 1, "confirmed": "1"}
    )
    assert response.status_code == 302
    stored = Note.objects.get(pk=note.pk)
    assert stored.is_signed and stored.sections["data"] == "Final words."
    page = http.get(_url("note", note)).content.decode()
    assert 'data-testid="note-editor"' not in page and "Final words." in page
    refused = http.post(_url("save", note), {"data": "Sneaky change.", "version": 2})
    assert refused.status_code == 409
    assert Note.objects.get(pk=note.pk).sections["data"] == "Final words."


def test_only_the_author_is_offered_signing(client_record, clinician, colleague, as_user):
    note = draft(client_record, clinician)
    assert 'data-testid="sign"' in as_user(clinician).get(_url("note", note)).content.decode()
    assert 'data-testid="sign"' not in as_user(colleague).get(_url("note", note)).content.decode()
    assert (
        as_user(colleague)
        .post(_url("sign", note), {"data": "x", "version": 1, "confirmed": "1"})
        .status_code
        == 403
    )


def test_amending_a_signed_note(client_record, clinician, as_user):
    note = signed(client_record, clinician)
    http = as_user(clinician)
    assert (
        http.post(_url("amend", note), {"text": "Correction: two nightmares."}).status_code == 302
    )
    page = http.get(_url("note", note)).content.decode()
    assert "Correction: two nightmares." in page and "Slept better." in page
    assert "Added and signed on" in page
    assert http.post(_url("amend", note), {"text": ""}).status_code == 400


def test_cosign_queue_and_cosigning(client_record, clinician, supervisor, as_user):
    NoteSettings.objects.create(user=clinician, needs_cosign=True)
    note = signed(client_record, clinician)
    http = as_user(supervisor)
    assert note.title in http.get(reverse("notes:cosign_queue")).content.decode()
    assert http.post(_url("cosign", note)).status_code == 302
    assert Note.objects.get(pk=note.pk).cosigned_by == supervisor
    assert note.title not in http.get(reverse("notes:cosign_queue")).content.decode()


def test_every_read_of_a_note_is_audited(client_record, clinician, colleague, as_user):
    note = draft(client_record, clinician)
    as_user(colleague).get(_url("note", note))
    assert AuditEvent.objects.filter(
        action="note.read", actor=colleague, object_id=str(note.pk)
    ).exists()


def test_the_notes_list_marks_overdue_drafts(client_record, clinician, as_user):
    note = draft(client_record, clinician)
    Note.objects.filter(pk=note.pk).update(occurred_at=note.occurred_at - timedelta(days=5))
    page = as_user(clinician).get(reverse("notes:list", args=[client_record.pk])).content.decode()
    assert "overdue" in page


def test_consistency_counts_cancellations_and_late_starts(
    client_record, clinician, supervisor, as_user
):
    session = past_session(client_record, clinician, hours_ago=30)
    session.started_at = session.starts_at + timedelta(minutes=15)
    session.save()
    past_session(client_record, clinician, hours_ago=60, started_at=None)
    past_session(client_record, clinician, hours_ago=90, attendance="clinician_cancel")
    for viewer in (clinician, supervisor):
        page = as_user(viewer).get(reverse("notes:consistency")).content.decode()
        row = page.split('data-testid="consistency-treating"')[1].split("</tr>")[0]
        cells = [cell.split(">")[1].split("<")[0].strip() for cell in row.split("<td")[1:]]
        assert cells[:3] == ["3", "1", "1"], cells


def test_admin_sets_a_clinicians_format(clinician, supervisor, admin, as_user):
    http = as_user(admin)
    assert "Treating" in http.get(reverse("notes:settings")).content.decode()
    response = http.post(
        reverse("notes:settings_save", args=[clinician.pk]),
        {f"{clinician.pk}-progress_format": "SOAP", f"{clinician.pk}-needs_cosign": "on"},
    )
    assert response.status_code == 302
    settings = NoteSettings.objects.get(user=clinician)
    assert (settings.progress_format, settings.needs_cosign) == ("SOAP", True)

"""The notes API: /clients/{id}/notes and /notes/{id}, sign and amendments."""

from django.urls import reverse

from caseload.notes.models import Note
from notes.helpers import draft, signed


def _post(client, url, body, headers):
    return client.post(url, data=body, content_type="application/json", headers=headers)


def _patch(client, url, body, headers):
    return client.patch(url, data=body, content_type="application/json", headers=headers)


def test_write_sign_and_amend_a_dap_note(client_record, clinician, client, bearer):
    headers = bearer(clinician)
    created = _post(
        client,
        reverse("api:client_notes", args=[client_record.pk]),
        {
            "kind": "progress",
            "format": "DAP",
            "body": {"data": "Slept 6 hours.", "plan": "Keep the diary."},
            "psychotherapy": False,
        },
        headers,
    )
    assert created.status_code == 201, created.content
    note = created.json()
    assert note["sections"] == {
        "data": "Slept 6 hours.",
        "assessment": "",
        "plan": "Keep the diary.",
    }
    assert note["body"].startswith("Data:\nSlept 6 hours.")
    changed = _patch(
        client,
        reverse("api:note_update", args=[note["id"]]),
        {"body": {"assessment": "Improving."}, "version": 1},
        headers,
    )
    assert changed.json()["version"] == 2
    signed_note = _post(client, reverse("api:note_sign", args=[note["id"]]), None, headers).json()
    assert signed_note["signed_at"] is not None
    amendment = _post(
        client,
        reverse("api:note_amend", args=[note["id"]]),
        {"text": "Seven hours, not six."},
        headers,
    )
    assert amendment.status_code == 201 and amendment.json()["author"] == "treating"
    read = client.get(reverse("api:note_detail", args=[note["id"]]), headers=headers).json()
    assert [item["text"] for item in read["amendments"]] == ["Seven hours, not six."]


def test_changing_a_signed_note_answers_409_and_changes_nothing(
    client_record, clinician, client, bearer
):
    """H-039: a signed note cannot be changed through the API either."""
    note = signed(client_record, clinician)
    headers = bearer(clinician)
    response = _patch(
        client,
        reverse("api:note_update", args=[note.pk]),
        {"body": "Rewritten.", "version": 1},
        headers,
    )
    assert response.status_code == 409
    assert "amendment" in response.json()["detail"]
    assert (
        _post(client, reverse("api:note_sign", args=[note.pk]), None, headers).status_code == 409
    )
    stored = Note.objects.get(pk=note.pk)
    assert stored.sections["data"] == "Slept better." and stored.version == 1


def test_a_patch_from_an_old_version_answers_409(
    client_record, clinician, colleague, client, bearer
):
    note = draft(client_record, clinician)
    url = reverse("api:note_update", args=[note.pk])
    assert (
        _patch(client, url, {"body": "Colleague.", "version": 1}, bearer(colleague)).status_code
        == 200
    )
    refused = _patch(client, url, {"body": "Clinician.", "version": 1}, bearer(clinician))
    assert refused.status_code == 409 and refused.json()["version"] == 2
    assert Note.objects.get(pk=note.pk).sections["data"] == "Colleague."


def test_the_list_never_holds_psychotherapy_notes_and_no_text(
    client_record, clinician, client, bearer
):
    record = draft(client_record, clinician)
    draft(client_record, clinician, psychotherapy=True)
    listed = client.get(
        reverse("api:client_notes", args=[client_record.pk]), headers=bearer(clinician)
    )
    assert listed.json()["count"] == 1
    (item,) = listed.json()["items"]
    assert item["id"] == record.pk and "sections" not in item and "body" not in item


def test_a_psychotherapy_note_through_the_api_is_the_authors(
    client_record, clinician, client, bearer
):
    created = _post(
        client,
        reverse("api:client_notes", args=[client_record.pk]),
        {"kind": "progress", "body": "Process.", "psychotherapy": True},
        bearer(clinician),
    )
    assert created.status_code == 201 and created.json()["sections"] == {"process": "Process."}


def test_bad_input_is_422_and_writes_nothing(client_record, clinician, client, bearer):
    url = reverse("api:client_notes", args=[client_record.pk])
    headers = bearer(clinician)
    for body in (
        {"kind": "progress", "format": "SOAPY", "body": "x"},  # not a format
        {"kind": "progress", "body": {"subjective": "x"}},  # not a DAP section
        {"kind": "poem", "body": "x"},
        {"kind": "progress", "body": "x", "colour": "blue"},
    ):
        assert _post(client, url, body, headers).status_code == 422, body
    assert not Note.objects.exists()


def test_a_note_for_an_appointment_of_another_client_is_404(
    client_record, clinician, client, bearer
):
    from factories import make_client
    from notes.helpers import past_session

    other = make_client(primary=clinician, legal_name="Other Person")
    session = past_session(other, clinician)
    response = _post(
        client,
        reverse("api:client_notes", args=[client_record.pk]),
        {"kind": "progress", "body": "x", "appointment_id": session.pk},
        bearer(clinician),
    )
    assert response.status_code == 404


def test_signing_only_the_version_read(client_record, clinician, colleague, client, bearer):
    note = draft(client_record, clinician)
    _patch(
        client,
        reverse("api:note_update", args=[note.pk]),
        {"body": "Colleague's change.", "version": 1},
        bearer(colleague),
    )
    url = reverse("api:note_sign", args=[note.pk])
    headers = bearer(clinician)
    assert client.post(f"{url}?version=1", headers=headers).status_code == 409
    assert not Note.objects.get(pk=note.pk).is_signed
    assert client.post(f"{url}?version=2", headers=headers).status_code == 200

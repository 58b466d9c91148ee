"""H-037: psychotherapy notes (process notes) are invisible on every path (page, API,
export, timeline, search) to everyone but their author, and every read is audited."""

import pytest
from django.urls import reverse

from caseload.audit.models import AuditEvent
from caseload.notes.models import Note
from notes.helpers import draft, signed

SECRET = "Countertransference: I felt protective today."
OTHERS = [
    "colleague",
    "supervisor",
    "other_supervisor",
    "outsider",
    "intake",
    "admin",
    "privacy_officer",
]


@pytest.fixture
def private_note(client_record, clinician):
    return signed(client_record, clinician, psychotherapy=True, sections={"process": SECRET})


@pytest.fixture
def record_note(client_record, clinician):
    return signed(client_record, clinician, sections={"data": "Record words."})


@pytest.fixture
def people(colleague, supervisor, other_supervisor, outsider, intake, admin, privacy_officer):
    return {
        "colleague": colleague,
        "supervisor": supervisor,
        "other_supervisor": other_supervisor,
        "outsider": outsider,
        "intake": intake,
        "admin": admin,
        "privacy_officer": privacy_officer,
    }


@pytest.mark.parametrize("persona", OTHERS)
@pytest.mark.parametrize("name", ["note", "save", "sign", "amend", "cosign", "started"])
def test_psychotherapy_note_pages_answer_404_to_everyone_but_the_author(
    name, persona, private_note, people, as_user
):
    """Even the care team and the supervisor: a 404, like a note that does not exist
    (the intake worker, admin and privacy officer are refused by role first)."""
    url = reverse(f"notes:{name}", args=[private_note.client_id, private_note.pk])
    http = as_user(people[persona])
    response = http.get(url) if name == "note" else http.post(url, {"text": "x", "version": 1})
    assert response.status_code in (403, 404)
    if persona in ("colleague", "supervisor") and name != "cosign":
        assert response.status_code == 404
    assert SECRET not in response.content.decode()


@pytest.mark.parametrize("persona", OTHERS)
def test_psychotherapy_note_api_answers_404_to_everyone_but_the_author(
    persona, private_note, people, client, bearer
):
    headers = bearer(people[persona])
    for method, url, body in [
        ("get", reverse("api:note_detail", args=[private_note.pk]), None),
        ("patch", reverse("api:note_update", args=[private_note.pk]), {"body": "x", "version": 1}),
        ("post", reverse("api:note_sign", args=[private_note.pk]), {}),
        ("post", reverse("api:note_amend", args=[private_note.pk]), {"text": "x"}),
    ]:
        response = getattr(client, method)(
            url, data=body, content_type="application/json", headers=headers
        )
        assert response.status_code == 404, (method, url)
        assert response.json() == {"detail": "Not found."}
    assert Note.objects.get(pk=private_note.pk).amendments.count() == 0


def test_the_author_reads_it_and_every_read_is_audited(
    private_note, clinician, as_user, client, bearer
):
    url = reverse("notes:note", args=[private_note.client_id, private_note.pk])
    assert SECRET in as_user(clinician).get(url).content.decode()
    api = client.get(reverse("api:note_detail", args=[private_note.pk]), headers=bearer(clinician))
    assert api.json()["sections"] == {"process": SECRET}
    reads = AuditEvent.objects.filter(
        action="psychotherapy_note.read", object_id=str(private_note.pk)
    )
    assert reads.count() == 2
    assert all(SECRET not in str(event.detail) for event in reads)


def test_never_in_the_client_record_lists_not_even_the_authors(
    private_note, record_note, client_record, clinician, supervisor, as_user, client, bearer
):
    for viewer in (clinician, supervisor):
        page = as_user(viewer).get(reverse("notes:list", args=[client_record.pk])).content.decode()
        assert record_note.title in page and "Psychotherapy note" not in page
        listed = client.get(
            reverse("api:client_notes", args=[client_record.pk]), headers=bearer(viewer)
        ).json()
        assert [item["id"] for item in listed["items"]] == [record_note.pk]
        for key in ("detail", "perspective", "timeline"):
            name = "clients:" + key
            record_page = as_user(viewer).get(reverse(name, args=[client_record.pk]))
            assert SECRET not in record_page.content.decode()
            assert (
                f"/notes/clients/{client_record.pk}/{private_note.pk}/"
                not in record_page.content.decode()
            )


def test_never_on_the_timeline_or_in_search(
    private_note, record_note, client_record, clinician, as_user
):
    http = as_user(clinician)
    timeline = http.get(reverse("clients:timeline", args=[client_record.pk])).content.decode()
    assert record_note.title in timeline and "Psychotherapy note" not in timeline
    search = http.get(reverse("clients:caseload"), {"q": "Countertransference"}).content.decode()
    assert SECRET not in search and "Jordan" not in search


def test_exports_and_releases_start_from_record_notes(private_note, record_note):
    """The privacy app's export and release of information use record_notes()."""
    assert list(Note.objects.record_notes()) == [record_note]


def test_the_private_list_is_the_authors_own(private_note, clinician, colleague, as_user):
    url = reverse("notes:private")
    assert private_note.client.display_name in as_user(clinician).get(url).content.decode()
    assert "Jordan" not in as_user(colleague).get(url).content.decode()


def test_a_psychotherapy_note_never_needs_a_cosignature(client_record, clinician, supervisor):
    from caseload.notes.models import NoteSettings

    NoteSettings.objects.create(user=clinician, needs_cosign=True)
    note = signed(client_record, clinician, psychotherapy=True)
    assert not note.awaiting_cosign


def test_drafts_by_others_are_invisible_too(client_record, clinician, colleague, as_user):
    note = draft(client_record, colleague, psychotherapy=True)
    url = reverse("notes:note", args=[client_record.pk, note.pk])
    assert as_user(clinician).get(url).status_code == 404
    assert as_user(colleague).get(url).status_code == 200

"""Disclosures: only under a valid release covering every category, or a recorded legal
basis; packets hold only what was asked; the accounting lists every disclosure and
cannot be edited. Hazards: H-042 (information disclosed without authorization) and H-043
(psychotherapy notes released with the record)."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.urls import reverse

from caseload.audit.models import AuditEvent
from caseload.core import clock
from caseload.privacy import packets, selectors, services
from caseload.privacy.models import Disclosure
from factories import PASSWORD


def _disclose(clinician, client, **kwargs):
    return services.disclosure_make(acting_user=clinician, client=client, **kwargs)


def test_disclosing_without_a_covering_release_is_refused(clinician, client_record):
    with pytest.raises(ValidationError, match="No release or legal basis"):
        _disclose(clinician, client_record, categories=["attendance"], recipient="X", purpose="Y")
    assert not Disclosure.objects.exists()


def test_a_revoked_release_is_refused(clinician, client_record, make_release):
    release = make_release()
    services.release_revoke(acting_user=clinician, release=release, note="Client phoned")
    with pytest.raises(ValidationError, match="revoked"):
        _disclose(clinician, client_record, categories=["attendance"], release=release)
    assert not Disclosure.objects.exists()


def test_an_expired_release_is_refused(clinician, client_record, make_release):
    release = make_release(expires_on=clock.today() + timedelta(days=10))
    later = time_machine.travel(clock.now() + timedelta(days=11))
    with later, pytest.raises(ValidationError, match="expired"):
        _disclose(clinician, client_record, categories=["attendance"], release=release)
    assert not Disclosure.objects.exists()


def test_an_unsigned_release_is_refused(clinician, client_record, make_release):
    release = make_release(signed=False)
    with pytest.raises(ValidationError, match="not been signed"):
        _disclose(clinician, client_record, categories=["attendance"], release=release)


def test_a_category_the_release_does_not_cover_is_refused(clinician, client_record, make_release):
    release = make_release(["attendance"])
    with pytest.raises(ValidationError, match="does not cover: Measure results"):
        _disclose(clinician, client_record, categories=["attendance", "measures"], release=release)
    assert not Disclosure.objects.exists()


def test_another_clients_release_is_refused(clinician, client_record, make_release):
    from factories import make_client

    other = make_client(primary=clinician, legal_name="Other Person")
    release = make_release()
    with pytest.raises(ValidationError, match="another client"):
        _disclose(clinician, other, categories=["attendance"], release=release)


def test_a_legal_basis_needs_its_justification(clinician, client_record):
    with pytest.raises(ValidationError, match="justification"):
        _disclose(
            clinician,
            client_record,
            categories=["attendance"],
            legal_basis="court_order",
            recipient="County court",
            purpose="Subpoena",
        )
    disclosure = _disclose(
        clinician,
        client_record,
        categories=["attendance"],
        legal_basis="court_order",
        justification="Court order 24-118 signed by Judge Park.",
        recipient="County court",
        purpose="Subpoena",
    )
    assert disclosure.legal_basis == "court_order" and disclosure.release is None


def test_the_packet_holds_only_the_categories_disclosed(
    clinician, client_record, make_release, in_a_week
):
    from caseload.clients.services import appointment_create

    appointment_create(
        acting_user=clinician,
        client=client_record,
        clinician=clinician,
        starts_at=in_a_week,
        duration_minutes=50,
        kind="session",
    )
    release = make_release(["attendance", "measures"])
    disclosure = _disclose(clinician, client_record, categories=["attendance"], release=release)
    bundle = json.loads(disclosure.packet.bundle_json)
    kinds = {entry["resource"]["resourceType"] for entry in bundle["entry"]}
    assert kinds == {"Patient", "Encounter"}
    # The perspective is never part of a disclosure packet unless asked for.
    assert "cannot sleep" not in disclosure.packet.bundle_json
    assert disclosure.packet_sha256 == services.sha256_of(disclosure.packet.bundle_json)
    assert disclosure.recipient == release.recipient


def _notes(client, author):
    from caseload.notes.models import Note

    now = clock.now()
    common = {
        "client": client,
        "author": author,
        "saved_by": author,
        "occurred_at": now,
        "created_at": now,
        "saved_at": now,
        "signed_at": now,
    }
    record = Note(kind="progress", note_format="DAP", **common)
    record.set_sections({"data": "Slept better this week.", "assessment": "", "plan": ""})
    record.save()
    process = Note(kind="progress", psychotherapy=True, **common)
    process.set_sections({"process": "PROCESS-NOTE-SECRET transference"})
    process.save()


def test_psychotherapy_notes_never_enter_a_packet_or_export(
    clinician, client_record, make_release
):
    """H-043: psychotherapy notes released with the record."""
    _notes(client_record, clinician)
    release = make_release(["session_notes"])
    disclosure = _disclose(clinician, client_record, categories=["session_notes"], release=release)
    packet = disclosure.packet.bundle_json
    own_copy = packets.own_copy_bundle_json(client_record)
    for bundle in (packet, own_copy):
        texts = " ".join(line for _h, lines in packets.sections_of(bundle) for line in lines)
        assert "Slept better" in texts  # the record note is there, so the check can fail
        assert "PROCESS-NOTE-SECRET" not in texts
        assert "Psychotherapy note" not in bundle


def test_psychotherapy_notes_are_not_disclosable_and_need_their_own_release(
    clinician, client_record, make_release
):
    with pytest.raises(ValidationError, match="separate release"):
        make_release(["session_notes", "psychotherapy_notes"])
    release = make_release(["psychotherapy_notes"])
    with pytest.raises(ValidationError, match="never sent from caseload"):
        _disclose(clinician, client_record, categories=["psychotherapy_notes"], release=release)


def test_the_accounting_lists_every_disclosure(clinician, client_record, make_release):
    release = make_release(["attendance", "measures"])
    first = _disclose(clinician, client_record, categories=["attendance"], release=release)
    second = _disclose(clinician, client_record, categories=["measures"], release=release)
    third = _disclose(
        clinician,
        client_record,
        categories=["attendance"],
        legal_basis="emergency",
        justification="Client unconscious at the emergency department.",
        recipient="City Hospital ED",
        purpose="Emergency treatment",
    )
    listed = list(selectors.accounting_for(client_record))
    assert listed == [third, second, first]
    assert AuditEvent.objects.filter(action="disclosure.make").count() == 3


def test_the_accounting_goes_six_years_back(clinician, client_record, make_release):
    old = _disclose(
        clinician,
        client_record,
        categories=["attendance"],
        legal_basis="court_order",
        justification="Court order 24-118 signed by Judge Park.",
        recipient="Court",
        purpose="Subpoena",
    )
    with time_machine.travel(clock.now() + timedelta(days=365 * 6 - 10)):
        assert list(selectors.accounting_for(client_record)) == [old]
    with time_machine.travel(clock.now() + timedelta(days=365 * 6 + 30)):
        assert list(selectors.accounting_for(client_record)) == []


def test_the_accounting_cannot_be_edited_or_deleted(clinician, client_record, make_release):
    disclosure = _disclose(
        clinician, client_record, categories=["attendance"], release=make_release()
    )
    with pytest.raises(DatabaseError), transaction.atomic():
        Disclosure.objects.filter(pk=disclosure.pk).update(recipient="Someone else")
    with pytest.raises(DatabaseError), transaction.atomic():
        Disclosure.objects.filter(pk=disclosure.pk).delete()
    disclosure.refresh_from_db()
    assert disclosure.recipient == "Dr Ana Ruiz"


def test_the_disclose_page_asks_for_the_password_and_refuses_without_release(
    as_user, clinician, client_record
):
    http = as_user(clinician)
    url = reverse("privacy:disclose", args=[client_record.pk])
    sent = {"categories": ["attendance"], "your_password": PASSWORD}
    response = http.post(url, sent)
    assert response.status_code == 400
    assert "No release or legal basis covers this disclosure." in response.content.decode()
    assert 'data-testid="disclose-confirm"' not in response.content.decode()
    response = http.post(url, {**sent, "confirmed": "1"})
    assert response.status_code == 400
    assert "No release or legal basis covers this disclosure." in response.content.decode()
    assert not Disclosure.objects.exists()


def test_a_disclosure_is_shown_and_confirmed_with_the_password_before_it_is_made(
    as_user, clinician, client_record, make_release
):
    """Sending a disclosure cannot be undone: the first step shows what goes to whom and
    records nothing; the confirmation asks for the password (a wrong one keeps the
    confirmation page); "Change it" goes back to the form with the choices kept."""
    release = make_release(["attendance"])
    http = as_user(clinician)
    url = reverse("privacy:disclose", args=[client_record.pk])
    chosen = {"release": release.pk, "categories": ["attendance"]}

    asked = http.post(url, chosen)
    page = asked.content.decode()
    assert asked.status_code == 200 and 'data-testid="disclose-confirm"' in page
    assert "Dr Ana Ruiz" in page and "Attendance" in page
    assert 'type="hidden" name="categories" value="attendance"' in page
    assert 'name="your_password"' in page
    wrong = http.post(url, {**chosen, "your_password": "wrong", "confirmed": "1"})
    assert wrong.status_code == 400 and 'data-testid="disclose-confirm"' in wrong.content.decode()
    assert "That is not your password." in wrong.content.decode()
    back = http.post(url, {**chosen, "back": "1", "confirmed": "1"})
    assert 'data-testid="disclose-confirm"' not in back.content.decode()
    assert 'value="attendance" id="id_categories_0" checked' in back.content.decode()
    assert not Disclosure.objects.exists()

    done = http.post(url, {**chosen, "your_password": PASSWORD, "confirmed": "1"})

    assert done.status_code == 302 and Disclosure.objects.count() == 1


def test_the_clinician_discloses_and_prints_the_packet(
    as_user, clinician, client_record, make_release
):
    release = make_release(["attendance"])
    http = as_user(clinician)
    response = http.post(
        reverse("privacy:disclose", args=[client_record.pk]),
        {
            "release": release.pk,
            "categories": ["attendance"],
            "your_password": PASSWORD,
            "confirmed": "1",
        },
    )
    assert response.status_code == 302
    disclosure = Disclosure.objects.get()
    page = http.get(reverse("privacy:accounting", args=[client_record.pk]))
    assert "Dr Ana Ruiz" in page.content.decode()
    pdf = http.get(reverse("privacy:disclosure_packet", args=[client_record.pk, disclosure.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")

"""Releases signed through a link; the client's own copy as PDF and FHIR, with the
access report."""

import json
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client as HttpClient
from django.urls import reverse

from caseload.audit.models import AuditEvent
from caseload.core import clock
from caseload.privacy import packets, services
from caseload.privacy.models import sha256_of
from factories import PASSWORD


def test_the_client_signs_a_release_through_the_link(as_user, clinician, client_record):
    response = as_user(clinician).post(
        reverse("privacy:release_new", args=[client_record.pk]),
        {
            "recipient": "Dr Ana Ruiz",
            "recipient_contact": "ana@example.org",
            "categories": ["attendance", "measures"],
            "purpose": "Coordinating care",
            "expires_on": (clock.today() + timedelta(days=60)).isoformat(),
        },
    )
    assert response.status_code == 200
    release = client_record.releases.get()
    path = response.content.decode().split('value="http://testserver')[1].split('"')[0]
    browser = HttpClient()
    browser.post(path, {"date_of_birth": client_record.date_of_birth.isoformat()})
    go = path + "go/"
    assert "Dr Ana Ruiz" in browser.get(go).content.decode()
    signed = browser.post(
        go, {"typed_name": client_record.legal_name, "shown_sha256": sha256_of(release.text)}
    )
    assert signed.status_code == 200, signed.content.decode()[-3000:]
    release.refresh_from_db()
    assert release.state == "valid" and release.signed_text_sha256 == sha256_of(release.text)


def test_a_release_in_the_past_is_refused(clinician, client_record):
    with pytest.raises(ValidationError, match="future"):
        services.release_create(
            acting_user=clinician,
            client=client_record,
            recipient="X",
            recipient_contact="x",
            categories=["attendance"],
            purpose="Y",
            expires_on=clock.today(),
        )


def test_the_own_copy_holds_the_access_report(clinician, colleague, client_record):
    from caseload.clients.access import Part, access_client

    access_client(colleague, client_record.pk, part=Part.CLINICAL, purpose="session prep")
    bundle = packets.own_copy_bundle_json(client_record)
    sections = dict(packets.sections_of(bundle))
    access = sections["Who looked at the record"]
    assert any("Colleague Tester" in line and "session prep" in line for line in access)
    assert json.loads(bundle)["resourceType"] == "Bundle"


def test_the_export_page_asks_for_the_password_and_gives_a_pdf(as_user, clinician, client_record):
    http = as_user(clinician)
    url = reverse("privacy:export", args=[client_record.pk])
    assert http.post(url, {"format": "pdf", "your_password": "nope"}).status_code == 400
    response = http.post(url, {"format": "pdf", "your_password": PASSWORD})
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="privacy.export", client_id=client_record.pk).exists()
    fhir = http.post(url, {"format": "fhir", "your_password": PASSWORD})
    assert json.loads(fhir.content)["type"] == "collection"

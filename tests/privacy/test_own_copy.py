"""The client's own copy is one service: the page and the API give the same document and
write the same audit event (H-119; H-002: every access leaves its trace)."""

import json

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from caseload.accounts.services import api_token_create
from caseload.audit.models import AuditEvent
from caseload.core import clock
from caseload.privacy import services
from factories import PASSWORD


def _record_without_the_access_report(document: bytes) -> list[dict]:
    """The entries other than the access report: asking for the copy is itself an access,
    so the second copy's access report has one more line than the first."""
    bundle = json.loads(document)
    return [
        entry for entry in bundle["entry"] if entry["resource"]["resourceType"] != "AuditEvent"
    ]


def _export_events(client_record) -> list[tuple]:
    return list(
        AuditEvent.objects.filter(action="privacy.export", client_id=client_record.pk)
        .order_by("seq")
        .values_list("actor", "object_type", "object_id", "purpose", "detail")
    )


def test_h002_the_page_and_the_api_give_the_same_document_and_the_same_event(
    client, as_user, clinician, client_record
):
    with time_machine.travel(clock.now(), tick=False):
        page = as_user(clinician).post(
            reverse("privacy:export", args=[client_record.pk]),
            {"format": "fhir", "your_password": PASSWORD},
        )
        _, secret = api_token_create(acting_user=None, user=clinician)
        api = client.get(
            f"/api/v1/clients/{client_record.pk}/export",
            headers={"Authorization": f"Bearer {secret}"},
        )
    assert page.status_code == api.status_code == 200
    assert page["Content-Type"] == api["Content-Type"] == "application/fhir+json"
    assert json.loads(page.content)["timestamp"] == json.loads(api.content)["timestamp"]
    assert _record_without_the_access_report(page.content) == _record_without_the_access_report(
        api.content
    )
    page_event, api_event = _export_events(client_record)
    assert page_event == api_event
    assert page_event == (
        clinician.pk,
        "clients.client",
        str(client_record.pk),
        "client's right of access",
        {"format": "fhir"},
    )


def test_an_unknown_format_writes_nothing(clinician, client_record):
    with pytest.raises(ValidationError, match="format"):
        services.own_copy_export(acting_user=clinician, client=client_record, format="docx")
    assert _export_events(client_record) == []


def test_the_pdf_is_the_same_record_printed(clinician, client_record):
    copy = services.own_copy_export(acting_user=clinician, client=client_record, format="pdf")
    assert copy.content.startswith(b"%PDF") and copy.content_type == "application/pdf"
    assert copy.filename == f"record-{clock.today().isoformat()}.pdf"
    assert _export_events(client_record)[0][-1] == {"format": "pdf"}

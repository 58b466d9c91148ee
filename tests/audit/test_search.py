"""The privacy officer's audit search and CSV export (H-002)."""

import csv
import io
from datetime import timedelta
from urllib.parse import urlencode

import time_machine
from django.urls import reverse
from django.utils import timezone

from caseload.audit.models import AuditEvent
from caseload.audit.services import audit_record
from caseload.core import clock
from factories import PASSWORD


def _export(http, params=None):
    """The audit trail's CSV export: the filters in the address, the password again."""
    query = urlencode(params or {})
    return http.post(f"{reverse('audit:export')}?{query}", {"your_password": PASSWORD})


def test_search_by_client_user_and_dates(
    client_record, clinician, colleague, privacy_officer, as_user
):
    long_ago = clock.now() - timedelta(days=400)
    with time_machine.travel(long_ago, tick=False):
        audit_record(action="client.read", actor=colleague, client_id=client_record.pk)
    http = as_user(privacy_officer)
    response = http.get(reverse("audit:search"), {"client": client_record.pk, "user": "colleague"})
    events = list(response.context["page"].object_list)
    assert events and {e.actor_username for e in events} == {"colleague"}
    assert {e.client_id for e in events} == {client_record.pk}
    day = timezone.localdate(long_ago)  # searches are by the practice's own calendar days
    response = http.get(reverse("audit:search"), {"since": day, "until": day})
    found = response.context["page"].object_list
    assert [timezone.localdate(e.at) for e in found] == [day]


def test_a_reversed_date_range_is_refused_clearly(privacy_officer, as_user):
    response = as_user(privacy_officer).get(
        reverse("audit:search"), {"since": "2026-02-01", "until": "2026-01-01"}
    )
    assert response.status_code == 400
    assert "The start date is after the end date." in response.content.decode()


def test_searching_is_itself_audited(privacy_officer, as_user, client_record):
    as_user(privacy_officer).get(reverse("audit:search"), {"client": client_record.pk})
    event = AuditEvent.objects.filter(action="audit.search").latest("seq")
    assert event.actor == privacy_officer
    assert event.detail == {"client": str(client_record.pk)}


def test_csv_export_has_every_matching_event(client_record, privacy_officer, as_user):
    response = _export(as_user(privacy_officer), {"client": client_record.pk})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    expected = AuditEvent.objects.filter(client_id=client_record.pk).count()
    assert len(rows) == expected
    assert [int(r["seq"]) for r in rows] == sorted(int(r["seq"]) for r in rows)
    assert AuditEvent.objects.filter(action="audit.export").exists()


def test_csv_cells_cannot_smuggle_spreadsheet_formulas(privacy_officer, as_user):
    audit_record(
        action="login.failure", detail={"username": "=HYPERLINK(1)"}, purpose="=cmd|' /C calc'!A0"
    )
    response = _export(as_user(privacy_officer), {"action": "login.failure"})
    text = b"".join(response.streaming_content).decode()
    assert "'=cmd" in text
    assert ",=cmd" not in text and ",=HYPERLINK" not in text


def test_audit_pages_show_nothing_clinical(client_record, privacy_officer, as_user):
    """H-009: the privacy officer reads the trail, never the record's words."""
    html = as_user(privacy_officer).get(reverse("audit:search")).content.decode()
    assert "perspective.update" in html
    assert "accident" not in html and "brother" not in html

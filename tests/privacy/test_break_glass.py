"""Break-the-glass: a clinician outside the care team opens a record in an emergency.
Hazards: H-045 (emergency access used without a reason or beyond its time) and H-001 (a
clinician sees a client they do not treat)."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.http import Http404
from django.urls import reverse

from caseload.audit.models import AuditEvent
from caseload.clients.access import Part, access_client, clients_visible_to
from caseload.clients.models import BreakGlassGrant
from caseload.core import clock
from caseload.privacy import services
from factories import PASSWORD

REASON = "Client brought to the ED unconscious; need their safety plan."


@pytest.fixture
def watchers(clinician, privacy_officer):
    clinician.email, privacy_officer.email = "treating@example.org", "privacy@example.org"
    clinician.save(update_fields=["email"])
    privacy_officer.save(update_fields=["email"])


def _open(outsider, client_record, reason=REASON):
    return services.break_glass_open(acting_user=outsider, client=client_record, reason=reason)


@pytest.mark.parametrize("reason", ["", "   ", "urgent"])
def test_break_the_glass_without_a_reason_is_refused(outsider, client_record, reason):
    with pytest.raises(ValidationError, match="reason"):
        _open(outsider, client_record, reason)
    assert not BreakGlassGrant.objects.exists()
    assert not clients_visible_to(outsider).exists()


def test_the_page_refuses_without_a_reason(as_user, outsider, client_record):
    response = as_user(outsider).post(
        reverse("privacy:break_glass"),
        {
            "legal_name": client_record.legal_name,
            "date_of_birth": client_record.date_of_birth.isoformat(),
            "reason": "",
            "your_password": PASSWORD,
        },
    )
    assert response.status_code == 400
    assert not BreakGlassGrant.objects.exists()


def test_the_page_opens_access_with_name_birth_date_reason_and_password(
    as_user, outsider, client_record, watchers
):
    http = as_user(outsider)
    data = {
        "legal_name": client_record.legal_name,
        "date_of_birth": client_record.date_of_birth.isoformat(),
        "reason": REASON,
        "your_password": "not my password",
    }
    assert http.post(reverse("privacy:break_glass"), data).status_code == 400
    response = http.post(reverse("privacy:break_glass"), {**data, "your_password": PASSWORD})
    assert response.status_code == 302
    assert http.get(reverse("clients:detail", args=[client_record.pk])).status_code == 200


def test_every_read_under_the_grant_is_audited_with_the_reason(outsider, client_record):
    with pytest.raises(Http404):
        access_client(outsider, client_record.pk, part=Part.CLINICAL, purpose="look")
    grant = _open(outsider, client_record)
    access_client(outsider, client_record.pk, part=Part.CLINICAL, purpose="view perspective")
    event = AuditEvent.objects.filter(action="client.read", actor=outsider).get()
    assert event.detail["break_glass_grant"] == grant.pk
    assert event.detail["break_glass_reason"] == REASON
    assert REASON in event.purpose


def test_break_the_glass_expires_on_time(outsider, client_record):
    _open(outsider, client_record)
    start = clock.now()
    with time_machine.travel(start + timedelta(hours=3, minutes=59)):
        access_client(outsider, client_record.pk, part=Part.CLINICAL, purpose="still on")
    with time_machine.travel(start + timedelta(hours=4, seconds=1)):
        with pytest.raises(Http404):
            access_client(outsider, client_record.pk, part=Part.CLINICAL, purpose="too late")
        assert not clients_visible_to(outsider).exists()


def test_break_the_glass_notifies_the_primary_clinician_and_privacy_officer(
    outsider, client_record, watchers, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _open(outsider, client_record)
    assert len(mail.outbox) == 1
    assert set(mail.outbox[0].to) == {"treating@example.org", "privacy@example.org"}
    assert REASON in mail.outbox[0].body
    # No client name in an email.
    assert client_record.legal_name not in mail.outbox[0].body + mail.outbox[0].subject


def test_the_end_of_access_notifies_once(
    outsider, client_record, watchers, django_capture_on_commit_callbacks
):
    _open(outsider, client_record)
    later = time_machine.travel(clock.now() + timedelta(hours=5))
    with later, django_capture_on_commit_callbacks(execute=True):
        call_command("privacy_reminders", stdout=StringIO())
        call_command("privacy_reminders", stdout=StringIO())
    assert [message.subject for message in mail.outbox] == [
        f"Emergency access ended (client #{client_record.pk})"
    ]


def test_the_privacy_officer_lists_and_reviews_every_grant(
    as_user, outsider, client_record, privacy_officer
):
    grant = _open(outsider, client_record)
    http = as_user(privacy_officer)
    page = http.get(reverse("privacy:home")).content.decode()
    assert REASON in page and "Record review" in page
    response = http.post(
        reverse("privacy:break_glass_review", args=[grant.pk]), {"outcome": "appropriate"}
    )
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.reviewed_by == privacy_officer and grant.review_outcome == "appropriate"
    assert "appropriate" in http.get(reverse("privacy:home")).content.decode()


def test_nobody_reviews_their_own_grant(as_user, outsider, client_record):
    grant = _open(outsider, client_record)
    response = as_user(outsider).post(
        reverse("privacy:break_glass_review", args=[grant.pk]), {"outcome": "appropriate"}
    )
    assert response.status_code == 404
    grant.refresh_from_db()
    assert grant.reviewed_at is None


def test_an_inappropriate_review_needs_a_note(clinician, outsider, client_record):
    grant = _open(outsider, client_record)
    with pytest.raises(ValidationError):
        services.break_glass_review(acting_user=clinician, grant=grant, outcome="inappropriate")


def test_the_care_team_does_not_break_the_glass(clinician, client_record):
    with pytest.raises(ValidationError, match="already have access"):
        _open(clinician, client_record)

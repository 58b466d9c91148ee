"""Mandatory reports: the deadline, the steps, the overdue notice and the restricted
visibility. Hazards: H-047 (a mandatory report missed or late) and H-048 (a report's
existence seen beyond the reporter, their supervisor and the privacy officer)."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from caseload.core import clock
from caseload.privacy import reports, services


def _open(clinician, client_record, jurisdiction="Ontario"):
    return services.report_open(
        acting_user=clinician,
        client=client_record,
        kind="child",
        concern="Bruises the child could not explain.",
        jurisdiction=jurisdiction,
        concern_at=clock.now() - timedelta(hours=1),
    )


def test_the_deadline_defaults_to_24_hours_and_follows_the_jurisdiction(
    clinician, client_record, privacy_officer
):
    report = _open(clinician, client_record)
    assert report.due_at == report.concern_at + timedelta(hours=24)
    services.jurisdiction_deadline_set(
        acting_user=privacy_officer, jurisdiction="California", hours=36
    )
    report = _open(clinician, client_record, "california")
    assert report.due_at == report.concern_at + timedelta(hours=36)


def test_only_the_privacy_officer_sets_deadlines(clinician):
    with pytest.raises(ValidationError):
        services.jurisdiction_deadline_set(acting_user=clinician, jurisdiction="X", hours=5)


def test_visibility_is_reporter_supervisor_and_privacy_officer(
    clinician, colleague, supervisor, other_supervisor, privacy_officer, client_record
):
    report = _open(clinician, client_record)
    for user in (clinician, supervisor, privacy_officer):
        assert list(reports.reports_visible_to(user)) == [report]
    for user in (colleague, other_supervisor):
        assert not reports.reports_visible_to(user).exists()


def test_the_colleague_on_the_care_team_gets_not_found(
    as_user, colleague, clinician, client_record
):
    report = _open(clinician, client_record)
    assert as_user(colleague).get(reverse("privacy:report", args=[report.pk])).status_code == 404
    listing = as_user(colleague).get(reverse("privacy:reports")).content.decode()
    assert "Child abuse" not in listing


def test_the_steps_are_recorded(as_user, clinician, client_record):
    report = _open(clinician, client_record)
    http = as_user(clinician)
    url = reverse("privacy:report", args=[report.pk])
    assert http.post(url, {"step": "consulted", "consulted": "Sam Delgado"}).status_code == 302
    made = {
        "step": "made",
        "agency": "Children's Aid Society",
        "person_spoken_to": "Intake worker R. Khan",
        "reported_at": timezone.localtime(clock.now()).strftime("%Y-%m-%dT%H:%M"),
        "reference": "CAS-2026-118",
    }
    assert http.post(url, made).status_code == 302
    told = {"step": "told", "decision": "told_before", "how": "Explained in session first."}
    assert http.post(url, told).status_code == 302
    report.refresh_from_db()
    assert report.is_complete and report.reference == "CAS-2026-118"
    assert http.post(url, {"step": "made"}).status_code == 400


def test_an_overdue_report_notifies_the_reporter_supervisor_and_officer_once(
    clinician, supervisor, privacy_officer, client_record, django_capture_on_commit_callbacks
):
    for user, address in (
        (clinician, "c@x.org"),
        (supervisor, "s@x.org"),
        (privacy_officer, "p@x.org"),
    ):
        user.email = address
        user.save(update_fields=["email"])
    report = _open(clinician, client_record)
    with time_machine.travel(clock.now() + timedelta(hours=22)):
        assert services.reports_notify_overdue() == 0
    with time_machine.travel(clock.now() + timedelta(hours=24)):
        assert report.__class__.objects.get(pk=report.pk).is_overdue
        with django_capture_on_commit_callbacks(execute=True):
            call_command("privacy_reminders", stdout=StringIO())
            call_command("privacy_reminders", stdout=StringIO())
    assert len(mail.outbox) == 1
    assert set(mail.outbox[0].to) == {"c@x.org", "s@x.org", "p@x.org"}
    assert "Bruises" not in mail.outbox[0].body

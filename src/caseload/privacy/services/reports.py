"""The mandatory-report and duty-to-protect workflow: open, consult the supervisor, make
the report, decide whether and how the client is told; overdue reports notify the
reporter, their supervisors and the privacy officer. Every step is validated first, then
saved in one transaction with its audit event; emails go out after commit."""

import logging
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from caseload.accounts.models import Role, User
from caseload.audit.services import audit_record
from caseload.clients.access import supervisors_of
from caseload.clients.models import Client
from caseload.core import clock
from caseload.privacy.models import (
    ClientTold,
    JurisdictionDeadline,
    MandatoryReport,
    ReportKind,
)
from caseload.privacy.selectors import deadline_hours

logger = logging.getLogger(__name__)


def report_open(
    *,
    acting_user: User,
    client: Client,
    kind: str,
    concern: str,
    jurisdiction: str,
    concern_at: datetime | None = None,
    request: HttpRequest | None = None,
) -> MandatoryReport:
    """Start a report. The deadline runs from when the concern arose, by the
    jurisdiction's rule (24 hours unless the practice set another)."""
    if kind not in ReportKind.values:
        raise ValidationError(_("Choose the type of report."))
    if not concern.strip() or not jurisdiction.strip():
        raise ValidationError(_("Describe the concern and name the jurisdiction."))
    concern_at = concern_at or clock.now()
    if concern_at > clock.now():
        raise ValidationError(_("The concern cannot arise in the future."))
    due_at = concern_at + timedelta(hours=deadline_hours(jurisdiction))
    with transaction.atomic():
        report = MandatoryReport.objects.create(
            client=client,
            reporter=acting_user,
            kind=kind,
            concern=concern.strip(),
            jurisdiction=jurisdiction.strip(),
            concern_at=concern_at,
            due_at=due_at,
        )
        audit_record(
            action="mandatory_report.open",
            actor=acting_user,
            request=request,
            client_id=client.pk,
            obj=report,
            detail={"kind": kind, "due_at": due_at.isoformat()},
        )
    return report


def _save_step(
    report: MandatoryReport,
    acting_user: User,
    request: HttpRequest | None,
    fields: list[str],
    *,
    action: str,
) -> MandatoryReport:
    with transaction.atomic():
        report.save(update_fields=fields)
        audit_record(
            action=action,
            actor=acting_user,
            request=request,
            client_id=report.client_id,
            obj=report,
        )
    return report


def _editable_by(report: MandatoryReport, user: User) -> None:
    # The privacy officer oversees; the reporter and their supervisor do the work.
    if user.role == Role.PRIVACY_OFFICER:
        raise ValidationError(_("The privacy officer oversees reports but does not record steps."))


def report_consulted(
    *,
    acting_user: User,
    report: MandatoryReport,
    consulted: str,
    note: str = "",
    request: HttpRequest | None = None,
) -> MandatoryReport:
    _editable_by(report, acting_user)
    if not consulted.strip():
        raise ValidationError(_("Name the supervisor you consulted."))
    report.supervisor_consulted = consulted.strip()[:200]
    report.consultation_note = note.strip()
    report.supervisor_consulted_at = clock.now()
    fields = ["supervisor_consulted", "consultation_note", "supervisor_consulted_at"]
    return _save_step(report, acting_user, request, fields, action="mandatory_report.consulted")


def report_made(
    *,
    acting_user: User,
    report: MandatoryReport,
    agency: str,
    person_spoken_to: str,
    reported_at: datetime,
    reference: str,
    request: HttpRequest | None = None,
) -> MandatoryReport:
    _editable_by(report, acting_user)
    if not agency.strip() or not person_spoken_to.strip():
        raise ValidationError(_("Record the agency and the person you spoke to."))
    if reported_at > clock.now():
        raise ValidationError(_("The report cannot be made in the future."))
    if reported_at < report.concern_at:
        raise ValidationError(_("The report cannot come before the concern."))
    report.agency, report.person_spoken_to = agency.strip(), person_spoken_to.strip()
    report.reported_at, report.reference = reported_at, reference.strip()
    fields = ["agency", "person_spoken_to", "reported_at", "reference"]
    return _save_step(report, acting_user, request, fields, action="mandatory_report.made")


def report_client_told(
    *,
    acting_user: User,
    report: MandatoryReport,
    decision: str,
    how: str,
    request: HttpRequest | None = None,
) -> MandatoryReport:
    _editable_by(report, acting_user)
    if decision not in ClientTold.values or not decision:
        raise ValidationError(_("Record whether the client is told."))
    if not how.strip():
        raise ValidationError(_("Say how the client was told, or why they were not."))
    report.client_told, report.client_told_how = decision, how.strip()
    report.client_told_recorded_at = clock.now()
    fields = ["client_told", "client_told_how", "client_told_recorded_at"]
    return _save_step(report, acting_user, request, fields, action="mandatory_report.client_told")


def reports_notify_overdue() -> int:
    """Email the reporter, their supervisors and the privacy officers once about each
    report past its deadline and not yet made (from `caseload privacy_reminders`).

    Not a safety alert: those reach the whole care team, and a report's existence is
    restricted to the reporter, their supervisor and the privacy officer. The overdue
    report also heads the Mandatory reports page of each of them."""
    count = 0
    overdue = MandatoryReport.objects.filter(
        reported_at__isnull=True, due_at__lte=clock.now(), overdue_alerted_at__isnull=True
    ).select_related("reporter")
    for report in overdue:
        with transaction.atomic():
            claimed = MandatoryReport.objects.filter(
                pk=report.pk, overdue_alerted_at__isnull=True
            ).update(overdue_alerted_at=clock.now())
            if not claimed:
                continue
            audit_record(action="mandatory_report.overdue", client_id=report.client_id, obj=report)
            transaction.on_commit(partial(_email_overdue, report))
        count += 1
    return count


def _report_watchers(report: MandatoryReport) -> list[User]:
    supervisors = supervisors_of(report.reporter)
    officers = User.objects.filter(role=Role.PRIVACY_OFFICER, is_active=True)
    return [report.reporter, *supervisors, *officers]


def _email_overdue(report: MandatoryReport) -> None:
    addresses = sorted({user.email for user in _report_watchers(report) if user.email})
    if not addresses:
        return
    # The email says only that a report is late, never what it is about.
    body = _(
        "A mandatory report opened by %(reporter)s was due at %(due)s and is not recorded "
        "as made. Sign in to caseload and open Mandatory reports."
    ) % {"reporter": report.reporter, "due": report.due_at.strftime("%Y-%m-%d %H:%M %Z")}
    try:
        send_mail(_("Overdue mandatory report"), body, settings.DEFAULT_FROM_EMAIL, addresses)
    except Exception:
        logger.exception("could not email about overdue mandatory report %s", report.pk)


def jurisdiction_deadline_set(
    *, acting_user: User, jurisdiction: str, hours: int, request: HttpRequest | None = None
) -> JurisdictionDeadline:
    """The practice's rule for how soon a report is due in one jurisdiction."""
    if acting_user.role != Role.PRIVACY_OFFICER:
        raise ValidationError(_("Only the privacy officer sets reporting deadlines."))
    if not jurisdiction.strip() or not 1 <= hours <= 24 * 30:
        raise ValidationError(_("Name the jurisdiction and a deadline of 1 hour to 30 days."))
    with transaction.atomic():
        rule, _created = JurisdictionDeadline.objects.update_or_create(
            jurisdiction=jurisdiction.strip(), defaults={"hours": hours}
        )
        audit_record(
            action="mandatory_report.deadline_set",
            actor=acting_user,
            request=request,
            obj=rule,
            detail={"jurisdiction": rule.jurisdiction, "hours": hours},
        )
    return rule

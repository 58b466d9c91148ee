"""Searching the audit trail: by client, by user and by date range, over any span. The
privacy officer's pages read it in sentences (privacy/audit_trail.py)."""

from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from caseload.audit.models import AuditEvent


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_search(
    *,
    client_id: int | None = None,
    username: str = "",
    since: date | None = None,
    until: date | None = None,
    action: str = "",
) -> QuerySet[AuditEvent]:
    """Events matching every given filter, newest first. `until` is inclusive."""
    events = AuditEvent.objects.all()
    if client_id is not None:
        events = events.filter(client_id=client_id)
    if username:
        events = events.filter(actor_username__iexact=username)
    if since is not None:
        events = events.filter(at__gte=_start_of(since))
    if until is not None:
        events = events.filter(at__lt=_start_of(until + timedelta(days=1)))
    if action:
        events = events.filter(action__startswith=action)
    return events.order_by("-seq")


def spreadsheet_safe(text: str) -> str:
    """`text` as a spreadsheet cell that cannot run a formula: one starting with = + - @
    (or a tab or carriage return, which some spreadsheets skip) is prefixed with '."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text

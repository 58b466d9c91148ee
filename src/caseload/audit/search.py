"""Searching the audit trail: by client, by user and by date range, over any span."""

import csv
import json
from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from caseload.audit.models import AuditEvent

CSV_COLUMNS = [
    "seq",
    "at",
    "actor_username",
    "action",
    "object_type",
    "object_id",
    "client_id",
    "ip",
    "purpose",
    "detail",
    "hash",
]


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


class _Echo:
    def write(self, value):
        return value


def csv_rows(events: QuerySet[AuditEvent]):
    """Yield CSV lines one at a time, so an export of years of events stays small in
    memory (streamed, fetched in chunks)."""
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_COLUMNS)
    for event in events.iterator(chunk_size=2000):
        yield writer.writerow(
            [
                event.seq,
                event.at.isoformat(),
                _cell(event.actor_username),
                event.action,
                event.object_type,
                event.object_id,
                event.client_id or "",
                event.ip or "",
                _cell(event.purpose),
                _cell(json.dumps(event.detail, sort_keys=True)),
                event.hash,
            ]
        )


def _cell(text: str) -> str:
    # Spreadsheet formula injection: a cell must not start with = + - @ or a tab.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text

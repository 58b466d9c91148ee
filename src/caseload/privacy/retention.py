"""Retention: how long each type of record is kept after discharge, what is due, and the
one path that removes records (`caseload retention purge`), with an audit event for each
record removed.

A client's records become due `years` after their discharge (the end of their last
episode of care, once the client is discharged). For a client who was a minor at
discharge, the clock starts at the later of discharge and the day they reach
`minors_until_age`. The accounting of disclosures is never purged: its rows are
append-only, and they keep the releases they were made under.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from django.apps import apps
from django.db import transaction
from django.db.models import Max, ProtectedError, QuerySet

from caseload.audit.services import audit_record
from caseload.clients.models import Client, ClientStatus
from caseload.core import clock
from caseload.core.fields import record_label
from caseload.privacy.models import RetentionRule

DEFAULT_YEARS = 7
DEFAULT_MINORS_UNTIL_AGE = 18


def _notes(client: Client) -> list[QuerySet]:
    if not apps.is_installed("caseload.notes"):
        return []
    from caseload.notes.models import Amendment, Note

    return [Amendment.objects.filter(client=client), Note.objects.filter(client=client)]


def _plans(client: Client) -> list[QuerySet]:
    if not apps.is_installed("caseload.plans"):
        return []
    return [client.treatment_plans.all()]


def _measures(client: Client) -> list[QuerySet]:
    return [client.measure_responses.all()] if hasattr(client, "measure_responses") else []


# Record type -> the rows of a client it covers, in deletion order. Notes come before
# appointments because a note protects the session it records.
RECORD_TYPES: dict[str, Callable[[Client], list[QuerySet]]] = {
    "notes": _notes,
    "treatment_plans": _plans,
    "measure_responses": _measures,
    "appointments": lambda client: [client.appointments.all()],
    "consents": lambda client: [client.consents.all()],
    "releases": lambda client: [client.releases.all()],
    "mandatory_reports": lambda client: [client.mandatory_reports.all()],
    "break_glass": lambda client: [client.break_glass.all()],
}


@dataclass(frozen=True)
class Due:
    client: Client
    record_type: str
    due_on: date
    count: int


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def rule_for(record_type: str) -> tuple[int, int]:
    rule = RetentionRule.objects.filter(record_type=record_type).first()
    if rule is None:
        return DEFAULT_YEARS, DEFAULT_MINORS_UNTIL_AGE
    return rule.years_after_discharge, rule.minors_until_age or DEFAULT_MINORS_UNTIL_AGE


def due_on(client: Client, discharged_on: date, record_type: str) -> date:
    years, minors_until_age = rule_for(record_type)
    start = max(discharged_on, _years_later(client.date_of_birth, minors_until_age))
    return _years_later(start, years)


def _discharged() -> Iterator[tuple[Client, date]]:
    clients = (
        Client.objects.filter(status=ClientStatus.DISCHARGED)
        .annotate(discharged_on=Max("episodes__ended_on"))
        .filter(discharged_on__isnull=False)
        .order_by("pk")
    )
    for client in clients:
        yield client, client.discharged_on


def retention_due(today: date | None = None) -> list[Due]:
    """Every (client, record type) whose retention period has run out and which still
    has rows."""
    today = today or clock.today()
    found = []
    for client, discharged_on in _discharged():
        for record_type, rows_of in RECORD_TYPES.items():
            when = due_on(client, discharged_on, record_type)
            count = sum(rows.count() for rows in rows_of(client))
            if when <= today and count:
                found.append(Due(client=client, record_type=record_type, due_on=when, count=count))
    return found


def retention_purge(*, acting_user=None, today: date | None = None) -> tuple[int, int]:
    """Remove what is due, one row at a time, each with its audit event in the same
    transaction. Rows another record protects (a release named by a disclosure) are
    kept. Returns (removed, kept)."""
    removed = kept = 0
    for due in retention_due(today):
        for rows in RECORD_TYPES[due.record_type](due.client):
            for row in rows.order_by("pk"):
                if _remove(row, due, acting_user):
                    removed += 1
                else:
                    kept += 1
    return removed, kept


def _remove(row, due: Due, acting_user) -> bool:
    label, pk = record_label(row), row.pk
    try:
        with transaction.atomic():
            row.delete()
            audit_record(
                action="retention.purge",
                actor=acting_user,
                client_id=due.client.pk,
                object_type=label,
                object_id=pk,
                purpose="retention period ended",
                detail={"record_type": due.record_type, "due_on": due.due_on.isoformat()},
            )
    except ProtectedError:
        return False
    return True

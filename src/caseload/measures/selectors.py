"""Reading a client's measures for their tab: results by instrument and the links sent.
The client comes from the door."""

from typing import Any

from django.db.models import QuerySet

from caseload.clients.models import Client
from caseload.measures.models import MeasureResponse
from caseload.measures.schedule import due_for_page
from caseload.portal.models import PortalLink


def responses_by_instrument(client: Client) -> dict[str, list[MeasureResponse]]:
    """The client's results grouped by instrument code, newest first within each."""
    by_instrument: dict[str, list[MeasureResponse]] = {}
    for response in client.measure_responses.order_by("-completed_at", "-id"):
        by_instrument.setdefault(response.instrument, []).append(response)
    return by_instrument


def recent_measure_links(client: Client, *, kind: str, limit: int = 10) -> QuerySet[PortalLink]:
    """The newest questionnaire links sent to the client, with who sent them."""
    return client.portal_links.filter(kind=kind).select_related("created_by")[:limit]


def clients_with_measures_due(clients: QuerySet[Client]) -> list[Any]:
    """Those of `clients` (a set that came through the door) with an active measure plan
    that is due now, each with `measure_overdue` (due for longer than the grace period),
    the overdue first, then by name. Two queries; the rule is measures.schedule's, as the
    caseload page's badge reads it (Clients with that flag set, hence Any)."""
    rows: list[Any] = list(clients.only("id", "legal_name", "preferred_name"))
    due = due_for_page([client.pk for client in rows])
    found = [client for client in rows if client.pk in due]
    for client in found:
        client.measure_overdue = due[client.pk] == "overdue"
    return sorted(found, key=lambda client: (not client.measure_overdue, client.legal_name))

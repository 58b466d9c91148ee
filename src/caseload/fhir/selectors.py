"""Reading a client's results for FHIR search. The client comes from the door."""

from django.db.models import QuerySet

from caseload.clients.models import Client
from caseload.measures.models import MeasureResponse


def client_results(
    client: Client, *, instruments: set[str] | None = None
) -> QuerySet[MeasureResponse]:
    """The client's results, oldest first; only those of `instruments` when given."""
    results = client.measure_responses.order_by("completed_at", "id")
    if instruments is not None:
        results = results.filter(instrument__in=instruments)
    return results

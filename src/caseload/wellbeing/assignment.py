"""Fair assignment: when intake assigns a new client, each eligible professional's
caseload, high-risk count and open capacity, so new work lands where there is room.
Counts only; no client is named."""

from dataclasses import dataclass

from caseload.accounts.models import CLINICAL_ROLES, User
from caseload.clients.access import workload_clients
from caseload.wellbeing.models import WorkloadSettings
from caseload.wellbeing.workload import high_risk_client_ids


@dataclass(frozen=True)
class AssignmentRow:
    person: User
    caseload: int
    high_risk: int
    open_capacity: int


def assignment_rows() -> list[AssignmentRow]:
    """Active clinicians and supervisors, most open capacity first."""
    capacity = WorkloadSettings.current().caseload_capacity
    rows = []
    for person in User.objects.filter(is_active=True, role__in=CLINICAL_ROLES):
        client_ids = list(workload_clients(person).values_list("pk", flat=True))
        rows.append(
            AssignmentRow(
                person=person,
                caseload=len(client_ids),
                high_risk=len(high_risk_client_ids(client_ids)),
                open_capacity=max(capacity - len(client_ids), 0),
            )
        )
    return sorted(rows, key=lambda row: (-row.open_capacity, row.high_risk, str(row.person)))

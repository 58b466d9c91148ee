"""Reading the staff directory: what the administrator's home page summarises."""

from dataclasses import dataclass

from django.db.models import Count

from caseload.accounts.models import Role, User


@dataclass(frozen=True)
class RoleCount:
    role: str
    label: str
    active: int


@dataclass(frozen=True)
class StaffSummary:
    by_role: list[RoleCount]  # every role, in the order of Role, zeros included
    active: int
    inactive: int


def staff_summary() -> StaffSummary:
    """How many people hold each role (active accounts) and how many accounts are
    switched off, in one query."""
    counts = User.objects.values("role", "is_active").annotate(people=Count("pk")).order_by()
    active = {row["role"]: row["people"] for row in counts if row["is_active"]}
    inactive = sum(row["people"] for row in counts if not row["is_active"])
    return StaffSummary(
        by_role=[RoleCount(role, str(label), active.get(role, 0)) for role, label in Role.choices],
        active=sum(active.values()),
        inactive=inactive,
    )

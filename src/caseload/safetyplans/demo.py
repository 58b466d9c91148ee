"""Demo data for safety plans (synthetic only): two clients with a plan in two versions.
Their check-ins are seeded by safety/demo_checkins.py."""

from datetime import timedelta

from caseload.clients.models import CareTeamRole
from caseload.core import clock
from caseload.safetyplans.models import SafetyPlanVersion
from caseload.safetyplans.services import safety_plan_revise

FIRST = {
    "warning_signs": ["I stop answering messages", "Lying awake going over everything"],
    "coping_alone": ["Cold shower", "Walk to the river and back", "The breathing app"],
    "distractions": [
        {"name": "The climbing wall on Mill Road", "phone": ""},
        {"name": "My cousin Dee (football on Sundays)", "phone": "555-0134"},
    ],
    "people_to_ask": [{"name": "My sister Ana", "phone": "(555) 010-0142"}],
    "services": [
        {"name": "My clinician at the practice", "phone": "555-0100"},
        {"name": "Out-of-hours GP", "phone": "555-0111"},
    ],
    "safer_surroundings": [
        {"method": "Tablets", "agreed": "Ana keeps the box; I collect a week at a time"}
    ],
    "reasons_for_living": ["My daughter", "Finishing my apprenticeship"],
}
SECOND_CHANGES = {
    "coping_alone": ["Cold shower", "Walk to the river and back", "Drawing, even badly"],
    "people_to_ask": [
        {"name": "My sister Ana", "phone": "(555) 010-0142"},
        {"name": "Tom from work", "phone": "555-0177"},
    ],
}


def _primary(client):
    member = client.care_team.filter(role=CareTeamRole.PRIMARY).select_related("user").first()
    return member.user if member else None


def seed(*, staff, clients, rng) -> None:
    now = clock.now()
    chosen = [client for client in clients if _primary(client) is not None][:2]
    for client in chosen:
        author = _primary(client)
        first = safety_plan_revise(acting_user=author, client=client, steps=FIRST)
        second = safety_plan_revise(
            acting_user=author,
            client=client,
            steps={**FIRST, **SECOND_CHANGES},
            note="Reviewed together after a hard weekend; added Tom.",
        )
        # Demo only: spread the versions over the past weeks so the history reads true.
        SafetyPlanVersion.objects.filter(pk=first.pk).update(created_at=now - timedelta(days=21))
        SafetyPlanVersion.objects.filter(pk=second.pk).update(created_at=now - timedelta(days=7))

"""Demo data for safety plans and check-ins (synthetic only): two clients with a plan
in two versions, a couple of weeks of check-ins, one of them flagged."""

from datetime import timedelta

from caseload.clients.models import CareTeamRole
from caseload.core import clock
from caseload.safety import plan_services
from caseload.safety.models import SafetyPlanVersion

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
CHECKIN_TEXTS = [
    "Slept badly, work was a lot.",
    "Better day, went for the walk.",
    "Argued with my dad. Used the breathing app.",
    "Tired but okay.",
    "This job is killing me but I got through the week.",
    "Honestly some nights I wish I was dead. I'm safe right now.",
    "Talked to Ana, felt lighter.",
]


def _primary(client):
    member = client.care_team.filter(role=CareTeamRole.PRIMARY).select_related("user").first()
    return member.user if member else None


def seed(*, staff, clients, rng) -> None:
    now = clock.now()
    chosen = [client for client in clients if _primary(client) is not None][:2]
    for index, client in enumerate(chosen):
        author = _primary(client)
        first = plan_services.safety_plan_revise(acting_user=author, client=client, steps=FIRST)
        second = plan_services.safety_plan_revise(
            acting_user=author,
            client=client,
            steps={**FIRST, **SECOND_CHANGES},
            note="Reviewed together after a hard weekend; added Tom.",
        )
        # Demo only: spread the versions over the past weeks so the history reads true.
        SafetyPlanVersion.objects.filter(pk=first.pk).update(created_at=now - timedelta(days=21))
        SafetyPlanVersion.objects.filter(pk=second.pk).update(created_at=now - timedelta(days=7))
        issued = plan_services.client_link_issue(
            acting_user=author, client=client, kind=plan_services.CHECKIN_LINK
        )
        texts = CHECKIN_TEXTS if index == 0 else CHECKIN_TEXTS[:5]
        for day, text in enumerate(texts):
            plan_services.checkin_record(
                client=client,
                channel="link",
                link=issued.link,
                mood=rng.randint(2, 7),
                sleep=rng.randint(2, 8),
                stress=rng.randint(3, 9),
                text=text,
                received_at=now - timedelta(days=2 * (len(texts) - day)),
            )

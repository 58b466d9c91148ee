"""Demo check-ins (synthetic only): a couple of weeks of them for the two clients who
also get a demo safety plan (safetyplans/demo.py), one of them flagged."""

from datetime import timedelta

from caseload.clients.models import CareTeamRole
from caseload.core import clock
from caseload.safety.checkins import checkin_record
from caseload.safety.client_links import CHECKIN_LINK, client_link_issue

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


def seed(*, clients, rng) -> None:
    now = clock.now()
    chosen = [client for client in clients if _primary(client) is not None][:2]
    for index, client in enumerate(chosen):
        issued = client_link_issue(acting_user=_primary(client), client=client, kind=CHECKIN_LINK)
        texts = CHECKIN_TEXTS if index == 0 else CHECKIN_TEXTS[:5]
        for day, text in enumerate(texts):
            checkin_record(
                client=client,
                channel="link",
                link=issued.link,
                mood=rng.randint(2, 7),
                sleep=rng.randint(2, 8),
                stress=rng.randint(3, 9),
                text=text,
                received_at=now - timedelta(days=2 * (len(texts) - day)),
            )

"""Demo data for the professional's side (synthetic only, through the services): a few
contacts between sessions (some out of hours, so the marks and the pattern show), boundary
entries with one waiting for supervision, a supervision session with an action item, and
a self-check each for two clinicians. Team aggregates stay hidden in the demo: fewer than
five people take the check, which is the point."""

import datetime

from caseload.core import clock
from caseload.wellbeing import selfcheck, services


def _clients_of(user, clients):
    return [client for client in clients if client.care_team.filter(user=user).exists()]


def _past_weekday(today: datetime.date, days_back: int) -> datetime.date:
    day = today - datetime.timedelta(days=days_back)
    while day.weekday() >= 5:
        day -= datetime.timedelta(days=1)
    return day


def seed(*, staff, clients, rng) -> None:
    clinician, supervisor = staff["clinician"], staff["supervisor"]
    own = _clients_of(clinician, clients)
    if len(own) < 2:
        return
    today = clock.today()
    late_caller, other = own[0], own[1]
    # Three late-evening calls from one client: marked out of hours, and a gentle pattern.
    for days_back, minutes in ((2, 25), (6, 15), (11, 30)):
        services.contact_log(
            acting_user=clinician,
            client=late_caller,
            channel="phone",
            initiated_by="client",
            started_at=datetime.datetime.combine(
                today - datetime.timedelta(days=days_back), datetime.time(21, 40)
            ),
            duration_minutes=minutes,
            note=rng.choice(
                [
                    "Distressed after an argument at home; we went through the safety plan.",
                    "Could not sleep, wanted to check the time of the next session.",
                    "Worried about a letter from the housing office.",
                ]
            ),
        )
    services.contact_log(
        acting_user=clinician,
        client=other,
        channel="email",
        initiated_by="professional",
        started_at=datetime.datetime.combine(_past_weekday(today, 3), datetime.time(11, 15)),
        duration_minutes=10,
        note="Sent the worksheet we talked about.",
    )
    services.boundary_record(
        acting_user=clinician,
        client=other,
        kind="gift",
        occurred_on=today - datetime.timedelta(days=4),
        reflection=(
            "Brought homemade biscuits to say thank you. I accepted and shared them with the "
            "team; I want to think about what it meant to them."
        ),
        discuss_in_supervision=True,
    )
    services.boundary_record(
        acting_user=clinician,
        client=late_caller,
        kind="extended_session",
        occurred_on=today - datetime.timedelta(days=8),
        minutes_over=20,
        reflection="The most important thing came up in the last five minutes again.",
    )
    session = services.supervision_session_record(
        acting_user=supervisor,
        supervisee=clinician,
        held_on=today - datetime.timedelta(days=14),
        notes="Talked about the evening calls and how to hold the contact agreement kindly.",
        cases=[late_caller],
    )
    services.action_item_add(
        acting_user=supervisor,
        session=session,
        text="Revisit the contact agreement with the client at the next session.",
        due_on=today + datetime.timedelta(days=7),
    )
    for person in (staff["clinician2"], staff["clinician3"]):
        answers = [rng.choice([2, 3, 3, 4]) for _ in range(30)]
        selfcheck.self_check_take(acting_user=person, instrument="proqol5", answers=answers)

"""Demo plans, agreements and session feedback (synthetic only), written through the
plans services so the audit trail is as in real use.

Most active clients get a plan with two or three goals. Among them: most are signed,
one (the first of `clinician`) is awaiting the client's signature, one has a review that
is overdue, and one has a signed version followed by a change (so it shows "signed
version 1; current version 2 unsigned"). Several clients have an acknowledged
expectations agreement with contact hours; several have session feedback, one of it
low.
"""

from datetime import time, timedelta

from caseload.clients.models import Attendance, ClientStatus
from caseload.core import clock
from caseload.plans import document, selectors, services

GOALS = [
    {
        "client_words": "I want to sleep through the night again.",
        "clinical_wording": "Reduce sleep-onset insomnia; regular sleep-wake schedule.",
        "objective": "Asleep within 30 minutes on 5 of 7 nights, by the sleep diary.",
        "instrument": "phq9",
        "target_direction": "below",
        "target_value": 10,
        "levels": [
            "Asleep within 30 minutes on no nights",
            "On 1 to 2 nights a week",
            "On 3 to 4 nights a week",
            "On 5 to 6 nights a week",
            "Every night",
        ],
    },
    {
        "client_words": "Feel less on edge at work.",
        "clinical_wording": "Reduce generalised anxiety symptoms; use grounding skills.",
        "objective": "Uses a grounding skill at work at least 3 times a week.",
        "instrument": "gad7",
        "target_direction": "below",
        "target_value": 8,
        "levels": [
            "Leaves work early most weeks because of anxiety",
            "Uses a skill less than once a week",
            "Uses a skill 3 times a week",
            "Uses a skill daily and notices it helps",
            "Rarely needs the skills; feels settled at work",
        ],
    },
    {
        "client_words": "See my friends again, not just stay in.",
        "clinical_wording": "Increase social activation; reduce avoidance.",
        "objective": "One planned social contact a week.",
        "instrument": "",
        "target_direction": "",
        "target_value": None,
        "levels": [
            "No contact with friends",
            "One contact a month",
            "One contact a week",
            "Two contacts a week",
            "Joins a regular group activity",
        ],
    },
]

LEVEL_FIELDS = ["level_minus2", "level_minus1", "level_0", "level_plus1", "level_plus2"]


def _goal_changes(template: dict) -> dict:
    changes = {key: value for key, value in template.items() if key != "levels"}
    changes.update(zip(LEVEL_FIELDS, template["levels"], strict=True))
    changes["target_date"] = clock.today() + timedelta(weeks=12)
    return changes


def _primary(client):
    member = client.care_team.filter(role="primary").select_related("user").first()
    return member.user if member else None


def _make_plan(client, clinician, rng):
    plan = services.plan_create_for_current_episode(
        acting_user=clinician,
        client=client,
        changes={
            "problems": rng.choice(
                [
                    "Low mood and poor sleep since losing their job.",
                    "Worry that stops them going out; panic on public transport.",
                    "Grief after a bereavement; withdrawing from friends.",
                ]
            ),
            "interventions": "Weekly CBT sessions; sleep diary; graded activity plan.",
            "responsibilities": "The client keeps the diary and brings it; the clinician "
            "reviews it each session and sends the worksheets.",
            "next_review_on": clock.today() + timedelta(weeks=rng.randint(2, 8)),
        },
    )
    for template in rng.sample(GOALS, rng.randint(2, 3)):
        services.goal_save(acting_user=clinician, plan=plan, changes=_goal_changes(template))
    return plan


def _sign(plan, clinician, client):
    issued = services.plan_sign_link_create(acting_user=clinician, plan=plan)
    shown = document.sha256(services.plan_document_text(plan))
    services.plan_sign(link=issued.link, typed_name=client.legal_name, shown_sha256=shown)


def _review(plan, clinician, rng, *, weeks_ago: int, next_in_weeks: int):
    reviewed_on = clock.today() - timedelta(weeks=weeks_ago)
    services.plan_review_record(
        acting_user=clinician,
        plan=plan,
        reviewed_on=reviewed_on,
        ratings={
            goal.pk: rng.choice([-1, 0, 0, 1, 1, 2]) for goal in selectors.active_goals(plan)
        },
        summary="Reviewed together; the client chose to keep the goals as they are.",
        next_review_on=clock.today() + timedelta(weeks=next_in_weeks),
    )


def _agreement(client, clinician, rng):
    start = rng.choice([8, 9, 10])
    agreement = services.agreement_save(
        acting_user=clinician,
        client=client,
        fields={
            "session_frequency": rng.choice(["Weekly", "Every two weeks"]),
            "session_minutes": 50,
            "cancellations": "Please give 24 hours' notice. After two missed sessions in a "
            "row we will talk about what gets in the way.",
            "contact_channels": rng.choice([["phone", "email"], ["email"], ["phone", "text"]]),
            "contact_days": rng.choice([[0, 1, 2, 3, 4], [0, 2, 4], [1, 3]]),
            "contact_start": time(start),
            "contact_end": time(start + rng.choice([6, 8])),
            "response_hours": rng.choice([24, 48]),
            "cannot_offer": "No crisis support by text or email; messages are read only in "
            "the hours above.",
            "crisis_steps": "Call a crisis line below, or go to the nearest emergency department.",
            "progress_review": "We look at the plan and your questionnaires every six weeks.",
        },
    )
    issued = services.agreement_link_create(acting_user=clinician, agreement=agreement)
    shown = document.sha256(services.agreement_text(agreement))
    services.agreement_acknowledge(
        link=issued.link, typed_name=client.legal_name, shown_sha256=shown
    )


def _feedback(client, clinician, rng, *, low: bool) -> bool:
    """Feedback on the client's last few attended sessions; True if there was any."""
    sessions = list(
        client.appointments.filter(attendance=Attendance.ATTENDED, starts_at__lt=clock.now())
        .filter(feedback__isnull=True)
        .order_by("starts_at")
    )[-4:]
    for index, appointment in enumerate(sessions):
        last = index == len(sessions) - 1
        ratings = {name: rng.choice([4, 5, 5]) for name in ("heard", "focus", "approach")}
        comment = ""
        if low and last:
            ratings["focus"] = 2
            comment = "We spent the session on my week and not on what I came for."
        issued = services.feedback_link_create(acting_user=clinician, appointment=appointment)
        services.feedback_submit(link=issued.link, ratings=ratings, comment=comment)
    return bool(sessions)


def seed(*, staff, clients, rng) -> None:
    active = [client for client in clients if client.status == ClientStatus.ACTIVE]
    awaiting_done = overdue_done = changed_done = low_done = False
    for index, client in enumerate(active):
        clinician = _primary(client)
        if clinician is None or index % 5 == 4:  # most, not all, active clients
            continue
        plan = _make_plan(client, clinician, rng)
        if not awaiting_done and clinician.username == "clinician":
            awaiting_done = True  # left unsigned: awaiting the client's signature
        elif not overdue_done:
            _sign(plan, clinician, client)
            # Reviewed eight weeks ago, next review due a week ago: overdue.
            _review(plan, clinician, rng, weeks_ago=8, next_in_weeks=-1)
            overdue_done = True
        elif not changed_done:
            _sign(plan, clinician, client)
            services.plan_update(
                acting_user=clinician,
                plan=plan,
                changes={"interventions": plan.interventions + " Added: relaxation practice."},
            )
            changed_done = True
        else:
            _sign(plan, clinician, client)
            if rng.random() < 0.5:
                _review(plan, clinician, rng, weeks_ago=2, next_in_weeks=rng.randint(3, 6))
        if index % 2 == 0:
            _agreement(client, clinician, rng)
        if index % 3 == 0:
            low_done = _feedback(client, clinician, rng, low=not low_done) or low_done

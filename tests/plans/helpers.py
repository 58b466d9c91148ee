"""Builders for plan tests: a plan with goals, a review, a signature, an agreement and
session feedback, all made through the plans services (synthetic data only)."""

from datetime import time, timedelta

from caseload.clients import services as client_services
from caseload.core import clock
from caseload.plans import document, services

LEVELS = {
    "level_minus2": "Out of bed after noon most days",
    "level_minus1": "Up by 10 on two days a week",
    "level_0": "Up by 9 on four days a week",
    "level_plus1": "Up by 9 every weekday",
    "level_plus2": "Up by 8 every day, including weekends",
}


def goal_fields(**overrides) -> dict:
    fields = {
        "client_words": "I want to get up in the mornings again.",
        "clinical_wording": "Improve behavioural activation and sleep-wake regularity.",
        "objective": "Out of bed by 9am on 4 of 7 days, by the diary.",
        "target_date": clock.today() + timedelta(weeks=8),
        "instrument": "",
        "target_direction": "",
        "target_value": None,
        "weight": 1,
        **LEVELS,
    }
    fields.update(overrides)
    return fields


def make_plan(client, user, *, goals: int = 1, **goal_overrides):
    plan = services.plan_create_for_current_episode(
        acting_user=user,
        client=client,
        changes={
            "problems": "Low mood and broken sleep since the accident.",
            "interventions": "Behavioural activation; sleep diary; weekly CBT sessions.",
            "responsibilities": "Jo keeps the diary; the clinician reviews it each week.",
            "next_review_on": clock.today() + timedelta(weeks=6),
        },
    )
    for number in range(goals):
        services.goal_save(
            acting_user=user,
            plan=plan,
            changes=goal_fields(
                client_words=f"Goal {number + 1}: get up in the mornings.", **goal_overrides
            ),
        )
    return plan


def sign(plan, acting_user, *, name: str = "Jordan Rivera"):
    issued = services.plan_sign_link_create(acting_user=acting_user, plan=plan)
    plan.refresh_from_db()
    shown = document.sha256(services.plan_document_text(plan))
    return services.plan_sign(link=issued.link, typed_name=name, shown_sha256=shown)


AGREEMENT = {
    "session_frequency": "Weekly",
    "session_minutes": 50,
    "cancellations": "Please give 24 hours' notice. After two missed sessions we talk.",
    "contact_channels": ["phone", "email"],
    "contact_days": [0, 2, 4],
    "contact_start": time(10),
    "contact_end": time(16),
    "response_hours": 48,
    "cannot_offer": "No crisis support by text or email; messages are read in working hours.",
    "crisis_steps": "Call the crisis line or go to the emergency department.",
    "progress_review": "We review the plan every six weeks.",
}


def make_agreement(client, user, **overrides):
    return services.agreement_save(
        acting_user=user, client=client, fields={**AGREEMENT, **overrides}
    )


def acknowledge(agreement, user, *, name: str = "Jordan Rivera"):
    issued = services.agreement_link_create(acting_user=user, agreement=agreement)
    shown = document.sha256(services.agreement_text(agreement))
    return services.agreement_acknowledge(link=issued.link, typed_name=name, shown_sha256=shown)


def attended_session(client, clinician, *, days_ago: int = 1):
    appointment = client_services.appointment_create(
        acting_user=clinician,
        client=client,
        clinician=clinician,
        starts_at=clock.now() - timedelta(days=days_ago),
        duration_minutes=50,
        kind="session",
    )
    return client_services.appointment_record_attendance(
        acting_user=clinician, appointment=appointment, attendance="attended"
    )


def give_feedback(client, clinician, *, heard=5, focus=5, approach=5, comment="", days_ago=1):
    appointment = attended_session(client, clinician, days_ago=days_ago)
    issued = services.feedback_link_create(acting_user=clinician, appointment=appointment)
    return services.feedback_submit(
        link=issued.link,
        ratings={"heard": heard, "focus": focus, "approach": approach},
        comment=comment,
    )

"""Demo safety data (synthetic only), made through the services: an on-call contact, a
high-risk assessment whose first follow-up was missed, a closed crisis event with its
follow-ups done, a risk review that is overdue, and the alerts these raise.

Every alert here is raised by the rule that raises it in real use (the assessment, the
missed follow-up), never by calling alert_raise with a severity of the demo's choosing:
a trigger has one severity everywhere (H-097). The measure answers that raise alerts are
seeded by measures/demo.py, through the scoring engine.

Services stamp everything with the clock's now; the demo then moves a few timestamps
into the past so the practice looks lived in (a follow-up due yesterday, an event last
week). Only times are moved: encrypted text is never touched outside its model."""

from datetime import timedelta

from django.db.models import F

from caseload.core import clock
from caseload.safety.models import Alert, CrisisEvent, CrisisStep, FollowUp, RiskAssessment
from caseload.safety.services import (
    alert_acknowledge,
    crisis_event_close,
    crisis_event_start,
    crisis_step_complete,
    follow_up_complete,
    follow_ups_raise_missed,
    practice_settings_update,
    risk_assessment_record,
)

HIGH_RISK = {
    "thoughts": "active",
    "thoughts_notes": "Thoughts of not wanting to be here most evenings since the layoff.",
    "plan": "vague",
    "plan_notes": "Mentioned stockpiling tablets, no date or place.",
    "intent": "ambivalent",
    "intent_notes": "Says they would not act because of their daughter, but less sure lately.",
    "means": "some",
    "means_notes": "Prescription medication at home.",
    "past_behaviour": "attempt",
    "past_behaviour_notes": "Overdose at 22; hospital admission.",
    "risk_factors": ["previous_attempt", "hopelessness", "recent_loss", "isolation"],
    "risk_factors_notes": "",
    "protective_factors": ["responsibility", "engaged_in_care"],
    "protective_factors_notes": "Weekly video calls with daughter.",
    "formulation": (
        "Job loss and separation within a month have removed structure and support; "
        "hopelessness peaks at night when alone. Past attempt under similar losses. "
        "Connection to daughter and engagement in therapy hold the risk back."
    ),
    "risk_level": "high",
    "risk_level_reason": "Active thoughts, a partial plan, access to means and a past attempt.",
    "management_plan": (
        "Sister to hold medication; safety plan reviewed; phone check-in tomorrow; "
        "session moved to this week; supervisor informed."
    ),
}


def _shift(queryset, field: str, delta: timedelta) -> None:
    queryset.update(**{field: F(field) - delta})


def seed(*, staff, clients, rng) -> None:
    from caseload.safety import demo_checkins

    demo_checkins.seed(clients=clients, rng=rng)
    clinician = staff["clinician"]
    practice_settings_update(
        acting_user=staff["admin"],
        changes={
            # The client's pages say the practice's name, never the software's.
            "practice_name": "Harbour Street Counselling (demo)",
            "on_call_name": "Dr Lee Morgan (on-call, demo)",
            "on_call_email": "on-call@demo.invalid",
            "on_call_phone": "555-0142",
        },
    )
    own = [client for client in clients if client.care_team.filter(user=clinician).exists()]
    if len(own) < 5:
        return
    high, crisis, overdue = rng.sample(own, 3)
    today = clock.today()

    # A high-risk assessment two days ago: its alert was acknowledged, and the first
    # follow-up (due yesterday) was not recorded, so the tick raised an alert for it.
    assessment = risk_assessment_record(
        acting_user=clinician,
        client=high,
        fields={**HIGH_RISK, "next_review_on": today + timedelta(days=5)},
    )
    alert = high.alerts.get()
    alert_acknowledge(
        acting_user=clinician,
        alert=alert,
        action_taken="safety_plan_reviewed",
        note="Reviewed the plan in session; sister holding medication.",
    )
    two_days = timedelta(days=2)
    _shift(RiskAssessment.objects.filter(pk=assessment.pk), "recorded_at", two_days)
    _shift(Alert.objects.filter(pk=alert.pk), "raised_at", two_days)
    _shift(Alert.objects.filter(pk=alert.pk), "acknowledged_at", two_days - timedelta(hours=1))
    _shift(FollowUp.objects.filter(client=high), "due_at", two_days)
    _shift(FollowUp.objects.filter(client=high), "created_at", two_days)
    follow_ups_raise_missed()

    # A crisis event last week, every step done, closed; its follow-ups all done.
    event = crisis_event_start(
        acting_user=clinician,
        client=crisis,
        summary="Called the practice line very distressed after an argument at home.",
    )
    for step in event.steps.all():
        crisis_step_complete(acting_user=clinician, step=step, note="")
    crisis_event_close(
        acting_user=clinician,
        event=event,
        outcome="supports",
        note="Brother came to stay the night; agreed plan for the weekend.",
    )
    for number, follow_up in enumerate(event.follow_ups.all(), start=1):
        follow_up_complete(
            acting_user=clinician,
            follow_up=follow_up,
            note=["Spoke by phone; calmer.", "Attended session.", "Doing well."][number % 3],
        )
    week = timedelta(days=8)
    for model, fields in (
        (CrisisEvent, ("started_at", "closed_at")),
        (CrisisStep, ("done_at",)),
    ):
        for field in fields:
            scope = {"client": crisis} if model is CrisisEvent else {"event": event}
            _shift(model.objects.filter(**scope), field, week)
    for field in ("due_at", "created_at"):
        _shift(FollowUp.objects.filter(crisis_event=event), field, week)

    # A moderate assessment whose review date has passed: the caseload shows it.
    moderate_assessment = risk_assessment_record(
        acting_user=clinician,
        client=overdue,
        fields={
            **HIGH_RISK,
            "thoughts": "passive",
            "plan": "none",
            "intent": "none",
            "means": "none",
            "past_behaviour": "self_harm",
            "risk_factors": ["self_harm", "substance_use"],
            "risk_level": "moderate",
            "risk_level_reason": "Passive thoughts when drinking; no plan or intent.",
            "formulation": "Drinking at weekends lowers mood and raises self-criticism.",
            "management_plan": "Review at each session; alcohol diary.",
            "next_review_on": today,
        },
    )
    _shift(RiskAssessment.objects.filter(pk=moderate_assessment.pk), "recorded_at", timedelta(30))
    RiskAssessment.objects.filter(pk=moderate_assessment.pk).update(
        next_review_on=today - timedelta(days=9)
    )

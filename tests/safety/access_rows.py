"""Authorization rows for the safety pages and the alert API (see tests/matrix.py).

The client's Safety tab and everything under it is clinical: the care team and the
treating clinician's supervisor; intake and admin 403 (their role does not cover it);
anyone else 404. Tasks are for clinicians and supervisors; practice settings for the
admin only. The alert API follows the alert pages: an alert reaches the care team, and
the supervisor only once it has escalated."""

from datetime import timedelta

from caseload.core import clock
from caseload.safety import services
from matrix import ADMIN_ONLY, CLINICAL, DENIED, HIDDEN, NO_TOKEN, OK, row

CLINICAL_ONLY_ROLES = row(
    default=DENIED, clinician=OK, colleague=OK, supervisor=OK, other_supervisor=OK, outsider=OK
)
# Clinical pages of a client; roles other than clinician and supervisor are refused (403)
# before any client is looked up, so the refusal says nothing about the client.
SAFETY_CLINICAL = {**CLINICAL, "privacy_officer": DENIED}

ROWS = {
    ("safety:tasks", "get"): CLINICAL_ONLY_ROLES,
    ("safety:practice_settings", "get"): ADMIN_ONLY,
    ("safety:practice_settings", "post"): ADMIN_ONLY,  # empty form: 400, nothing changed
    ("safety:client", "get"): SAFETY_CLINICAL,
    ("safety:assessment_new", "get"): SAFETY_CLINICAL,
    ("safety:assessment_new", "post"): SAFETY_CLINICAL,
    ("safety:assessment", "get"): SAFETY_CLINICAL,
    ("safety:crisis_start", "get"): SAFETY_CLINICAL,
    ("safety:crisis_start", "post"): SAFETY_CLINICAL,
    ("safety:crisis", "get"): SAFETY_CLINICAL,
    ("safety:crisis_step", "post"): SAFETY_CLINICAL,
    ("safety:crisis_close", "post"): SAFETY_CLINICAL,
    ("safety:follow_up_done", "post"): SAFETY_CLINICAL,
}

API_ROWS = {
    ("api:alerts_list", "get"): row(
        NO_TOKEN,
        default=DENIED,
        clinician=OK,
        colleague=OK,
        supervisor=OK,
        other_supervisor=OK,
        outsider=OK,
    ),
    ("api:alert_acknowledge", "post"): row(
        NO_TOKEN,
        default=DENIED,
        clinician=OK,
        colleague=OK,
        supervisor=HIDDEN,
        other_supervisor=HIDDEN,
        outsider=HIDDEN,
    ),
}
API_BODIES = {"api:alert_acknowledge": {"action_taken": "contacted_client", "note": "Called."}}
KWARGS = {
    "assessment_id": "risk_assessment",
    "crisis_id": "crisis_event",
    "crisis_step_id": "crisis_step",
    "follow_up_id": "follow_up",
}


def world_extras(world) -> dict:
    clinician, client = world["clinician"], world["client"]
    assessment = services.risk_assessment_record(
        acting_user=clinician,
        client=client,
        fields={
            "thoughts": "passive",
            "plan": "none",
            "intent": "none",
            "means": "none",
            "past_behaviour": "none",
            "formulation": "Matrix formulation.",
            "risk_level": "moderate",
            "risk_level_reason": "Matrix reason.",
            "management_plan": "Matrix plan.",
            "next_review_on": clock.today() + timedelta(days=14),
        },
    )
    event = services.crisis_event_start(acting_user=clinician, client=client)
    return {
        "risk_assessment": assessment,
        "crisis_event": event,
        "crisis_step": event.steps.first(),
        "follow_up": client.follow_ups.first(),
    }

"""Authorization rows for the plan, agreement and feedback pages and the plan API (see
tests/matrix.py). Everything here is clinical: the care team and the treating
clinician's supervisor; intake and admin 403 (their role does not cover it); anyone
else 404, exactly as for a client that does not exist."""

from matrix import CLINICAL, DENIED, HIDDEN, NO_TOKEN, OK, row

ROWS = {
    ("plans:plan", "get"): CLINICAL,
    ("plans:plan_edit", "get"): CLINICAL,
    ("plans:plan_edit", "post"): CLINICAL,  # empty form: 400, nothing changed
    ("plans:goal_new", "get"): CLINICAL,
    ("plans:goal_new", "post"): CLINICAL,
    ("plans:goal_edit", "get"): CLINICAL,
    ("plans:goal_edit", "post"): CLINICAL,
    ("plans:goal_retire", "post"): CLINICAL,
    ("plans:review", "get"): CLINICAL,
    ("plans:review", "post"): CLINICAL,
    ("plans:sign_link", "post"): CLINICAL,
    ("plans:signature", "get"): CLINICAL,
    ("plans:agreement", "get"): CLINICAL,
    ("plans:agreement", "post"): CLINICAL,
    ("plans:agreement_link", "post"): CLINICAL,
    ("plans:feedback", "get"): CLINICAL,
    ("plans:feedback_link", "post"): CLINICAL,
    ("plans:feedback_seen", "post"): CLINICAL,
}

API_ROWS = {
    ("api:client_plan", "get"): row(
        NO_TOKEN,
        default=HIDDEN,
        clinician=OK,
        colleague=OK,
        supervisor=OK,
        intake=DENIED,
        admin=DENIED,
    ),
}

KWARGS = {
    "goal_id": "plan_goal",
    "signature_id": "plan_signature",
    "feedback_id": "session_feedback",
}


def world_extras(world) -> dict:
    from plans.helpers import give_feedback, make_agreement, make_plan, sign

    client, clinician = world["client"], world["clinician"]
    plan = make_plan(client, clinician)
    signature = sign(plan, clinician)
    make_agreement(client, clinician)
    feedback = give_feedback(client, clinician, heard=2)
    return {
        "plan_goal": plan.goals.first(),
        "plan_signature": signature,
        "session_feedback": feedback,
    }

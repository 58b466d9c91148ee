"""The measures' rows in the authorization matrix (tests/accounts/test_access_matrix.py).

Client pages are clinical: the care team and the treating clinician's supervisor; intake
and admin are refused (403), everyone else gets 404. The outcomes report is for
supervisors only (an aggregate: it names no client)."""

from caseload.measures.services import measure_link_send, measure_plan_save
from matrix import API_CLINICAL, CLINICAL, DENIED, NO_TOKEN, OK, row

SUPERVISORS = row(default=DENIED, supervisor=OK, other_supervisor=OK)

ROWS = {
    ("measures:client", "get"): CLINICAL,
    ("measures:entry", "get"): CLINICAL,
    ("measures:entry", "post"): CLINICAL,  # empty answers: 400, nothing stored
    ("measures:chart", "get"): CLINICAL,
    ("measures:plan_save", "post"): CLINICAL,
    ("measures:plan_stop", "post"): CLINICAL,
    ("measures:link_send", "post"): CLINICAL,
    ("measures:link_revoke", "post"): CLINICAL,
    ("measures:outcomes", "get"): SUPERVISORS,
    ("measures:outcomes_csv", "get"): SUPERVISORS,
}

API_ROWS = {
    ("api:instruments_list", "get"): row(NO_TOKEN, default=OK),  # no client data
    ("api:client_response_create", "post"): API_CLINICAL,
    ("api:client_responses", "get"): API_CLINICAL,
}
API_BODIES = {
    "api:client_response_create": {
        "instrument": "phq9",
        "answers": [1, 1, 0, 0, 1, 0, 0, 0, 0, None],
    },
}
KWARGS = {
    "code": "measure_code",
    "plan_id": "measure_plan",
    "measure_link_id": "measure_link",
}


def world_extras(world) -> dict:
    client, clinician = world["client"], world["clinician"]
    plan = measure_plan_save(
        acting_user=clinician,
        client=client,
        instrument="phq9",
        frequency="weeks",
        interval_weeks=2,
    )
    sent = measure_link_send(
        acting_user=clinician, client=client, instrument="gad7", base_url="http://testserver"
    )
    return {"measure_code": "phq9", "measure_plan": plan, "measure_link": sent.issued.link}

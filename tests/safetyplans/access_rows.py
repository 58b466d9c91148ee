"""Authorization rows for the safety plan and check-in pages and API (see tests/matrix.py).

Both are clinical: the care team and the treating clinician's supervisor; intake and
admin get 403 (their role does not cover clinical content); anyone else 404, as if the
client did not exist. Empty posts answer 400 and change nothing.
"""

from caseload.safety import checkins, client_links
from caseload.safetyplans import services as plan_services
from matrix import API_CLINICAL, CLINICAL

ROWS = {
    ("safetyplans:plan", "get"): CLINICAL,
    ("safetyplans:edit", "get"): CLINICAL,
    ("safetyplans:edit", "post"): CLINICAL,  # empty plan: 400, no version saved
    ("safetyplans:version", "get"): CLINICAL,
    ("safetyplans:print", "get"): CLINICAL,
    ("safetyplans:plan_link", "post"): CLINICAL,
    ("safety:link_revoke", "post"): CLINICAL,
    ("safety:checkins", "get"): CLINICAL,
    ("safety:checkin_new", "get"): CLINICAL,
    ("safety:checkin_new", "post"): CLINICAL,  # no channel: 400, nothing saved
    ("safety:checkin", "get"): CLINICAL,
    ("safety:checkin_link", "post"): CLINICAL,
}

API_ROWS = {
    ("api:safety_plan_detail", "get"): API_CLINICAL,
    ("api:safety_plan_save", "put"): API_CLINICAL,
    ("api:checkins_list", "get"): API_CLINICAL,
    ("api:checkin_create", "post"): API_CLINICAL,
}
API_BODIES = {
    "api:safety_plan_save": {"steps": {"warning_signs": ["Not answering my phone"]}},
    "api:checkin_create": {"channel": "voicemail", "text": "Said the week went better."},
}
KWARGS = {
    "number": "safety_plan_version_number",
    "checkin_id": "checkin",
    "portal_link_id": "safety_plan_link",
}


def world_extras(world) -> dict:
    client, clinician = world["client"], world["clinician"]
    version = plan_services.safety_plan_revise(
        acting_user=clinician,
        client=client,
        steps={"warning_signs": ["Staying in bed all day"], "people_to_ask": [
            {"name": "My sister Ana", "phone": "555-0142"}
        ]},
    )  # fmt: skip
    checkin = checkins.checkin_record(
        client=client, channel="text_message", mood=4, text="Bad week.", acting_user=clinician
    )
    issued = client_links.client_link_issue(
        acting_user=clinician, client=client, kind=client_links.SAFETY_PLAN_LINK
    )
    return {
        "safety_plan_version_number": version.number,
        "checkin": checkin,
        "safety_plan_link": issued.link,
    }

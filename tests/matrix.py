"""The authorization matrix's vocabulary, shared by tests/accounts/test_access_matrix.py
and each capability's own rows in tests/<app>/access_rows.py.

An `access_rows.py` module may define:
- ROWS: {(url name, method): row(...)} for pages;
- API_ROWS: the same for API operations (a bearer token per persona);
- API_BODIES: {url name: JSON body} for API operations that take one;
- KWARGS: {url keyword: world key}, e.g. {"response_id": "measure_response"};
- world_extras(world) -> dict: objects to add to the matrix's world (it holds the
  personas by name, "client" and the other fixtures' objects).
"""

# Outcomes: "ok" means the view ran (2xx, a redirect that is not to sign-in, or 400 for an
# empty form); "login" a redirect to sign-in; 403 and 404 exact statuses.
OK, LOGIN, DENIED, HIDDEN = "ok", "login", 403, 404

PERSONAS = [
    "anonymous",
    "clinician",
    "colleague",
    "supervisor",
    "other_supervisor",
    "outsider",
    "intake",
    "admin",
    "privacy_officer",
]


def row(anonymous=LOGIN, *, default=None, **overrides):
    outcomes = {name: default for name in PERSONAS}
    outcomes["anonymous"] = anonymous
    outcomes.update(overrides)
    return outcomes


EVERYONE = row(OK, default=OK)
SIGNED_IN = row(default=OK)
ADMIN_ONLY = row(default=DENIED, admin=OK)
PRIVACY_ONLY = row(default=DENIED, privacy_officer=OK)
# Demographics-level pages of the client: the care team, their supervisor and intake.
DEMOGRAPHICS = row(
    default=HIDDEN, clinician=OK, colleague=OK, supervisor=OK, intake=OK, admin=DENIED
)
CLINICAL = row(
    default=HIDDEN, clinician=OK, colleague=OK, supervisor=OK, intake=DENIED, admin=DENIED
)
DIRECTORY = row(default=HIDDEN, clinician=OK, colleague=OK, supervisor=OK, intake=OK, admin=OK)
CARE_TEAM_WRITE = row(default=DENIED, intake=OK, admin=OK)
CREATE_CLIENTS = row(default=OK, admin=DENIED, privacy_officer=DENIED)

NO_TOKEN = 401
# The API's clinical operations on one client: the care team and the treating clinician's
# supervisor; intake and admin are refused for their role; anyone unrelated gets 404.
API_CLINICAL = row(
    NO_TOKEN,
    default=HIDDEN,
    clinician=OK,
    colleague=OK,
    supervisor=OK,
    intake=DENIED,
    admin=DENIED,
)

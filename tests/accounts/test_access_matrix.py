"""The authorization matrix: every URL pattern, every persona, the expected answer.

Hazards guarded: H-001 (a clinician sees a client they do not treat) and H-009 (an admin
or privacy officer reaches clinical content). A URL added without a row here fails
`test_every_url_is_in_the_matrix`, so nothing ships unreviewed.
"""

import importlib.util
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from caseload.accounts.models import Role, Supervision
from caseload.accounts.services import api_token_create
from caseload.portal.services import portal_link_create
from caseload.safety.services import alert_raise
from matrix import (  # noqa: E402 - tests/ is on the path
    ADMIN_ONLY,
    CARE_TEAM_WRITE,
    CLINICAL,
    CREATE_CLIENTS,
    DEMOGRAPHICS,
    DENIED,
    DIRECTORY,
    EVERYONE,
    HIDDEN,
    LOGIN,
    NO_TOKEN,
    OK,
    PERSONAS,
    PRIVACY_ONLY,
    SIGNED_IN,
    row,
)

# (url name, method) -> outcomes per persona.
MATRIX = {
    ("home", "get"): SIGNED_IN,  # each role's own home (caseload.today)
    ("today:attendance", "post"): DEMOGRAPHICS,
    ("healthz", "get"): EVERYONE,
    ("robots", "get"): EVERYONE,
    ("accounts:login", "get"): EVERYONE,
    ("accounts:logout", "post"): row(LOGIN, default=LOGIN),  # signs out, back to sign-in
    ("accounts:two_factor_verify", "get"): SIGNED_IN,
    ("accounts:two_factor_setup", "get"): SIGNED_IN,
    ("accounts:account", "get"): SIGNED_IN,
    ("accounts:password_change", "get"): SIGNED_IN,
    ("accounts:password_change", "post"): SIGNED_IN,  # empty form: 400, nothing changed
    ("staff:list", "get"): ADMIN_ONLY,
    ("staff:new", "get"): ADMIN_ONLY,
    ("staff:detail", "get"): ADMIN_ONLY,
    ("staff:role", "post"): ADMIN_ONLY,
    ("staff:active", "post"): ADMIN_ONLY,
    ("staff:password", "post"): ADMIN_ONLY,
    ("staff:two_factor_reset", "post"): ADMIN_ONLY,
    ("staff:supervision_add", "post"): ADMIN_ONLY,
    ("staff:supervision_remove", "post"): ADMIN_ONLY,
    ("staff:token_revoke", "post"): ADMIN_ONLY,
    ("clients:caseload", "get"): SIGNED_IN,
    ("clients:new", "get"): CREATE_CLIENTS,
    ("clients:detail", "get"): DEMOGRAPHICS,
    ("clients:edit", "get"): DEMOGRAPHICS,
    ("clients:edit", "post"): DEMOGRAPHICS,
    ("clients:perspective", "get"): CLINICAL,
    ("clients:perspective", "post"): CLINICAL,
    ("clients:communication", "get"): row(
        default=HIDDEN, clinician=OK, colleague=OK, supervisor=OK, intake=OK, admin=DENIED
    ),
    ("clients:care_team", "get"): DIRECTORY,
    ("clients:care_team", "post"): CARE_TEAM_WRITE,
    ("clients:care_team_remove", "post"): CARE_TEAM_WRITE,
    ("clients:appointments", "get"): DEMOGRAPHICS,
    ("clients:attendance", "post"): DEMOGRAPHICS,
    ("clients:appointment_move", "get"): DEMOGRAPHICS,
    ("clients:appointment_move", "post"): DEMOGRAPHICS,  # empty form: 400, nothing moved
    ("clients:episodes", "get"): DEMOGRAPHICS,
    ("clients:episode_close", "post"): DEMOGRAPHICS,
    ("audit:search", "get"): PRIVACY_ONLY,
    # Safety alerts: the care team; a supervisor only once the alert escalates to them.
    ("safety:inbox", "get"): row(
        default=DENIED, clinician=OK, colleague=OK, supervisor=OK, other_supervisor=OK, outsider=OK
    ),
    ("safety:alert", "get"): row(
        default=DENIED,
        clinician=OK,
        colleague=OK,
        supervisor=HIDDEN,
        other_supervisor=HIDDEN,
        outsider=HIDDEN,
    ),
    ("safety:alert", "post"): row(
        default=DENIED,
        clinician=OK,
        colleague=OK,
        supervisor=HIDDEN,
        other_supervisor=HIDDEN,
        outsider=HIDDEN,
    ),
    # Client links: no staff sign-in; the token and the date of birth are the key.
    ("portal:open", "get"): row(OK, default=OK),
    ("portal:go", "get"): row(OK, default=OK),
    ("audit:export", "get"): PRIVACY_ONLY,
}


def _load_app_rows() -> list:
    """Each capability's rows module, tests/<app>/access_rows.py."""
    modules = []
    for path in sorted(Path(__file__).parents[1].glob("*/access_rows.py")):
        spec = importlib.util.spec_from_file_location(f"access_rows_{path.parent.name}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        modules.append(module)
    return modules


APP_ROWS = _load_app_rows()
for _module in APP_ROWS:
    MATRIX.update(getattr(_module, "ROWS", {}))


def _url_keys(resolver=None, namespace="", keys=frozenset()) -> dict[str, set[str]]:
    """Every named URL with the keyword arguments its route takes."""
    found: dict[str, set[str]] = {}
    for pattern in (resolver or get_resolver()).url_patterns:
        own = keys | set(pattern.pattern.regex.groupindex)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found.update(_url_keys(pattern, inner, frozenset(own)))
        elif isinstance(pattern, URLPattern) and pattern.name:
            found[f"{namespace}{pattern.name}"] = own
    return found


def _all_url_names() -> set[str]:
    return set(_url_keys())


def test_every_url_is_in_the_matrix():
    """A new page or API operation must be given its row before it can ship."""
    in_matrix = {name for name, _ in MATRIX} | set(API_MATRIX_NAMES)
    missing = _all_url_names() - in_matrix
    assert not missing, f"URL names with no authorization row: {sorted(missing)}"
    stale = in_matrix - _all_url_names()
    assert not stale, f"Matrix rows for URLs that no longer exist: {sorted(stale)}"


def _kwargs(name: str, world) -> dict:
    client = world["client"]
    kwargs = {
        "client_id": client.pk,
        "member_id": client.care_team.get(user=world["colleague"]).pk,
        "appointment_id": world["appointment"].pk,
        "episode_id": client.episodes.first().pk,
        "user_id": world["clinician"].pk,
        "link_id": world["link"].pk,
        "token_id": world["token"].pk,
        "alert_id": world["alert"].pk,
        "token": world["portal_token"],
    }
    for module in APP_ROWS:
        for key, world_key in getattr(module, "KWARGS", {}).items():
            kwargs[key] = world[world_key]
            kwargs[key] = getattr(kwargs[key], "pk", kwargs[key])
    pattern_keys = _url_keys()[name]
    return {key: value for key, value in kwargs.items() if key in pattern_keys}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The personas, their client and every capability's objects, built ONCE for the
    module inside a transaction that is rolled back at the end. Each test runs in a
    savepoint within it (pytest-django's `db`), so a POST in one test never leaks into
    the next, and the matrix's thousand-odd requests share one world."""
    with django_db_blocker.unblock(), transaction.atomic():
        objects = _build_world()
        yield objects
        transaction.set_rollback(True)


def _build_world() -> dict:
    from caseload.clients import services as client_services
    from caseload.core import clock
    from factories import make_client, make_user

    people = {
        "clinician": make_user("treating", Role.CLINICIAN),
        "colleague": make_user("colleague", Role.CLINICIAN),
        "supervisor": make_user("supervisor", Role.SUPERVISOR),
        "other_supervisor": make_user("othersupervisor", Role.SUPERVISOR),
        "outsider": make_user("outsider", Role.CLINICIAN),
        "intake": make_user("intake", Role.INTAKE),
        "admin": make_user("admin", Role.ADMIN),
        "privacy_officer": make_user("privacy", Role.PRIVACY_OFFICER),
    }
    clinician = people["clinician"]
    link = Supervision.objects.create(supervisor=people["supervisor"], supervisee=clinician)
    client = make_client(primary=clinician, legal_name="Jordan Rivera", preferred_name="Jo")
    client_services.care_team_add(acting_user=clinician, client=client, user=people["colleague"])
    appointment = client_services.appointment_create(
        acting_user=clinician,
        client=client,
        clinician=clinician,
        starts_at=clock.now() + timedelta(days=7),
        duration_minutes=50,
        kind="session",
    )
    token, _ = api_token_create(acting_user=None, user=clinician)
    alert = alert_raise(
        client=client, severity="high", source="measure", reason="Matrix test alert"
    )
    issued = portal_link_create(acting_user=clinician, client=client, kind="measure")
    objects = {
        **people,
        "client": client,
        "appointment": appointment,
        "token": token,
        "alert": alert,
        "portal_token": issued.token,
        "link": link,
    }
    for module in APP_ROWS:
        if hasattr(module, "world_extras"):
            objects.update(module.world_extras(objects))
    return objects


def _outcome(response) -> object:
    if response.status_code in (403, 404):
        return response.status_code
    if response.status_code == 302 and response["Location"].startswith(reverse("accounts:login")):
        return LOGIN
    if response.status_code in (200, 302, 400):
        return OK
    return response.status_code


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name,method", sorted(MATRIX))
def test_authorization_matrix(name, method, persona, world, db, client):
    if persona != "anonymous":
        client.force_login(world[persona])
    url = reverse(name, kwargs=_kwargs(name, world))
    response = getattr(client, method)(url)
    expected = MATRIX[(name, method)][persona]
    assert _outcome(response) == expected, (
        f"{persona} {method.upper()} {url}: got {response.status_code}, expected {expected}"
    )


# API operations: a bearer token per persona, none for anonymous (tests/api has the
# detailed tests of each endpoint). "ok" here is 2xx, or 422 for a body the view rejected.
API_DEMOGRAPHICS = row(
    NO_TOKEN, default=HIDDEN, clinician=OK, colleague=OK, supervisor=OK, intake=OK, admin=DENIED
)
API_MATRIX = {
    ("api:openapi-json", "get"): row(OK, default=OK),  # shapes only, no data
    ("api:api-root", "get"): row(HIDDEN, default=HIDDEN),
    ("api:clients_list", "get"): row(NO_TOKEN, default=OK),
    ("api:client_create", "post"): row(NO_TOKEN, default=OK, admin=DENIED, privacy_officer=DENIED),
    ("api:client_detail", "get"): API_DEMOGRAPHICS,
    ("api:client_update", "patch"): API_DEMOGRAPHICS,
    ("api:client_appointments", "get"): API_DEMOGRAPHICS,
    ("api:audit_search", "get"): row(NO_TOKEN, default=DENIED, privacy_officer=OK),
}
API_BODIES = {
    "api:client_create": {"legal_name": "Matrix Person", "date_of_birth": "1990-01-01"},
    "api:client_update": {"phone": "555-0199"},
}
for _module in APP_ROWS:
    API_MATRIX.update(getattr(_module, "API_ROWS", {}))
    API_BODIES.update(getattr(_module, "API_BODIES", {}))
API_MATRIX_NAMES = [name for name, _ in API_MATRIX]


def _api_outcome(response) -> object:
    if response.status_code in (401, 403, 404):
        return response.status_code
    if 200 <= response.status_code < 300 or response.status_code == 422:
        return OK
    return response.status_code


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name,method", sorted(API_MATRIX))
def test_api_authorization_matrix(name, method, persona, world, db, client):
    headers = {}
    if persona != "anonymous":
        _, secret = api_token_create(acting_user=None, user=world[persona])
        headers["Authorization"] = f"Bearer {secret}"
    url = reverse(name, kwargs=_kwargs(name, world))
    body = API_BODIES.get(name)
    kwargs = {"data": body, "content_type": "application/json"} if body else {}
    response = getattr(client, method)(url, headers=headers, **kwargs)
    expected = API_MATRIX[(name, method)][persona]
    assert _api_outcome(response) == expected, (
        f"{persona} {method.upper()} {url}: got {response.status_code}, expected {expected}"
    )


# --- Content: what each persona may READ on the pages it may open (H-094, H-095) --------
# Access above says who may open a page; these say what the page then holds. The world's
# client has an open high alert ("Matrix test alert"), so every page of the client carries
# the risk banner for roles with the clinical part, and not a word of it for the others.
RISK_BANNER = row(
    False, default=False, clinician=True, colleague=True, supervisor=True
)  # other_supervisor and outsider have the clinical part but never open this client
RISK_TEXTS = ("risk-banner", "Matrix test alert", "Risk: High")


def _client_page_names() -> list[str]:
    keys = _url_keys()
    return sorted(
        name for name, method in MATRIX if method == "get" and "client_id" in keys.get(name, ())
    )


def _full_page(response) -> str | None:
    """The page's HTML when it is a whole page (not a fragment, a file or JSON)."""
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        return None
    html = response.content.decode()
    return html if "<html" in html else None


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", _client_page_names())
def test_h095_content_matrix_risk_banner_on_client_pages(name, persona, world, db, client):
    """Every GET page of the client, every persona: the risk banner and its reasons appear
    exactly for the roles that may see the clinical part, on every page they open."""
    if persona != "anonymous":
        client.force_login(world[persona])
    response = client.get(reverse(name, kwargs=_kwargs(name, world)))
    html = _full_page(response)
    body = response.content.decode(errors="replace")
    if html is None or not RISK_BANNER[persona]:
        for text in RISK_TEXTS:
            assert text not in body, f"{persona} {name}: {text!r} must not appear"
        return
    assert 'data-testid="risk-banner"' in html, f"{persona} {name}: no risk banner"
    assert "Open alert: Matrix test alert" in html and "Risk: High" in html


# The caseload page: clinical badges for the clinical roles, scheduling and communication
# badges for intake, none for the admin (directory only) or the privacy officer.
SCHEDULING_TEXTS = ("Interpreter: Portuguese", "Missed last session")
CLINICAL_TEXTS = ("Risk: High", "Off track", "Note overdue", "Session feedback to read")
CASELOAD_SHOWS = {
    "clinician": SCHEDULING_TEXTS + CLINICAL_TEXTS,
    "colleague": SCHEDULING_TEXTS + CLINICAL_TEXTS,
    "supervisor": SCHEDULING_TEXTS + CLINICAL_TEXTS,
    "intake": SCHEDULING_TEXTS,
}


def _signals_for_every_part(world) -> None:
    """One of each kind of badge on the world's client (inside the test's savepoint)."""
    from caseload.clients import services as client_services
    from caseload.core import clock
    from caseload.measures.services import response_record
    from caseload.plans.models import SessionFeedback
    from caseload.safety.services import risk_assessment_record
    from notes.helpers import past_session
    from safety.safety_helpers import assessment_fields

    clinician, matrix_client = world["clinician"], world["client"]
    client_services.communication_save(
        acting_user=clinician,
        client=matrix_client,
        changes={"interpreter_needed": True, "interpreter_language": "Portuguese"},
    )
    held = past_session(matrix_client, clinician, hours_ago=100)  # no note: overdue
    # The latest past session (the plans rows' feedback session was a day ago).
    past_session(matrix_client, clinician, hours_ago=2, attendance="no_show")
    SessionFeedback.objects.create(
        client=matrix_client,
        appointment=held,
        heard=1,
        focus=1,
        approach=1,
        submitted_at=clock.now(),
        concern="low",
    )
    risk_assessment_record(
        acting_user=clinician, client=matrix_client, fields=assessment_fields(risk_level="high")
    )
    for days_ago, answers in ((60, [0] * 8 + [0, 0]), (1, [3] * 7 + [2, 0, 1])):
        response_record(
            client=matrix_client,
            instrument="phq9",
            answers=answers,
            source="session",
            acting_user=clinician,
            completed_at=clock.now() - timedelta(days=days_ago),
        )


@pytest.mark.parametrize("persona", PERSONAS[1:])
def test_h094_content_matrix_caseload_page(persona, world, db, client):
    """The caseload page of each persona: which badges must and must not appear. The
    badges a role may not see are not computed for it at all (clients.caseload.rules_for)."""
    _signals_for_every_part(world)
    client.force_login(world[persona])
    html = client.get(reverse("clients:caseload")).content.decode()
    shown = CASELOAD_SHOWS.get(persona, ())
    for text in SCHEDULING_TEXTS + CLINICAL_TEXTS:
        if text in shown:
            assert text in html, f"{persona}: {text!r} missing from the caseload page"
        else:
            assert text not in html, f"{persona}: {text!r} must not be on the caseload page"
    for text in ("overdue", "Measure", "feedback", "Risk"):
        if persona not in ("clinician", "colleague", "supervisor"):
            assert text not in html, f"{persona}: {text!r} on the caseload page"

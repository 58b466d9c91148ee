"""What pages are made of, listed in caseload/composition.py: the navigation each role
sees and the tabs of a client's record are exactly what they were when apps filled
registries at start-up, and every entry is well formed."""

import re

import pytest
from django.urls import reverse

from caseload import composition
from caseload.accounts.models import Role
from caseload.clients.access import Part
from caseload.clients.composition import client_tabs, nav_links_for
from caseload.clients.timeline import TimelineSource
from factories import make_user

NAV = {
    Role.ADMIN: [
        ("Home", "home"),
        ("Clients", "clients:caseload"),
        ("Calendar", "scheduling:calendar"),
        ("Team wellbeing", "wellbeing:team"),
        ("Staff", "staff:list"),
        ("Assignment", "wellbeing:assignment"),
        ("Note settings", "notes:settings"),
        ("Workload thresholds", "wellbeing:settings"),
        ("Consent texts", "privacy:templates"),
        ("Practice settings", "safety:practice_settings"),
    ],
    Role.INTAKE: [
        ("Home", "home"),
        ("Clients", "clients:caseload"),
        ("Calendar", "scheduling:calendar"),
        ("Assignment", "wellbeing:assignment"),
    ],
    Role.CLINICIAN: [
        ("Today", "home"),
        ("My caseload", "clients:caseload"),
        ("Calendar", "scheduling:calendar"),
        ("Alerts", "safety:inbox"),
        ("My tasks", "safety:tasks"),
        ("My psychotherapy notes", "notes:private"),
        ("Consistency", "notes:consistency"),
        ("Mandatory reports", "privacy:reports"),
        ("Emergency access", "privacy:break_glass"),
        ("Workload", "wellbeing:workload"),
        ("Supervision", "wellbeing:supervision"),
        ("My wellbeing", "wellbeing:home"),
    ],
    Role.SUPERVISOR: [
        ("Today", "home"),
        ("My caseload", "clients:caseload"),
        ("Calendar", "scheduling:calendar"),
        ("Alerts", "safety:inbox"),
        ("My tasks", "safety:tasks"),
        ("Co-sign", "notes:cosign_queue"),
        ("My psychotherapy notes", "notes:private"),
        ("Consistency", "notes:consistency"),
        ("Mandatory reports", "privacy:reports"),
        ("Emergency access", "privacy:break_glass"),
        ("Workload", "wellbeing:workload"),
        ("Supervision", "wellbeing:supervision"),
        ("Outcomes", "measures:outcomes"),
        ("My wellbeing", "wellbeing:home"),
        ("Team wellbeing", "wellbeing:team"),
    ],
    Role.PRIVACY_OFFICER: [
        ("Home", "home"),
        ("Audit trail", "audit:search"),
        ("Privacy", "privacy:home"),
        ("Mandatory reports", "privacy:reports"),
        ("Consent texts", "privacy:templates"),
    ],
}

# The sidebar's groups each role sees, in order (clients.composition.NAV_GROUPS).
NAV_GROUPS = {
    Role.ADMIN: ["My day", "Me and my team", "Practice"],
    Role.INTAKE: ["My day", "Practice"],
    Role.CLINICIAN: ["My day", "Records and duties", "Me and my team"],
    Role.SUPERVISOR: ["My day", "Records and duties", "Me and my team"],
    Role.PRIVACY_OFFICER: ["My day", "Records and duties", "Practice"],
}

TABS = [
    "clients:timeline",
    "notes:list",
    "measures:client",
    "plans:plan",
    "plans:agreement",
    "plans:feedback",
    "safety:client",
    "safetyplans:plan",
    "safety:checkins",
    "privacy:client",
    "wellbeing:contacts",
]


def test_every_role_has_a_navigation_entry():
    assert set(NAV) == set(Role)


@pytest.mark.parametrize("role", list(Role))
def test_the_navigation_of_each_role(role):
    assert [(str(link.label), link.url_name) for link in nav_links_for(role)] == NAV[role]


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role))
def test_the_page_header_draws_that_navigation(role, as_user):
    user = make_user(f"nav-{role}", role)
    page = as_user(user).get(reverse("accounts:account")).content.decode()
    nav = page.split('data-testid="main-nav"', 1)[1].split("</nav>", 1)[0]
    hrefs = re.findall(r'<a href="([^"]+)"', nav)
    assert hrefs == [reverse(name) for _label, name in NAV[role]]
    titles = re.findall(r'<p class="nav-group-title"[^>]*>([^<]+)</p>', nav)
    assert titles == NAV_GROUPS[role]
    menu = page.split('data-testid="user-menu"', 1)[1].split("</ul>", 1)[0]
    assert f'href="{reverse("accounts:account")}"' in menu and "Sign out" in menu


def test_the_tabs_of_a_client_record_in_order():
    assert [tab.url_name for tab in client_tabs()] == TABS
    assert all(isinstance(tab.part, Part) for tab in client_tabs())


def test_every_entry_is_of_its_declared_type():
    assert all(isinstance(source, TimelineSource) for source in composition.TIMELINE_SOURCES)
    assert all(isinstance(source.part, Part) for source in composition.TIMELINE_SOURCES)
    parts = [entry.part for entry in composition.OVERVIEW_PANELS + composition.CLIENT_BANNERS]
    assert all(isinstance(part, Part) for part in parts)
    assert [banner.key for banner in composition.CLIENT_BANNERS][0] == "risk"
    for link in composition.NAV_LINKS:
        reverse(link.url_name)  # raises if a link names no page
        assert link.roles <= set(Role)


def test_each_link_kind_the_services_issue_opens_a_page():
    from caseload.measures.services import LINK_KIND
    from caseload.safety.client_links import CHECKIN_LINK, SAFETY_PLAN_LINK

    kinds = {LINK_KIND, CHECKIN_LINK, SAFETY_PLAN_LINK, "plan", "agreement", "feedback"}
    assert kinds | {"consent", "release", "consent_withdraw"} == set(composition.PORTAL_PAGES)


def test_no_app_fills_a_registry_at_import_time():
    """The lists above are the only place pages are composed: no `register_...`
    function, and no AppConfig.ready() importing a module for its side effects (the
    accounts app's login-audit receivers, Django signals, are the one exception)."""
    import ast
    from pathlib import Path

    import caseload

    # api/errors.py's register_error_handlers configures the one NinjaAPI object, in
    # django-ninja's own vocabulary; it composes no page.
    allowed = {"register_error_handlers"}
    found = []
    for path in Path(caseload.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.FunctionDef):
                continue
            if node.name.startswith("register_") and node.name not in allowed:
                found.append(f"{path.name}: def {node.name}")
            if node.name == "ready":
                imports = {n.module for n in ast.walk(node) if isinstance(n, ast.ImportFrom)}
                if imports - {"caseload.accounts"}:
                    found.append(f"{path.name}: ready() imports {sorted(imports)}")
    assert found == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("page", "current"),
    [
        ("safety:inbox", "safety:inbox"),
        ("privacy:break_glass", "privacy:break_glass"),
        ("wellbeing:workload", "wellbeing:workload"),
        ("wellbeing:home", "wellbeing:home"),
        ("clients:new", "clients:caseload"),
        ("home", "home"),
    ],
)
def test_the_sidebar_marks_the_page_it_is_on(page, current, as_user):
    """H-116: one link current, the page's own or the one it is under (the longest
    match)."""
    user = make_user("nav-current", Role.SUPERVISOR)
    html = as_user(user).get(reverse(page)).content.decode()
    nav = html.split('data-testid="main-nav"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r'<a href="([^"]+)"[^>]*aria-current="page"', nav) == [reverse(current)]


@pytest.mark.django_db
def test_a_page_outside_the_sidebar_marks_no_link_not_even_home(as_user):
    """H-116: "/" starts every address, so home is current on the home page alone."""
    user = make_user("nav-outside", Role.SUPERVISOR)
    html = as_user(user).get(reverse("accounts:account")).content.decode()
    nav = html.split('data-testid="main-nav"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r'<a href="([^"]+)"[^>]*aria-current="page"', nav) == []

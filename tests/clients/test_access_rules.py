"""Every relationship rule of the door (clients/access.py) as one table (H-001, H-012,
H-101).

One client, a care team of two clinicians, a supervisor of the treating clinician, and
everyone else the practice has. Each row is a persona; each column one rule. A change
to any rule shows here as a changed cell, and a rule restated elsewhere that disagrees
with the door fails the modules' own tests, which call these functions.
"""

from datetime import timedelta

import pytest

from caseload.accounts.models import Role, Supervision
from caseload.clients import access
from caseload.clients.access import Part
from caseload.clients.models import BreakGlassGrant
from caseload.core import clock
from caseload.privacy import reports
from caseload.privacy import services as privacy_services
from caseload.safety.alerts import alerts_visible_to, recipients
from caseload.safety.models import Alert, AlertSeverity, AlertSource, EscalationLevel
from caseload.safety.services import alert_raise
from factories import make_client, make_user

ALL = frozenset(Part)
FRONT_DESK = frozenset({Part.DIRECTORY, Part.DEMOGRAPHICS, Part.COMMUNICATION})

# persona: (sees the client, own client, parts, alert reaches at care-team level, at
#           supervisor level, sees a new alert, sees an escalated alert, sees the
#           treating clinician's mandatory report, supervises the treating clinician)
RULES = {
    "treating": (True, True, ALL, True, True, True, True, True, False),
    "colleague": (True, True, ALL, True, True, True, True, False, False),
    "supervisor": (True, False, ALL, False, True, False, True, True, True),
    "other_supervisor": (False, False, ALL, False, False, False, False, False, False),
    "glass": (True, False, ALL, False, False, False, False, False, False),
    "expired_glass": (False, False, ALL, False, False, False, False, False, False),
    "outsider": (False, False, ALL, False, False, False, False, False, False),
    "intake": (True, False, FRONT_DESK, False, False, False, False, False, False),
    "admin": (True, False, frozenset({Part.DIRECTORY}), False, False, False, False, False, False),
    "privacy": (False, False, frozenset(), False, False, False, False, True, False),
    "left": (False, True, frozenset(), False, False, False, False, False, False),
}


@pytest.fixture
def world(db):
    people = {
        "treating": make_user("treating", Role.CLINICIAN),
        "colleague": make_user("colleague", Role.CLINICIAN),
        "supervisor": make_user("supervisor", Role.SUPERVISOR),
        "other_supervisor": make_user("othersupervisor", Role.SUPERVISOR),
        "glass": make_user("glass", Role.CLINICIAN),
        "expired_glass": make_user("expiredglass", Role.CLINICIAN),
        "outsider": make_user("outsider", Role.CLINICIAN),
        "intake": make_user("intake", Role.INTAKE),
        "admin": make_user("admin", Role.ADMIN),
        "privacy": make_user("privacy", Role.PRIVACY_OFFICER),
        "left": make_user("left", Role.CLINICIAN),
    }
    Supervision.objects.create(supervisor=people["supervisor"], supervisee=people["treating"])
    client = make_client(primary=people["treating"])
    for member in ("colleague", "left"):
        client.care_team.create(user=people[member], role="member")
    people["left"].is_active = False
    people["left"].save(update_fields=["is_active"])
    now = clock.now()
    for who, expires in (("glass", now + timedelta(hours=2)), ("expired_glass", now)):
        BreakGlassGrant.objects.create(
            client=client, user=people[who], reason="Crisis call", expires_at=expires
        )
    report = privacy_services.report_open(
        acting_user=people["treating"],
        client=client,
        kind="child",
        concern="Rule table concern.",
        jurisdiction="Tableland",
    )
    return people, client, report


def _alert(client, level: int) -> Alert:
    alert = alert_raise(
        client=client,
        severity=AlertSeverity.HIGH,
        source=AlertSource.CRISIS,
        reason="Rule table",
    )
    Alert.objects.filter(pk=alert.pk).update(escalation_level=level)
    alert.refresh_from_db()
    return alert


@pytest.mark.parametrize("persona", sorted(RULES))
def test_h101_the_relationship_rules_as_one_table(
    world, persona, django_capture_on_commit_callbacks
):
    people, client, report = world
    user = people[persona]
    with django_capture_on_commit_callbacks(execute=False):
        fresh = _alert(client, EscalationLevel.CARE_TEAM)
        escalated = _alert(client, EscalationLevel.SUPERVISOR)
    visible_alerts = set(alerts_visible_to(user).values_list("pk", flat=True))
    row = (
        access.clients_visible_to(user).filter(pk=client.pk).exists(),
        access.own_clients(user).filter(pk=client.pk).exists(),
        access.parts_for(user),
        user in recipients(fresh, level=EscalationLevel.CARE_TEAM),
        user in recipients(escalated, level=EscalationLevel.SUPERVISOR),
        fresh.pk in visible_alerts,
        escalated.pk in visible_alerts,
        reports.reports_visible_to(user).filter(pk=report.pk).exists(),
        access.supervises(user, people["treating"].pk),
    )
    assert row == RULES[persona]


def test_h101_break_the_glass_is_named_only_while_it_lasts(world):
    people, client, _report = world
    assert access.active_grant(people["glass"], client.pk).reason == "Crisis call"
    assert access.active_grant(people["expired_glass"], client.pk) is None
    assert access.active_grant(people["outsider"], client.pk) is None


# Whose break-the-glass grants each persona sees: the privacy officer every one, the
# primary clinician those on their client (they review them), a clinician their own.
GRANTS_SEEN = {
    "treating": {"glass", "expired_glass"},
    "glass": {"glass"},
    "expired_glass": {"expired_glass"},
    "privacy": {"glass", "expired_glass"},
}


@pytest.mark.parametrize("persona", sorted(RULES))
def test_h101_who_sees_a_break_the_glass_grant(world, persona):
    people, _client, _report = world
    grants = access.break_glass_grants_visible_to(people[persona])
    assert {grant.user.username.replace("expiredglass", "expired_glass") for grant in grants} == (
        GRANTS_SEEN.get(persona, set())
    )


def test_h101_the_workload_counts_own_clients_until_discharge(world):
    people, client, _report = world
    assert list(access.workload_clients(people["colleague"])) == [client]
    assert list(access.workload_clients(people["supervisor"])) == []
    client.status = "discharged"
    client.save(update_fields=["status"])
    assert list(access.workload_clients(people["colleague"])) == []
    assert list(access.own_clients(people["colleague"])) == [client]


def test_h101_supervision_in_both_directions(world):
    people, _client, _report = world
    assert list(access.supervisees_of(people["supervisor"])) == [people["treating"]]
    assert list(access.supervisors_of(people["treating"])) == [people["supervisor"]]
    assert access.has_supervisor(people["treating"])
    assert not access.has_supervisor(people["colleague"])
    people["supervisor"].is_active = False
    people["supervisor"].save(update_fields=["is_active"])
    assert list(access.supervisors_of(people["treating"])) == []
    assert list(access.supervisors_of(people["treating"], active_only=False)) == [
        people["supervisor"]
    ]

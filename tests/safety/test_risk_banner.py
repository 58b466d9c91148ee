"""The risk banner: the selector that decides it (safety/selectors.py) and the banner on
every page of a client.

Hazards guarded: H-093 (a clinician opens a high-risk client's record and sees no sign of
the risk outside the Safety tab), H-095 (the banner, or its reasons, reach a role without
the clinical part), H-096 (two definitions of the current risk assessment disagree),
H-098 (the staff banner printed on the client's own safety plan) and H-099 (a flagged
check-in with no alert goes unseen)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from safety_helpers import WEDNESDAY_10AM, assessment_fields

from caseload.clients.composition import client_tabs
from caseload.core import clock
from caseload.safety.models import Checkin, RiskAssessment
from caseload.safety.selectors import current_risk_assessment, risk_banner
from caseload.safety.services import alert_acknowledge, alert_raise, risk_assessment_record
from caseload.safetyplans.services import safety_plan_revise

pytestmark = pytest.mark.django_db

RECORD_PAGES = [
    "clients:detail",
    "clients:edit",
    "clients:perspective",
    "clients:communication",
    "clients:appointments",
    "clients:episodes",
    "clients:care_team",
    "clients:timeline",
]


def _client_urls(client_id: int) -> list[str]:
    """The record's own pages and every tab other capabilities add."""
    names = RECORD_PAGES + [tab.url_name for tab in client_tabs()]
    return [reverse(name, args=[client_id]) for name in names]


def _acknowledge_all(client, user):
    for alert in client.alerts.filter(state="open"):
        alert_acknowledge(acting_user=user, alert=alert, action_taken="contacted_client")


def _assess(client, user, level, *, when=None):
    assessment = risk_assessment_record(
        acting_user=user, client=client, fields=assessment_fields(risk_level=level)
    )
    if when is not None:
        RiskAssessment.objects.filter(pk=assessment.pk).update(recorded_at=when)
    return assessment


# --- the selector ----------------------------------------------------------------------


def test_h093_nothing_to_warn_about_is_no_banner(client_record, clinician):
    assert risk_banner(client_record, user=clinician) is None


def test_h093_an_open_alert_is_a_reason_with_its_level_and_time(client_record, clinician, at):
    at(WEDNESDAY_10AM)
    alert_raise(
        client=client_record,
        severity="high",
        source="measure",
        reason="PHQ-9 item 9 answered 'Nearly every day'",
    )
    banner = risk_banner(client_record, user=clinician)
    assert banner.level == "high" and banner.level_label == "High"
    (reason,) = banner.reasons
    assert reason.text == "Open alert: PHQ-9 item 9 answered 'Nearly every day'"
    assert reason.url == reverse("safety:alert", args=[client_record.alerts.get().pk])
    # In the practice's time zone (America/New_York), not UTC.
    assert banner.since_label == "4 Mar 2026, 10:00"


def test_h093_an_acknowledged_alert_is_no_longer_a_reason(client_record, clinician):
    alert = alert_raise(client=client_record, severity="high", source="measure", reason="x")
    alert_acknowledge(acting_user=clinician, alert=alert, action_taken="contacted_client")
    assert risk_banner(client_record, user=clinician) is None


@pytest.mark.parametrize("level", ["high", "imminent"])
def test_h093_a_current_assessment_rated_high_or_imminent_is_a_reason(
    level, client_record, clinician, at
):
    at(WEDNESDAY_10AM)
    assessment = _assess(client_record, clinician, level)
    _acknowledge_all(client_record, clinician)  # the assessment alone, not its alert
    banner = risk_banner(client_record, user=clinician)
    assert banner.level == level
    (reason,) = banner.reasons
    assert reason.text == f"Risk assessment 4 Mar: {level}"
    assert reason.url == reverse("safety:assessment", args=[client_record.pk, assessment.pk])


def test_h096_only_the_latest_assessment_counts(client_record, clinician):
    """A high assessment followed by a moderate one: the client is no longer rated high,
    and the banner, the caseload badge and the workload figure all agree on it."""
    from caseload.wellbeing.workload import high_risk_client_ids

    now = clock.now()
    _assess(client_record, clinician, "high", when=now - timedelta(days=3))
    later = _assess(client_record, clinician, "moderate", when=now - timedelta(days=1))
    _acknowledge_all(client_record, clinician)
    assert current_risk_assessment(client_record) == later
    assert risk_banner(client_record, user=clinician) is None
    assert high_risk_client_ids([client_record.pk]) == set()


def test_h096_same_instant_the_later_record_is_current(client_record, clinician):
    moment = clock.now() - timedelta(hours=1)
    _assess(client_record, clinician, "moderate", when=moment)
    second = _assess(client_record, clinician, "imminent", when=moment)
    _acknowledge_all(client_record, clinician)
    assert current_risk_assessment(client_record) == second
    assert risk_banner(client_record, user=clinician).level == "imminent"


def test_h093_the_level_is_the_highest_of_the_reasons(client_record, clinician):
    _assess(client_record, clinician, "imminent")  # raises a high alert as well
    alert_raise(client=client_record, severity="moderate", source="measure", reason="m")
    banner = risk_banner(client_record, user=clinician)
    assert banner.level == "imminent"
    assert [reason.level for reason in banner.reasons] == ["imminent", "high", "moderate"]
    assert banner.since == min(reason.since for reason in banner.reasons)


def test_h099_a_flagged_checkin_without_an_alert_is_a_reason(client_record, clinician):
    """Check-ins raise their alert in the same transaction; the banner still catches a
    flagged one that has none (imported, or from before the rule)."""
    Checkin.objects.create(
        client=client_record,
        channel="phone_call",
        text="I wish I was dead.",
        received_at=clock.now() - timedelta(hours=2),
        flagged=True,
        severity="high",
        rules_version="test",
    )
    banner = risk_banner(client_record, user=clinician)
    (reason,) = banner.reasons
    assert banner.level == "high"
    assert reason.text.startswith("Flagged check-in ")
    assert "wish" not in reason.text  # the client's own words stay behind the link


def test_h099_a_flagged_checkin_with_its_alert_is_told_once(client_record, clinician):
    from caseload.safety.checkins import checkin_record

    checkin_record(
        client=client_record,
        channel="phone_call",
        acting_user=clinician,
        text="Some nights I wish I was dead.",
    )
    banner = risk_banner(client_record, user=clinician)
    assert len(banner.reasons) == 1 and banner.reasons[0].text.startswith("Open alert: ")
    _acknowledge_all(client_record, clinician)
    assert risk_banner(client_record, user=clinician) is None


def test_h093_links_to_the_safety_plan_or_to_making_one(client_record, clinician):
    from caseload.safetyplans.demo import FIRST

    alert_raise(client=client_record, severity="high", source="measure", reason="r")
    banner = risk_banner(client_record, user=clinician)
    assert not banner.has_safety_plan
    assert banner.safety_plan_url == reverse("safetyplans:edit", args=[client_record.pk])
    safety_plan_revise(acting_user=clinician, client=client_record, steps=FIRST)
    banner = risk_banner(client_record, user=clinician)
    assert banner.has_safety_plan
    assert banner.safety_plan_url == reverse("safetyplans:plan", args=[client_record.pk])


def test_h093_an_alert_not_yet_escalated_links_the_supervisor_to_the_safety_tab(
    client_record, clinician, supervisor
):
    """The supervisor sees the reason (they read the client's Safety tab), and the link
    goes where they may follow it: the alert reaches them only once it escalates."""
    alert_raise(client=client_record, severity="high", source="measure", reason="r")
    (reason,) = risk_banner(client_record, user=supervisor).reasons
    assert reason.url == reverse("safety:client", args=[client_record.pk]) + "#alerts-heading"


def test_h093_the_banner_costs_four_queries_whatever_the_history(
    client_record, clinician, django_assert_num_queries
):
    """Three to find the reasons, and one for the safety plan once there is one (a
    client with nothing to warn about costs three)."""
    with django_assert_num_queries(3):
        assert risk_banner(client_record, user=clinician) is None
    for number in range(6):
        alert_raise(
            client=client_record, severity="moderate", source="measure", reason=f"{number}"
        )
        _assess(client_record, clinician, "high", when=clock.now() - timedelta(days=number))
    for number in range(4):
        Checkin.objects.create(
            client=client_record,
            channel="phone_call",
            received_at=clock.now() - timedelta(days=number),
            flagged=True,
            severity="moderate",
            rules_version="test",
        )
    with django_assert_num_queries(4):
        banner = risk_banner(client_record, user=clinician)
    assert len(banner.reasons) == 6 + 6 + 1 + 4  # the assessments' own alerts too


# --- the banner on the pages -------------------------------------------------------------


@pytest.fixture
def high_risk(client_record, clinician):
    alert_raise(
        client=client_record,
        severity="high",
        source="measure",
        reason="PHQ-9 item 9 answered 'Nearly every day'",
    )
    return client_record


def test_h093_banner_first_on_every_page_of_the_client(high_risk, clinician, as_user):
    """Every tab of the record, the record's own pages and those other capabilities add:
    the banner comes before the page's content, and before the communication banner."""
    http = as_user(clinician)
    for url in _client_urls(high_risk.pk):
        response = http.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert 'data-testid="risk-banner"' in html, url
        assert "Open alert: PHQ-9 item 9 answered &#x27;Nearly every day&#x27;" in html, url
        banner_at = html.index('data-testid="risk-banner"')
        assert banner_at < html.index('data-testid="client-banner"') < html.index("<main"), url


def test_h093_banner_on_the_sub_pages_too(high_risk, clinician, as_user):
    assessment = _assess(high_risk, clinician, "high")
    http = as_user(clinician)
    for url in (
        reverse("safety:assessment", args=[high_risk.pk, assessment.pk]),
        reverse("safety:assessment_new", args=[high_risk.pk]),
        reverse("safetyplans:edit", args=[high_risk.pk]),
        reverse("safety:checkin_new", args=[high_risk.pk]),
        reverse("measures:client", args=[high_risk.pk]),
        reverse("notes:new", args=[high_risk.pk]),
    ):
        response = http.get(url)
        assert response.status_code == 200, url
        assert 'data-testid="risk-banner"' in response.content.decode(), url


def test_h098_print_view_shows_the_banner_on_screen(high_risk, clinician, as_user):
    from caseload.safetyplans.demo import FIRST

    safety_plan_revise(acting_user=clinician, client=high_risk, steps=FIRST)
    for query in ("", "?size=card"):
        url = reverse("safetyplans:print", args=[high_risk.pk]) + query
        html = as_user(clinician).get(url).content.decode()
        assert 'data-testid="risk-banner"' in html
        assert html.index('data-testid="risk-banner"') < html.index('class="sheet"')


@pytest.mark.parametrize("persona", ["colleague", "supervisor"])
def test_h093_the_care_team_and_supervisor_see_it(persona, high_risk, request, as_user):
    user = request.getfixturevalue(persona)
    html = as_user(user).get(reverse("clients:detail", args=[high_risk.pk])).content.decode()
    assert 'data-testid="risk-banner"' in html and "Risk: High" in html


def test_h095_intake_sees_no_risk_on_any_page_it_opens(high_risk, intake, as_user):
    """Intake works the demographics and communication parts: not a word of the risk,
    on any page of the client it may open."""
    http = as_user(intake)
    opened = 0
    for url in _client_urls(high_risk.pk):
        response = http.get(url)
        if response.status_code != 200:
            assert response.status_code == 403, url
            continue
        opened += 1
        html = response.content.decode()
        assert "risk-banner" not in html and "Nearly every day" not in html, url
        assert "Risk:" not in html, url
    assert opened >= 5


def test_h095_admin_sees_no_risk_on_the_care_team_page(high_risk, admin, as_user):
    html = as_user(admin).get(reverse("clients:care_team", args=[high_risk.pk])).content.decode()
    assert "risk-banner" not in html and "Nearly every day" not in html


def test_the_banner_escapes_the_reason(client_record, clinician, as_user):
    alert_raise(client=client_record, severity="high", source="measure", reason="<b>x</b>")
    html = as_user(clinician).get(reverse("clients:detail", args=[client_record.pk]))
    assert "&lt;b&gt;x&lt;/b&gt;" in html.content.decode()
    assert "<b>x</b>" not in html.content.decode()


def test_h093_no_safety_plan_yet_says_so_with_a_link(high_risk, clinician, as_user):
    html = as_user(clinician).get(reverse("clients:detail", args=[high_risk.pk])).content.decode()
    assert "No safety plan yet" in html
    assert reverse("safetyplans:edit", args=[high_risk.pk]) in html

"""The workload picture: figures, the practice's thresholds and the nudges they raise.

Hazard guarded: a professional carrying too much (risk, crises, out-of-hours contact,
days without a break) sees no nudge, or sees nudges that cry wolf below the threshold
(H-053)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils.translation import gettext_lazy

from caseload import composition
from caseload.clients.services import appointment_create
from caseload.core import clock
from caseload.safety.models import CrisisEvent, RiskAssessment
from caseload.wellbeing import figures
from caseload.wellbeing.models import WorkloadSettings
from caseload.wellbeing.services import boundary_record, contact_log
from caseload.wellbeing.workload import patterns_for, workload_for
from factories import make_client

NEW_YORK = ZoneInfo("America/New_York")


def nudge_keys(user) -> set[str]:
    return {nudge.key for nudge in workload_for(user).nudges}


def set_threshold(**values):
    WorkloadSettings.objects.update_or_create(pk=1, defaults=values)


def add_clients(user, count):
    return [make_client(primary=user, legal_name=f"Client {n}") for n in range(count)]


def assess(client, author, level, *, days_ago=1):
    return RiskAssessment.objects.create(
        client=client,
        author=author,
        recorded_at=clock.now() - datetime.timedelta(days=days_ago),
        thoughts="none",
        plan="none",
        intent="none",
        means="none",
        past_behaviour="none",
        formulation="Synthetic.",
        risk_level=level,
        risk_level_reason="Synthetic.",
        management_plan="Synthetic.",
        next_review_on=clock.today(),
    )


def crisis(client, author, *, days_ago=1, outcome="safe"):
    return CrisisEvent.objects.create(
        client=client,
        started_at=clock.now() - datetime.timedelta(days=days_ago),
        started_by=author,
        closed_at=clock.now() - datetime.timedelta(days=days_ago),
        closed_by=author,
        outcome=outcome,
    )


def out_of_hours_call(user, client, *, day):
    return contact_log(
        acting_user=user,
        client=client,
        channel="phone",
        initiated_by="client",
        started_at=datetime.datetime(2026, 11, day, 22, 0),
        duration_minutes=10,
    )


def session(user, client, moment):
    return appointment_create(
        acting_user=user,
        client=client,
        clinician=user,
        starts_at=moment,
        duration_minutes=50,
        kind="session",
    )


def test_caseload_nudge_at_capacity_and_not_below(thursday, clinician):
    set_threshold(caseload_capacity=3)
    add_clients(clinician, 2)
    assert "active_caseload" not in nudge_keys(clinician)
    add_clients(clinician, 1)
    assert "active_caseload" in nudge_keys(clinician)


def test_discharged_clients_do_not_count(thursday, clinician):
    add_clients(clinician, 2)
    make_client(primary=clinician, status="discharged")
    assert workload_for(clinician).value("active_caseload") == 2


def test_high_risk_counts_the_latest_assessment(thursday, clinician):
    first, second = add_clients(clinician, 2)
    assess(first, clinician, "high", days_ago=5)
    assess(first, clinician, "low", days_ago=1)  # reassessed: no longer high
    assess(second, clinician, "imminent")
    assert workload_for(clinician).value("high_risk") == 1


def test_high_risk_nudge_at_threshold_and_not_below(thursday, clinician):
    set_threshold(high_risk_clients=2)
    clients = add_clients(clinician, 2)
    assess(clients[0], clinician, "high")
    assert "high_risk" not in nudge_keys(clinician)
    assess(clients[1], clinician, "high")
    found = workload_for(clinician)
    assert "high_risk" in {nudge.key for nudge in found.nudges}
    assert all(n.suggest_supervision for n in found.nudges if n.key == "high_risk")


def test_crisis_nudge_says_it_plainly_at_three_this_fortnight(thursday, clinician):
    set_threshold(alerts_and_crises=3)
    [client] = add_clients(clinician, 1)
    crisis(client, clinician, days_ago=20)  # outside the fortnight
    crisis(client, clinician, days_ago=2)
    crisis(client, clinician, days_ago=3)
    assert "crisis_fortnight" not in nudge_keys(clinician)
    crisis(client, clinician, days_ago=4)
    [nudge] = [n for n in workload_for(clinician).nudges if n.key == "crisis_fortnight"]
    assert nudge.message == (
        "You have had 3 crisis events this fortnight: consider booking a debrief with your "
        "supervisor."
    )
    assert workload_for(clinician).value("crisis_events_30") == 4


def test_out_of_hours_nudge_at_threshold_and_not_below(thursday, clinician):
    set_threshold(out_of_hours_contacts=3, out_of_hours_one_client=99)
    [client] = add_clients(clinician, 1)
    out_of_hours_call(clinician, client, day=23)
    out_of_hours_call(clinician, client, day=24)
    assert "out_of_hours_30" not in nudge_keys(clinician)
    out_of_hours_call(clinician, client, day=25)
    assert "out_of_hours_30" in nudge_keys(clinician)


def test_sessions_this_week_nudge_at_threshold_and_not_below(thursday, clinician):
    set_threshold(sessions_per_week=2)
    [client] = add_clients(clinician, 1)
    session(clinician, client, datetime.datetime(2026, 11, 16, 10, tzinfo=NEW_YORK))  # last week
    session(clinician, client, datetime.datetime(2026, 11, 23, 10, tzinfo=NEW_YORK))
    assert "sessions_week" not in nudge_keys(clinician)
    session(clinician, client, datetime.datetime(2026, 11, 27, 10, tzinfo=NEW_YORK))  # Friday
    assert workload_for(clinician).value("sessions_week") == 2
    assert "sessions_week" in nudge_keys(clinician)


def test_days_in_a_row_nudge_at_threshold_and_not_below(thursday, clinician):
    set_threshold(days_without_break=4)
    [client] = add_clients(clinician, 1)
    for day in (23, 24, 25):  # Monday to Wednesday; nothing yet today
        session(clinician, client, datetime.datetime(2026, 11, day, 10, tzinfo=NEW_YORK))
    assert workload_for(clinician).value("days_in_a_row") == 3
    assert "days_in_a_row" not in nudge_keys(clinician)
    session(clinician, client, datetime.datetime(2026, 11, 26, 9, tzinfo=NEW_YORK))  # today
    assert workload_for(clinician).value("days_in_a_row") == 4
    assert "days_in_a_row" in nudge_keys(clinician)


def test_a_day_off_breaks_the_run(thursday, clinician):
    [client] = add_clients(clinician, 1)
    for day in (20, 21, 23, 24, 25):  # Sunday 22 off
        session(clinician, client, datetime.datetime(2026, 11, day, 10, tzinfo=NEW_YORK))
    assert workload_for(clinician).value("days_in_a_row") == 3


def test_another_app_adds_a_figure_with_its_own_nudge(
    thursday, clinician, api_client, bearer, monkeypatch
):
    figure = figures.WorkloadFigure(
        key="overdue_things",
        label=gettext_lazy("Things overdue"),  # lazy, as the composition lists them
        count=lambda user: 2,
        nudge_at=2,
        nudge=gettext_lazy("{count} things are overdue."),
    )
    monkeypatch.setattr(composition, "WORKLOAD_FIGURES", (*composition.WORKLOAD_FIGURES, figure))
    found = workload_for(clinician)
    assert found.value("overdue_things") == 2
    assert "2 things are overdue." in [n.message for n in found.nudges]
    response = api_client.get(reverse("api:my_workload"), headers=bearer(clinician))
    assert response.status_code == 200
    assert "Things overdue" in [f["label"] for f in response.json()["figures"]]


def test_patterns_name_repeated_out_of_hours_with_one_client(thursday, clinician):
    set_threshold(out_of_hours_one_client=2)
    first, second = add_clients(clinician, 2)
    out_of_hours_call(clinician, first, day=23)
    out_of_hours_call(clinician, second, day=23)
    assert not [p for p in patterns_for(clinician) if p.key == "out_of_hours_one_client"]
    out_of_hours_call(clinician, first, day=24)
    [pattern] = [p for p in patterns_for(clinician) if p.key == "out_of_hours_one_client"]
    assert pattern.client == first


def test_patterns_show_sessions_running_over_and_items_waiting(thursday, clinician):
    set_threshold(sessions_running_over=2)
    [client] = add_clients(clinician, 1)
    boundary_record(
        acting_user=clinician,
        client=client,
        kind="extended_session",
        occurred_on=datetime.date(2026, 11, 20),
        minutes_over=20,
        discuss_in_supervision=True,
    )
    keys = {p.key for p in patterns_for(clinician)}
    assert keys == {"waiting_for_supervision"}
    boundary_record(
        acting_user=clinician,
        client=client,
        kind="extended_session",
        occurred_on=datetime.date(2026, 11, 24),
        minutes_over=15,
    )
    assert "sessions_running_over" in {p.key for p in patterns_for(clinician)}


def test_a_serious_incident_offers_a_debrief(thursday, client_record, clinician, as_user):
    crisis(client_record, clinician, outcome="supports")
    page = as_user(clinician).get(reverse("wellbeing:workload")).content.decode()
    assert 'data-testid="debrief"' not in page
    crisis(client_record, clinician, outcome="serious")
    page = as_user(clinician).get(reverse("wellbeing:workload")).content.decode()
    assert 'data-testid="debrief"' in page and "Ask your supervisor for a debrief" in page


def test_the_workload_page_shows_a_nudge_with_ask_for_supervision(thursday, clinician, as_user):
    set_threshold(caseload_capacity=1)
    add_clients(clinician, 1)
    page = as_user(clinician).get(reverse("wellbeing:workload")).content.decode()
    assert 'data-nudge="active_caseload"' in page and "Ask for supervision" in page


def test_api_workload(thursday, clinician, api_client, bearer):
    add_clients(clinician, 2)
    response = api_client.get(reverse("api:my_workload"), headers=bearer(clinician))
    assert response.status_code == 200
    values = {figure["key"]: figure["value"] for figure in response.json()["figures"]}
    assert values["active_caseload"] == 2 and "days_in_a_row" in values


def test_only_the_supervisor_of_a_person_sees_their_workload(
    clinician, supervisor, other_supervisor, as_user
):
    url = reverse("wellbeing:supervisee_workload", args=[clinician.pk])
    assert as_user(supervisor).get(url).status_code == 200
    assert as_user(other_supervisor).get(url).status_code == 404


def test_assignment_shows_caseload_high_risk_and_open_capacity(
    thursday, clinician, colleague, intake, as_user
):
    set_threshold(caseload_capacity=3)
    clients = add_clients(clinician, 3)
    assess(clients[0], clinician, "high")
    add_clients(colleague, 1)
    page = as_user(intake).get(reverse("wellbeing:assignment"))
    rows = page.context["rows"]
    assert [(r.person, r.caseload, r.high_risk, r.open_capacity) for r in rows] == [
        (colleague, 1, 0, 2),
        (clinician, 3, 1, 0),
    ]
    assert b"Full" in page.content


def test_the_admin_sets_thresholds(admin, as_user):
    data = {
        "caseload_capacity": 20,
        "high_risk_clients": 3,
        "alerts_and_crises": 2,
        "out_of_hours_contacts": 4,
        "out_of_hours_one_client": 2,
        "sessions_running_over": 2,
        "sessions_per_week": 22,
        "days_without_break": 8,
    }
    response = as_user(admin).post(reverse("wellbeing:settings"), data)
    assert response.status_code == 302
    assert WorkloadSettings.current().caseload_capacity == 20


@pytest.mark.parametrize("value", ["-1", "", "many"])
def test_invalid_thresholds_change_nothing(admin, as_user, value):
    response = as_user(admin).post(reverse("wellbeing:settings"), {"caseload_capacity": value})
    assert response.status_code == 400
    assert WorkloadSettings.current().caseload_capacity == 25


def test_a_threshold_of_zero_turns_its_nudge_and_pattern_off(thursday, clinician):
    set_threshold(caseload_capacity=0, out_of_hours_contacts=0, out_of_hours_one_client=0)
    [client] = add_clients(clinician, 1)
    for day in (23, 24, 25):
        out_of_hours_call(clinician, client, day=day)
    assert not nudge_keys(clinician) & {"active_caseload", "out_of_hours_30"}
    assert not [p for p in patterns_for(clinician) if p.key == "out_of_hours_one_client"]


def test_the_supervisor_sees_how_many_items_each_supervisee_brings(
    thursday, client_record, clinician, supervisor, as_user
):
    boundary_record(
        acting_user=clinician,
        client=client_record,
        kind="self_disclosure",
        occurred_on=datetime.date(2026, 11, 25),
        reflection="Mentioned my own bereavement.",
        discuss_in_supervision=True,
    )
    page = as_user(supervisor).get(reverse("wellbeing:supervision")).content.decode()
    assert "1 item brought to supervision" in page
    assert "bereavement" not in page  # the entry itself opens in the session form


def test_the_care_team_page_links_intake_to_fair_assignment(client_record, intake, as_user):
    page = as_user(intake).get(reverse("clients:care_team", args=[client_record.pk]))
    assert reverse("wellbeing:assignment").encode() in page.content

"""The caseload page's measure badges: off track, measure due, measure overdue."""

from datetime import timedelta

import pytest
from django.urls import reverse

from caseload.clients.models import Appointment
from caseload.core import clock
from caseload.measures.services import measure_plan_save, response_record
from measures.helpers import phq9_with_total

pytestmark = pytest.mark.django_db


def _caseload(as_user, user) -> str:
    return as_user(user).get(reverse("clients:caseload")).content.decode()


def _record(client, user, total, days_ago):
    return response_record(
        client=client,
        instrument="phq9",
        answers=phq9_with_total(total),
        source="session",
        acting_user=user,
        completed_at=clock.now() - timedelta(days=days_ago),
    )


def test_reliable_deterioration_shows_off_track(as_user, clinician, client_record):
    _record(client_record, clinician, 8, 40)
    _record(client_record, clinician, 16, 1)
    assert "Off track: PHQ-9" in _caseload(as_user, clinician)


def test_improvement_after_deterioration_clears_off_track(as_user, clinician, client_record):
    _record(client_record, clinician, 8, 40)
    _record(client_record, clinician, 16, 10)
    _record(client_record, clinician, 7, 1)
    assert "Off track" not in _caseload(as_user, clinician)


def test_weekly_plan_due_then_overdue(as_user, clinician, client_record):
    _record(client_record, clinician, 8, 15)
    measure_plan_save(
        acting_user=clinician,
        client=client_record,
        instrument="phq9",
        frequency="weeks",
        interval_weeks=2,
    )
    assert "Measure due" in _caseload(as_user, clinician)

    client_record.measure_plans.update(next_due_on=clock.today() - timedelta(days=8))
    page = _caseload(as_user, clinician)
    assert "Measure overdue" in page and "Measure due" not in page


def test_session_plan_is_due_after_an_attended_session(as_user, clinician, client_record):
    _record(client_record, clinician, 8, 3)
    measure_plan_save(
        acting_user=clinician, client=client_record, instrument="phq9", frequency="session"
    )
    assert "Measure due" not in _caseload(as_user, clinician)

    Appointment.objects.create(
        client=client_record,
        clinician=clinician,
        attendance="attended",
        starts_at=clock.now() - timedelta(days=1),
    )
    assert "Measure due" in _caseload(as_user, clinician)


def test_session_plan_is_overdue_a_week_after_the_attended_session(
    as_user, clinician, client_record
):
    _record(client_record, clinician, 8, 20)
    measure_plan_save(
        acting_user=clinician, client=client_record, instrument="phq9", frequency="session"
    )
    Appointment.objects.create(
        client=client_record,
        clinician=clinician,
        attendance="attended",
        starts_at=clock.now() - timedelta(days=6),
    )
    page = _caseload(as_user, clinician)
    assert "Measure due" in page and "Measure overdue" not in page

    Appointment.objects.filter(client=client_record).update(
        starts_at=clock.now() - timedelta(days=8)
    )
    page = _caseload(as_user, clinician)
    assert "Measure overdue" in page and "Measure due" not in page


def test_each_plan_is_judged_by_its_own_kind(as_user, clinician, client_record):
    """A weekly plan not yet due does not hide a session plan that is due, and a session
    plan without an attended session does not make a weekly plan's date count as due."""
    _record(client_record, clinician, 8, 3)
    measure_plan_save(
        acting_user=clinician,
        client=client_record,
        instrument="phq9",
        frequency="weeks",
        interval_weeks=4,
    )
    measure_plan_save(
        acting_user=clinician, client=client_record, instrument="gad7", frequency="session"
    )
    client_record.measure_plans.filter(instrument="gad7").update(
        next_due_on=clock.today() - timedelta(days=30),
        counted_from=clock.now() - timedelta(days=5),
    )
    assert "Measure" not in _caseload(as_user, clinician)

    Appointment.objects.create(
        client=client_record,
        clinician=clinician,
        attendance="attended",
        starts_at=clock.now() - timedelta(days=1),
    )
    assert "Measure due" in _caseload(as_user, clinician)


def test_nothing_due_without_a_plan(as_user, clinician, client_record):
    _record(client_record, clinician, 8, 60)
    page = _caseload(as_user, clinician)
    assert "Measure due" not in page and "Measure overdue" not in page


PCL5_20, PCL5_30, PCL5_40 = [1] * 20, [1] * 10 + [2] * 10, [2] * 20


def _pcl5(client, user, answers, days_ago):
    return response_record(
        client=client,
        instrument="pcl5",
        answers=answers,
        source="session",
        acting_user=user,
        completed_at=clock.now() - timedelta(days=days_ago),
    )


def test_h082_a_meaningful_pcl5_worsening_shows_as_worse_not_off_track(
    as_user, clinician, client_record
):
    """H-082. A 10-point PCL-5 rise is clinically meaningful but below the reliable-change
    threshold (more than 14.6): not "reliably worse", but it must not pass unseen either."""
    _pcl5(client_record, clinician, PCL5_20, 40)
    _pcl5(client_record, clinician, PCL5_30, 1)
    page = _caseload(as_user, clinician)
    assert "Worse: PCL-5" in page and "Off track" not in page
    chart = as_user(clinician).get(reverse("measures:chart", args=[client_record.pk, "pcl5"]))
    assert 'class="badge warning">Clinically meaningful worsening' in chart.content.decode()


def test_h082_a_reliable_deterioration_comes_before_a_meaningful_one(
    as_user, clinician, client_record
):
    _pcl5(client_record, clinician, PCL5_20, 40)
    _pcl5(client_record, clinician, PCL5_30, 1)
    _record(client_record, clinician, 8, 40)
    _record(client_record, clinician, 16, 2)
    page = _caseload(as_user, clinician)
    assert "Off track: PHQ-9" in page and "Worse: PCL-5" not in page


def test_h081_a_pcl5_rise_past_the_reliable_threshold_is_off_track(
    as_user, clinician, client_record
):
    """With its published SD and alpha the PCL-5 has a reliable-change threshold, so a
    20-point rise is a reliable deterioration and shows as off track."""
    _pcl5(client_record, clinician, PCL5_20, 40)
    _pcl5(client_record, clinician, PCL5_40, 1)
    page = _caseload(as_user, clinician)
    assert "Off track: PCL-5" in page and "Worse: PCL-5" not in page

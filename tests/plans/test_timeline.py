"""Plan reviews, signatures, agreements and feedback on the client's timeline: titles
only, and the same number of queries however long the history."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from caseload.clients.timeline import Period, timeline
from caseload.core import clock
from caseload.plans import services
from plans.helpers import acknowledge, give_feedback, make_agreement, make_plan, sign

pytestmark = pytest.mark.django_db


def _events(user, client, keys):
    period = Period.ending(clock.today() + timedelta(days=1))
    return timeline(user, client, period, keys=keys)


def _review(plan, user, days_ago):
    services.plan_review_record(
        acting_user=user,
        plan=plan,
        reviewed_on=clock.today() - timedelta(days=days_ago),
        ratings={goal.pk: 0 for goal in plan.goals.all()},
        summary="Private words of the review.",
    )


def test_plan_events_are_on_the_timeline_without_their_text(client_record, clinician):
    plan = make_plan(client_record, clinician)
    _review(plan, clinician, 3)
    sign(plan, clinician)
    acknowledge(make_agreement(client_record, clinician), clinician)
    give_feedback(client_record, clinician, heard=1)

    events = _events(clinician, client_record, {"plans", "agreements", "feedback"})

    titles = [event.title for event in events]
    assert "Plan reviewed" in titles
    assert "Plan signed by the client" in titles
    assert "Expectations agreement written" in titles
    assert "Agreement acknowledged by the client" in titles
    assert "Session feedback" in titles
    flat = " ".join(f"{event.title} {event.detail}" for event in events)
    assert "Private words" not in flat and "Low mood" not in flat
    assert "GAS T-score 50.00" in flat


def test_intake_sees_no_plan_events(client_record, clinician, intake):
    make_plan(client_record, clinician)
    sign(client_record.treatment_plans.get(), clinician)
    assert _events(intake, client_record, {"plans"}) == []


def test_the_timeline_query_count_does_not_grow_with_the_history(client_record, clinician):
    plan = make_plan(client_record, clinician)
    _review(plan, clinician, 40)
    counts = []
    for more in (0, 5):
        for day in range(more):
            _review(plan, clinician, 30 - day)
            give_feedback(client_record, clinician, days_ago=day + 1)
        with CaptureQueriesContext(connection) as queries:
            _events(clinician, client_record, {"plans", "agreements", "feedback"})
        counts.append(len(queries))
    assert counts[0] == counts[1]

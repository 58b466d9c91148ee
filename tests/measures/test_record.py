"""response_record: the one way a measure result is stored, and its safety alerts.

Hazard guarded (H-015): a client's positive answer to a risk item (PHQ-9 item 9)
is stored without a safety alert reaching the care team; or invalid answers are stored,
or raise an alert, as if they had been scored.
"""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from caseload.core import clock
from caseload.measures.models import MeasureResponse
from caseload.measures.services import response_record
from caseload.safety.models import Alert
from measures.helpers import (
    PHQ9_ITEM9_SEVERAL_DAYS,
    PHQ9_NO_RISK,
    PHQ9_OUT_OF_RANGE,
    gad7_with_total,
    phq9_with_total,
)

pytestmark = pytest.mark.django_db


def record(client, answers, *, instrument="phq9", user=None, **extra):
    return response_record(
        client=client,
        instrument=instrument,
        answers=answers,
        source=extra.pop("source", "session"),
        acting_user=user,
        **extra,
    )


def test_positive_item_9_raises_one_high_alert_in_the_same_write(client_record, clinician):
    """Hazard: PHQ-9 item 9 answered above 0 must raise an alert for the care team."""
    response = record(client_record, PHQ9_ITEM9_SEVERAL_DAYS, user=clinician)

    alert = Alert.objects.get(client=client_record)
    assert alert.severity == "high"
    assert alert.source == "measure"
    assert alert.source_id == str(response.pk)
    assert "item 9" in alert.reason
    assert "Several days" in alert.evidence
    assert response.risk_flags and response.total == 5


def test_negative_item_9_raises_no_alert(client_record, clinician):
    """Hazard (false alarm fatigue): a 'Not at all' on item 9 raises nothing."""
    response = record(client_record, PHQ9_NO_RISK, user=clinician)

    assert response.total == 16 and response.band == "moderately_severe"
    assert not Alert.objects.filter(client=client_record).exists()


@pytest.mark.parametrize(
    "answers, item",
    [
        (PHQ9_OUT_OF_RANGE, "item 4"),
        ([0, 1, 1, 1, 0, 0, 1, 0, 3], "item 10"),  # one answer short
        ([0, 1, 1, 1, 0, 0, 1, 0, "yes", None], "item 9"),
        ([0, 1, 1, 1, 0, 0, 1, 0, True, None], "item 9"),
    ],
)
def test_invalid_answers_store_nothing_and_raise_nothing(client_record, clinician, answers, item):
    """Hazard: unscorable answers, even with a risk item among them, leave no result and
    no alert, and the message names the item."""
    with pytest.raises(ValidationError) as error:
        record(client_record, answers, user=clinician)

    assert item in " ".join(error.value.messages)
    assert not MeasureResponse.objects.exists()
    assert not Alert.objects.exists()


def test_unknown_instrument_is_refused(client_record, clinician):
    with pytest.raises(ValidationError, match="no instrument"):
        record(client_record, [0], instrument="nope", user=clinician)
    assert not MeasureResponse.objects.exists()


def test_result_keeps_answers_score_and_rules_version(client_record, clinician):
    response = record(client_record, PHQ9_NO_RISK, user=clinician)
    response.refresh_from_db()
    assert response.answers == PHQ9_NO_RISK
    assert response.rules_version
    assert response.entered_by == clinician
    assert response.episode == client_record.episodes.get()
    assert response.is_baseline and response.is_latest
    assert response.change_category == ""


def test_later_results_are_classified_against_the_episode_baseline(client_record, clinician):
    start = clock.now() - timedelta(days=60)
    first = record(client_record, phq9_with_total(18), user=clinician, completed_at=start)
    better = record(
        client_record, phq9_with_total(8), user=clinician, completed_at=start + timedelta(days=30)
    )
    worse = record(client_record, phq9_with_total(24), user=clinician)

    first.refresh_from_db()
    better.refresh_from_db()
    assert first.is_baseline and not first.is_latest
    assert better.baseline_total == 18 and better.change_category == "reliable_recovery"
    assert worse.change_category == "reliable_deterioration" and worse.is_latest
    assert not better.is_latest


def test_a_backdated_result_before_the_baseline_becomes_the_baseline(client_record, clinician):
    now = clock.now()
    later = record(client_record, phq9_with_total(12), user=clinician, completed_at=now)
    earlier = record(
        client_record, phq9_with_total(20), user=clinician, completed_at=now - timedelta(days=20)
    )

    later.refresh_from_db()
    assert earlier.is_baseline and not later.is_baseline
    assert later.baseline_total == 20 and later.change_category == "reliable_improvement"
    assert later.is_latest and not earlier.is_latest


def test_results_in_a_new_episode_have_their_own_baseline(client_record, clinician):
    from caseload.clients.models import Episode

    old = client_record.episodes.get()
    with time_machine.travel(clock.now() - timedelta(days=200), tick=False):
        record(client_record, phq9_with_total(20), user=clinician)
    old.started_on = clock.today() - timedelta(days=210)
    old.ended_on = clock.today() - timedelta(days=30)
    old.save()
    Episode.objects.create(client=client_record, started_on=clock.today() - timedelta(days=10))

    response = record(client_record, phq9_with_total(9), user=clinician)

    assert response.is_baseline and response.change_category == ""


def test_a_result_dated_in_the_future_is_refused(client_record, clinician):
    with pytest.raises(ValidationError, match="future"):
        record(client_record, PHQ9_NO_RISK, completed_at=clock.now() + timedelta(hours=1))


def test_gad7_is_recorded_without_alert(client_record, clinician):
    response = record(client_record, gad7_with_total(9), instrument="gad7", user=clinician)
    assert response.total == 9 and response.band_label
    assert not Alert.objects.exists()

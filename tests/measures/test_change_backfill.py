"""H-083: results stored under the old change rules are brought in line by migration
measures 0002, so no old "Reliably better" stays on screen; the scores are untouched."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from caseload.core import clock
from caseload.measures.models import MeasureResponse
from caseload.measures.services import response_record

pytestmark = pytest.mark.django_db

backfill = importlib.import_module("caseload.measures.migrations.0003_reclassify_change")

PCL5_40 = [2] * 20  # total 40
PCL5_30 = [2] * 10 + [1] * 10  # total 30


def _pcl5(client, user, answers, days_ago):
    return response_record(
        client=client,
        instrument="pcl5",
        answers=answers,
        source="session",
        acting_user=user,
        completed_at=clock.now() - timedelta(days=days_ago),
    )


def _as_stored_by_the_old_rules(response):
    """What the rules before stored for a 10-point PCL-5 fall."""
    MeasureResponse.objects.filter(pk=response.pk).update(
        change_category="reliable_recovery",
        change_label="Reliably better and now below the clinical cut-off (reliable recovery)",
    )


def test_h083_an_old_reliable_label_is_recomputed_and_the_score_kept(
    as_user, clinician, client_record
):
    _pcl5(client_record, clinician, PCL5_40, 30)
    later = _pcl5(client_record, clinician, PCL5_30, 1)
    _as_stored_by_the_old_rules(later)
    before = MeasureResponse.objects.values("total", "band", "flags", "rules_version").get(
        pk=later.pk
    )

    assert backfill.reclassify(MeasureResponse) == 1

    later.refresh_from_db()
    assert later.change_category == "recovery"
    assert later.change_label == (
        "Out of the clinical range (recovery), but no reliable change (change of -10, "
        "reliable change needs more than 14.6)"
    )
    assert later.rci == pytest.approx(-10 / (12.40 * 2**0.5 * (1 - 0.82) ** 0.5))
    assert "Reliably" not in later.change_label
    after = MeasureResponse.objects.values("total", "band", "flags", "rules_version").get(
        pk=later.pk
    )
    assert after == before
    page = as_user(clinician).get(reverse("measures:chart", args=[client_record.pk, "pcl5"]))
    assert "Reliably" not in page.content.decode()


def test_h083_running_the_backfill_again_changes_nothing(clinician, client_record):
    _pcl5(client_record, clinician, PCL5_40, 30)
    later = _pcl5(client_record, clinician, PCL5_30, 1)
    _as_stored_by_the_old_rules(later)

    assert backfill.reclassify(MeasureResponse) == 1
    assert backfill.reclassify(MeasureResponse) == 0


def test_h083_the_second_backfill_gives_old_rows_the_published_norms(clinician, client_record):
    """Rows stored before PCL-5 and PHQ-9 carried an SD and alpha (no RCI, "no
    reliable-change figure") get their RCI and threshold from migration 0003."""
    _pcl5(client_record, clinician, PCL5_40, 30)
    later = _pcl5(client_record, clinician, PCL5_30, 1)
    MeasureResponse.objects.filter(pk=later.pk).update(
        change_category="recovery",
        change_label="Out of the clinical range (recovery; change of -10; no reliable-change "
        "figure for this measure)",
        rci=None,
    )
    second = importlib.import_module(
        "caseload.measures.migrations.0004_reclassify_published_norms"
    )

    second.forwards(django_apps, schema_editor=None)

    later.refresh_from_db()
    assert later.rci is not None and "needs more than 14.6" in later.change_label


def test_results_recorded_now_already_match_the_backfill(clinician, client_record):
    _pcl5(client_record, clinician, PCL5_40, 30)
    _pcl5(client_record, clinician, PCL5_30, 1)
    assert backfill.reclassify(MeasureResponse) == 0

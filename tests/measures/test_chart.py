"""The trajectory chart: one baseline per episode of care, band labels clear of the
points, and a summary whose words follow from the numbers it gives (H-123)."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from caseload.clients.services import episode_close, episode_open
from caseload.core import clock
from caseload.measures import chart, instruments
from caseload.measures.models import MeasureResponse
from caseload.measures.services import response_record
from measures.helpers import phq9_with_total

START = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
PHQ9 = instruments.get("phq9")
K10 = instruments.get("k10")


def _results(*rows, instrument="phq9"):
    """rows: (days after START, total, episode id); the first of each episode is its
    baseline, as the services mark it."""
    seen: set = set()
    made = []
    for days, total, episode_id in rows:
        made.append(
            MeasureResponse(
                instrument=instrument,
                total=total,
                band_label="",
                completed_at=START + timedelta(days=days),
                episode_id=episode_id,
                is_baseline=episode_id not in seen,
            )
        )
        seen.add(episode_id)
    return made


def _summary(*rows, instrument=PHQ9):
    return chart.summary(instrument, _results(*rows, instrument=instrument.code))


def test_h123_summary_of_a_reliable_improvement():
    text = _summary((0, 20, 1), (14, 15, 1), (28, 12, 1))
    assert "PHQ-9: 3 results from " in text
    assert "Baseline 20 on " in text and "; latest 12 on " in text
    assert "reliably better (change of -8, reliable change needs 6 or more)" in text
    assert "Lowest 12, highest 20." in text
    assert "episode" not in text  # one episode: nothing to tell apart


def test_h123_summary_of_a_reliable_worsening():
    text = _summary((0, 8, 1), (21, 15, 1))
    assert "Baseline 8 on " in text and "; latest 15 on " in text
    assert "reliably worse (change of +7, reliable change needs 6 or more)" in text
    assert "better" not in text


def test_h123_summary_of_no_reliable_change():
    text = _summary((0, 14, 1), (7, 9, 1), (14, 10, 1))
    assert "no reliable change (change of -4, reliable change needs 6 or more)" in text
    assert "reliably" not in text


def test_h123_summary_of_a_single_result_names_no_change():
    text = _summary((0, 14, 1))
    assert text.startswith("PHQ-9: 1 result, on ")
    assert ": 14. One result shows no change yet." in text
    assert "change of" not in text and "latest" not in text


def test_h123_summary_of_two_episodes_compares_within_the_latest_only():
    """The reported symptom: "First 12 ... latest 12: reliably better". The latest
    result is compared with its own episode's baseline, and the summary says so."""
    text = _summary((0, 12, 1), (30, 8, 1), (120, 20, 2), (150, 12, 2))
    assert "PHQ-9: 4 results from " in text and ", in 2 episodes of care." in text
    assert "In the latest episode: baseline 20 on " in text
    assert "; latest 12 on " in text
    assert "reliably better (change of -8, reliable change needs 6 or more)" in text
    assert "Lowest 12, highest 20 in this episode." in text
    assert "First 12" not in text


def test_h123_a_new_episode_with_one_result_shows_no_change_yet():
    text = _summary((0, 20, 1), (30, 10, 1), (120, 14, 2))
    assert "In the latest episode: baseline 14 on " in text
    assert "its only result so far, so no change to show yet." in text
    assert "reliabl" not in text


def test_h123_a_measure_without_a_reliable_change_figure_says_so():
    text = _summary((0, 30, 1), (28, 18, 1), instrument=K10)
    assert "a change of -12 (no reliable-change figure for this measure)" in text
    assert "reliably" not in text


@pytest.mark.parametrize("code", [instrument.code for instrument in instruments.all_instruments()])
def test_band_labels_sit_right_of_every_point(code):
    """Each band label starts in a gutter beyond the right-most point, which is as wide
    as the instrument's longest label."""
    instrument = instruments.get(code)
    if not instrument.bands:
        pytest.skip("no bands to label")
    top = instrument.max_total
    rows = [(days, top if days % 2 else instrument.min_total, 1) for days in range(0, 60, 3)]
    drawn = chart.build_chart(instrument, _results(*rows, instrument=code), _NoEvents())

    rightmost = max(point.x for point in drawn.points)
    assert drawn.label_x >= rightmost + chart.POINT_RADIUS + 2
    longest = max(len(band.label) for band in instrument.bands)
    assert drawn.label_x + longest * chart.LABEL_CHAR_WIDTH <= drawn.width


def test_h123_each_episode_has_its_own_baseline_and_reliable_band():
    rows = ((0, 12, 1), (30, 8, 1), (120, 20, 2), (150, 12, 2))
    drawn = chart.build_chart(PHQ9, _results(*rows), _NoEvents())

    first, second = drawn.episodes
    y_of = {point.label.split(": ")[1]: point.y for point in drawn.points}
    assert first.baseline_y == y_of["12"] and second.baseline_y == y_of["20"]
    # The first episode's line stops at its last result; the second starts at its baseline.
    assert first.baseline_x1 == drawn.points[0].x
    assert first.baseline_x2 == drawn.points[1].x
    assert second.baseline_x1 == drawn.points[2].x
    assert second.baseline_x2 == drawn.plot_right
    assert first.reliable.x == first.baseline_x1 and second.reliable.x == second.baseline_x1
    assert first.polyline.count(",") == 2 and second.polyline.count(",") == 2


class _NoEvents:
    """A client with no attended sessions, for drawing without the database."""

    class appointments:  # noqa: N801 (stands in for the related manager)
        @staticmethod
        def filter(**_):
            return _NoRows()


class _NoRows:
    def values_list(self, *_, **__):
        return []


@pytest.mark.django_db
def test_h123_the_chart_page_over_two_episodes(as_user, clinician, client_record):
    (first,) = client_record.episodes.all()
    first.started_on = (clock.now() - timedelta(days=200)).date()
    first.save()
    for days, total in ((190, 12), (160, 8)):
        _record(client_record, clinician, days, total)
    episode_close(
        acting_user=clinician, episode=first, ended_on=(clock.now() - timedelta(days=150)).date()
    )
    episode_open(
        acting_user=clinician,
        client=client_record,
        started_on=(clock.now() - timedelta(days=60)).date(),
    )
    for days, total in ((50, 20), (5, 12)):
        _record(client_record, clinician, days, total)

    text = (
        as_user(clinician)
        .get(reverse("measures:chart", args=[client_record.pk, "phq9"]))
        .content.decode()
    )

    assert text.count('data-testid="episode"') == 2
    assert text.count('class="baseline"') == 2 and text.count('class="reliable-band"') == 2
    summary = re.search(r'data-testid="chart-summary">([^<]*)<', text).group(1)
    assert "in 2 episodes of care. In the latest episode: baseline 20 (severe)" in summary
    assert "reliably better (change of -8" in summary


def _record(client, user, days_ago, total):
    response_record(
        client=client,
        instrument="phq9",
        answers=phq9_with_total(total),
        source="session",
        acting_user=user,
        completed_at=clock.now() - timedelta(days=days_ago),
    )

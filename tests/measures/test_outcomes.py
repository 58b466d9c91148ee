"""The outcomes report: NHS Talking Therapies rates from paired PHQ-9 / GAD-7 scores,
for supervisors, counted in SQL, with a de-identified CSV."""

import dataclasses
import random
from datetime import timedelta

import pytest
from django.urls import reverse

from caseload.core import clock
from caseload.measures import change, outcomes
from caseload.measures.services import response_record
from factories import make_client
from measures.helpers import gad7_with_total, phq9_with_total

pytestmark = pytest.mark.django_db


def _episode(primary, phq, gad, *, ended_days_ago=5, **fields):
    """A client whose episode had PHQ-9 and GAD-7 at the start and end and has ended."""
    client = make_client(primary=primary, **fields)
    client.episodes.update(started_on=clock.today() - timedelta(days=120))
    for days, phq_total, gad_total in ((100, phq[0], gad[0]), (20, phq[1], gad[1])):
        when = clock.now() - timedelta(days=days)
        for code, answers in (
            ("phq9", phq9_with_total(phq_total)),
            ("gad7", gad7_with_total(gad_total)),
        ):
            response_record(
                client=client,
                instrument=code,
                answers=answers,
                source="session",
                acting_user=primary,
                completed_at=when,
            )
    client.episodes.update(ended_on=clock.today() - timedelta(days=ended_days_ago))
    return client


@pytest.mark.parametrize(
    "phq, gad, expected",
    [
        ((18, 6), (12, 5), {"recovered", "reliable_improvement", "reliable_recovery"}),
        ((12, 11), (9, 9), set()),  # a case, no reliable change
        ((12, 8), (12, 12), set()),  # PHQ-9 below its cut-off, but GAD-7 still a case
        ((6, 14), (4, 5), {"reliable_deterioration"}),
        ((18, 10), (15, 16), {"reliable_improvement"}),  # PHQ better, GAD no reliable change
        ((15, 7), (6, 9), {"reliable_improvement"}),  # GAD-7 9 keeps it a case
        ((15, 7), (4, 9), set()),  # one reliably better, the other reliably worse: neither
    ],
)
def test_categories_follow_talking_therapies(phq, gad, expected):
    flags = outcomes.categorise(phq[0], phq[1], gad[0], gad[1])
    found = {name for name, value in flags.items() if value and name != "case_at_start"}
    assert found == expected


def test_h081_the_report_counts_reliable_change_by_the_talking_therapies_thresholds():
    """The report's thresholds are the change module's (one statement of the rule), and
    a change one point short of them is never counted as reliable."""
    assert (outcomes.PHQ_RELIABLE, outcomes.GAD_RELIABLE) == (6, 4)
    assert change.norms("phq9").reliable_threshold == outcomes.PHQ_RELIABLE
    assert change.norms("gad7").reliable_threshold == outcomes.GAD_RELIABLE
    assert (outcomes.PHQ_CASE, outcomes.GAD_CASE) == (10, 8)
    assert change.norms("phq9").caseness.value == outcomes.PHQ_CASE
    assert change.norms("gad7").caseness.value == outcomes.GAD_CASE
    short = outcomes.categorise(20, 15, 12, 9)  # PHQ-9 -5, GAD-7 -3
    assert not short["reliable_improvement"] and not short["reliable_deterioration"]


def test_sql_counts_match_the_rules_row_by_row(clinician, supervisor):
    rng = random.Random(7)  # noqa: S311 - test data
    expected = {name: 0 for name in outcomes.CSV_HEADER[7:]}
    for index in range(25):
        phq = (rng.randint(0, 24), rng.randint(0, 24))
        gad = (rng.randint(0, 21), rng.randint(0, 21))
        _episode(clinician, phq, gad, legal_name=f"Person {index}")
        for name, value in outcomes.categorise(phq[0], phq[1], gad[0], gad[1]).items():
            expected[name] += value

    report = outcomes.report_for(
        supervisor, clock.today() - timedelta(days=30), clock.today(), service=False
    )

    total = report.total
    assert total.completed == total.paired == 25
    assert total.case_at_start == expected["case_at_start"]
    assert total.recovered == expected["recovered"]
    assert total.reliable_improvement == expected["reliable_improvement"]
    assert total.reliable_recovery == expected["reliable_recovery"]
    assert total.reliable_deterioration == expected["reliable_deterioration"]
    assert [row.label for row in report.rows] == [str(clinician)]


def test_open_episodes_and_unpaired_ones_are_not_paired(clinician, supervisor):
    _episode(clinician, (18, 6), (12, 5))
    open_one = _episode(clinician, (18, 6), (12, 5), legal_name="Still Open")
    open_one.episodes.update(ended_on=None)
    only_phq = make_client(primary=clinician, legal_name="Only Phq")
    only_phq.episodes.update(started_on=clock.today() - timedelta(days=50))
    response_record(
        client=only_phq,
        instrument="phq9",
        answers=phq9_with_total(15),
        source="session",
        acting_user=clinician,
    )
    only_phq.episodes.update(ended_on=clock.today())

    total = outcomes.report_for(
        supervisor, clock.today() - timedelta(days=30), clock.today(), service=False
    ).total

    assert (total.completed, total.paired, total.recovered) == (2, 1, 1)


def test_team_view_leaves_out_other_teams(clinician, supervisor, other_supervisor, outsider):
    _episode(clinician, (18, 6), (12, 5))
    _episode(outsider, (18, 6), (12, 5), legal_name="Other Team")
    start, end = clock.today() - timedelta(days=30), clock.today()

    team = outcomes.report_for(supervisor, start, end, service=False)
    service = outcomes.report_for(supervisor, start, end, service=True)

    assert team.total.completed == 1 and service.total.completed == 2
    assert service.rows == []  # the service view is one total, never by clinician


def test_the_team_total_is_the_sum_of_its_clinicians(clinician, colleague, supervisor):
    """The team's total adds up the clinicians' rows instead of counting again; it must
    equal counting the team's episodes directly, including a client with no primary."""
    from caseload.clients.models import CareTeamMember

    rng = random.Random(11)  # noqa: S311 - test data
    for index in range(12):
        primary = clinician if index % 2 else colleague
        phq = (rng.randint(0, 24), rng.randint(0, 24))
        gad = (rng.randint(0, 21), rng.randint(0, 21))
        client = _episode(primary, phq, gad, legal_name=f"Person {index}")
        if index == 3:  # keep them on the team, without a primary clinician
            CareTeamMember.objects.filter(client=client).update(role="member")
    start, end = clock.today() - timedelta(days=30), clock.today()

    report = outcomes.report_for(supervisor, start, end, service=False)

    clients = outcomes.report_clients(supervisor, service=False)
    counted = outcomes.outcome_total(outcomes.completed_episodes(clients, start, end), "x")
    assert report.total == dataclasses.replace(counted, label="Team total")
    assert "No primary clinician" in [row.label for row in report.rows]
    assert report.total.completed == 6  # the clinician's; the colleague is not supervised


def test_report_page_and_deidentified_csv(as_user, clinician, supervisor):
    client = _episode(clinician, (18, 6), (12, 5), legal_name="Casey Unique")
    http = as_user(supervisor)

    page = http.get(reverse("measures:outcomes"))
    csv_answer = http.get(reverse("measures:outcomes_csv"))

    text = page.content.decode()
    assert page.status_code == 200 and "Team total" in text and "<svg" in text
    body = b"".join(csv_answer.streaming_content).decode()
    lines = body.strip().splitlines()
    assert lines[0].startswith("episode,ended_month,clinician,phq9_first")
    assert lines[1].split(",")[3:] == ["18", "6", "12", "5", "1", "1", "1", "1", "0"]
    assert client.legal_name not in body and "Casey" not in body
    ended = clock.today() - timedelta(days=5)
    assert lines[1].split(",")[:3] == ["1", f"{ended:%Y-%m}", clinician.username]


def test_bad_period_is_400(as_user, supervisor):
    answer = as_user(supervisor).get(
        reverse("measures:outcomes"), {"start": "2026-05-01", "end": "2026-01-01", "scope": "team"}
    )
    assert answer.status_code == 400

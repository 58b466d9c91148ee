"""Team aggregates of the self-check: shown only over at least five people.

Hazard guarded: a "team average" over one or a few people that exposes an individual's
burnout or secondary traumatic stress (H-051)."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from caseload.accounts.models import Role, Supervision
from caseload.core import clock
from caseload.wellbeing.selfcheck import aggregate, self_check_take, team_aggregates
from factories import make_user

OFTEN = [4] * 30  # CS 40, burnout 30, STS 40
NEVER = [1] * 30  # CS 10, burnout 30, STS 10


@pytest.fixture
def team(supervisor, clinician):
    """The supervisor's team: the supervisor, the clinician and five more supervisees."""
    people = [supervisor, clinician]
    for n in range(5):
        person = make_user(f"member{n}", Role.CLINICIAN)
        Supervision.objects.create(supervisor=supervisor, supervisee=person)
        people.append(person)
    return people


def take(people, answers=OFTEN):
    for person in people:
        self_check_take(acting_user=person, instrument="proqol5", answers=answers)


def test_four_people_show_nothing(team):
    take(team[:4])
    [found] = team_aggregates(team[0])
    assert not found.shown and found.means == {} and found.people is None


def test_five_people_show_their_averages(team):
    take(team[:4])
    take(team[4:5], answers=NEVER)
    [found] = team_aggregates(team[0])
    assert found.shown and found.people == 5
    assert found.means == {
        "compassion_satisfaction": round((4 * 40 + 10) / 5),
        "burnout": 30,
        "secondary_traumatic_stress": round((4 * 40 + 10) / 5),
    }


def test_several_checks_by_one_person_count_once(team):
    take(team[:1] * 6)
    [found] = team_aggregates(team[0])
    assert not found.shown


def test_checks_before_the_period_do_not_count(team):
    with time_machine.travel(clock.now() - datetime.timedelta(days=120), tick=False):
        take(team[:2])
    take(team[2:6])
    [found] = team_aggregates(team[0])
    assert not found.shown


def test_the_whole_practice_is_a_group_too(team, admin):
    take(team[:4])
    results = team_aggregates(admin)
    assert results[0].name == "The whole practice" and not results[0].shown
    take(team[4:5])
    assert team_aggregates(admin)[0].shown


def test_the_page_says_nothing_about_a_small_group(team, as_user):
    take(team[:4])
    page = as_user(team[0]).get(reverse("wellbeing:team"))
    assert page.status_code == 200
    assert b'data-testid="suppressed"' in page.content
    assert b"Burnout (average)" not in page.content


def test_the_page_shows_a_group_of_five(team, as_user):
    take(team[:5])
    page = as_user(team[0]).get(reverse("wellbeing:team")).content.decode()
    assert "Burnout (average)" in page and 'data-testid="suppressed"' not in page


def test_aggregate_of_an_empty_group_is_suppressed(db):
    assert not aggregate("nobody", []).shown

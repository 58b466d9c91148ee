"""The frame of a client's pages (clients/_base.html): the header with the risk banner
before it on every page (H-115), the next appointment and the last measure with its
trend, the quick actions by role, and the record's tabs in groups with the page's tab
and group highlighted, sub-pages included."""

import re
from datetime import datetime, timedelta

import pytest
from django.urls import reverse

from caseload.clients.composition import TAB_GROUPS, record_tabs
from caseload.clients.services import appointment_create
from caseload.core import clock
from caseload.measures.services import response_record
from caseload.safety.services import alert_raise

pytestmark = pytest.mark.django_db

# Pages under a tab, each with the tab it belongs to: sub-pages have no tab of their own.
SUB_PAGES = [
    ("clients:edit", "clients:detail"),
    ("notes:new", "notes:list"),
    ("safety:assessment_new", "safety:client"),
    ("safety:crisis_start", "safety:client"),
    ("safety:checkin_new", "safety:checkins"),
    ("safetyplans:edit", "safetyplans:plan"),
    ("plans:plan_edit", "plans:plan"),
    ("privacy:accounting", "privacy:client"),
    ("privacy:release_new", "privacy:client"),
]


def _every_page(client_id: int) -> list[str]:
    names = [tab.url_name for tab in record_tabs()] + [page for page, _tab in SUB_PAGES]
    return [reverse(name, args=[client_id]) for name in names]


def _high_risk(client):
    alert_raise(client=client, severity="high", source="measure", reason="PHQ-9 item 9 answered")


def _current_links(html: str) -> list[str]:
    """The hrefs of the client menu marked current (aria-current)."""
    menu = html.split('data-testid="client-menu"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'<a[^>]*href="([^"]+)"[^>]*aria-current="(?:page|true)"', menu)


def _book(client, clinician, *, days: int):
    return appointment_create(
        acting_user=clinician,
        client=client,
        clinician=clinician,
        starts_at=clock.now() + timedelta(days=days),
        duration_minutes=50,
        kind="session",
    )


def _phq9(client, user, score_each: int, days_ago: int):
    return response_record(
        client=client,
        instrument="phq9",
        answers=[score_each] * 8 + [0, 1],  # item 9 never; item 10 is how hard
        source="session",
        acting_user=user,
        completed_at=clock.now() - timedelta(days=days_ago),
    )


def test_h115_the_risk_banner_comes_before_the_client_header_on_every_page(
    client_record, clinician, as_user
):
    """The header is new on every page of a client; the risk banner is never below it,
    nor missing from a page that draws it (tabs and sub-pages alike)."""
    _high_risk(client_record)
    http = as_user(clinician)
    for url in _every_page(client_record.pk):
        response = http.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert html.count('data-testid="client-header"') == 1, url
        banner_at = html.index('data-testid="risk-banner"')
        assert banner_at < html.index('data-testid="client-header"'), url
        assert banner_at < html.index('data-testid="client-banner"'), url


def test_h115_intake_sees_the_header_without_a_word_of_risk_or_measures(
    client_record, clinician, intake, as_user
):
    _high_risk(client_record)
    _phq9(client_record, clinician, 2, days_ago=3)
    html = as_user(intake).get(reverse("clients:detail", args=[client_record.pk]))
    page = html.content.decode()
    assert 'data-testid="client-header"' in page
    assert "risk-banner" not in page and "Risk:" not in page
    assert 'data-testid="header-last-measure"' not in page and "PHQ-9" not in page
    actions = page.split('data-testid="client-actions"', 1)[1].split("</ul>", 1)[0]
    assert re.findall(r">([^<]+)</a>", actions) == ["Book"]


def test_the_header_shows_the_next_appointment_and_the_last_measure_with_its_trend(
    client_record, clinician, as_user
):
    _book(client_record, clinician, days=9)
    soon = _book(client_record, clinician, days=2)
    _phq9(client_record, clinician, 3, days_ago=30)  # 24: the baseline
    _phq9(client_record, clinician, 1, days_ago=2)  # 8: reliably better
    page = as_user(clinician).get(reverse("notes:list", args=[client_record.pk]))
    html = page.content.decode()
    next_fact = html.split('data-testid="header-next-appointment"', 1)[1].split("</div>", 1)[0]
    booked = re.search(r'datetime="([^"]+)"', next_fact).group(1)
    assert datetime.fromisoformat(booked) == soon.starts_at
    measure = html.split('data-testid="header-last-measure"', 1)[1].split("</div>", 1)[0]
    assert "PHQ-9 8" in measure
    assert "trend-better" in measure and "↓" in measure and "from 24" in measure
    actions = html.split('data-testid="client-actions"', 1)[1].split("</ul>", 1)[0]
    assert re.findall(r">([^<]+)</a>", actions) == [
        "Book",
        "Note",
        "Measure",
        "Check-in link",
        "Safety plan",
    ]


def test_a_first_measure_has_no_trend_yet(client_record, clinician, as_user):
    _phq9(client_record, clinician, 2, days_ago=1)
    html = as_user(clinician).get(reverse("clients:detail", args=[client_record.pk]))
    measure = html.content.decode().split('data-testid="header-last-measure"', 1)[1]
    assert "trend-arrow" not in measure.split("</div>", 1)[0]


@pytest.mark.parametrize("history", [1, 12])
def test_the_header_costs_the_same_queries_whatever_the_history(
    history, client_record, clinician, as_user, django_assert_max_num_queries
):
    """Client pages keep a constant query count: the header's facts read one row each."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for number in range(history):
        _phq9(client_record, clinician, number % 4, days_ago=history - number)
        _book(client_record, clinician, days=number + 1)
    http = as_user(clinician)
    url = reverse("notes:list", args=[client_record.pk])
    http.get(url)
    with CaptureQueriesContext(connection) as first:
        http.get(url)
    _phq9(client_record, clinician, 1, days_ago=0)
    with django_assert_max_num_queries(len(first.captured_queries)):
        http.get(url)


@pytest.mark.parametrize(("page", "tab"), SUB_PAGES)
def test_a_sub_page_highlights_its_tab_and_group(page, tab, client_record, clinician, as_user):
    """H-116: a page inside a tab shows where it is, the tab and its group."""
    html = as_user(clinician).get(reverse(page, args=[client_record.pk])).content.decode()
    tab_url = reverse(tab, args=[client_record.pk])
    group = next(entry.group for entry in record_tabs() if entry.url_name == tab)
    first_of_group = next(entry for entry in record_tabs() if entry.group == group)
    current = _current_links(html)
    assert tab_url in current
    assert reverse(first_of_group.url_name, args=[client_record.pk]) in current
    assert all(
        url in (tab_url, reverse(first_of_group.url_name, args=[client_record.pk]))
        for url in current
    )


def test_every_tab_highlights_itself_and_nothing_else(client_record, clinician, as_user):
    """H-116: every tab is drawn, reachable, and the only current one on its page."""
    http = as_user(clinician)
    for tab in record_tabs():
        url = reverse(tab.url_name, args=[client_record.pk])
        html = http.get(url).content.decode()
        current = set(_current_links(html))
        first_of_group = next(entry for entry in record_tabs() if entry.group == tab.group)
        assert current == {url, reverse(first_of_group.url_name, args=[client_record.pk])}


def test_the_groups_are_those_a_clinician_thinks_in(client_record, clinician, as_user):
    """H-116: every tab names a group the menu draws, so none can vanish."""
    html = as_user(clinician).get(reverse("clients:detail", args=[client_record.pk]))
    groups = re.findall(r'data-group="([a-z]+)">([^<]+)</a>', html.content.decode())
    assert [label for _key, label in groups] == [
        "Overview",
        "Clinical",
        "Safety",
        "Plan and agreement",
        "Legal",
        "Timeline",
    ]
    assert [key for key, _label in groups] == [key for key, _label in TAB_GROUPS]
    assert {tab.group for tab in record_tabs()} == {key for key, _label in TAB_GROUPS}


def test_the_admin_sees_only_the_care_team_tab(client_record, admin, as_user):
    html = as_user(admin).get(reverse("clients:care_team", args=[client_record.pk]))
    menu = html.content.decode().split('data-testid="client-menu"', 1)[1].split("</nav>")[0]
    assert set(re.findall(r'href="([^"]+)"', menu)) == {
        reverse("clients:care_team", args=[client_record.pk])
    }


@pytest.mark.parametrize("page", ["notes:list", "safety:client", "clients:timeline"])
def test_the_sidebar_marks_the_caseload_on_every_page_of_a_client(
    page, client_record, clinician, as_user
):
    html = as_user(clinician).get(reverse(page, args=[client_record.pk])).content.decode()
    nav = html.split('data-testid="main-nav"', 1)[1].split("</nav>", 1)[0]
    current = re.findall(r'<a href="([^"]+)"[^>]*aria-current="page"', nav)
    assert current == [reverse("clients:caseload")]


def test_an_alert_of_a_client_is_under_alerts_not_the_caseload(client_record, clinician, as_user):
    _high_risk(client_record)
    alert = client_record.alerts.get()
    html = as_user(clinician).get(reverse("safety:alert", args=[alert.pk])).content.decode()
    nav = html.split('data-testid="main-nav"', 1)[1].split("</nav>", 1)[0]
    current = re.findall(r'<a href="([^"]+)"[^>]*aria-current="page"', nav)
    assert current == [reverse("safety:inbox")]


def test_the_sidebar_counts_the_follow_ups_still_to_do(client_record, clinician, as_user):
    from caseload.safety.tasks import follow_ups_for

    def tasks_link() -> str:
        html = as_user(clinician).get(reverse("accounts:account")).content.decode()
        return re.search(r'<a href="/safety/tasks/"[^>]*>.*?</a>', html, re.S).group(0)

    assert "nav-count" not in tasks_link()
    _high_risk(client_record)  # a high alert schedules follow-up contacts
    due = follow_ups_for(clinician).count()
    assert due > 0
    assert f'<span class="badge nav-count rounded-pill">{due}<' in tasks_link()

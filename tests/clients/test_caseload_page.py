"""The caseload page as a user gets it: its rows' HTML, its query count as the caseload
grows, and signals judged at the time of each request."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from caseload.clients.models import Appointment
from caseload.clients.services import appointment_create
from caseload.core import clock
from factories import make_client
from notes.helpers import draft, past_session


def _page(http, **query) -> str:
    response = http.get(reverse("clients:caseload"), query)
    assert response.status_code == 200
    return response.content.decode()


def _row(html: str, name: str) -> str:
    (row,) = [row for row in re.findall(r"<tr>.*?</tr>", html, re.S) if f">{name}</a>" in row]
    return re.sub(r">\s+<", "><", row.strip())


def test_a_row_shows_name_status_next_appointment_clinician_and_signals(
    client_record, clinician, as_user
):
    upcoming = appointment_create(
        acting_user=clinician,
        client=client_record,
        clinician=clinician,
        starts_at=clock.now() + timedelta(days=2),
        duration_minutes=50,
        kind="session",
    )
    local = timezone.localtime(upcoming.starts_at)
    row = _row(_page(as_user(clinician)), "Jo (Jordan Rivera)")
    url = reverse("clients:detail", args=[client_record.pk])
    assert row == (
        f'<tr><td data-label="Client"><a href="{url}">Jo (Jordan Rivera)</a></td>'
        '<td data-label="Status">Active</td>'
        f'<td data-label="Next appointment"><time datetime="{local.isoformat()}">'
        f"{local.strftime('%a %-d %b, %H:%M')}</time></td>"
        '<td data-label="Primary clinician">Treating Tester</td>'
        '<td data-label="Signals"><span class="badge info">Interpreter: Spanish</span></td>'
        "</tr>"
    )


def test_a_row_without_appointment_clinician_or_signals(clinician, admin, as_user):
    record = make_client(acting_user=admin, legal_name="Robin Hale", preferred_name="Robin")
    html = _page(as_user(admin))
    url = reverse("clients:care_team", args=[record.pk])
    # The admin sees the directory: no schedule, no signals, the care team link.
    assert _row(html, "Robin Hale") == (
        f'<tr><td data-label="Client"><a href="{url}">Robin Hale</a></td>'
        '<td data-label="Status">Active</td>'
        '<td data-label="Primary clinician"><span class="muted">unassigned</span></td></tr>'
    )
    record.care_team.create(user=clinician, role="primary")
    row = _row(_page(as_user(clinician)), "Robin Hale")
    assert '<td data-label="Next appointment"><span class="muted">none booked</span></td>' in row
    assert row.endswith("<td></td></tr>")  # an empty signals cell keeps the columns


def test_a_badge_with_detail_has_its_title_and_text_is_escaped(client_record, clinician, as_user):
    client_record.legal_name = "Jordan <b>Rivera</b>"
    client_record.save(update_fields=["legal_name"])
    past_session(client_record, clinician, hours_ago=100)
    html = _page(as_user(clinician))
    assert "Jo (Jordan &lt;b&gt;Rivera&lt;/b&gt;)" in html and "<b>Rivera" not in html
    assert (
        '<span class="badge warning" title="A session has no signed note 72 hours after it'
        ' started.">Note overdue</span>'
    ) in html


def _clients(clinician, count):
    for index in range(count):
        record = make_client(primary=clinician, legal_name=f"Client {index:03}")
        past_session(record, clinician, hours_ago=100, attendance="no_show")
        Appointment.objects.create(
            client=record,
            clinician=clinician,
            starts_at=clock.now() + timedelta(days=1 + index % 5),
            duration_minutes=50,
            kind="session",
        )


@pytest.mark.parametrize("persona", ["clinician", "intake", "admin"])
def test_the_query_count_is_the_same_for_3_and_for_63_clients(
    persona, clinician, request, as_user, django_assert_num_queries
):
    """The page is one page of 50 rows however long the caseload: its queries do not grow
    with the clients on it, nor with their signals."""
    http = as_user(request.getfixturevalue(persona))
    _clients(clinician, 3)
    _page(http)  # session and caches warm
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert _page(http).count("<tr>") == 1 + 3
    _clients(clinician, 60)
    with django_assert_num_queries(len(small)):
        html = _page(http)
    assert html.count("<tr>") == 1 + 50
    if persona != "admin":
        assert html.count("Missed last session") == 50


def test_h061_signals_are_judged_at_the_time_of_each_request(client_record, clinician, as_user):
    """Pages served by one process over days: each request reads the clock afresh, so the
    next appointment moves on once it has passed and a note turns overdue after 72
    hours, without anything being rebuilt."""
    http = as_user(clinician)
    session = past_session(client_record, clinician, hours_ago=1)
    draft(client_record, clinician, appointment=session)
    appointment_create(
        acting_user=clinician,
        client=client_record,
        clinician=clinician,
        starts_at=clock.now() + timedelta(hours=2),
        duration_minutes=50,
        kind="session",
    )
    before = _row(_page(http), "Jo (Jordan Rivera)")
    assert "<time datetime=" in before and "Note overdue" not in before
    with time_machine.travel(clock.now() + timedelta(hours=73), tick=False):
        after = _row(_page(as_user(clinician)), "Jo (Jordan Rivera)")  # a new session
    assert "<time datetime=" not in after and "none booked" in after
    assert "Note overdue" in after


def test_next_appointment_reads_as_the_date_filter_would_print_it():
    """The row's time is formatted without the template's `date` filter (once per page,
    not per row): it must read exactly as `date:"D j M, H:i"` would, for every month,
    weekday and one- or two-digit day, in the practice's time zone."""
    from django.template.defaultfilters import date as date_filter

    from caseload.clients.models import Client
    from caseload.clients.selectors import caseload_table

    start = timezone.make_aware(timezone.datetime(2026, 1, 1, 7, 5))
    clients = []
    for day in range(0, 365, 4):
        client = Client(pk=day + 1, legal_name="Robin Hale", status="active")
        client.next_appointment = start + timedelta(days=day, hours=day % 15)
        client.primary_name, client.caseload_signals = "", []
        clients.append(client)
    rows = caseload_table(clients, show_record=True)
    for client, row in zip(clients, rows, strict=True):
        local = timezone.localtime(client.next_appointment)
        assert row.next_text == date_filter(local, "D j M, H:i")
        assert row.next_at == date_filter(local, "c")
        assert row.url == reverse("clients:detail", args=[client.pk])
        assert row.status == "Active"
    assert caseload_table(clients[:1], show_record=False)[0].url == reverse(
        "clients:care_team", args=[1]
    )

"""Queries compiled once and reused (core/prepared.py): the caseload page's signals, its
engagement figures and the header's alert count.

H-061: a prepared query that compiled the time into its SQL would judge every later page
against the moment the process first built it: a note never turning overdue, a measure
never falling due, a risk review never flagged. H-062: the header's count of open alerts,
prepared separately, must count exactly the alerts the inbox shows.
"""

from datetime import timedelta

import pytest
import time_machine
from django.db.models import BigIntegerField, DateTimeField, Exists, OuterRef

from caseload.accounts.models import User
from caseload.clients import caseload
from caseload.clients.access import Part
from caseload.clients.models import Appointment, Client
from caseload.composition import CASELOAD_SIGNALS
from caseload.core import clock
from caseload.core.prepared import (
    Param,
    compile_prepared,
    id_slots,
    id_values,
    run_prepared,
)
from caseload.notes.engagement import _ranked_for_page
from caseload.safety.alerts import alert_visible_rule, open_alert_count, open_alerts_for
from caseload.safety.models import Alert, AlertState, EscalationLevel
from caseload.safety.services import alert_acknowledge, alert_raise
from notes.helpers import draft, past_session


def _fixed_parts(compiled) -> tuple[str, tuple]:
    """The SQL and every parameter that is not a Param: what a run cannot change."""
    return compiled.sql, tuple(p for p in compiled.params if not isinstance(p, Param))


def _builders():
    rules = CASELOAD_SIGNALS
    yield "caseload page", lambda: caseload.page_query(rules, 8)
    yield "engagement", lambda: _ranked_for_page(8)
    for role in ("clinician", "supervisor", "admin"):
        listing = caseload.CaseloadListing(User(role=role, is_active=True), search="x")
        yield f"{role} listing", lambda listing=listing: listing._clients().values("id")
    yield (
        "alert count",
        lambda: (
            Alert.objects.filter(alert_visible_rule(Param("user", BigIntegerField())))
            .filter(state=AlertState.OPEN)
            .values("state")
        ),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("name,build", list(_builders()), ids=lambda value: str(value)[:20])
def test_h061_no_prepared_query_compiles_in_the_time(name, build):
    """Every registered caseload signal, compiled a year apart and in another time of day,
    gives the same SQL and fixed parameters: the time only ever enters as a Param."""
    with time_machine.travel("2025-03-01 09:00Z", tick=False):
        early = _fixed_parts(compile_prepared(build()))
    with time_machine.travel("2026-08-15 23:30Z", tick=False):
        late = _fixed_parts(compile_prepared(build()))
    assert early == late, f"the {name} query changes with the clock"


@pytest.mark.django_db
def test_h061_a_rule_that_reads_the_clock_is_caught():
    """The check above can fail: a rule written with the clock's value instead of NOW."""

    def reads_the_clock():
        past = Appointment.objects.filter(client=OuterRef("pk"), starts_at__lt=clock.now())
        return {"signal_bad": Exists(past)}

    rule = caseload.SignalRule(
        name="bad", part=Part.CLINICAL, annotations=reads_the_clock, signals=lambda c: []
    )
    with time_machine.travel("2025-03-01 09:00Z", tick=False):
        early = _fixed_parts(compile_prepared(caseload.page_query((rule,), 8)))
    with time_machine.travel("2026-08-15 23:30Z", tick=False):
        late = _fixed_parts(compile_prepared(caseload.page_query((rule,), 8)))
    assert early != late


def test_h061_the_same_compiled_page_sees_a_note_fall_overdue(client_record, clinician):
    """One compiled query, reused across time: the note overdue signal appears when 72
    hours have passed, without the query being built again."""
    session = past_session(client_record, clinician, hours_ago=1)
    draft(client_record, clinician, appointment=session)
    clients = list(Client.objects.filter(pk=client_record.pk))
    (before,) = caseload.with_schedule(clients, rules=CASELOAD_SIGNALS)
    assert not before.signal_note_overdue_session
    with time_machine.travel(clock.now() + timedelta(hours=73), tick=False):
        (after,) = caseload.with_schedule(clients, rules=CASELOAD_SIGNALS)
    assert after.signal_note_overdue_session


@pytest.mark.django_db
def test_a_param_without_a_value_is_an_error_not_a_null():
    def build():
        return Client.objects.filter(created_at__lt=Param("when", DateTimeField())).values("id")

    with pytest.raises(KeyError, match="'when'"):
        run_prepared(("test", "missing"), build, {})


@pytest.mark.django_db
def test_rows_come_back_converted_as_values_would(client_record):
    def build():
        return Client.objects.filter(created_at__lt=Param("when", DateTimeField())).values(
            "id", "created_at", "date_of_birth"
        )

    rows = run_prepared(("test", "converted"), build, {"when": clock.now() + timedelta(1)})
    assert rows == list(Client.objects.values("id", "created_at", "date_of_birth"))
    assert run_prepared(("test", "converted"), build, {"when": clock.now() - timedelta(1)}) == []


def test_id_slots_round_up_and_spare_slots_repeat_the_last_id():
    assert [id_slots(n) for n in (1, 8, 9, 50, 100)] == [8, 8, 16, 64, 128]
    values = id_values("client", [5, 7, 9])
    assert len(values) == 8
    assert [values[f"client{i}"] for i in range(8)] == [5, 7, 9, 9, 9, 9, 9, 9]


def test_the_caseload_page_is_the_same_for_every_page_size(client_record, clinician):
    """A page of 9 ids uses 16 slots: the repeated ids neither add nor drop clients."""
    others = [
        Client.objects.create(legal_name=f"Client {n}", date_of_birth="1990-01-01")
        for n in range(8)
    ]
    clients = [client_record, *others]
    loaded = caseload.with_schedule(clients, rules=CASELOAD_SIGNALS)
    assert [client.pk for client in loaded] == [client.pk for client in clients]


def _raise(client_record, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return alert_raise(client=client_record, severity="high", source="measure", reason="x")


def test_h062_the_header_counts_what_the_inbox_shows(
    client_record,
    clinician,
    colleague,
    supervisor,
    outsider,
    intake,
    django_capture_on_commit_callbacks,
):
    alert = _raise(client_record, django_capture_on_commit_callbacks)
    people = (clinician, colleague, supervisor, outsider, intake)

    def counts():
        return [(open_alert_count(user), open_alerts_for(user).count()) for user in people]

    # The care team sees it; the supervisor only once it escalates; no one else.
    assert counts() == [(1, 1), (1, 1), (0, 0), (0, 0), (0, 0)]
    Alert.objects.filter(pk=alert.pk).update(escalation_level=EscalationLevel.SUPERVISOR)
    assert counts() == [(1, 1), (1, 1), (1, 1), (0, 0), (0, 0)]
    alert_acknowledge(alert=alert, acting_user=clinician, action_taken="contacted_client")
    assert counts() == [(0, 0)] * 5

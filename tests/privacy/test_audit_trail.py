"""The audit trail a privacy officer can read: sentences with names, search by a client's
name, CSV export (H-117, H-122; H-002 and H-009 for the trail as a whole)."""

import csv
import io
import textwrap
from datetime import date
from string import Formatter
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from caseload.audit.models import AuditEvent
from caseload.audit.services import audit_event_matches_its_hash, audit_record
from caseload.privacy import audit_trail
from caseload.privacy.audit_vocabulary import VOCABULARY, ActionGroup, phrase_for
from factories import PASSWORD, make_client, make_user
from privacy.audit_actions_in_code import actions_in_code

# --- H-117: the vocabulary covers every action ----------------------------------------


def _export(http, params=None):
    """The audit trail's CSV export: the filters in the address, the password again."""
    query = urlencode(params or {})
    return http.post(f"{reverse('audit:export')}?{query}", {"your_password": PASSWORD})


def test_h117_every_action_the_code_writes_has_a_sentence():
    found = actions_in_code()
    assert not found.unreadable, (
        f"Write these audit actions as literals so they can be checked: {found.unreadable}"
    )
    missing = {
        action: where for action, where in found.actions.items() if action not in VOCABULARY
    }
    assert not missing, f"Audit actions with no sentence in audit_vocabulary.py: {missing}"
    stale = set(VOCABULARY) - set(found.actions)
    assert not stale, f"Sentences for actions no code writes any more: {sorted(stale)}"
    assert {"client.read", "audit.export", "mandatory_report.made", "session.idle"} <= set(
        found.actions
    )


def test_h117_the_scanner_reads_every_way_an_action_is_written(tmp_path):
    """The completeness check would pass vacuously if the scanner missed a spelling."""
    (tmp_path / "module.py").write_text(
        textwrap.dedent(
            """
            def literal():
                audit_record(action="one.literal")

            def conditional(flag):
                audit_record(action="two.yes" if flag else "two.no")

            def local(flag):
                action = "three.write" if flag else "three.read"
                audit_record(action=action)

            def passed_on(*, action):
                audit_record(action=action)

            def caller():
                passed_on(action="four.passed")

            def dynamic(step):
                audit_record(action=f"five.{step}")

            def attribute(thing):
                audit_record(action=thing.action)

            parser.add_argument("--x", action="store_true")
            """
        )
    )
    found = actions_in_code(tmp_path)
    assert set(found.actions) == {
        "one.literal",
        "two.yes",
        "two.no",
        "three.write",
        "three.read",
        "four.passed",
    }
    assert [where.split(":")[1] for where in found.unreadable] == ["19", "22"]


def test_h117_every_sentence_uses_only_parts_an_event_can_give():
    known = {"actor", "client", "person", *audit_trail.DETAIL_WORDS, *audit_trail.DETAIL_PEOPLE}
    for action, phrase in VOCABULARY.items():
        used = {field for _text, field, _spec, _conv in Formatter().parse(str(phrase.sentence))}
        assert used - {None} <= known, (action, used - known)


def test_a_sentence_names_the_people_in_the_events_detail(client_record, privacy_officer):
    """client_record's care team was made by the treating clinician adding the colleague."""
    event = AuditEvent.objects.filter(action="care_team.add").latest("seq")
    row = audit_trail.readable_events([event], viewer=privacy_officer)[0]
    assert (
        row.sentence == "Treating Tester added Colleague Tester to Jo (Jordan Rivera)'s care team"
    )


def test_h117_every_sentence_reads_and_every_group_is_one_of_four():
    parts = audit_trail._Parts(actor="Chloe Martin", client="David Shaw", person="Ana Ruiz")
    for action, phrase in VOCABULARY.items():
        sentence = str(phrase.sentence).format_map(parts)
        assert sentence.strip() and "{" not in sentence, action
        assert phrase.group in ActionGroup, action
        assert str(phrase.label), action


def test_an_action_no_code_writes_any_more_is_told_by_its_code():
    phrase = phrase_for("old.{thing}")
    names = audit_trail.Names(people={}, usernames={}, clients={})
    event = AuditEvent(seq=1, action="old.{thing}", actor_username="")
    assert phrase.label == "old.{thing}"
    assert audit_trail.readable(event, names).sentence.endswith(": old.{thing}")


# --- sentences with names, in constant queries ------------------------------------------


def test_events_are_told_in_sentences_with_names(
    client_record, colleague, privacy_officer, as_user
):
    audit_record(
        action="client.read", actor=colleague, client_id=client_record.pk, purpose="session notes"
    )
    response = as_user(privacy_officer).get(reverse("audit:search"))
    sentences = [row.sentence for row in response.context["rows"]]
    assert "Colleague Tester opened Jo (Jordan Rivera)'s record (session notes)" in sentences
    html = response.content.decode()
    assert "Colleague Tester opened Jo (Jordan Rivera)&#x27;s record" in html
    assert "clients.client" not in html


def test_a_sentence_names_the_staff_member_an_event_is_about(admin, clinician, privacy_officer):
    audit_record(
        action="staff.role_change", actor=admin, obj=clinician, detail={"to": "supervisor"}
    )
    event = AuditEvent.objects.latest("seq")
    row = audit_trail.readable_events([event], viewer=privacy_officer)[0]
    assert row.sentence == "Admin Tester changed Treating Tester's role to supervisor"
    assert row.group == ActionGroup.ACCESS


def test_the_full_sentence_has_the_time_and_the_address(client_record, colleague, privacy_officer):
    audit_record(action="client.read", actor=colleague, client_id=client_record.pk)
    event = AuditEvent.objects.latest("seq")
    event.ip = "10.0.0.5"  # in memory: the stored event cannot change
    row = audit_trail.readable_events([event], viewer=privacy_officer)[0]
    assert row.full_sentence().startswith("Colleague Tester opened Jo (Jordan Rivera)'s record, ")
    assert row.full_sentence().endswith(", from 10.0.0.5")


def _events_for(count: int, clinician, *, start: int = 0) -> list[AuditEvent]:
    for number in range(start, start + count):
        person = make_user(f"reader{number}", "clinician")
        record = make_client(primary=clinician, legal_name=f"Client Number{number}")
        audit_record(action="client.read", actor=person, client_id=record.pk)
    return list(AuditEvent.objects.filter(action="client.read").order_by("-seq")[:count])


def test_names_are_looked_up_in_two_queries_however_many_events(
    clinician, privacy_officer, django_assert_num_queries
):
    events = _events_for(12, clinician)
    with django_assert_num_queries(2):  # the staff, the clients
        rows = audit_trail.readable_events(events, viewer=privacy_officer)
    assert {row.client_name for row in rows} == {f"Client Number{n}" for n in range(12)}
    assert len({row.actor_name for row in rows}) == 12


def test_the_search_page_costs_the_same_queries_for_few_or_many_events(
    clinician, privacy_officer, as_user
):
    http = as_user(privacy_officer)
    filters = {"action": "client.read"}
    _events_for(2, clinician)
    with CaptureQueriesContext(connection) as few:
        assert len(http.get(reverse("audit:search"), filters).context["rows"]) == 2
    _events_for(15, clinician, start=2)
    with CaptureQueriesContext(connection) as many:
        assert len(http.get(reverse("audit:search"), filters).context["rows"]) == 17
    assert len(many) == len(few)


def _person(username: str, first_name: str, last_name: str):
    person = make_user(username, "clinician")
    person.first_name, person.last_name = first_name, last_name
    person.save(update_fields=["first_name", "last_name"])
    return person


# --- search by client name --------------------------------------------------------------


@pytest.fixture
def namesakes(clinician, colleague):
    """Two clients called David Shaw, born apart, each opened by a different colleague."""
    first = make_client(primary=clinician, legal_name="David Shaw", date_of_birth=date(1980, 3, 1))
    second = make_client(
        primary=clinician, legal_name="David Shaw", date_of_birth=date(1975, 9, 9)
    )
    other = _person("kim", "Kim", "Lee")
    audit_record(action="client.read", actor=colleague, client_id=first.pk, purpose="first")
    audit_record(action="client.read", actor=other, client_id=second.pk, purpose="second")
    return first, second


def test_search_by_name_and_birth_date_finds_their_events_not_a_namesakes(
    namesakes, privacy_officer, as_user
):
    first, second = namesakes
    http = as_user(privacy_officer)
    response = http.get(
        reverse("audit:search"), {"client_name": "david shaw", "date_of_birth": "1980-03-01"}
    )
    events = [row.event for row in response.context["rows"]]
    assert events and {event.client_id for event in events} == {first.pk}
    reads = [row.sentence for row in response.context["rows"] if row.event.action == "client.read"]
    assert reads == ["Colleague Tester opened David Shaw's record (first)"]
    # By name alone both are found, listed with their birth dates to choose between.
    response = http.get(reverse("audit:search"), {"client_name": "Shaw"})
    assert {e.event.client_id for e in response.context["rows"]} == {first.pk, second.pk}
    assert response.context["clients_found"] and len(response.context["clients_found"]) == 2
    html = response.content.decode()
    assert "born 1 Mar 1980" in html and "born 9 Sep 1975" in html


def test_a_name_that_matches_nobody_shows_no_events(namesakes, privacy_officer, as_user):
    response = as_user(privacy_officer).get(reverse("audit:search"), {"client_name": "Nobody"})
    assert response.context["rows"] == []
    assert response.context["clients_found"] == []


def test_searching_by_name_never_reveals_a_client_the_searcher_may_not_see(
    client_record, clinician, outsider, privacy_officer, admin
):
    """Only the privacy officer searches the trail today; the rule is the door's, so a
    role given the search later finds by name only the clients it may see."""

    def find(viewer):
        return list(audit_trail.clients_matching(viewer=viewer, name="Jordan", date_of_birth=None))

    assert find(privacy_officer) == [client_record]
    assert find(clinician) == [client_record]
    assert find(outsider) == []
    audit_record(action="client.read", actor=clinician, client_id=client_record.pk)
    event = AuditEvent.objects.latest("seq")
    [seen] = audit_trail.readable_events([event], viewer=outsider)
    assert "Jordan" not in seen.sentence
    assert f"client {client_record.pk}" in seen.sentence


def test_search_by_staff_member_action_group_and_number(
    client_record, colleague, clinician, privacy_officer, as_user
):
    audit_record(action="client.denied", actor=colleague, client_id=client_record.pk)
    audit_record(action="client.read", actor=clinician, client_id=client_record.pk)
    http = as_user(privacy_officer)
    response = http.get(reverse("audit:search"), {"user": "colleague", "action": "group:access"})
    rows = response.context["rows"]
    assert rows and {(r.event.action, r.event.actor_username) for r in rows} == {
        ("client.denied", "colleague")
    }
    assert '<option value="group:access" selected>' in response.content.decode()
    response = http.get(
        reverse("audit:search"), {"client": client_record.pk, "action": "group:reads"}
    )
    assert {r.event.client_id for r in response.context["rows"]} == {client_record.pk}
    assert {r.group for r in response.context["rows"]} == {ActionGroup.READS}


def test_an_action_outside_the_vocabulary_is_refused_clearly(privacy_officer, as_user):
    response = as_user(privacy_officer).get(reverse("audit:search"), {"action": "client."})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_every_search_is_audited_with_its_filters(namesakes, privacy_officer, as_user):
    as_user(privacy_officer).get(reverse("audit:search"), {"client_name": "Shaw"})
    event = AuditEvent.objects.filter(action="audit.search").latest("seq")
    assert event.actor == privacy_officer
    assert event.detail == {"client_name": "Shaw"}


# --- CSV export -------------------------------------------------------------------------


def _csv(response) -> list[dict]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_csv_export_has_the_filtered_events_in_sentences(namesakes, privacy_officer, as_user):
    first, _second = namesakes
    response = _export(
        as_user(privacy_officer), {"client_name": "Shaw", "date_of_birth": "1980-03-01"}
    )
    rows = _csv(response)
    expected = AuditEvent.objects.filter(client_id=first.pk)
    assert [int(row["seq"]) for row in rows] == list(expected.values_list("seq", flat=True))
    read = next(row for row in rows if row["action"] == "client.read")
    assert read["sentence"] == "Colleague Tester opened David Shaw's record (first)"
    assert read["client_name"] == "David Shaw" and read["actor_name"] == "Colleague Tester"
    stored = expected.get(seq=read["seq"])
    assert read["hash"] == stored.hash and read["prev_hash"] == stored.prev_hash


def test_csv_export_streams_in_chunks_with_constant_queries_per_chunk(
    clinician, privacy_officer, monkeypatch
):
    _events_for(7, clinician)
    monkeypatch.setattr(audit_trail, "CSV_CHUNK", 3)
    events = AuditEvent.objects.filter(action="client.read").order_by("seq")
    with CaptureQueriesContext(connection) as queries:
        lines = list(audit_trail.csv_lines(events, viewer=privacy_officer))
    assert len(lines) == 1 + 7
    # The events, then two name lookups for each of three chunks (3 + 3 + 1).
    name_lookups = [q for q in queries if "audit_auditevent" not in q["sql"]]
    assert len(name_lookups) == 2 * 3


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_csv_cells_that_a_spreadsheet_would_run_are_prefixed(start, clinician, privacy_officer):
    sly = make_client(primary=clinician, legal_name=f"{start}HYPERLINK(1)")
    person = _person("sly", f"{start}SUM(1)", "")
    audit_record(
        action="client.read", actor=person, client_id=sly.pk, purpose=f"{start}cmd|' /C calc'!A0"
    )
    events = AuditEvent.objects.filter(client_id=sly.pk, action="client.read")
    [row] = list(
        csv.DictReader(io.StringIO("".join(audit_trail.csv_lines(events, viewer=privacy_officer))))
    )
    assert row["client_name"] == f"'{start}HYPERLINK(1)"
    assert row["actor_name"] == f"'{start}SUM(1)"
    assert row["sentence"].startswith(f"'{start}SUM(1) opened")
    assert row["purpose"] == f"'{start}cmd|' /C calc'!A0"
    assert not any(value.startswith(start) for value in row.values())


def test_h122_the_export_is_itself_audited_with_its_filters(namesakes, privacy_officer, as_user):
    before = AuditEvent.objects.filter(action="audit.export").count()
    response = _export(as_user(privacy_officer), {"client_name": "Shaw", "action": "group:reads"})
    _csv(response)
    exports = AuditEvent.objects.filter(action="audit.export")
    assert exports.count() == before + 1
    event = exports.latest("seq")
    assert event.actor == privacy_officer
    assert event.detail == {"client_name": "Shaw", "action": "group:reads"}
    sentence = audit_trail.readable_events([event], viewer=privacy_officer)[0].sentence
    assert sentence == "Privacy Tester exported the audit trail as CSV"


def test_h122_a_refused_export_writes_no_file_and_no_export_event(
    privacy_officer, as_user, clinician
):
    before = AuditEvent.objects.filter(action="audit.export").count()
    refused = _export(as_user(privacy_officer), {"since": "2026-02-01", "until": "2026-01-01"})
    assert refused.status_code == 400 and not refused.streaming
    assert AuditEvent.objects.filter(action="audit.export").count() == before
    denied = as_user(clinician).get(reverse("audit:export"))
    assert denied.status_code == 403
    assert AuditEvent.objects.filter(action="audit.export").count() == before


# --- the raw event ----------------------------------------------------------------------


def test_the_raw_event_shows_every_stored_field_and_its_hash(
    client_record, colleague, privacy_officer, as_user
):
    audit_record(
        action="client.read",
        actor=colleague,
        client_id=client_record.pk,
        purpose="session notes",
        detail={"part": "clinical"},
    )
    event = AuditEvent.objects.latest("seq")
    response = as_user(privacy_officer).get(reverse("audit:event", args=[event.seq]))
    html = response.content.decode()
    for value in (event.hash, event.prev_hash, event.action, "session notes", "&quot;part&quot;"):
        assert value in html
    assert "has not been changed" in html
    assert "Colleague Tester opened Jo (Jordan Rivera)&#x27;s record (session notes)" in html
    viewed = AuditEvent.objects.latest("seq")
    assert (viewed.action, viewed.detail, viewed.actor) == (
        "audit.event_view",
        {"seq": event.seq},
        privacy_officer,
    )


def test_the_hash_check_notices_a_changed_event(client_record, colleague):
    audit_record(action="client.read", actor=colleague, client_id=client_record.pk)
    event = AuditEvent.objects.latest("seq")
    assert audit_event_matches_its_hash(event)
    event.actor_username = "someone_else"  # in memory only: the table refuses changes
    assert not audit_event_matches_its_hash(event)


def test_an_event_that_does_not_exist_is_404(privacy_officer, as_user):
    assert as_user(privacy_officer).get(reverse("audit:event", args=[10**9])).status_code == 404


def test_a_name_matching_more_clients_than_listed_still_finds_all_their_events(
    namesakes, privacy_officer, as_user, monkeypatch
):
    monkeypatch.setattr(audit_trail, "FOUND_SHOWN", 1)
    response = as_user(privacy_officer).get(reverse("audit:search"), {"client_name": "Shaw"})
    assert len(response.context["clients_found"]) == 1 and response.context["more_clients"]
    assert {row.event.client_id for row in response.context["rows"]} == {
        client.pk for client in namesakes
    }
    assert "More clients match than are listed here" in response.content.decode()


def test_a_measure_is_named_as_clinicians_know_it(client_record, clinician, privacy_officer):
    audit_record(
        action="measure.record",
        actor=clinician,
        client_id=client_record.pk,
        detail={"instrument": "phq9", "source": "session"},
    )
    event = AuditEvent.objects.latest("seq")
    row = audit_trail.readable_events([event], viewer=privacy_officer)[0]
    assert row.sentence == "Jo (Jordan Rivera)'s PHQ-9 was recorded"


def test_h122_the_export_asks_for_the_password_again_before_any_file(
    namesakes, privacy_officer, as_user
):
    """STYLE.md: an export is a dangerous action. Asking shows what would leave and asks
    for the password; a wrong password writes no file and no export event."""
    http = as_user(privacy_officer)
    before = AuditEvent.objects.filter(action="audit.export").count()
    query = f"{reverse('audit:export')}?{urlencode({'client_name': 'Shaw'})}"

    asked = http.get(query)
    assert asked.status_code == 200 and not asked.streaming
    page = asked.content.decode()
    assert 'data-testid="audit-export-confirm"' in page and 'name="your_password"' in page
    assert "Client&#x27;s name" in page and "Shaw" in page

    wrong = http.post(query, {"your_password": "not-the-password"})
    assert wrong.status_code == 200 and not wrong.streaming
    assert "That is not your password." in wrong.content.decode()
    assert AuditEvent.objects.filter(action="audit.export").count() == before

    assert _csv(http.post(query, {"your_password": PASSWORD}))
    assert AuditEvent.objects.filter(action="audit.export").count() == before + 1

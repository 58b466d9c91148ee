"""Tamper tests for the audit trail (H-003: the trail is altered to hide an access).

Each test writes a real chain, gets past the append-only triggers the way an attacker
with database access would, tampers, and checks that verify names the first bad event.
"""

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from caseload.audit import chain, triggers
from caseload.audit.models import AuditChainHead, AuditEvent
from caseload.audit.services import audit_record, audit_verify

TABLE = "audit_auditevent"


@pytest.fixture
def trail(db, clinician):
    """A fresh chain of five events."""
    start = AuditChainHead.objects.get(pk=1).seq
    events = [
        audit_record(action=f"test.event{n}", actor=clinician, client_id=n, purpose="testing")
        for n in range(1, 6)
    ]
    assert events[0].seq == start + 1
    return events


def move_head(seq: int, last_hash: str, *, key: bytes | None = None):
    """Point the chain head at (seq, hash), signed with `key` (default: the real key, the
    worst case, so event-level detection is tested on its own)."""
    from django.conf import settings

    key = key or settings.CASELOAD_AUDIT_KEY.encode()
    AuditChainHead.objects.filter(pk=1).update(
        seq=seq, hash=last_hash, signature=chain.head_signature(key, seq, last_hash)
    )


def raw(sql: str, params=()):
    with triggers.suspended(connection), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_an_intact_chain_verifies(trail):
    assert audit_verify() is None
    call_command("audit", "verify")


def test_each_event_links_to_the_one_before(trail):
    for earlier, later in zip(trail, trail[1:], strict=False):
        assert later.prev_hash == earlier.hash
        assert later.seq == earlier.seq + 1


def test_a_changed_event_is_detected(trail):
    raw(f"UPDATE {TABLE} SET action = 'client.read' WHERE seq = %s", [trail[2].seq])
    problem = audit_verify()
    assert problem.seq == trail[2].seq
    assert "changed" in problem.reason


def test_a_changed_client_id_is_detected(trail):
    raw(f"UPDATE {TABLE} SET client_id = 999 WHERE seq = %s", [trail[1].seq])
    assert audit_verify().seq == trail[1].seq


def test_a_removed_event_is_detected(trail):
    raw(f"DELETE FROM {TABLE} WHERE seq = %s", [trail[2].seq])
    problem = audit_verify()
    assert problem.seq == trail[3].seq
    assert "missing" in problem.reason


def test_events_cut_off_the_end_are_detected(trail):
    raw(f"DELETE FROM {TABLE} WHERE seq >= %s", [trail[3].seq])
    problem = audit_verify()
    assert "removed from the end" in problem.reason


def test_events_cut_off_with_the_head_wound_back_are_detected(trail):
    """Deleting the newest events and pointing the head at the new last event needs the
    audit key to sign the head; without it, verify refuses the head."""
    raw(f"DELETE FROM {TABLE} WHERE seq >= %s", [trail[3].seq])
    move_head(trail[2].seq, trail[2].hash, key=b"guessed-key")
    problem = audit_verify()
    assert "head" in problem.reason and "altered" in problem.reason


def test_reordered_events_are_detected(trail):
    first, second = trail[1].seq, trail[2].seq
    # Swap the two events' places in the sequence, each keeping its own hashes.
    raw(f"UPDATE {TABLE} SET seq = 999999999 WHERE seq = %s", [first])
    raw(f"UPDATE {TABLE} SET seq = %s WHERE seq = %s", [first, second])
    raw(f"UPDATE {TABLE} SET seq = %s WHERE seq = 999999999", [second])
    assert audit_verify().seq == first


def test_an_inserted_event_is_detected(trail):
    """An attacker without the audit key appends a plausible event and moves the head."""
    last = trail[-1]
    forged_content = b'{"action":"client.read"}'
    forged_hash = chain.link_hash(b"not-the-real-key", last.hash, forged_content)
    AuditEvent.objects.create(
        seq=last.seq + 1,
        at=last.at,
        action="client.read",
        prev_hash=last.hash,
        hash=forged_hash,
        detail={},
    )
    move_head(last.seq + 1, forged_hash)
    problem = audit_verify()
    assert problem.seq == last.seq + 1
    assert "changed" in problem.reason


def test_an_event_inserted_in_the_middle_is_detected(trail):
    raw(f"UPDATE {TABLE} SET seq = seq + 1000 WHERE seq > %s", [trail[1].seq])
    AuditEvent.objects.create(
        seq=trail[1].seq + 1,
        at=trail[1].at,
        action="login.success",
        prev_hash=trail[1].hash,
        hash="0" * 64,
        detail={},
    )
    assert audit_verify().seq == trail[1].seq + 1


def test_a_chain_rebuilt_without_the_key_is_detected(trail, settings):
    """Recomputing every hash needs CASELOAD_AUDIT_KEY; a different key fails."""
    settings.CASELOAD_AUDIT_KEY = "someone-elses-key"
    assert audit_verify() is not None


def test_verify_command_fails_naming_the_first_bad_event(trail):
    raw(f"UPDATE {TABLE} SET purpose = 'nothing to see' WHERE seq = %s", [trail[0].seq])
    with pytest.raises(CommandError) as error:
        call_command("audit", "verify")
    assert f"#{trail[0].seq}" in str(error.value)
    assert error.value.returncode == 1


@pytest.mark.parametrize(
    "statement",
    [
        f"UPDATE {TABLE} SET action = 'x'",
        f"DELETE FROM {TABLE}",
    ],
)
def test_the_database_refuses_changes_to_audit_rows(trail, statement):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    assert AuditEvent.objects.filter(action__startswith="test.event").count() == 5


def test_the_orm_cannot_update_or_delete_audit_rows(trail):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=trail[0].pk).update(action="hidden")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=trail[0].pk).delete()
    assert AuditEvent.objects.get(pk=trail[0].pk).action == "test.event1"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
def test_postgresql_refuses_truncate(trail):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"TRUNCATE {TABLE}")


def test_canonical_form_is_stable():
    """The same content always hashes the same, whatever the key order."""
    assert chain.canonical({"b": 1, "a": "x"}) == chain.canonical({"a": "x", "b": 1})


def test_events_keep_no_clinical_text(client_record):
    """Writing the perspective audits which fields changed, never what they say."""
    event = AuditEvent.objects.filter(action="perspective.update").latest("seq")
    assert event.detail == {"fields": ["what_brings_them"]}
    assert "accident" not in str(event.detail)

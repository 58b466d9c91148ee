"""Encryption at rest (H-004: clinical text read from a stolen database or backup;
H-005: ciphertext moved between rows shows one client's words in another's record)."""

import base64
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import connection

from caseload.clients.models import CommunicationProfile, Perspective
from caseload.core import crypto, keys
from factories import make_client

K1 = "k1:" + base64.b64encode(bytes(range(32))).decode()
K2 = "k2:" + base64.b64encode(bytes(range(32, 64))).decode()


def stored(model, pk, column):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {model._meta.db_table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_perspective_is_stored_as_ciphertext_and_read_back(client_record):
    raw_value = stored(Perspective, client_record.perspective.pk, "what_brings_them")
    assert raw_value.startswith("gcm1:k1:")
    assert "accident" not in raw_value
    assert Perspective.objects.get(pk=client_record.perspective.pk).what_brings_them == (
        "I cannot sleep since the accident."
    )


def test_sensitivities_are_encrypted(client_record):
    raw_value = stored(CommunicationProfile, client_record.communication.pk, "sensitivities")
    assert raw_value.startswith("gcm1:")
    assert "brother" not in raw_value


def test_ciphertext_moved_to_another_client_fails_to_decrypt(client_record, clinician):
    other = make_client(primary=clinician, legal_name="Sam Other")
    ciphertext = stored(Perspective, client_record.perspective.pk, "what_brings_them")
    Perspective.objects.filter(client=other).update(what_brings_them=ciphertext)
    moved = Perspective.objects.get(client=other)
    with pytest.raises(crypto.DecryptionError, match="does not belong"):
        _ = moved.what_brings_them


def test_ciphertext_moved_to_another_field_fails_to_decrypt(client_record):
    perspective = client_record.perspective
    ciphertext = stored(Perspective, perspective.pk, "what_brings_them")
    Perspective.objects.filter(pk=perspective.pk).update(hopes=ciphertext)
    with pytest.raises(crypto.DecryptionError):
        _ = Perspective.objects.get(pk=perspective.pk).hopes


def test_a_damaged_ciphertext_fails_loudly():
    sealed = crypto.encrypt("words", "ctx", crypto.KeyRing.parse(K1))
    broken = sealed[:-4] + ("AAAA" if not sealed.endswith("AAAA") else "BBBB")
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(broken, "ctx", crypto.KeyRing.parse(K1))


def test_empty_text_stays_empty(clinician):
    record = make_client(primary=clinician)
    assert stored(Perspective, record.perspective.pk, "hopes") == ""
    assert Perspective.objects.get(pk=record.perspective.pk).hopes == ""


def test_deferred_encrypted_field_loads_and_decrypts(client_record):
    perspective = Perspective.objects.defer("what_brings_them").get(client=client_record)
    assert perspective.what_brings_them == "I cannot sleep since the accident."


@pytest.mark.parametrize(
    "spec,message",
    [
        ("", "no key"),
        ("k1", "id:base64key"),
        ("k1:notbase64!!", "not base64"),
        ("k1:" + base64.b64encode(b"short").decode(), "32 bytes"),
        (f"{K1},{K1}", "twice"),
    ],
)
def test_bad_key_rings_are_refused_clearly(spec, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        crypto.KeyRing.parse(spec)


def test_rotation_reencrypts_under_the_new_primary_key(client_record, settings):
    settings.CASELOAD_KEYS = f"{K2},{K1}"
    count = keys.reencrypt_all(crypto.key_ring())
    assert count >= 2  # what_brings_them and sensitivities at least
    assert stored(Perspective, client_record.perspective.pk, "what_brings_them").startswith(
        "gcm1:k2:"
    )
    # The old key can now be retired: everything reads with the new key alone.
    settings.CASELOAD_KEYS = K2
    assert Perspective.objects.get(client=client_record).what_brings_them.startswith("I cannot")
    assert keys.reencrypt_all(crypto.key_ring()) == 0


def test_rotate_with_an_environment_ring_asks_for_a_new_key_first(client_record, settings):
    settings.CASELOAD_KEYS_FILE = None
    with pytest.raises(CommandError, match="caseload keys generate"):
        call_command("keys", "rotate")


def test_rotate_with_a_key_file_makes_a_new_key(client_record, settings, tmp_path):
    key_file = tmp_path / "keys"
    key_file.write_text(settings.CASELOAD_KEYS)
    settings.CASELOAD_KEYS_FILE = key_file
    call_command("keys", "rotate")
    ring = crypto.KeyRing.parse(key_file.read_text())
    assert ring.primary_id != "k1" and "k1" in ring.keys
    raw_value = stored(Perspective, client_record.perspective.pk, "what_brings_them")
    assert raw_value.startswith(f"gcm1:{ring.primary_id}:")
    assert Perspective.objects.get(client=client_record).what_brings_them.startswith("I cannot")


SCRIPT = """
from datetime import date
from caseload.clients import services
from caseload.accounts.models import User
user = User.objects.create(username="writer", role="clinician")
client = services.client_create(acting_user=user, fields={
    "legal_name": "Plainname Visible", "date_of_birth": date(1980, 1, 1)})
services.perspective_save(acting_user=user, client=client, changes={
    "what_brings_them": "SECRET-MARKER-perspective-words"})
services.communication_save(acting_user=user, client=client, changes={
    "sensitivities": "SECRET-MARKER-sensitivity-words"})
"""


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads the SQLite database file")
def test_plaintext_never_reaches_the_database_file(tmp_path):
    """Write through the real app into a fresh SQLite file, then read the file's bytes
    (database and write-ahead log) looking for the words."""
    env = {**os.environ, "CASELOAD_VAR_DIR": str(tmp_path), "CASELOAD_DEMO": "1"}
    env.pop("DATABASE_URL", None)
    caseload = [sys.executable, "-m", "caseload.cli"]
    subprocess.run([*caseload, "migrate", "-v0"], env=env, check=True)
    subprocess.run([*caseload, "shell", "-c", SCRIPT], env=env, check=True)
    database = tmp_path / "caseload.sqlite3"
    contents = b"".join(path.read_bytes() for path in tmp_path.glob("caseload.sqlite3*"))
    assert b"Plainname Visible" in contents  # the reading works: plain columns are found
    assert b"SECRET-MARKER" not in contents
    with sqlite3.connect(database) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert b"SECRET-MARKER" not in Path(database).read_bytes()


def test_a_whole_row_moved_to_another_client_fails_to_decrypt(client_record, clinician):
    """Swapping the client a perspective belongs to must not show one client's words in
    another's record (H-005)."""
    other = make_client(primary=clinician, legal_name="Sam Other")
    mine, theirs = client_record.perspective.pk, other.perspective.pk
    Perspective.objects.filter(pk=theirs).delete()
    Perspective.objects.filter(pk=mine).update(client=other)
    with pytest.raises(crypto.DecryptionError):
        _ = Perspective.objects.get(client=other).what_brings_them

"""The safety plan model moved from the safety app to safetyplans without touching a
stored row (H-110).

A database is built at the migrations before the move, a plan is saved in it the way
that layout saved it (ciphertext bound to the name "safety.safetyplanversion", see
core.fields.EncryptedTextField.context_for), and the database is migrated forward with
Django's MigrationExecutor. The table, its columns, its constraints and every stored
byte must be the same afterwards, and the plan must still decrypt. Had the model taken
its new app's name into that binding, the old plan would no longer open.

pytest-django's own test database runs each test in a transaction, where SQLite cannot
migrate, so this runs in a subprocess against a database of its own (as
tests/safety/test_tick_concurrency.py does): a SQLite file, or on PostgreSQL a separate
database created and dropped around the test."""

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import pytest

from caseload.audit.models import AuditEvent
from caseload.safetyplans.models import SafetyPlanVersion
from caseload.safetyplans.services import safety_plan_revise
from safetyplans.helpers import PLAN

CLI = [str(Path(sys.executable).with_name("caseload"))]

MIGRATE_ACROSS_THE_MOVE = """
import json
from datetime import date

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from caseload.accounts.models import Role, User
from caseload.clients.services import client_create
from caseload.core import clock, crypto
from caseload.safetyplans import content

TABLE = "safety_safetyplanversion"
PLAN = json.loads(%(plan)r)


def executor():
    return MigrationExecutor(connection)


def snapshot():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, client_id, number, content, note, row_key, created_at"
            f" FROM {TABLE} ORDER BY id"
        )
        rows = [[str(value) for value in row] for row in cursor.fetchall()]
        introspection = connection.introspection
        columns = [column.name for column in introspection.get_table_description(cursor, TABLE)]
        constraints = sorted(introspection.get_constraints(cursor, TABLE))
    return {"rows": rows, "columns": columns, "constraints": constraints}


# The graph as it stood before the move: every app at its latest, except that the
# safety app stops at 0004 and safetyplans has no migration applied.
graph = executor().loader.graph
before = [node for node in graph.leaf_nodes() if node[0] not in ("safety", "safetyplans")]
before.append(("safety", "0004_screened_text"))
executor().migrate(before)
old = executor().loader.project_state(before).apps
OldVersion = old.get_model("safety", "SafetyPlanVersion")
assert OldVersion._meta.db_table == TABLE

clinician = User.objects.create(username="treating", role=Role.CLINICIAN)
client = client_create(
    acting_user=clinician,
    fields={"legal_name": "Moved Plan", "date_of_birth": date(1990, 1, 1)},
    primary_clinician=clinician,
)
row = OldVersion.objects.create(
    client_id=client.pk, number=1, content="", note="", created_at=clock.now()
)
bound = f"safety.safetyplanversion.%%s:{row.row_key}:{client.pk}"
OldVersion.objects.filter(pk=row.pk).update(
    content=crypto.encrypt(content.dump(content.validate(PLAN)), bound %% "content"),
    note=crypto.encrypt("First version", bound %% "note"),
)
first = snapshot()

executor().migrate(executor().loader.graph.leaf_nodes())
second = snapshot()

from caseload.safetyplans.models import SafetyPlanVersion  # noqa: E402
from caseload.safetyplans.services import current_safety_plan  # noqa: E402

version = current_safety_plan(client)
print(json.dumps({
    "before": first,
    "after": second,
    "same_row": version.pk == row.pk,
    "steps": version.steps,
    "expected": content.validate(PLAN),
    "note": version.note,
    "applied": sorted(
        f"{app}.{name}" for app, name in executor().loader.applied_migrations
        if app in ("safety", "safetyplans")
    ),
}))
"""


def _postgres_admin(url: str, statements: list[str], name: str) -> None:
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(url)
    with psycopg.connect(
        dbname="postgres",
        user=config["USER"],
        password=config["PASSWORD"],
        host=config["HOST"] or "localhost",
        port=config["PORT"] or 5432,
        autocommit=True,
    ) as connection:
        for statement in statements:
            connection.execute(sql.SQL(statement).format(sql.Identifier(name)))


@pytest.fixture
def empty_database(tmp_path):
    """An environment for a `caseload` subprocess with its own, empty database."""
    environment = {**os.environ, "CASELOAD_VAR_DIR": str(tmp_path)}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    test_url = os.environ.get("DATABASE_URL", "")
    postgres = test_url.startswith(("postgres://", "postgresql://"))
    name = f"{dj_database_url.parse(test_url)['NAME']}_moved" if postgres else ""
    if postgres:
        _postgres_admin(test_url, ["DROP DATABASE IF EXISTS {}", "CREATE DATABASE {}"], name)
        environment["DATABASE_URL"] = urlsplit(test_url)._replace(path=f"/{name}").geturl()
    else:
        environment["DATABASE_URL"] = f"sqlite:///{tmp_path / 'moved.sqlite3'}"
    yield environment
    if postgres:
        _postgres_admin(test_url, ["DROP DATABASE {} WITH (FORCE)"], name)


def test_h110_a_plan_saved_before_the_move_reads_the_same_after_it(empty_database):
    """Hazard H-110: moving the safety plan model between apps loses or garbles a plan."""
    script = MIGRATE_ACROSS_THE_MOVE % {"plan": json.dumps(PLAN)}
    result = subprocess.run(
        [*CLI, "shell", "-c", script],
        env=empty_database,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["before"]["rows"], "the plan was not saved before the move"
    assert report["after"] == report["before"]  # same table, columns, constraints, bytes
    assert report["same_row"]
    assert report["steps"] == report["expected"] and report["note"] == "First version"
    assert {"safety.0005_safety_plan_version_moved", "safetyplans.0001_initial"} <= set(
        report["applied"]
    )


@pytest.mark.django_db
def test_h110_the_moved_model_keeps_its_name_in_ciphertexts_and_the_audit_trail(
    client_record, clinician
):
    """Hazard H-110: plans saved after the move are bound and audited under the same
    name as those saved before, so both decrypt and one audit search finds both."""
    version = safety_plan_revise(acting_user=clinician, client=client_record, steps=PLAN)
    assert SafetyPlanVersion._meta.db_table == "safety_safetyplanversion"
    field = SafetyPlanVersion._meta.get_field("content")
    assert field.context_for(version).startswith("safety.safetyplanversion.content:")
    event = AuditEvent.objects.get(action="safety_plan.revise", object_id=str(version.pk))
    assert event.object_type == "safety.safetyplanversion"

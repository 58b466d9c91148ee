"""Two `caseload tick` processes at once against one database: every due step is taken
exactly once, none twice, none skipped.

Hazard guarded: "an unacknowledged alert escalates on time exactly once", with several
app servers running the tick at the same minute. pytest-django's SQLite test database
lives in memory, which other processes cannot open, so this test prepares its own
database the way tests/e2e does: a SQLite file in a temporary var dir, or, on
PostgreSQL, a separate database created and dropped around the test."""

import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import pytest

CLI = Path(sys.executable).with_name("caseload")
ALERTS = 150  # enough work that the two runs overlap

# Seeds a client with a care team and ALERTS high alerts raised three hours ago, due for
# both of their steps (supervisor and on-call) at the next tick.
SEED = f"""
from datetime import date, timedelta
from caseload.accounts.models import Role, Supervision, User
from caseload.clients.services import client_create
from caseload.core import clock
from caseload.safety.services import alert_raise
from caseload.safety.models import Alert

clinician = User.objects.create(username="treating", role=Role.CLINICIAN)
supervisor = User.objects.create(username="supervisor", role=Role.SUPERVISOR)
Supervision.objects.create(supervisor=supervisor, supervisee=clinician)
client = client_create(
    acting_user=clinician,
    fields={{"legal_name": "Race Test", "date_of_birth": date(1990, 1, 1)}},
)
for number in range({ALERTS}):
    alert_raise(client=client, severity="high", source="measure", reason=f"Race {{number}}")
past = clock.now() - timedelta(hours=3)
Alert.objects.update(raised_at=past, next_escalation_at=past + timedelta(minutes=60))
"""

COUNT = """
from caseload.audit.models import AuditEvent
from caseload.safety.models import Alert
from collections import Counter
events = AuditEvent.objects.filter(action="alert.escalate")
steps = Counter(events.values_list("object_id", "detail__level"))
print("levels", sorted(set(Alert.objects.values_list("escalation_level", flat=True))))
print("max_per_step", max(steps.values()))
print("steps", len(steps))
from caseload.audit.services import audit_verify
print("chain", audit_verify() is None)
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
def separate_database(tmp_path):
    """An environment for `caseload` subprocesses with its own, migrated database."""
    environment = {**os.environ, "CASELOAD_VAR_DIR": str(tmp_path)}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    environment["CASELOAD_EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"
    test_url = os.environ.get("DATABASE_URL", "")
    postgres = test_url.startswith(("postgres://", "postgresql://"))
    name = f"{dj_database_url.parse(test_url)['NAME']}_tick" if postgres else ""
    if postgres:
        _postgres_admin(test_url, ["DROP DATABASE IF EXISTS {}", "CREATE DATABASE {}"], name)
        environment["DATABASE_URL"] = urlsplit(test_url)._replace(path=f"/{name}").geturl()
    else:
        environment["DATABASE_URL"] = f"sqlite:///{tmp_path / 'tick.sqlite3'}"
    _run(["migrate", "--verbosity", "0"], environment)
    yield environment
    if postgres:
        _postgres_admin(test_url, ["DROP DATABASE {} WITH (FORCE)"], name)


def _run(args: list[str], environment: dict) -> str:
    result = subprocess.run(
        [str(CLI), *args], env=environment, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def test_two_tick_processes_escalate_each_alert_exactly_once(separate_database):
    """Hazard: an unacknowledged alert escalates on time exactly once (two processes)."""
    _run(["shell", "-c", SEED], separate_database)
    runners = [
        subprocess.Popen(
            [str(CLI), "tick"],
            env=separate_database,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [runner.communicate(timeout=300) for runner in runners]
    for runner, (_out, error) in zip(runners, outputs, strict=True):
        assert runner.returncode == 0, error[-3000:]
    taken = [int(re.search(r"escalated=(\d+)", out).group(1)) for out, _ in outputs]
    # Every alert took both of its steps, between the two processes, once each.
    assert sum(taken) == 2 * ALERTS, taken
    report = _run(["shell", "-c", COUNT], separate_database)
    assert "levels [2]" in report
    assert "max_per_step 1" in report
    assert f"steps {2 * ALERTS}" in report
    assert "chain True" in report
    # A third run finds nothing left to do.
    assert "escalated=0" in _run(["tick"], separate_database)

"""Database triggers that refuse UPDATE and DELETE (and TRUNCATE) on audit events.

Installed by migration on SQLite and PostgreSQL. `suspended()` exists only for the
tamper tests, which must get past the triggers to prove verify catches tampering.
"""

from contextlib import contextmanager

TABLE = "audit_auditevent"

_SQLITE = [
    f"""CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
]
_SQLITE_DROP = ["DROP TRIGGER IF EXISTS audit_no_update", "DROP TRIGGER IF EXISTS audit_no_delete"]

_POSTGRES = [
    """CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit events are append-only'; END; $$ LANGUAGE plpgsql""",
    f"""CREATE OR REPLACE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()""",
    f"""CREATE OR REPLACE TRIGGER audit_no_truncate BEFORE TRUNCATE ON {TABLE}
        FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()""",
]
_POSTGRES_DROP = [
    f"DROP TRIGGER IF EXISTS audit_no_change ON {TABLE}",
    f"DROP TRIGGER IF EXISTS audit_no_truncate ON {TABLE}",
]


def _statements(vendor: str, *, drop: bool) -> list[str]:
    if vendor == "sqlite":
        return _SQLITE_DROP if drop else _SQLITE
    if vendor == "postgresql":
        return _POSTGRES_DROP if drop else _POSTGRES
    raise RuntimeError(f"caseload's audit triggers support SQLite and PostgreSQL, not {vendor}")


def install(connection) -> None:
    with connection.cursor() as cursor:
        for statement in _statements(connection.vendor, drop=False):
            cursor.execute(statement)


def remove(connection) -> None:
    with connection.cursor() as cursor:
        for statement in _statements(connection.vendor, drop=True):
            cursor.execute(statement)


@contextmanager
def suspended(connection):
    """Tests only: lift the triggers inside the current transaction, then restore them."""
    remove(connection)
    try:
        yield
    finally:
        install(connection)

from django.db import migrations

# The accounting of disclosures is unalterable: like the audit table, the database itself
# refuses UPDATE, DELETE and TRUNCATE. The SQL is written out here so that this migration
# keeps doing what it did when it was written.
TABLE = "privacy_disclosure"
SQLITE = [
    f"""CREATE TRIGGER IF NOT EXISTS disclosure_no_update BEFORE UPDATE ON {TABLE}
       BEGIN SELECT RAISE(ABORT, 'disclosures are append-only'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS disclosure_no_delete BEFORE DELETE ON {TABLE}
       BEGIN SELECT RAISE(ABORT, 'disclosures are append-only'); END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS disclosure_no_update",
    "DROP TRIGGER IF EXISTS disclosure_no_delete",
]
POSTGRES = [
    """CREATE OR REPLACE FUNCTION disclosure_refuse_change() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'disclosures are append-only'; END; $$ LANGUAGE plpgsql""",
    f"""CREATE OR REPLACE TRIGGER disclosure_no_change BEFORE UPDATE OR DELETE ON {TABLE}
       FOR EACH ROW EXECUTE FUNCTION disclosure_refuse_change()""",
    f"""CREATE OR REPLACE TRIGGER disclosure_no_truncate BEFORE TRUNCATE ON {TABLE}
       FOR EACH STATEMENT EXECUTE FUNCTION disclosure_refuse_change()""",
]
POSTGRES_DROP = [
    f"DROP TRIGGER IF EXISTS disclosure_no_change ON {TABLE}",
    f"DROP TRIGGER IF EXISTS disclosure_no_truncate ON {TABLE}",
    "DROP FUNCTION IF EXISTS disclosure_refuse_change()",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor not in statements_by_vendor:
            raise RuntimeError(f"caseload supports SQLite and PostgreSQL, not {vendor}")
        for statement in statements_by_vendor[vendor]:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_consents_releases_disclosures")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        ),
    ]

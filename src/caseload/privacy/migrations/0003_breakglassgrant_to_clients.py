from django.db import migrations

# The grant's table now belongs to `clients` (see clients 0003); nothing in the database
# changes.


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0002_disclosure_append_only"),
        ("clients", "0003_breakglassgrant_from_privacy"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="BreakGlassGrant")],
            database_operations=[],
        ),
    ]

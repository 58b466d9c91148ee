# The safety plan version model now belongs to the safetyplans app (its 0001 takes it
# over). Only the model state leaves this app: the table and its rows stay untouched.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("safety", "0004_screened_text"),
        ("safetyplans", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="SafetyPlanVersion")],
            database_operations=[],
        ),
    ]

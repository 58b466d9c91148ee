# The safety plan version model moves here from the safety app. Only Django's model
# state changes: the table keeps its name (safety_safetyplanversion) and every row,
# and safety.0005 drops the model from that app's state in the same step.

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import caseload.core.fields


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("clients", "0002_appointment_started_at"),
        ("safety", "0004_screened_text"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SafetyPlanVersion",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "row_key",
                            models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
                        ),
                        ("number", models.PositiveIntegerField()),
                        ("content", caseload.core.fields.EncryptedTextField()),
                        ("note", caseload.core.fields.EncryptedTextField(blank=True)),
                        ("created_at", models.DateTimeField()),
                        (
                            "client",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="safety_plan_versions",
                                to="clients.client",
                            ),
                        ),
                        (
                            "created_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "safety_safetyplanversion",
                        "ordering": ["-number"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("client", "number"),
                                name="safety_plan_version_unique_number",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]

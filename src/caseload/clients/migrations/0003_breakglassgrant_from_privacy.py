import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import caseload.core.clock

# The break-the-glass grant moves from `privacy` to `clients`, beside the care team, so
# that the door (clients/access.py) reads it without importing an app above it. The
# table keeps its name and its rows: only Django's idea of which app owns it changes.


class Migration(migrations.Migration):
    dependencies = [
        ("clients", "0002_appointment_started_at"),
        ("privacy", "0002_disclosure_append_only"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="BreakGlassGrant",
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
                        ("reason", models.CharField(max_length=300)),
                        ("granted_at", models.DateTimeField(default=caseload.core.clock.now)),
                        ("expires_at", models.DateTimeField()),
                        ("reviewed_at", models.DateTimeField(blank=True, null=True)),
                        ("review_note", models.CharField(blank=True, max_length=300)),
                        ("review_outcome", models.CharField(blank=True, max_length=20)),
                        ("expiry_notified_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "client",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="break_glass",
                                to="clients.client",
                            ),
                        ),
                        (
                            "reviewed_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="break_glass_grants",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "privacy_breakglassgrant",
                        "ordering": ["-granted_at", "-id"],
                        "indexes": [
                            models.Index(
                                fields=["user", "client", "expires_at"],
                                name="privacy_bre_user_id_4d9c17_idx",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]

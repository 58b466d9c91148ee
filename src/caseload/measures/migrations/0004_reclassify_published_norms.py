"""Recompute the stored change category, label and RCI of every compared result again,
now that PCL-5, WHO-5 and PHQ-9 carry a published SD and reliability (measures/change.py):
PCL-5 and WHO-5 results get a reliable-change threshold and an RCI, PHQ-9 results an RCI
(their categories still follow NHS Talking Therapies). Databases that ran 0002 under the
earlier norms would otherwise keep the old labels. The same function as 0002, with the
current rules; scores untouched; running it again changes nothing."""

import importlib

from django.db import migrations

reclassify = importlib.import_module(
    "caseload.measures.migrations.0003_reclassify_change"
).reclassify


def forwards(apps, schema_editor):
    reclassify(apps.get_model("measures", "MeasureResponse"))


class Migration(migrations.Migration):
    dependencies = [("measures", "0003_reclassify_change")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]

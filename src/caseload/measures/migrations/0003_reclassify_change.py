"""Recompute the stored change category, label and RCI of every result compared with a
baseline, by the change rules of measures/change.py. Before them a 10-point change on
PCL-5 or WHO-5 was stored as "Reliably better than at the start", which is not a reliable
change; without this, such labels would stay on screen. The score itself (total, band,
flags, rules version) is never touched. Running it again changes nothing."""

from django.db import migrations

from caseload.measures import change

BATCH = 2000
FIELDS = ["change_category", "change_label", "rci"]


def reclassify(model) -> int:
    """Bring every compared result of `model` (a MeasureResponse class) in line with the
    current change rules; the number of rows changed."""
    rows = (
        model.objects.filter(baseline_total__isnull=False, total__isnull=False)
        .only("pk", "instrument", "total", "baseline_total", *FIELDS)
        .order_by("pk")
    )
    changed, count = [], 0
    for row in rows.iterator(chunk_size=BATCH):
        category, label, rci = change.stored_fields(row.instrument, row.baseline_total, row.total)
        label = label[:120]
        if (row.change_category, row.change_label, row.rci) == (category, label, rci):
            continue
        row.change_category, row.change_label, row.rci = category, label, rci
        changed.append(row)
        if len(changed) >= BATCH:
            count += len(changed)
            model.objects.bulk_update(changed, FIELDS)
            changed = []
    if changed:
        count += len(changed)
        model.objects.bulk_update(changed, FIELDS)
    return count


def forwards(apps, schema_editor):
    reclassify(apps.get_model("measures", "MeasureResponse"))


class Migration(migrations.Migration):
    dependencies = [("measures", "0002_reported_total")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]

from django.db import migrations

from checkpoints.reference import CHECKPOINTS


def load(apps, schema_editor):
    Checkpoint = apps.get_model("checkpoints", "Checkpoint")
    for row in CHECKPOINTS:
        fields = {k: v for k, v in row.items() if k != "number"}
        Checkpoint.objects.update_or_create(number=row["number"], defaults=fields)


class Migration(migrations.Migration):
    dependencies = [("checkpoints", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

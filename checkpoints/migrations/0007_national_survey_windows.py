from django.db import migrations


def load(apps, schema_editor):
    """The national working-life feedback surveys workplaces in January–February and July–August
    (domain.md). Editable: national schedules change."""
    AnnualActivity = apps.get_model("checkpoints", "AnnualActivity")
    if AnnualActivity.objects.filter(kind="national_survey").exists():
        return
    for start, end in (((1, 1), (2, 28)), ((7, 1), (8, 31))):
        AnnualActivity.objects.create(
            kind="national_survey", start_month=start[0], start_day=start[1], end_month=end[0], end_day=end[1]
        )


class Migration(migrations.Migration):
    dependencies = [("checkpoints", "0006_annual_plan")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

from django.db import migrations

from partnerships.reference import QUALIFICATIONS


def load(apps, schema_editor):
    Qualification = apps.get_model("partnerships", "Qualification")
    for name_fi, name_sv, name_en in QUALIFICATIONS:
        Qualification.objects.update_or_create(
            name_fi=name_fi, defaults={"name_sv": name_sv, "name_en": name_en}
        )


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

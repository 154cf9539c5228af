import importlib

from django.db import migrations

from partnerships.reference import QUALIFICATION_UNITS, RENAMED_QUALIFICATIONS

# The qualifications' own loader: it adds a qualification that reference.py lists and the
# database does not have yet.
load_qualifications = importlib.import_module("partnerships.migrations.0002_load_qualifications").load


def load(apps, schema_editor):
    """The national units of the shipped qualifications (partnerships/reference.py).

    Idempotent: a unit is found by its qualification and Finnish name and brought up to date.
    """
    Qualification = apps.get_model("partnerships", "Qualification")
    QualificationUnit = apps.get_model("partnerships", "QualificationUnit")
    for old_name, new_name in RENAMED_QUALIFICATIONS:
        # Keep the row (and the students and units on it); only the name changed.
        if not Qualification.objects.filter(name_fi=new_name).exists():
            Qualification.objects.filter(name_fi=old_name).update(name_fi=new_name)
    load_qualifications(apps, schema_editor)
    for qualification_name, units in QUALIFICATION_UNITS.items():
        qualification = Qualification.objects.get(name_fi=qualification_name)
        for name_fi, name_sv, name_en, extent, national_code in units:
            QualificationUnit.objects.update_or_create(
                qualification=qualification,
                name_fi=name_fi,
                defaults={
                    "name_sv": name_sv,
                    "name_en": name_en,
                    "extent": extent,
                    "national_code": national_code,
                    "is_local": False,
                },
            )


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0010_levels")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Coordinators edit the workbook's reference data (review issue) in the admin: the levels,
# their tools and questions, the service promises, the checkpoints' own promises, and the
# annual plan.
EDITABLE = ["checkpoint", "partnershiplevel", "leveltool", "levelquestion", "servicepromise", "annualactivity"]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    coordinators, _created = Group.objects.get_or_create(name="Coordinator")
    codenames = [f"{action}_{model}" for model in EDITABLE for action in ("view", "change")]
    codenames += ["add_leveltool", "delete_leveltool", "add_annualactivity", "delete_annualactivity"]
    coordinators.permissions.add(
        *Permission.objects.filter(content_type__app_label="checkpoints", codename__in=codenames)
    )


class Migration(migrations.Migration):
    dependencies = [("checkpoints", "0008_activity_name"), ("core", "0002_roles")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

from django.conf import settings
from django.db import migrations, models
from django.db.models.functions import Concat, Lower, Trim


def pick_staff(apps, schema_editor):
    """The responsible person typed as text becomes the staff member of that name, where exactly
    one active teacher or coordinator has it (full name or username, case and spaces aside);
    any other text stays in `responsible_text` and is shown as written."""
    AnnualActivity = apps.get_model("checkpoints", "AnnualActivity")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    staff = (
        User.objects.filter(is_active=True, groups__name__in=["Teacher", "Coordinator"])
        .distinct()
        .annotate(full=Lower(Trim(Concat("first_name", models.Value(" "), "last_name"))))
    )
    for activity in AnnualActivity.objects.exclude(responsible_text=""):
        name = " ".join(activity.responsible_text.split()).lower()
        matches = [u.pk for u in staff if name in (u.full, u.username.lower())]
        if len(matches) == 1:
            activity.responsible_id = matches[0]
            activity.responsible_text = ""
            activity.save(update_fields=["responsible", "responsible_text"])


def back_to_text(apps, schema_editor):
    AnnualActivity = apps.get_model("checkpoints", "AnnualActivity")
    for activity in AnnualActivity.objects.filter(responsible__isnull=False).select_related("responsible"):
        user = activity.responsible
        activity.responsible_text = f"{user.first_name} {user.last_name}".strip() or user.username
        activity.save(update_fields=["responsible_text"])


class Migration(migrations.Migration):
    dependencies = [
        ("checkpoints", "0009_coordinators_edit_reference"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]
    operations = [
        migrations.RenameField("annualactivity", "responsible", "responsible_text"),
        migrations.AlterField(
            model_name="annualactivity",
            name="responsible_text",
            field=models.CharField(blank=True, max_length=200, verbose_name="responsible, as written earlier"),
        ),
        migrations.AddField(
            model_name="annualactivity",
            name="responsible",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="who is responsible",
            ),
        ),
        migrations.RunPython(pick_staff, back_to_text),
    ]

from django.db import migrations

from checkpoints.levels_reference import LEVELS, SERVICE_PROMISE


def load(apps, schema_editor):
    ServicePromise = apps.get_model("checkpoints", "ServicePromise")
    PartnershipLevel = apps.get_model("checkpoints", "PartnershipLevel")
    LevelTool = apps.get_model("checkpoints", "LevelTool")
    LevelQuestion = apps.get_model("checkpoints", "LevelQuestion")
    ServicePromise.objects.get_or_create(
        key="reciprocal",
        defaults={f"text_{lang}": text for lang, text in SERVICE_PROMISE.items()},
    )
    for row in LEVELS:
        level, created = PartnershipLevel.objects.get_or_create(
            key=row["key"],
            defaults={
                "order": row["order"],
                "cross_cutting": row["cross_cutting"],
                "contact_interval_days": row["contact_interval_days"],
                **{f"name_{lang}": text for lang, text in zip(("fi", "sv", "en"), row["name"], strict=True)},
                **{f"description_{lang}": t for lang, t in zip(("fi", "sv", "en"), row["description"], strict=True)},
            },
        )
        if not created:
            continue  # coordinators may have edited it; never overwrite their text
        for order, (fi, sv, en, url) in enumerate(row["tools"], start=1):
            LevelTool.objects.create(level=level, order=order, text_fi=fi, text_sv=sv, text_en=en, url=url)
        for number, (fi, sv, en) in enumerate(row["questions"], start=1):
            LevelQuestion.objects.create(level=level, number=number, text_fi=fi, text_sv=sv, text_en=en)


class Migration(migrations.Migration):
    dependencies = [("checkpoints", "0003_levels")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

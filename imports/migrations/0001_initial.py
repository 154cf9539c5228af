# The import models, moved here from partnerships with their tables as they are: the tables
# were created by partnerships' migrations 0012, 0020 and 0021 and keep their names (db_table),
# so this migration takes the models into the imports app's state and runs no SQL on them.
# partnerships 0030 took them out of that app's state. The content types (and with them the
# permissions and the admin log entries) follow the models to their new app label, and so do
# the erasure reports that named the import model by its old label.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ("importjob", "importrows", "importmappingmemory")


def content_types_follow(apps, schema_editor, old="partnerships", new="imports"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        # A database that ran the new app's post_migrate before this step has both rows: the
        # new one, which nothing refers to yet, gives way to the old one with its references.
        if ContentType.objects.filter(app_label=old, model=model).exists():
            ContentType.objects.filter(app_label=new, model=model).delete()
            ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


def content_types_return(apps, schema_editor):
    content_types_follow(apps, schema_editor, old="imports", new="partnerships")


def erasure_reports_follow(apps, schema_editor, old="partnerships.importjob", new="imports.importjob"):
    """An erasure report names the models it changed by their label (privacy page, "what was
    changed"): reports written before the move say partnerships.importjob."""
    HistoricalStudent = apps.get_model("partnerships", "HistoricalStudent")
    changed = []
    for record in HistoricalStudent.objects.filter(erasure_report__isnull=False).only("pk", "erasure_report"):
        items = record.erasure_report.get("changed", []) + record.erasure_report.get("review", [])
        hits = [item for item in items if item.get("model") == old]
        for item in hits:
            item["model"] = new
        if hits:
            changed.append(record)
    HistoricalStudent.objects.bulk_update(changed, ["erasure_report"])


def erasure_reports_return(apps, schema_editor):
    erasure_reports_follow(apps, schema_editor, old="imports.importjob", new="partnerships.importjob")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("partnerships", "0030_imports_move_to_their_own_app"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ImportJob',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('employers', 'Employers and their contact persons'), ('students', 'Students')], max_length=20, verbose_name='what')),
                        ('original_name', models.CharField(max_length=255, verbose_name='file')),
                        ('status', models.CharField(choices=[('mapping', 'Columns to map'), ('ready', 'Checked, waiting for confirmation'), ('running', 'Importing'), ('done', 'Imported'), ('failed', 'Failed: nothing was saved')], default='mapping', max_length=20, verbose_name='status')),
                        ('headers', models.JSONField(default=list)),
                        ('dropped_columns', models.JSONField(default=list)),
                        ('mapping', models.JSONField(default=dict)),
                        ('row_count', models.PositiveIntegerField(default=0, verbose_name='rows')),
                        ('result', models.JSONField(blank=True, default=dict)),
                        ('progress', models.PositiveSmallIntegerField(default=0, verbose_name='progress')),
                        ('error', models.TextField(blank=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='uploaded')),
                        ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='finished')),
                        ('queued_at', models.DateTimeField(blank=True, null=True, verbose_name='queued')),
                        ('picked_up_at', models.DateTimeField(blank=True, null=True, verbose_name='picked up by a worker')),
                        ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by')),
                    ],
                    options={
                        'verbose_name': 'import',
                        'verbose_name_plural': 'imports',
                        'db_table': 'partnerships_importjob',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='ImportRows',
                    fields=[
                        ('job', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='+', serialize=False, to='imports.importjob')),
                        ('rows', models.JSONField()),
                    ],
                    options={
                        'verbose_name': 'rows of an import',
                        'verbose_name_plural': 'rows of imports',
                        'db_table': 'partnerships_importrows',
                    },
                ),
                migrations.CreateModel(
                    name='ImportMappingMemory',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('employers', 'Employers and their contact persons'), ('students', 'Students')], max_length=20)),
                        ('header', models.CharField(max_length=200)),
                        ('field', models.CharField(blank=True, max_length=40)),
                    ],
                    options={
                        'verbose_name': 'remembered column mapping',
                        'verbose_name_plural': 'remembered column mappings',
                        'db_table': 'partnerships_importmappingmemory',
                        'constraints': [models.UniqueConstraint(fields=('kind', 'header'), name='one_memory_per_header')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_follow, content_types_return, elidable=False),
        migrations.RunPython(erasure_reports_follow, erasure_reports_return, elidable=False),
    ]

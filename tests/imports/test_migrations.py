"""The import models moved from partnerships to imports without touching their tables: a
database migrated at the last migration before the move keeps its jobs, rows, permissions and
erasure reports through it."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from imports.models import ImportJob, ImportMappingMemory, ImportRows
from partnerships.models import Student

from ..factories import StudentFactory

BEFORE = [("partnerships", "0029_prospects"), ("imports", None)]


@pytest.mark.django_db(transaction=True)
def test_the_move_runs_no_sql():
    executor = MigrationExecutor(connection)
    for app, name in [("partnerships", "0030_imports_move_to_their_own_app"), ("imports", "0001_initial")]:
        plan = [(executor.loader.graph.nodes[(app, name)], False)]
        statements = executor.loader.collect_sql(plan)
        assert [s for s in statements if not s.startswith("--")] == [], statements


@pytest.mark.django_db(transaction=True)
def test_a_database_at_the_last_migration_before_the_move_keeps_its_imports():
    student = StudentFactory()
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE[:1]).apps
    Job = old.get_model("partnerships", "ImportJob")
    job = Job.objects.create(kind="students", original_name="opiskelijat.csv", status="ready", row_count=1)
    old.get_model("partnerships", "ImportRows").objects.create(job=job, rows=[["S1", "Aino", "Ääri"]])
    old.get_model("partnerships", "ImportMappingMemory").objects.create(
        kind="students", header="sukunimi", field="last_name"
    )
    # As main had them: the content type (turned back by the reverse step, if the test database
    # had the new one) and a permission on it.
    OldContentType = old.get_model("contenttypes", "ContentType")
    assert not OldContentType.objects.filter(app_label="imports").exists()
    content_type, _created = OldContentType.objects.get_or_create(app_label="partnerships", model="importjob")
    permission, _created = old.get_model("auth", "Permission").objects.get_or_create(
        content_type=content_type, codename="view_importjob", defaults={"name": "Can view import"}
    )
    report = {
        "changed": [{"model": "partnerships.importjob", "field": "row_count", "history": False, "count": 1}]
    }
    old.get_model("partnerships", "HistoricalStudent").objects.filter(id=student.pk).update(
        erasure_report=report
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    moved = ImportJob.objects.get(pk=job.pk)
    assert moved.original_name == "opiskelijat.csv" and moved.rows() == [["S1", "Aino", "Ääri"]]
    assert ImportRows.objects.count() == 1 and ImportMappingMemory.objects.get().field == "last_name"
    ContentType.objects.clear_cache()
    assert ContentType.objects.get_for_model(ImportJob).pk == content_type.pk
    assert not ContentType.objects.filter(app_label="partnerships", model="importjob").exists()
    assert Permission.objects.get(pk=permission.pk).content_type.app_label == "imports"
    [changed] = Student.history.filter(id=student.pk).latest().erasure_report["changed"]
    assert changed["model"] == "imports.importjob"

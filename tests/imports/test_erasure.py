"""A student's erasure (partnerships.services.privacy) takes the student's rows out of the
imports not yet run, through the step ImportsConfig.ready() registers."""

import json

import pytest

from imports.models import ImportJob, ImportRows
from partnerships import services
from partnerships.models import Student

from ..factories import StudentFactory

pytestmark = pytest.mark.django_db

IIDA = {"first_name": "Iida", "last_name": "Heikkinen", "student_number": "JL24007"}


def _erase(student, by=None) -> Student:
    return services.erase_student(student, by=by, reason="request")


def test_a_student_import_not_yet_run_loses_the_erased_students_row(
    teacher, coordinator, django_capture_on_commit_callbacks
):
    student = StudentFactory(**IIDA)
    job = ImportJob.objects.create(
        kind="students",
        status="ready",
        original_name="opiskelijat.csv",
        headers=["Opiskelijanumero", "Etunimi", "Sukunimi"],
        row_count=2,
        created_by=coordinator,
    )
    job.store_rows([[" jl24007 ", "Iida", "Heikkinen"], ["JL24008", "Ville", "Harmaa"]])
    with django_capture_on_commit_callbacks(execute=True):
        _erase(student)
    job.refresh_from_db()
    assert job.rows() == [["JL24008", "Ville", "Harmaa"]] and job.row_count == 1
    assert "Iida" not in json.dumps(list(ImportRows.objects.filter(job=job).values_list("rows", flat=True)))
    [changed] = Student.history.filter(id=student.pk).latest().erasure_report["changed"]
    assert changed == {"model": "imports.importjob", "field": "row_count", "history": False, "count": 1}

"""The imports' permission check, from both sides, and its fetch helper's 404 against 403."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from imports.models import ImportJob, ImportKind
from imports.permissions import can_run_import
from imports.views import _get_import_for_run

pytestmark = pytest.mark.django_db


def test_a_coordinator_runs_imports_and_a_teacher_does_not(coordinator, teacher):
    assert can_run_import(coordinator)
    assert not can_run_import(teacher)


def test_the_helper_answers_404_for_no_import_and_403_for_a_teacher(coordinator, teacher):
    job = ImportJob.objects.create(created_by=coordinator, kind=ImportKind.EMPLOYERS, original_name="a.csv")
    assert _get_import_for_run(coordinator, job.pk) == job
    with pytest.raises(PermissionDenied):
        _get_import_for_run(teacher, job.pk)
    with pytest.raises(Http404):
        _get_import_for_run(coordinator, job.pk + 1000)

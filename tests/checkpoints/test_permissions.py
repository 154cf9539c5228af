"""The checks of checkpoints/permissions.py, from both sides."""

import pytest
from django.contrib.auth.models import AnonymousUser

from checkpoints import permissions

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("check", [permissions.can_edit_self_assessment, permissions.can_edit_annual_plan])
def test_the_quality_framework_is_written_by_coordinators(check, teacher, coordinator):
    assert check(coordinator)
    assert not check(teacher)
    assert not check(AnonymousUser())

"""The role checks and core's own checks of core/permissions.py, from both sides."""

import pytest
from django.contrib.auth.models import AnonymousUser

from core import permissions
from core.models import OutboxMessage, OutboxStatus

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


def test_staff_pages_are_for_teachers_and_coordinators(teacher, coordinator):
    assert permissions.can_use_staff_pages(teacher)
    assert permissions.can_use_staff_pages(coordinator)
    assert not permissions.can_use_staff_pages(UserFactory(username="outsider"))
    assert not permissions.can_use_staff_pages(AnonymousUser())


@pytest.mark.parametrize(
    "check", [permissions.can_coordinate, permissions.can_edit_branding, permissions.can_view_outbox]
)
def test_coordinator_checks(check, teacher, coordinator):
    assert check(coordinator)
    assert not check(teacher)
    assert not check(AnonymousUser())


def test_the_admin_is_for_is_staff_only(teacher):
    assert not permissions.can_use_admin(teacher)
    assert permissions.can_use_admin(UserFactory(username="admin", is_staff=True))
    assert not permissions.can_use_admin(AnonymousUser())


def test_a_message_is_followed_by_its_responsible_and_coordinators(teacher, other_teacher, coordinator):
    message = OutboxMessage(responsible_id=teacher.pk, status=OutboxStatus.SENT)
    assert permissions.can_view_outbox_message(teacher, message)
    assert permissions.can_view_outbox_message(coordinator, message)
    assert not permissions.can_view_outbox_message(other_teacher, message)


def test_the_responsible_manages_only_their_failed_message(teacher, other_teacher, coordinator):
    message = OutboxMessage(responsible_id=teacher.pk, status=OutboxStatus.FAILED)
    assert permissions.can_manage_outbox_message(teacher, message)
    assert not permissions.can_manage_outbox_message(other_teacher, message)
    message.status = OutboxStatus.SENT
    assert not permissions.can_manage_outbox_message(teacher, message)
    assert permissions.can_manage_outbox_message(coordinator, message)

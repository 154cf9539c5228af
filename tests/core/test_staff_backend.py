"""The signed-in user is loaded with their roles in one query (core/backends.py)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from core.backends import StaffBackend
from core.models import Role

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_user_comes_with_their_roles_in_one_query(coordinator, django_assert_num_queries):
    coordinator.groups.add(Group.objects.create(name="Not a role"))
    with django_assert_num_queries(1):
        user = StaffBackend().get_user(coordinator.pk)
        assert user.role_names == frozenset({Role.COORDINATOR})
        assert user.is_coordinator and user.is_teacher


def test_the_roles_read_later_are_the_same(teacher, coordinator):
    for user in (teacher, coordinator, UserFactory(username="outsider")):
        user.groups.add(Group.objects.get_or_create(name="Not a role")[0])
        fresh = type(user).objects.get(pk=user.pk)
        assert StaffBackend().get_user(user.pk).role_names == fresh.role_names


def test_an_unknown_or_inactive_user_is_not_signed_in(teacher):
    assert StaffBackend().get_user(0) is None
    teacher.is_active = False
    teacher.save()
    assert StaffBackend().get_user(teacher.pk) is None


def test_a_role_taken_away_counts_from_the_next_request(coordinator, coordinator_client):
    url = reverse("core:outbox_list")
    assert coordinator_client.get(url).status_code == 200
    coordinator.groups.remove(Group.objects.get(name=Role.COORDINATOR))
    assert coordinator_client.get(url).status_code == 403

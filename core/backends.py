"""Loading the signed-in user: Django's ModelBackend, with the user's roles in the same query."""

import functools

from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef, QuerySet

from .models import Role, User


@functools.cache
def _users_with_roles() -> QuerySet:
    # Built once per process: building the two subqueries cost more than the query they save.
    memberships = User.groups.through.objects.filter(user=OuterRef("pk"))
    return User._default_manager.annotate(
        **{f"has_role_{i}": Exists(memberships.filter(group__name=name)) for i, name in enumerate(Role.ALL)}
    )


class StaffBackend(ModelBackend):
    """Every request loads its signed-in user (AuthenticationMiddleware), and every staff page
    and the menu then ask the user's roles: one query for both instead of two. Signing in,
    passwords and permissions are ModelBackend's own."""

    def get_user(self, user_id):
        try:
            user = _users_with_roles().get(pk=user_id)
        except User.DoesNotExist:
            return None
        if not self.user_can_authenticate(user):
            return None
        user.role_names = frozenset(name for i, name in enumerate(Role.ALL) if getattr(user, f"has_role_{i}"))
        return user

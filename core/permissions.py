"""Who may do what: the roles, and the checks on core's own things.

The project has one permission vocabulary, in one style:
- `can_<action>_<thing>(user, obj=None) -> bool` answers whether `user` may do the action,
  on `obj` when the answer depends on it. The checks live in each app's `permissions.py`
  (roles and core's things here, the partnership CRM's in `partnerships/permissions.py`,
  the quality framework's in `checkpoints/permissions.py`); nothing else decides.
- The QuerySet method `visible_to(user)` is the *query* of what a user may see; the checks
  and the fetch helpers use it, nothing re-derives it.
- A view that fetches an object by pk does it through one `_get_<thing>_for_<action>(user,
  pk)` helper: 404 when the user may not see the object (no hint that it exists), 403
  (PermissionDenied) when they see it but may not do the action.
- Templates and models decide nothing: views pass `can_<action>` booleans (or the `can`
  object of `core.context_processors.permissions` for the menu).
- Services check again with the same functions, so a task or a command is held to the
  same rules as a view.

The roles themselves are the user's properties `is_teacher` (every member of staff:
teachers and coordinators) and `is_coordinator`.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from .models import OutboxStatus

__all__ = [
    "can_coordinate",
    "can_edit_branding",
    "can_manage_outbox_message",
    "can_use_admin",
    "can_use_staff_pages",
    "can_view_outbox",
    "can_view_outbox_message",
    "coordinator_required",
    "role_required",
    "staff_required",
]


def can_use_staff_pages(user, obj=None) -> bool:
    """The portal is for staff: teachers and coordinators."""
    return user.is_authenticated and user.is_teacher


def can_coordinate(user, obj=None) -> bool:
    """The coordinator's pages: the institution's figures, reference data, imports, settings."""
    return user.is_authenticated and user.is_coordinator


def can_use_admin(user, obj=None) -> bool:
    """Django's admin site, for the few with `is_staff` (the admin checks its own rights)."""
    return user.is_authenticated and user.is_staff


def can_edit_branding(user, obj=None) -> bool:
    return can_coordinate(user)


def can_view_outbox(user, obj=None) -> bool:
    """The list of every outgoing e-mail is the coordinator's."""
    return can_coordinate(user)


def can_view_outbox_message(user, message) -> bool:
    """An e-mail's status: the person responsible for it and coordinators
    (`OutboxMessage.objects.visible_to` is the same rule as a query)."""
    return can_coordinate(user) or (user.is_authenticated and message.responsible_id == user.pk)


def can_manage_outbox_message(user, message) -> bool:
    """Sending again or cancelling: coordinators any, the person responsible their own failed
    ones (`OutboxMessage.objects.manageable_by` is the same rule as a query)."""
    if can_coordinate(user):
        return True
    return (
        user.is_authenticated and message.responsible_id == user.pk and message.status == OutboxStatus.FAILED
    )


def role_required(check):
    """A view decorator from a role check: anonymous visitors go to the login page, anyone
    signed in whom `check(user)` refuses gets 403."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


# Signed-in teachers and coordinators only; anyone else signed in gets 403.
staff_required = role_required(can_use_staff_pages)
coordinator_required = role_required(can_coordinate)

from django.utils.functional import SimpleLazyObject

from . import permissions
from .models import Institution


def institution(request):
    # Lazy: pages that never show the institution's name cost no query.
    return {"institution": SimpleLazyObject(Institution.current)}


class _Can:
    """The role checks the menu and the page frame need, as `{% if can.coordinate %}`: the
    template asks, `core/permissions.py` decides. Pages pass their own `can_*` booleans."""

    def __init__(self, user):
        self._user = user

    @property
    def coordinate(self) -> bool:
        return permissions.can_coordinate(self._user)

    @property
    def use_admin(self) -> bool:
        return permissions.can_use_admin(self._user)


def can(request):
    return {"can": _Can(request.user)}

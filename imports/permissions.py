"""Who may move data in from spreadsheets, in the project's one permission vocabulary
(described at the top of `core/permissions.py`)."""

from core.permissions import can_coordinate


def can_run_import(user, job=None) -> bool:
    """An import writes employers, people and students in bulk: the coordinator's task, and
    any coordinator may carry on an import another one started."""
    return can_coordinate(user)

"""The audit trail (django-simple-history) for writes it cannot see by itself.

A `QuerySet.update()` writes without calling save(), so simple-history records nothing; every
service that updates a tracked model that way calls `record_change` afterwards, so that each
write, conditional bulk ones included, leaves a history row with its user."""

from simple_history.models import HistoricalRecords
from simple_history.utils import get_history_manager_for_model

# simple-history's history_type, in words (the templates translate them).
ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}


def _request_user():
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def record_change(obj, *, by=None, reason: str = "") -> None:
    obj.refresh_from_db()
    get_history_manager_for_model(obj).bulk_history_create(
        [obj], update=True, default_user=by or _request_user(), default_change_reason=reason
    )

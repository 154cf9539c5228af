"""Recording staff in working life: a member of staff records their own activities, a
coordinator records and edits anyone's (permissions.py)."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.models import User

from ..models import StaffActivity
from ..permissions import (
    can_edit_staff_activity,
    can_record_staff_activity,
    can_record_staff_activity_for_others,
)


def _save(activity: StaffActivity, *, by: User, data: dict[str, Any]) -> StaffActivity:
    for name, value in data.items():
        setattr(activity, name, value)
    if activity.staff_member_id != by.pk and not can_record_staff_activity_for_others(by):
        # A teacher's form has no staff member field; a crafted one names only themself.
        raise ValidationError({"staff_member": _("You can record only your own activities.")})
    if activity.unit_id is None:
        activity.unit_id = activity.staff_member.unit_id
    activity.full_clean()
    activity.save()
    return activity


@transaction.atomic
def staff_activity_create(*, by: User, data: dict[str, Any]) -> StaffActivity:
    """Record an activity; without a staff member named it is the recorder's own."""
    if not can_record_staff_activity(by):
        raise PermissionDenied
    data = {**data, "staff_member": data.get("staff_member") or by}
    return _save(StaffActivity(created_by=by), by=by, data=data)


@transaction.atomic
def staff_activity_update(*, activity: StaffActivity, by: User, data: dict[str, Any]) -> StaffActivity:
    if not can_edit_staff_activity(by, activity):
        raise PermissionDenied
    return _save(activity, by=by, data=data)

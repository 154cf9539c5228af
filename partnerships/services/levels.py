"""Recording an employer's partnership level."""

import datetime

from django.core.exceptions import PermissionDenied

from checkpoints.models import PartnershipLevel
from core.models import User

from ..models import Employer, LevelRecord


def can_record_level(user: User, employer: Employer) -> bool:
    """A coordinator, or the employer's account owner (review issue)."""
    return user.is_coordinator or (user.is_teacher and employer.account_owner_id == user.pk)


def level_record(
    *,
    employer: Employer,
    by: User,
    level: PartnershipLevel,
    rationale: str,
    date: datetime.date | None = None,
) -> LevelRecord:
    if not can_record_level(by, employer):
        raise PermissionDenied
    record = LevelRecord(employer=employer, level=level, rationale=rationale.strip(), recorded_by=by)
    if date:
        record.date = date
    record.full_clean()
    record.save()
    return record

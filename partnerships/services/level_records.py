"""Recording an employer's partnership level, and correcting or withdrawing a record.

A record is never deleted: a correction or a withdrawal is a change with its reason in the
history (django-simple-history's change reason), so the audit trail shows what was wrong."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from checkpoints.models import PartnershipLevel
from core.models import User

from ..models import Employer, LevelRecord
from ..permissions import can_accept_level_suggestion, can_correct_level_record, can_record_level
from ..selectors.level_suggestions import evidence_for, suggest


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


def level_suggestion_accept(*, employer: Employer, by: User, seen: str) -> LevelRecord:
    """Record the suggested level in one click, with the suggestion's reasons as the record's
    rationale. `seen` is the level key the person was shown: the suggestion is worked out
    again here, and if the evidence has changed since, nothing is recorded."""
    if not can_accept_level_suggestion(by, employer):
        raise PermissionDenied
    key, reasons = suggest(evidence_for(employer))
    if not key:
        raise ValidationError(_("There is no suggested level to accept."))
    if key != seen:
        raise ValidationError(_("The suggestion has changed since the page was shown: look at it again."))
    rationale = f"{_('Suggested from the last 12 months:')} {', '.join(reasons)}"
    return level_record(
        employer=employer, by=by, level=PartnershipLevel.objects.get(key=key), rationale=rationale
    )


# django-simple-history stores the change reason in a 100-character column.
REASON_MAX_LENGTH = 100


def _checked_reason(reason: str) -> str:
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError({"reason": [_("Say why, for the history.")]})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError({"reason": [_("At most %(n)d characters.") % {"n": REASON_MAX_LENGTH}]})
    return reason


@transaction.atomic
def level_record_correct(
    *,
    record: LevelRecord,
    by: User,
    level: PartnershipLevel,
    date: datetime.date,
    rationale: str,
    reason: str,
) -> LevelRecord:
    """Change a record's level, date or rationale; the old values stay in the history."""
    record = LevelRecord.objects.select_for_update().get(pk=record.pk)
    if not can_correct_level_record(by, record):
        raise PermissionDenied
    reason = _checked_reason(reason)
    record.level, record.date, record.rationale = level, date, rationale.strip()
    record.full_clean()
    record._change_reason = reason
    record.save()
    return record


@transaction.atomic
def level_record_withdraw(*, record: LevelRecord, by: User, reason: str) -> LevelRecord:
    """Take back a record made in error: it stays in the history but no longer counts."""
    record = LevelRecord.objects.select_for_update().get(pk=record.pk)
    if not can_correct_level_record(by, record):
        raise PermissionDenied
    record._change_reason = _checked_reason(reason)
    record.withdrawn_at, record.withdrawn_by = timezone.now(), by
    record.save()
    return record

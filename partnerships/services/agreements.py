"""Writes of agreements, work periods, interruptions and workplace checks."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import User

from ..models import (
    Agreement,
    AgreementItem,
    AgreementStatus,
    Interruption,
    ItemKind,
    Participant,
    QualificationUnit,
    WorkPeriod,
    Workplace,
    WorkplaceCheck,
)
from ..permissions import can_add_qualification_unit, can_edit_agreement
from ..rules import agreement_errors, item_errors, status_change_error

# Fields a teacher sets on the agreement itself; status and signatures change only through
# agreement_change_status().
AGREEMENT_FIELDS = (
    "type",
    "is_entrepreneur",
    "student",
    "workplace",
    "instructor",
    "responsible_teacher",
    "hoks_reference",
    "hours_per_week",
    "other_employment_hours",
    "days_per_week",
    "days_outside_guidance_confirmed",
    "wage_confirmed",
    "training_compensation",
    "special_support",
    "special_support_reason",
    "age_confirmed",
    "young_workers_considered",
    "overlap_confirmed",
    "for_summer",
)
PERIOD_FIELDS = ("unit", "start", "end", "part_time_percent", "for_summer")


def workplace_check_record(
    *,
    workplace: Workplace,
    by: User,
    matching_tasks: bool,
    enough_activity: bool,
    tools: bool,
    competent_staff: bool,
    notes: str = "",
    checked_on: datetime.date | None = None,
) -> WorkplaceCheck:
    check = WorkplaceCheck(
        workplace=workplace,
        checked_by=by,
        matching_tasks=matching_tasks,
        enough_activity=enough_activity,
        tools=tools,
        competent_staff=competent_staff,
        notes=notes.strip(),
        checked_on=checked_on or timezone.localdate(),
    )
    check.full_clean()
    check.save()
    return check


def _build_periods(agreement: Agreement, periods: list[dict[str, Any]]) -> tuple[list[WorkPeriod], dict]:
    """Unsaved work periods from plain data, with their errors keyed like a formset's."""
    existing = {p.pk: p for p in agreement.work_periods.all()} if agreement.pk else {}
    built, errors = [], {}
    for index, data in enumerate(periods):
        period = existing.get(data.get("id")) or WorkPeriod()
        for name in PERIOD_FIELDS:
            if name in data:
                setattr(period, name, data[name])
        period.agreement = agreement
        try:
            period.full_clean(exclude=["agreement", "ehoks_entered_by"])
        except ValidationError as exc:
            errors[index] = exc
        built.append(period)
    return built, errors


# An erased student's records are kept for statistics only: nothing new is planned for them.
ERASED_STUDENT = gettext_lazy(
    "This student's personal data has been erased: no new agreement or demonstration can be made for them."
)


class AgreementInvalid(ValidationError):
    """The agreement's own errors, plus `period_errors` keyed by the work period's index."""

    def __init__(self, errors: dict, period_errors: dict):
        super().__init__(errors or {"__all__": []})
        self.period_errors = period_errors


def _validate_and_save(agreement: Agreement, periods: list[dict[str, Any]]) -> Agreement:
    if not periods:
        raise AgreementInvalid({"__all__": [_("An agreement needs at least one work period.")]}, {})
    built, period_errors = _build_periods(agreement, periods)
    findings = agreement_errors(agreement, built)
    try:
        # Field and constraint checks only: clean() would run the rules again without the
        # unsaved periods.
        agreement.clean_fields(exclude=["created_by"])
        agreement.validate_constraints()
    except ValidationError as exc:
        for field_name, messages in exc.message_dict.items():
            for message in messages:
                if message not in findings.errors.get(field_name, []):
                    findings.add(field_name, message)
    if findings.errors or period_errors:
        raise AgreementInvalid(findings.errors, period_errors)
    agreement.save()
    keep = []
    for period in built:
        period.agreement = agreement
        period.save()
        keep.append(period.pk)
    agreement.work_periods.exclude(pk__in=keep).delete()
    return agreement


@transaction.atomic
def agreement_create(*, by: User, data: dict[str, Any], periods: list[dict[str, Any]]) -> Agreement:
    """Create a draft agreement with its work periods; every rule in rules.py applies."""
    if not by.is_teacher:
        raise PermissionDenied
    agreement = Agreement(created_by=by, status=AgreementStatus.DRAFT)
    for name in AGREEMENT_FIELDS:
        if name in data:
            setattr(agreement, name, data[name])
    if not can_edit_agreement(by, agreement):  # a teacher writes their own agreements
        raise PermissionDenied
    if agreement.student_id and agreement.student.is_erased:
        raise ValidationError({"student": [ERASED_STUDENT]})
    return _validate_and_save(agreement, periods)


@transaction.atomic
def agreement_update(
    *, agreement: Agreement, by: User, data: dict[str, Any], periods: list[dict[str, Any]]
) -> Agreement:
    """Change an agreement and its work periods (periods missing from `periods` are removed)."""
    if not can_edit_agreement(by, agreement):
        raise PermissionDenied
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    for name in AGREEMENT_FIELDS:
        if name in data:
            setattr(agreement, name, data[name])
    if not can_edit_agreement(by, agreement):
        raise PermissionDenied  # a teacher cannot hand an agreement to someone else
    return _validate_and_save(agreement, periods)


@transaction.atomic
def agreement_change_status(
    *,
    agreement: Agreement,
    by: User,
    status: str,
    signed: dict[str, datetime.date | None] | None = None,
    ended_on: datetime.date | None = None,
    end_reason: str = "",
) -> Agreement:
    """Draft → signed (with the signing dates) or cancelled; signed → ended early (with a date
    and a reason). Active and completed follow from the dates; nothing else is allowed."""
    if not can_edit_agreement(by, agreement):
        raise PermissionDenied
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    message = status_change_error(agreement, status)
    if message:
        raise ValidationError({"status": [message]})
    for name, value in (signed or {}).items():
        if name in ("student_signed_on", "employer_signed_on", "provider_signed_on", "student_informed_on"):
            setattr(agreement, name, value)
    agreement.status = status
    if status == AgreementStatus.ENDED_EARLY:
        agreement.ended_on = ended_on
        agreement.end_reason = end_reason.strip()
    agreement_errors(agreement).raise_if_any()
    agreement.save()
    return agreement


def work_period_record_ehoks(*, period: WorkPeriod, by: User, entered_on: datetime.date) -> WorkPeriod:
    """Record that the work period was entered in the national HOKS service (eHOKS)."""
    if not can_edit_agreement(by, period.agreement):
        raise PermissionDenied
    WorkPeriod.objects.filter(pk=period.pk).update(ehoks_entered_on=entered_on, ehoks_entered_by=by)
    period.ehoks_entered_on, period.ehoks_entered_by = entered_on, by
    return period


@transaction.atomic
def interruption_record(*, period: WorkPeriod, by: User, data: dict[str, Any]) -> Interruption:
    if not can_edit_agreement(by, period.agreement):
        raise PermissionDenied
    # Serialise interruptions of one period so that two at once cannot overlap.
    WorkPeriod.objects.select_for_update().filter(pk=period.pk).first()
    interruption = Interruption(work_period=period, recorded_by=by, **data)
    interruption.full_clean()
    interruption.save()
    return interruption


@transaction.atomic
def interruption_update(*, interruption: Interruption, by: User, data: dict[str, Any]) -> Interruption:
    """Change an interruption, typically to give the end of one that was still going on."""
    if not can_edit_agreement(by, interruption.work_period.agreement):
        raise PermissionDenied
    WorkPeriod.objects.select_for_update().filter(pk=interruption.work_period_id).first()
    for name in ("start", "end", "reason", "note", "communicated"):
        if name in data:
            setattr(interruption, name, data[name])
    interruption.full_clean()
    interruption.save()
    return interruption


@transaction.atomic
def agreement_item_record(
    *,
    agreement: Agreement,
    by: User,
    kind: str,
    done_on: datetime.date | None = None,
    not_applicable_reason: str = "",
    participants: list[str] | None = None,
    note: str = "",
    induction_form: str = "",
) -> AgreementItem:
    """Record a checkpoint item as done (who, when) or not applicable (why); recording again
    replaces the earlier record. The induction item is also the instructor's induction record
    (in `induction_form`, e.g. one-to-one)."""
    if not can_edit_agreement(by, agreement):
        raise PermissionDenied
    reason = not_applicable_reason.strip()
    if done_on is None and not reason:
        raise ValidationError({"done_on": [_("Give the date it was done, or why it does not apply.")]})
    if done_on is not None and reason:
        raise ValidationError({"not_applicable_reason": [_("An item is either done or not applicable.")]})
    item_errors(done_on, kind=kind).raise_if_any()
    participants = [p for p in (participants or []) if p in Participant.values]
    if kind == ItemKind.PLANNING and done_on is not None and not participants:
        raise ValidationError({"participants": [_("Tick who took part in the planning.")]})
    if kind == ItemKind.INDUCTION and done_on is not None and agreement.instructor_id:
        # The induction item is the instructor's induction record: one write, one set of rules.
        from .instructors import agreement_induction_record  # it imports this module

        agreement_induction_record(
            agreement=agreement, by=by, done_on=done_on, form=induction_form, note=note
        )
        return AgreementItem.objects.get(agreement=agreement, kind=kind)
    item, _created = AgreementItem.objects.update_or_create(
        agreement=agreement,
        kind=kind,
        defaults={
            "done_on": done_on,
            "done_by": by if done_on else None,
            "not_applicable_reason": reason,
            "participants": participants if kind == ItemKind.PLANNING else [],
            "note": note.strip(),
        },
    )
    if kind == ItemKind.INDUCTION:
        from .instructors import agreement_induction_clear

        agreement_induction_clear(agreement=agreement)
    return item


def agreement_item_clear(*, agreement: Agreement, by: User, kind: str) -> None:
    """Undo a record made by mistake: the item is open (and possibly overdue) again."""
    if not can_edit_agreement(by, agreement):
        raise PermissionDenied
    AgreementItem.objects.filter(agreement=agreement, kind=kind).delete()
    if kind == ItemKind.INDUCTION:
        from .instructors import agreement_induction_clear

        agreement_induction_clear(agreement=agreement)


def qualification_unit_add_local(*, by: User, data: dict[str, Any]) -> QualificationUnit:
    """A coordinator adds a local unit; national codes are given only when known."""
    if not can_add_qualification_unit(by):
        raise PermissionDenied
    unit = QualificationUnit(is_local=True, **data)
    unit.full_clean()
    unit.save()
    return unit

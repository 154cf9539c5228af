"""Writes of the quality framework: the self-assessment workbook, the annual plan, the
checkpoints' service promises and the levels' contact intervals."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.models import Unit, User

from .models import (
    AnnualActivity,
    Checkpoint,
    LevelQuestion,
    PartnershipLevel,
    SelfAssessment,
    SelfAssessmentAnswer,
)
from .permissions import (
    can_edit_annual_plan,
    can_edit_checkpoint_promises,
    can_edit_contact_intervals,
    can_edit_self_assessment,
)


def self_assessment_open(*, by: User, year: int, unit: Unit | None) -> SelfAssessment:
    """The year's self-assessment (for the institution or one unit), created on first use."""
    if not can_edit_self_assessment(by):
        raise PermissionDenied
    assessment, _created = SelfAssessment.objects.get_or_create(
        year=year, unit=unit, defaults={"updated_by": by}
    )
    return assessment


@transaction.atomic
def self_assessment_save(
    *,
    assessment: SelfAssessment,
    by: User,
    answers: dict[int, tuple[str, int | None]],
    cherished: str,
    to_develop: str,
) -> SelfAssessment:
    """Save every question's answer (text and 1–5 rating) and the summary the workbook asks for."""
    if not can_edit_self_assessment(by):
        raise PermissionDenied
    questions = set(LevelQuestion.objects.values_list("pk", flat=True))
    for question_id, (text, rating) in answers.items():
        if question_id not in questions:
            continue
        if rating is not None and not 1 <= rating <= 5:
            raise ValidationError(_("Choose a value from 1 to 5."))
        SelfAssessmentAnswer.objects.update_or_create(
            assessment=assessment, question_id=question_id, defaults={"text": text.strip(), "rating": rating}
        )
    assessment.cherished = cherished.strip()
    assessment.to_develop = to_develop.strip()
    assessment.updated_by = by
    assessment.save()
    return assessment


def annual_activity_save(*, by: User, activity: AnnualActivity) -> AnnualActivity:
    if not can_edit_annual_plan(by):
        raise PermissionDenied
    activity.full_clean()
    activity.save()
    return activity


def annual_activity_delete(*, by: User, activity: AnnualActivity) -> None:
    if not can_edit_annual_plan(by):
        raise PermissionDenied
    activity.delete()


PROMISE_FIELDS = ("service_promise_fi", "service_promise_sv", "service_promise_en")


@transaction.atomic
def checkpoint_promises_save(*, by: User, checkpoints: list[Checkpoint]) -> list[Checkpoint]:
    """Save the service promises of the given checkpoints; their names and topics stay as the
    workbook has them."""
    if not can_edit_checkpoint_promises(by):
        raise PermissionDenied
    for checkpoint in checkpoints:
        for field in PROMISE_FIELDS:
            setattr(checkpoint, field, getattr(checkpoint, field).strip())
        checkpoint.full_clean()
        checkpoint.save(update_fields=PROMISE_FIELDS)
    return checkpoints


@transaction.atomic
def level_contact_intervals_save(*, by: User, levels: list[PartnershipLevel]) -> list[PartnershipLevel]:
    """Save how often an employer at each level needs contact (empty: no contact asked); the
    levels' names, descriptions, tools and questions stay as the workbook has them."""
    if not can_edit_contact_intervals(by):
        raise PermissionDenied
    for level in levels:
        level.full_clean()
        level.save(update_fields=["contact_interval_days"])
    return levels

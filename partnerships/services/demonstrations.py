"""Writes of skills demonstrations and of the relations that disqualify an assessor."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core.models import User

from ..models import AgreementItem, Demonstration, DemonstrationStatus, ItemKind, Student, StudentRelation
from .agreements import ERASED_STUDENT

DEMONSTRATION_FIELDS = (
    "unit",
    "agreement",
    "workplace",
    "date",
    "start_time",
    "duration_minutes",
    "place",
    "teacher_assessor",
    "worklife_assessor",
    "second_teacher_assessor",
    "two_teachers_reason",
    "worklife_assessor_inducted_on",
    "status",
)


def _check_student(by: User, student: Student) -> None:
    if not Student.objects.visible_to(by).filter(pk=student.pk).exists():
        raise PermissionDenied


@transaction.atomic
def demonstration_save(
    *,
    by: User,
    data: dict[str, Any],
    student: Student | None = None,
    demonstration: Demonstration | None = None,
) -> Demonstration:
    """Create (for `student`) or change a demonstration; the assessor rules in rules.py apply."""
    if demonstration is None:
        demonstration = Demonstration(student=student, created_by=by)
    _check_student(by, demonstration.student)
    if demonstration.pk is None and demonstration.student.is_erased:
        raise ValidationError(ERASED_STUDENT)
    for name in DEMONSTRATION_FIELDS:
        if name in data:
            setattr(demonstration, name, data[name])
    if demonstration.agreement_id and not demonstration.workplace_id:
        demonstration.workplace = demonstration.agreement.workplace  # where it usually takes place
    demonstration.full_clean()
    demonstration.save()
    if demonstration.agreement_id and demonstration.status in (
        DemonstrationStatus.SCHEDULED,
        DemonstrationStatus.HELD,
    ):
        # Scheduling it settles the agreement's checkpoint 7 item, unless already recorded.
        AgreementItem.objects.get_or_create(
            agreement_id=demonstration.agreement_id,
            kind=ItemKind.DEMONSTRATION,
            defaults={"done_on": timezone.localdate(), "done_by": by},
        )
    return demonstration


def student_relation_add(*, by: User, student: Student, data: dict[str, Any]) -> StudentRelation:
    """Mark a person as related to the student, so they cannot assess the student."""
    _check_student(by, student)
    relation = StudentRelation(student=student, **data)
    relation.full_clean()
    relation.save()
    return relation

"""Writes of workplace instructors' inductions and trainings.

An induction for an agreement is one act: recorded on the instructor's page or on the
agreement's checkpoint 4 item, it is the same record and settles the same item.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max

from core.models import User

from ..models import (
    Agreement,
    AgreementItem,
    ContactPerson,
    InstructorTraining,
    ItemKind,
    TrainingForm,
    TrainingKind,
)
from ..permissions import can_edit_agreement


@transaction.atomic
def instructor_training_record(
    *,
    by: User,
    person: ContactPerson,
    kind: str,
    form: str,
    date: datetime.date,
    agreement: Agreement | None = None,
    note: str = "",
    training: InstructorTraining | None = None,
) -> InstructorTraining:
    """Record an induction or a training of `person`; an induction for `agreement` also
    settles its checkpoint 4 item (and replaces an earlier induction for it).

    The one write of an induction, whichever page it comes from: the instructor's page, the
    agreement's checkpoint 4 item (agreement_item_record) and the admin (`training` is then
    the record being changed) all come here, so the same rules (rules.instructor_training_errors)
    apply and the item follows the record."""
    if not by.is_teacher or (agreement is not None and not can_edit_agreement(by, agreement)):
        raise PermissionDenied
    previous_agreement_id = None
    if training is not None and training.pk:
        previous_agreement_id = (
            InstructorTraining.objects.filter(pk=training.pk).values_list("agreement_id", flat=True).first()
        )
    if training is None and agreement is not None and kind == TrainingKind.INDUCTION:
        training = InstructorTraining.objects.filter(agreement=agreement, kind=TrainingKind.INDUCTION).first()
    training = training or InstructorTraining()
    training.person, training.kind, training.form, training.date = person, kind, form, date
    training.agreement, training.note, training.recorded_by = agreement, note.strip(), by
    training.full_clean()
    training.save()
    if agreement is not None:
        AgreementItem.objects.update_or_create(
            agreement=agreement,
            kind=ItemKind.INDUCTION,
            defaults={"done_on": date, "done_by": by, "not_applicable_reason": "", "note": training.note},
        )
    if previous_agreement_id and previous_agreement_id != training.agreement_id:
        # The record was that agreement's induction: its item is open again.
        AgreementItem.objects.filter(agreement_id=previous_agreement_id, kind=ItemKind.INDUCTION).delete()
    _sync_person(person)
    return training


@transaction.atomic
def instructor_training_delete(*, by: User, training: InstructorTraining) -> None:
    """Remove a record made by mistake; an agreement's induction takes its checkpoint 4 item with
    it, as clearing the item removes the record (agreement_item_clear)."""
    if not by.is_teacher or (training.agreement_id and not can_edit_agreement(by, training.agreement)):
        raise PermissionDenied
    if training.agreement_id:
        AgreementItem.objects.filter(agreement_id=training.agreement_id, kind=ItemKind.INDUCTION).delete()
    person = training.person
    training.delete()
    _sync_person(person)


def agreement_induction_record(
    *, agreement: Agreement, by: User, done_on: datetime.date, form: str = "", note: str = ""
) -> InstructorTraining:
    """The agreement's checkpoint 4 item was recorded as done: it is the instructor's induction,
    written by instructor_training_record like one recorded on the instructor's page."""
    if not form:
        form = (
            InstructorTraining.objects.filter(agreement=agreement, kind=TrainingKind.INDUCTION)
            .values_list("form", flat=True)
            .first()
        ) or TrainingForm.ONE_TO_ONE
    return instructor_training_record(
        by=by,
        person=agreement.instructor,
        kind=TrainingKind.INDUCTION,
        form=form,
        date=done_on,
        agreement=agreement,
        note=note,
    )


def agreement_induction_clear(*, agreement: Agreement) -> None:
    """The agreement's checkpoint 4 item was cleared, marked not applicable, or recorded with no
    instructor named: no induction record stays for it. Called by agreement_item_record and
    agreement_item_clear."""
    existing = InstructorTraining.objects.filter(agreement=agreement, kind=TrainingKind.INDUCTION).first()
    if existing is not None:
        existing.delete()
        _sync_person(existing.person)


def _sync_person(person: ContactPerson) -> None:
    """The person's summary dates (shown on the workplace page and used by the partnership
    levels) follow the latest record; dates recorded before the records existed stay."""
    latest = person.trainings.values("kind").annotate(last=Max("date"))
    last = {row["kind"]: row["last"] for row in latest}
    changed = []
    for kind, field in (
        (TrainingKind.INDUCTION, "induction_date"),
        (TrainingKind.TRAINING, "instructor_training_date"),
    ):
        if last.get(kind) and (getattr(person, field) is None or getattr(person, field) < last[kind]):
            setattr(person, field, last[kind])
            changed.append(field)
    if changed:
        person.save(update_fields=changed)

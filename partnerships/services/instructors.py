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
) -> InstructorTraining:
    """Record an induction or a training of `person`; an induction for `agreement` also
    settles its checkpoint 4 item (and replaces an earlier induction for it)."""
    if not by.is_teacher or (agreement is not None and not can_edit_agreement(by, agreement)):
        raise PermissionDenied
    training = None
    if agreement is not None and kind == TrainingKind.INDUCTION:
        training = InstructorTraining.objects.filter(agreement=agreement, kind=TrainingKind.INDUCTION).first()
    training = training or InstructorTraining(kind=kind)
    training.person, training.form, training.date = person, form, date
    training.agreement, training.note, training.recorded_by = agreement, note.strip(), by
    training.full_clean()
    training.save()
    if agreement is not None:
        AgreementItem.objects.update_or_create(
            agreement=agreement,
            kind=ItemKind.INDUCTION,
            defaults={"done_on": date, "done_by": by, "not_applicable_reason": "", "note": training.note},
        )
    _sync_person(person)
    return training


def agreement_induction_sync(
    *, agreement: Agreement, by: User, done_on: datetime.date | None, form: str = ""
) -> None:
    """The agreement's checkpoint 4 item was recorded (or cleared, with `done_on` None): the
    instructor's record of that induction follows it. Called by agreement_item_record."""
    existing = InstructorTraining.objects.filter(agreement=agreement, kind=TrainingKind.INDUCTION).first()
    if done_on is None or not agreement.instructor_id:
        if existing is not None:
            existing.delete()
            _sync_person(existing.person)
        return
    training = existing or InstructorTraining(agreement=agreement, kind=TrainingKind.INDUCTION)
    training.person_id = agreement.instructor_id
    training.date = done_on
    training.form = form or training.form or TrainingForm.ONE_TO_ONE
    training.recorded_by = by
    # Not validated again: it is the agreement's own instructor, and the checkpoint item's
    # rules (agreement_item_record) decide which dates may be recorded.
    training.save()
    _sync_person(agreement.instructor)


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

"""Students taking part in co-development initiatives: adding one with their consent, recording
a withdrawal, and what a student's erasure leaves of them (models/student_participants.py).

The owner and coordinators of the initiative do both (can_manage_student_participants). Each
write leaves a log entry in the initiative's current phase; its text is written from the
participant when shown, so a withdrawal also takes the name out of the earlier entries."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.models import User

from ..models import (
    ConsentMethod,
    ConsentScope,
    EntryKind,
    Initiative,
    InitiativeEntry,
    Student,
    StudentParticipant,
)
from ..permissions import can_manage_student_participants
from ..rules import age_on

ADULT_AGE = 18


def _check(initiative: Initiative, by: User) -> None:
    if not can_manage_student_participants(by, initiative):
        raise PermissionDenied


def _entry(initiative: Initiative, participant: StudentParticipant, *, kind, date, by) -> InitiativeEntry:
    phase = Initiative.objects.select_for_update().values_list("phase", flat=True).get(pk=initiative.pk)
    entry = InitiativeEntry.objects.create(
        initiative=initiative, phase=phase, kind=kind, date=date, participant=participant, author=by, text=""
    )
    Initiative.objects.filter(pk=initiative.pk).update(updated_at=timezone.now())
    return entry


def _same_person(initiative: Initiative, student: Student | None, name: str):
    """The initiative's earlier participations of the same student, or of a representative
    of the same name (case aside)."""
    rows = StudentParticipant.objects.filter(initiative=initiative, anonymised_at__isnull=True)
    if student is not None:
        return rows.filter(student=student)
    return rows.filter(student__isnull=True).annotate(lower=Lower("name")).filter(lower=name.lower())


def _is_under_18(student: Student | None, consent_on: datetime.date, declared: bool) -> bool:
    """The student's date of birth decides where it is known; otherwise the member of staff's
    word (a representative has no record in Kumppani)."""
    if student is not None and student.date_of_birth:
        return age_on(student.date_of_birth, consent_on) < ADULT_AGE
    return declared


@transaction.atomic
def initiative_student_add(
    *,
    initiative: Initiative,
    by: User,
    student: Student | None = None,
    name: str = "",
    role: str = "",
    consent_on: datetime.date,
    consent_method: str,
    consent_scope: str = ConsentScope.NAMED,
    under_18: bool = False,
    guardian_name: str = "",
    guardian_consent_on: datetime.date | None = None,
    guardian_consent_method: str = "",
) -> StudentParticipant:
    """Add a student, or a student representative, to the initiative with their consent.

    Refused when the same person takes part already, and, after a withdrawal, unless the new
    consent was given after it: their earlier consent no longer counts. A student under 18
    on the day of consent needs their guardian's consent as well."""
    _check(initiative, by)
    Initiative.objects.select_for_update().filter(pk=initiative.pk).first()
    name, role, guardian_name = name.strip(), role.strip(), guardian_name.strip()
    errors: dict[str, list] = {}
    today = timezone.localdate()
    if student is None and not name:
        errors["student"] = [_("Choose a student or give the representative's name.")]
    if student is not None and name:
        errors["name"] = [_("Give a name only for a representative who is not chosen as a student.")]
    if student is not None:
        if student.is_erased:
            errors["student"] = [_("This student's personal data has been erased.")]
        elif not Student.objects.visible_to(by).filter(pk=student.pk).exists():
            # Need to know: only students the member of staff may see (models/students.py).
            raise PermissionDenied
    if consent_on > today:
        errors["consent_on"] = [
            _("Consent is recorded once it has been given: the date cannot be in the future.")
        ]
    if consent_method not in ConsentMethod.values:
        errors["consent_method"] = [_("Choose how the consent was given.")]
    if consent_scope not in ConsentScope.values:
        errors["consent_scope"] = [_("Choose what the consent covers.")]
    under_18 = _is_under_18(student, consent_on, under_18)
    if under_18:
        if not guardian_name:
            errors["guardian_name"] = [
                _("The student is under 18: give the name of the guardian who consented.")
            ]
        if guardian_consent_on is None:
            errors["guardian_consent_on"] = [
                _("The student is under 18: record when the guardian consented.")
            ]
        elif guardian_consent_on > today:
            errors["guardian_consent_on"] = [
                _("Consent is recorded once it has been given: the date cannot be in the future.")
            ]
        if guardian_consent_method not in ConsentMethod.values:
            errors["guardian_consent_method"] = [_("Choose how the guardian's consent was given.")]
    else:
        guardian_name, guardian_consent_on, guardian_consent_method = "", None, ""
    if not errors and (student is not None or name):
        earlier = list(_same_person(initiative, student, name))
        field = "student" if student is not None else "name"
        if any(p.in_force for p in earlier):
            errors[field] = [_("This student already takes part in the initiative.")]
        else:
            withdrawn = max((p.withdrawn_on for p in earlier), default=None)
            if withdrawn is not None and consent_on <= withdrawn:
                errors["consent_on"] = [
                    _(
                        "This student withdrew their consent on %(date)s: they take part again only "
                        "with a new consent, given after that."
                    )
                    % {"date": date_format(withdrawn, "SHORT_DATE_FORMAT")}
                ]
    if errors:
        raise ValidationError(errors)
    participant = StudentParticipant(
        initiative=initiative,
        student=student,
        name=name,
        role=role,
        consent_on=consent_on,
        consent_method=consent_method,
        consent_scope=consent_scope,
        consent_recorded_by=by,
        under_18=under_18,
        guardian_name=guardian_name,
        guardian_consent_on=guardian_consent_on,
        guardian_consent_method=guardian_consent_method,
    )
    participant.full_clean()
    participant._history_user = by
    participant.save()
    _entry(initiative, participant, kind=EntryKind.STUDENT_JOINED, date=consent_on, by=by)
    return participant


@transaction.atomic
def initiative_student_withdraw(
    *, participant: StudentParticipant, by: User, withdrawn_on: datetime.date
) -> StudentParticipant:
    """Record that the student withdrew their consent: from now on they are "a student
    representative" in the initiative's page, log and report. Never undone: taking part
    again needs a new consent (initiative_student_add)."""
    _check(participant.initiative, by)
    locked = (
        StudentParticipant.objects.select_for_update(of=("self",))
        .select_related("student")
        .get(pk=participant.pk)
    )
    if locked.withdrawn_on is not None:
        raise ValidationError(
            _("The consent was already withdrawn on %(date)s.")
            % {"date": date_format(locked.withdrawn_on, "SHORT_DATE_FORMAT")}
        )
    if withdrawn_on > timezone.localdate():
        raise ValidationError(
            {
                "withdrawn_on": [
                    _("A withdrawal is recorded once it has happened: the date cannot be in the future.")
                ]
            }
        )
    if withdrawn_on < locked.consent_on:
        raise ValidationError({"withdrawn_on": [_("Consent cannot be withdrawn before it was given.")]})
    locked.withdrawn_on = withdrawn_on
    locked.withdrawal_recorded_by = by
    locked._history_user = by
    locked.save(update_fields=["withdrawn_on", "withdrawal_recorded_by"])
    _entry(locked.initiative, locked, kind=EntryKind.CONSENT_WITHDRAWN, date=withdrawn_on, by=by)
    participant.refresh_from_db()
    return participant


# Blanked by a student's erasure, in the rows and their history: the guardian's name and the
# group or role, which with the dates could tell who the student was.
ERASED = {"role": "", "guardian_name": ""}


def student_participations_forget(students: list[Student], reports: dict) -> None:
    """A step of every student erasure (services/privacy.py, registered in apps.py): their
    participations stay, so the initiative keeps "a student took part" and its log still
    reads, but anonymised; their history rows lose the same fields. Counted per student for
    the erasure's report."""
    ids = [s.pk for s in students]
    rows = StudentParticipant.objects.filter(student_id__in=ids)
    label = StudentParticipant._meta.label_lower
    for student_id in rows.values_list("student_id", flat=True):
        reports[student_id].changed[(label, "anonymised_at", False)] += 1
    rows.update(**ERASED, anonymised_at=timezone.now())
    StudentParticipant.history.model.objects.filter(student_id__in=ids).update(**ERASED)

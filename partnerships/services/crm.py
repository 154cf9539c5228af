"""Every write of the partnerships app: views, admin actions, tasks and commands call these."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from checkpoints.models import Checkpoint
from core.email import outbox_enqueue
from core.models import User, coordinators_to_notify
from core.phones import normalize_phone

from ..history import record_change
from ..models import Contact, ContactPerson, Employer, Student, Workplace
from ..permissions import (
    can_change_account_owner,
    can_edit_contact,
    can_leave_employer_without_owner,
    can_set_employer_active,
)
from ..validators import normalize_business_id


def apply_fields(instance, data: dict[str, Any], *, exclude: Iterable[str] = ()) -> None:
    """Set plain fields from `data`, validate the whole object, and save it."""
    for field, value in data.items():
        setattr(instance, field, value)
    instance.full_clean(exclude=list(exclude))
    instance.save()


@transaction.atomic
def employer_create(
    *,
    name: str,
    municipality: str,
    business_id: str | None = None,
    sector: str = "",
    website: str = "",
    account_owner: User | None = None,
    notes: str = "",
    workplace_name: str = "",
    street_address: str = "",
    postal_code: str = "",
) -> Employer:
    """Create an employer with its first workplace: every employer has at least one."""
    _check_owner_is_staff(account_owner)
    employer = Employer(
        name=name.strip(),
        business_id=normalize_business_id(business_id) if business_id else None,
        sector=sector,
        website=website,
        account_owner=account_owner,
        notes=notes,
    )
    employer.full_clean()
    employer.save()
    workplace = Workplace(
        employer=employer,
        name=(workplace_name or name).strip(),
        street_address=street_address,
        postal_code=postal_code,
        municipality=municipality.strip(),
    )
    workplace.full_clean()
    workplace.save()
    return employer


def _check_owner_is_staff(owner: User | None) -> None:
    if owner is not None and not owner.is_teacher:
        raise ValidationError({"account_owner": _("The account owner must be a teacher or a coordinator.")})


def _check_account_owner(employer: Employer, new_owner: User | None, by: User | None) -> None:
    _check_owner_is_staff(new_owner)
    # A model form has already put the new owner on `employer`: judge by the stored one.
    stored = Employer.objects.filter(pk=employer.pk).values_list("account_owner_id", flat=True).first()
    if (new_owner.pk if new_owner else None) == stored:
        return
    if by is None or not can_change_account_owner(by, Employer(pk=employer.pk, account_owner_id=stored)):
        raise ValidationError(
            {
                "account_owner": _(
                    "Only a coordinator or the current account owner can change the account owner."
                )
            }
        )
    if new_owner is None and not can_leave_employer_without_owner(by, employer):
        raise ValidationError(
            {
                "account_owner": _(
                    "Hand the employer over to another teacher; "
                    "only a coordinator can leave it without an owner."
                )
            }
        )


@transaction.atomic
def employer_update(*, employer: Employer, data: dict[str, Any], by: User | None = None) -> Employer:
    """Change an employer's fields. Changing its account owner takes `by`, who may (see
    `can_change_account_owner`)."""
    data = dict(data)
    if "account_owner" in data:
        _check_account_owner(employer, data["account_owner"], by)
    if "business_id" in data:
        data["business_id"] = normalize_business_id(data["business_id"]) or None
    main_contact = data.get("main_contact")
    if main_contact is not None and main_contact.employer_id != employer.pk:
        raise ValidationError({"main_contact": _("The main contact must work for this employer.")})
    apply_fields(employer, data)
    return employer


def employer_set_active(*, employer: Employer, active: bool, by: User) -> Employer:
    """Deactivate (or reactivate) an employer. Only coordinators may (foundation issue)."""
    if not can_set_employer_active(by, employer):
        raise PermissionDenied
    Employer.objects.filter(pk=employer.pk).update(is_active=active, updated_at=timezone.now())
    employer.is_active = active
    record_change(employer, by=by)
    return employer


def workplace_create(*, employer: Employer, data: dict[str, Any]) -> Workplace:
    workplace = Workplace(employer=employer)
    apply_fields(workplace, data)
    return workplace


def workplace_update(*, workplace: Workplace, data: dict[str, Any]) -> Workplace:
    apply_fields(workplace, data)
    return workplace


def _check_person_workplace(employer: Employer, workplace: Workplace | None) -> None:
    if workplace is not None and workplace.employer_id != employer.pk:
        raise ValidationError({"workplace": _("Choose a workplace of this employer.")})


@transaction.atomic
def _normalized_person_data(data: dict[str, Any]) -> dict[str, Any]:
    """Phones are stored in E.164 (core/phones.py), whoever saves them: forms, imports, the demo."""
    if "phone" in data:
        return {**data, "phone": normalize_phone(data["phone"])}
    return data


def contact_person_create(*, employer: Employer, data: dict[str, Any]) -> ContactPerson:
    _check_person_workplace(employer, data.get("workplace"))
    data = _normalized_person_data(data)
    person = ContactPerson(employer=employer)
    apply_fields(person, data)
    if employer.main_contact_id is None:
        # The first person recorded is the natural main contact until someone picks another.
        if Employer.objects.filter(pk=employer.pk, main_contact__isnull=True).update(main_contact=person):
            record_change(employer)
        employer.main_contact = person
    return person


def contact_person_update(*, person: ContactPerson, data: dict[str, Any]) -> ContactPerson:
    _check_person_workplace(person.employer, data.get("workplace"))
    data = _normalized_person_data(data)
    apply_fields(person, data)
    return person


def _check_student_number(*, number: str, student: Student, by: User | None) -> None:
    """A student number is unique. Whether another student has it is said only to those who
    may see that student (need to know); anyone else gets a neutral refusal, and the
    coordinators are told, since a student may then be on record twice or be mistyped."""
    other = Student.objects.filter(student_number=number).exclude(pk=student.pk).first()
    if other is None:
        return
    if by is None or Student.objects.visible_to(by).filter(pk=other.pk).exists():
        raise ValidationError(
            {"student_number": Student._meta.get_field("student_number").error_messages["unique"]}
        )
    _tell_coordinators_of_hidden_number(other, by)
    raise ValidationError({"student_number": _("This student number cannot be used; ask the coordinator.")})


def _tell_coordinators_of_hidden_number(other: Student, by: User) -> None:
    today = timezone.localdate().isoformat()
    for coordinator in coordinators_to_notify():
        outbox_enqueue(
            # Once a day per teacher and student, however often the form is sent again.
            key=f"student-number-hidden:{other.pk}:{by.pk}:{today}:{coordinator.pk}",
            kind="student-number-hidden",
            template="student-number-hidden",
            context={"name": coordinator.first_name, "by": by, "student": other},
            to_email=coordinator.email,
            to_name=coordinator.get_full_name(),
            language=coordinator.language or settings.LANGUAGE_CODE,
        )


def student_create(*, data: dict[str, Any], by: User | None = None) -> Student:
    """File a new student; `by`, the member of staff doing it, decides what a taken student
    number may reveal (see `_check_student_number`)."""
    student = Student()
    if data.get("student_number"):
        _check_student_number(number=data["student_number"], student=student, by=by)
    apply_fields(student, data)
    return student


def student_update(*, student: Student, data: dict[str, Any], by: User | None = None) -> Student:
    # A model form has already put the new number on `student`: compare with the others.
    if data.get("student_number"):
        _check_student_number(number=data["student_number"], student=student, by=by)
    apply_fields(student, data)
    return student


def _validate_contact_links(
    employer: Employer, workplace: Workplace | None, persons: Iterable[ContactPerson]
) -> None:
    errors = {}
    if workplace is not None and workplace.employer_id != employer.pk:
        errors["workplace"] = _("Choose a workplace of this employer.")
    if any(p.employer_id != employer.pk for p in persons):
        errors["persons"] = _("Choose people who work for this employer.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def contact_log(
    *,
    employer: Employer,
    author: User,
    channel: str,
    summary: str,
    date: datetime.date | None = None,
    workplace: Workplace | None = None,
    persons: Iterable[ContactPerson] = (),
    checkpoints: Iterable[Checkpoint] = (),
    follow_up_date: datetime.date | None = None,
    follow_up_note: str = "",
) -> Contact:
    """Log a contact with an employer (the teacher's everyday entry, checkpoints 1 and 8)."""
    persons = list(persons)
    _validate_contact_links(employer, workplace, persons)
    contact = Contact(
        employer=employer,
        workplace=workplace,
        author=author,
        channel=channel,
        summary=summary.strip(),
        date=date or timezone.localdate(),
        follow_up_date=follow_up_date,
        follow_up_note=follow_up_note.strip(),
    )
    # The employer and the author are saved objects the caller holds (and their foreign keys
    # refuse any other): asking the database whether they exist cost two queries a contact.
    # The model's one constraint, the follow-up rule, is checked in Python, not by three
    # round trips; the database's CHECK still holds.
    contact.full_clean(exclude=["employer", "author"], validate_constraints=False)
    contact.validate_follow_up()
    contact.save()
    # add(), not set(): a new contact has no links to compare with (and none to add: no query).
    contact.persons.add(*persons)
    contact.checkpoints.add(*checkpoints)
    return contact


@transaction.atomic
def contact_update(*, contact: Contact, by: User, data: dict[str, Any]) -> Contact:
    if not can_edit_contact(by, contact):
        raise PermissionDenied
    data = dict(data)
    persons = list(data.pop("persons", contact.persons.all()))
    checkpoints = list(data.pop("checkpoints", contact.checkpoints.all()))
    _validate_contact_links(contact.employer, data.get("workplace", contact.workplace), persons)
    apply_fields(contact, data)
    contact.persons.set(persons)
    contact.checkpoints.set(checkpoints)
    return contact


def contact_delete(*, contact: Contact, by: User) -> None:
    if not can_edit_contact(by, contact):
        raise PermissionDenied
    contact.delete()


def follow_up_complete(*, contact: Contact, by: User) -> Contact:
    """Mark a follow-up done. A conditional update, so a double click records it once."""
    if not can_edit_contact(by, contact):
        raise PermissionDenied
    now = timezone.now()
    Contact.objects.filter(pk=contact.pk, follow_up_done_at__isnull=True).update(
        follow_up_done_at=now, updated_at=now
    )
    contact.refresh_from_db(fields=["follow_up_done_at", "updated_at"])
    return contact

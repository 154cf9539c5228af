"""A new instructor and someone who left: asked by the partner, decided by the account owner
(or a coordinator). Each step is in the history of the change, and the confirmed change in
the person's own history."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.models import User
from core.phones import normalize_phone
from partnerships.models import ContactPerson
from partnerships.services.crm import contact_person_create, contact_person_update

from ..models import ChangeKind, ChangeStatus, PartnerChange, PartnerSession
from ..permissions import can_decide_partner_change
from .corrections import owner_notify

# The person's history reason when the owner confirms (translated where the history is shown).
CONFIRMED_REASON = gettext_noop("confirmed from the employer's request on the partner page")

NEW_FIELDS = ("first_name", "last_name", "title", "email", "phone", "workplace")


@transaction.atomic
def partner_instructor_propose(*, session: PartnerSession, data: dict[str, Any]) -> PartnerChange:
    workplace = data.get("workplace")
    if workplace is not None and workplace.employer_id != session.employer_id:
        raise ValidationError({"workplace": _("Choose a workplace of this employer.")})
    change = PartnerChange(
        employer=session.employer,
        kind=ChangeKind.NEW_INSTRUCTOR,
        requested_by=session.email,
        **{field: data.get(field) or ("" if field != "workplace" else None) for field in NEW_FIELDS},
    )
    change.phone = normalize_phone(change.phone)
    change.full_clean()
    change.save()
    owner_notify(session=session, template="partner-change", context={"change": change})
    return change


def partner_person_left_propose(*, session: PartnerSession, person: ContactPerson) -> PartnerChange:
    """Ask for `person` to be marked as left; asking again returns the pending request."""
    if person.employer_id != session.employer_id or not person.is_active:
        raise PermissionDenied
    pending = PartnerChange.objects.pending().filter(kind=ChangeKind.LEFT, person=person).first()
    if pending is not None:
        return pending
    try:
        with transaction.atomic():
            change = PartnerChange.objects.create(
                employer=session.employer, kind=ChangeKind.LEFT, person=person, requested_by=session.email
            )
    except IntegrityError:  # asked at the same moment in another tab
        return PartnerChange.objects.pending().get(kind=ChangeKind.LEFT, person=person)
    owner_notify(session=session, template="partner-change", context={"change": change})
    return change


@transaction.atomic
def partner_change_decide(*, change: PartnerChange, by: User, confirm: bool) -> PartnerChange:
    if not can_decide_partner_change(by, change):
        raise PermissionDenied
    # A conditional claim: two owners deciding at once, or a second click, decide once.
    claimed = PartnerChange.objects.filter(pk=change.pk, status=ChangeStatus.PENDING).update(
        status=ChangeStatus.CONFIRMED if confirm else ChangeStatus.REJECTED,
        decided_by=by,
        decided_at=timezone.now(),
    )
    if not claimed:
        raise ValidationError(_("This change has already been decided."))
    change.refresh_from_db()
    if confirm and change.kind == ChangeKind.NEW_INSTRUCTOR:
        person = contact_person_create(
            employer=change.employer,
            data={
                **{field: getattr(change, field) for field in NEW_FIELDS},
                "is_instructor": True,
            },
        )
        change.person = person
    elif confirm and change.kind == ChangeKind.LEFT:
        person = change.person
        person._change_reason = CONFIRMED_REASON
        contact_person_update(person=person, data={"is_active": False})
    change._change_reason = "confirmed" if confirm else "rejected"
    change.save()
    return change

"""New partners before they are employers: recording prospects and turning one into an
employer without typing anything twice."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.models import User

from ..models import Employer, Prospect, ProspectStage
from ..permissions import can_edit_prospect, can_reassign_prospect
from ..validators import normalize_business_id
from .crm import contact_person_create, employer_create

FIELDS = (
    "name",
    "business_id",
    "sector",
    "municipality",
    "contact_name",
    "contact_email",
    "contact_phone",
    "notes",
    "stage",
    "dropped_reason",
    "owner",
)


def _save(prospect: Prospect, *, by: User, data: dict[str, Any]) -> Prospect:
    for name in FIELDS:
        if name in data:
            setattr(prospect, name, data[name])
    prospect.business_id = normalize_business_id(prospect.business_id or "")
    if not can_reassign_prospect(by, prospect):
        # A teacher's prospects are their own: they cannot hand one to someone else.
        prospect.owner = by
    prospect.full_clean()
    prospect.save()
    return prospect


@transaction.atomic
def prospect_create(*, by: User, data: dict[str, Any]) -> Prospect:
    if not by.is_teacher:
        raise PermissionDenied
    return _save(Prospect(owner=by), by=by, data=data)


@transaction.atomic
def prospect_update(*, prospect: Prospect, by: User, data: dict[str, Any]) -> Prospect:
    if not can_edit_prospect(by, prospect):
        raise PermissionDenied
    return _save(prospect, by=by, data=data)


def _split_name(full: str) -> tuple[str, str]:
    parts = full.split()
    if len(parts) < 2:
        return full.strip(), ""
    return " ".join(parts[:-1]), parts[-1]


@transaction.atomic
def prospect_convert(*, prospect: Prospect, by: User, link_to: Employer | None = None) -> Employer:
    """Make the prospect an employer: a new one with its first workplace and its contact
    person, through the same services as the employer form; or, when it already exists
    (`link_to`, chosen from the duplicates found), link the prospect to it and add the
    contact person there. Either way the prospect reaches the stage "first agreement"."""
    prospect = Prospect.objects.select_for_update().get(pk=prospect.pk)
    if not can_edit_prospect(by, prospect):
        raise PermissionDenied
    if prospect.employer_id:
        raise ValidationError(_("This prospect is already an employer."))
    if prospect.stage == ProspectStage.DROPPED:
        raise ValidationError(_("A dropped prospect cannot become an employer: change its stage first."))
    if link_to is not None:
        employer = link_to
    else:
        employer = employer_create(
            name=prospect.name,
            municipality=prospect.municipality,
            business_id=prospect.business_id or None,
            sector=prospect.sector,
            account_owner=prospect.owner,
            notes=prospect.notes,
        )
    if prospect.contact_name.strip():
        first, last = _split_name(prospect.contact_name)
        contact_person_create(
            employer=employer,
            data={
                "first_name": first,
                "last_name": last,
                "email": prospect.contact_email,
                "phone": prospect.contact_phone,
                "workplace": employer.workplaces.order_by("pk").first() if link_to is None else None,
            },
        )
    prospect.employer = employer
    prospect.stage = ProspectStage.FIRST_AGREEMENT
    prospect.save()
    return employer

"""Recording future competence needs, and linking them to the co-development initiatives that
answer them. Every member of staff records needs; the one who recorded a need and the
coordinators edit it."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from core.models import User

from ..models import CompetenceNeed, Initiative, NeedSource
from ..permissions import can_edit_competence_need, can_link_competence_need, can_record_competence_need
from .initiatives import initiative_create


def _save(need: CompetenceNeed, *, data: dict[str, Any]) -> CompetenceNeed:
    for name, value in data.items():
        setattr(need, name, value)
    contact = need.contact
    if contact is not None:
        # A need heard in a logged contact is that contact's employer's.
        need.employer = need.employer or contact.employer
        need.source = need.source or NeedSource.CONTACT
    need.full_clean()
    need.save()
    return need


@transaction.atomic
def competence_need_create(*, by: User, data: dict[str, Any]) -> CompetenceNeed:
    if not can_record_competence_need(by):
        raise PermissionDenied
    return _save(CompetenceNeed(recorded_by=by), data=data)


@transaction.atomic
def competence_need_update(*, need: CompetenceNeed, by: User, data: dict[str, Any]) -> CompetenceNeed:
    if not can_edit_competence_need(by, need):
        raise PermissionDenied
    return _save(need, data=data)


@transaction.atomic
def competence_need_link(*, need: CompetenceNeed, initiative: Initiative, by: User) -> None:
    """Name `initiative` as one that answers `need`; linking twice changes nothing."""
    if not can_link_competence_need(by, need, initiative):
        raise PermissionDenied
    need.initiatives.add(initiative)


@transaction.atomic
def competence_need_unlink(*, need: CompetenceNeed, initiative: Initiative, by: User) -> None:
    if not can_link_competence_need(by, need, initiative):
        raise PermissionDenied
    need.initiatives.remove(initiative)


@transaction.atomic
def competence_need_start_initiative(*, need: CompetenceNeed, by: User, data: dict[str, Any]) -> Initiative:
    """Start a co-development initiative from a need: whoever starts it owns it, so may link
    it (can_link_competence_need), and the need is linked in the same transaction."""
    initiative = initiative_create(by=by, data=data)
    competence_need_link(need=need, initiative=initiative, by=by)
    return initiative

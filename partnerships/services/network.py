"""Recording the strategic network: coordinators write organisations and cooperation, every
member of staff reads them."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.models import User

from ..models import NetworkCooperation, NetworkOrganisation
from ..permissions import can_edit_network

ORGANISATION_FIELDS = ("name", "kind", "description", "website", "contact_names", "is_active")
COOPERATION_FIELDS = ("date", "kind", "title", "notes", "contact_names")


def _save(obj, fields, data: dict[str, Any], relations=()):
    for name in fields:
        if name in data:
            setattr(obj, name, data[name])
    obj.full_clean()
    obj.save()
    for name in relations:
        if name in data:
            getattr(obj, name).set(data[name])
    return obj


def _check(by: User) -> None:
    if not can_edit_network(by):
        raise PermissionDenied


def _require_organisations(data: dict[str, Any], *, required: bool) -> None:
    """Cooperation is always with someone: a new record names an organisation, and an update
    that names the organisations names at least one."""
    if (required or "organisations" in data) and not data.get("organisations"):
        raise ValidationError({"organisations": _("Name at least one organisation.")})


@transaction.atomic
def network_organisation_create(*, by: User, data: dict[str, Any]) -> NetworkOrganisation:
    _check(by)
    return _save(NetworkOrganisation(created_by=by), ORGANISATION_FIELDS, data)


@transaction.atomic
def network_organisation_update(
    *, organisation: NetworkOrganisation, by: User, data: dict[str, Any]
) -> NetworkOrganisation:
    _check(by)
    return _save(organisation, ORGANISATION_FIELDS, data)


@transaction.atomic
def network_cooperation_create(*, by: User, data: dict[str, Any]) -> NetworkCooperation:
    _check(by)
    _require_organisations(data, required=True)
    return _save(NetworkCooperation(created_by=by), COOPERATION_FIELDS, data, ("organisations", "staff"))


@transaction.atomic
def network_cooperation_update(
    *, cooperation: NetworkCooperation, by: User, data: dict[str, Any]
) -> NetworkCooperation:
    _check(by)
    _require_organisations(data, required=False)
    return _save(cooperation, COOPERATION_FIELDS, data, ("organisations", "staff"))

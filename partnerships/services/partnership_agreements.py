"""Recording partnership agreements: coordinators write them, every member of staff reads."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from core.models import User

from ..models import PartnershipAgreement
from ..permissions import can_edit_partnership_agreement

FIELDS = ("title", "network_name", "scope", "signed_on", "valid_until", "responsible")


def _save(agreement: PartnershipAgreement, *, data: dict[str, Any], document: UploadedFile | None):
    for name in FIELDS:
        if name in data:
            setattr(agreement, name, data[name])
    agreement.full_clean(exclude=["document"])
    if document is not None:
        agreement.document_name = document.name[-200:]
        # Through the field's storage (the default storage): the file is written before the
        # row, under a random name; save=False so that the row is saved once, below.
        agreement.document.save(document.name, document, save=False)
    agreement.save()
    if "employers" in data:
        agreement.employers.set(data["employers"])
    return agreement


@transaction.atomic
def partnership_agreement_create(
    *, by: User, data: dict[str, Any], document: UploadedFile | None = None
) -> PartnershipAgreement:
    if not can_edit_partnership_agreement(by):
        raise PermissionDenied
    return _save(PartnershipAgreement(created_by=by), data=data, document=document)


@transaction.atomic
def partnership_agreement_update(
    *, agreement: PartnershipAgreement, by: User, data: dict[str, Any], document: UploadedFile | None = None
) -> PartnershipAgreement:
    if not can_edit_partnership_agreement(by):
        raise PermissionDenied
    return _save(agreement, data=data, document=document)

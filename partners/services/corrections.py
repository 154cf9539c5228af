"""What a partner corrects on their page. Title, e-mail and phone apply at once (they only
tell the institution how to reach someone); every change leaves a history row with its
reason, and the employer's account owner is told by e-mail."""

import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_noop

from core.email import outbox_enqueue
from core.phones import format_phone
from partnerships.models import ContactPerson
from partnerships.services.crm import contact_person_update

from ..models import PartnerSession

# The history's reason (translated where the history is shown).
REASON = gettext_noop("corrected by the employer on the partner page")
CORRECTABLE = ("title", "email", "phone")


def _shown(field: str, value: str) -> str:
    return format_phone(value) if field == "phone" and value else value


def owner_notify(*, session: PartnerSession, template: str, context: dict) -> None:
    """Tell the employer's account owner what the partner did (nobody to tell: no mail)."""
    owner = session.employer.account_owner
    if owner is None or not owner.email or not owner.is_active:
        return
    outbox_enqueue(
        key=f"{template}:{session.employer_id}:{uuid.uuid4().hex}",
        kind=template,
        template=template,
        context={"owner": owner, "employer": session.employer, "by_email": session.email, **context},
        to_email=owner.email,
        to_name=owner.get_full_name(),
        language=owner.language or settings.LANGUAGE_CODE,
        responsible=owner,
    )


def old_address_notify(*, session: PartnerSession, person: ContactPerson, old_email: str) -> None:
    """A security notice to the address a person had: the partner page's sign-in links now go
    to the new one. In the person's language, through the outbox."""
    outbox_enqueue(
        key=f"partner-email-changed:{person.pk}:{uuid.uuid4().hex}",
        kind="partner-email-changed",
        template="partner-email-changed",
        context={
            "person": person,
            "employer": session.employer,
            "new_email": person.email,
            "by_email": session.email,
            "owner": session.employer.account_owner,
        },
        to_email=old_email,
        to_name=person.full_name,
        language=person.language or settings.LANGUAGE_CODE,
        responsible=session.employer.account_owner,
    )


@transaction.atomic
def partner_person_correct(*, session: PartnerSession, person: ContactPerson, data: dict[str, Any]) -> list:
    """Apply the partner's corrections; returns the changes as (field, before, after)."""
    if person.employer_id != session.employer_id or not person.is_active:
        raise PermissionDenied
    changed = {
        field: data[field] for field in CORRECTABLE if field in data and data[field] != getattr(person, field)
    }
    if not changed:
        return []
    owner = session.employer.account_owner
    # The fields are named in the language the account owner reads the e-mail in.
    with translation.override(getattr(owner, "language", "") or settings.LANGUAGE_CODE):
        changes = [
            (
                str(ContactPerson._meta.get_field(field).verbose_name),
                _shown(field, getattr(person, field)),
                _shown(field, value),
            )
            for field, value in changed.items()
        ]
    old_email = person.email
    person._change_reason = REASON
    contact_person_update(person=person, data=changed)
    if "email" in changed and old_email:
        old_address_notify(session=session, person=person, old_email=old_email)
    owner_notify(
        session=session,
        template="partner-correction",
        context={"person": person, "changes": [list(change) for change in changes]},
    )
    return changes

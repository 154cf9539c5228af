""" "Please contact us": the partner's short message becomes an inbound contact on the
employer's timeline, with a follow-up for today, and a mail to the account owner."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.models import coordinators_to_notify
from partnerships.models import Contact
from partnerships.models.contacts import Channel
from partnerships.services.crm import contact_log

from ..models import PartnerSession
from ..selectors import people_with_address
from .corrections import owner_notify

MAX_LENGTH = 1000


@transaction.atomic
def partner_contact_request(*, session: PartnerSession, message: str) -> Contact:
    message = message.strip()
    if not message:
        raise ValidationError({"message": _("Write a short message: what would you like to talk about?")})
    employer = session.employer
    # The contact log needs a member of staff: the account owner, or else a coordinator, who
    # then sees it as a follow-up of theirs.
    receiver = employer.account_owner
    if receiver is None or not receiver.is_active:
        receiver = coordinators_to_notify().order_by("pk").first()
    if receiver is None:
        raise ValidationError(
            _("Nobody at the institution can receive the request yet. Please call the institution.")
        )
    with translation.override(settings.LANGUAGE_CODE):  # the log is kept in the institution's language
        summary = _("Contact request from the partner page (%(email)s): %(message)s") % {
            "email": session.email,
            "message": message,
        }
        note = _("The partner asked to be contacted.")
    contact = contact_log(
        employer=employer,
        author=receiver,
        channel=Channel.OTHER,
        summary=summary,
        persons=people_with_address(session.email).filter(employer=employer),
        follow_up_date=timezone.localdate(),
        follow_up_note=note,
    )
    owner_notify(
        session=session, template="partner-contact-request", context={"message": message, "contact": contact}
    )
    return contact

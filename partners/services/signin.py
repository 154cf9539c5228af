"""Passwordless sign-in for partners: a link by e-mail, single-use, valid LINK_MINUTES.

The answer to a request never says whether the address is known: the same page follows, and
the request is counted against the rate limits either way. The link's token is made by the
worker at the moment of sending (`keeps_text=False`, as the password reset): the outbox row
holds only the address, the database only the token's hash, so neither a database dump nor
the outbox can sign anyone in. The link's 15 minutes run from that moment.
"""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.email import NothingToSend, outbox_enqueue, renders_on_delivery
from core.models import OutboxMessage, User
from core.ratelimit import address_and_client_throttled
from partnerships.models import ContactPerson, Employer

from ..models import PartnerSession, PartnerSignInLink
from ..models.sessions import digest, new_secret
from ..permissions import can_send_partner_link
from ..selectors import employers_for_address, people_with_address

TEMPLATE = "partner-sign-in"
LINK_MINUTES = 15
SESSION_HOURS = 8
# At most this many link requests an hour for one address, and from one client address.
REQUESTS_PER_HOUR = 5


class LinkRefused(Exception):
    """The link cannot sign anyone in; `reason` is "unknown", "used" or "expired"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def partner_link_throttled(*, email: str, client: str) -> bool:
    """Count one request; True when the address or the client has asked too often (counted
    whether or not the address is known, so the answer reveals nothing)."""
    return address_and_client_throttled(
        "partner-link", email=email, client=client, limit=REQUESTS_PER_HOUR, window=3600
    )


def _enqueue(*, email: str, name: str, language: str, responsible: User | None) -> OutboxMessage | None:
    return outbox_enqueue(
        # Unique per request, and nothing secret in it.
        key=f"partner-sign-in:{uuid.uuid4().hex}",
        kind="partner-sign-in",
        template=TEMPLATE,
        context={"email": email},
        to_email=email,
        to_name=name,
        language=language or settings.LANGUAGE_CODE,
        responsible=responsible,
        on_delivery=True,
    )


def partner_link_request(*, email: str) -> None:
    """Queue a sign-in link for `email` if it belongs to a partner; nothing otherwise."""
    email = email.strip().lower()
    person = people_with_address(email).select_related("employer__account_owner").order_by("pk").first()
    if person is None:
        return
    _enqueue(
        email=email,
        name=person.full_name,
        language=person.language,
        responsible=person.employer.account_owner,
    )


def partner_link_send(*, person: ContactPerson, by: User) -> OutboxMessage:
    """A member of staff sends a person a sign-in link (from the employer's page)."""
    if not can_send_partner_link(by):
        raise PermissionDenied
    if not person.email:
        raise ValidationError(_("This person has no e-mail address to send a sign-in link to."))
    if not person.is_active or not person.employer.is_active:
        raise ValidationError(_("Sign-in links go only to active people of active employers."))
    if not can_send_partner_link(by, person):
        raise PermissionDenied
    message = _enqueue(
        email=person.email.strip().lower(), name=person.full_name, language=person.language, responsible=by
    )
    assert message is not None  # the key is new
    return message


@renders_on_delivery(TEMPLATE, keeps_text=False)
def partner_link_context(data: dict) -> dict:
    email = data["email"]
    person = people_with_address(email).order_by("pk").first()
    if person is None:
        raise NothingToSend("The address was removed from the employer's people before the link was sent.")
    token = new_secret()
    now = timezone.now()
    PartnerSignInLink.objects.create(
        email=email,
        token_hash=digest(token),
        created_at=now,
        expires_at=now + datetime.timedelta(minutes=LINK_MINUTES),
    )
    return {
        "person": person,
        "link": settings.KUMPPANI_BASE_URL + reverse("partners:link", args=[token]),
        "minutes": LINK_MINUTES,
    }


def partner_link_check(*, token: str) -> PartnerSignInLink:
    """The link behind `token`, if it can still sign someone in; LinkRefused otherwise."""
    link = PartnerSignInLink.objects.filter(token_hash=digest(token)).first()
    if link is None:
        raise LinkRefused("unknown")
    state = link.state()
    if state != "valid":
        raise LinkRefused(state)
    return link


@transaction.atomic
def partner_link_redeem(*, token: str) -> tuple[PartnerSession, str]:
    """Use the link once and start a session; returns the session and its secret key (for
    the cookie, never stored). Two tabs opening the same link: one conditional UPDATE wins."""
    now = timezone.now()
    claimed = PartnerSignInLink.objects.filter(
        token_hash=digest(token), used_at__isnull=True, expires_at__gt=now
    ).update(used_at=now)
    if not claimed:
        partner_link_check(token=token)  # raises with the reason
        raise LinkRefused("used")  # used between the two queries
    email = PartnerSignInLink.objects.get(token_hash=digest(token)).email
    employers = list(employers_for_address(email)[:2])
    if not employers:
        raise LinkRefused("unknown")  # the person left the employer's people after the link was sent
    key = new_secret()
    session = PartnerSession.objects.create(
        key_hash=digest(key),
        email=email,
        # Several employers: the partner chooses after signing in.
        employer=employers[0] if len(employers) == 1 else None,
        created_at=now,
        expires_at=now + datetime.timedelta(hours=SESSION_HOURS),
    )
    return session, key


def partner_session_choose(*, session: PartnerSession, employer: Employer) -> None:
    if not employers_for_address(session.email).filter(pk=employer.pk).exists():
        raise ValidationError(_("Choose one of the employers listed."))
    PartnerSession.objects.filter(pk=session.pk).update(employer=employer)
    session.employer = employer


def partner_session_end(*, session: PartnerSession) -> None:
    PartnerSession.objects.filter(pk=session.pk, ended_at__isnull=True).update(ended_at=timezone.now())

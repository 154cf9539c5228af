"""The partner session: its own kind, apart from staff authentication.

The browser holds a random key in a signed cookie of its own (`kumppani_partner`, HttpOnly,
only sent to /kumppani/); the database holds the key's hash. Staff pages never read this
cookie, so a partner reaches none of them, and partner pages never read `request.user`, so a
staff session is not a partner session. A session lasts SESSION_HOURS from sign-in: neither
the cookie's max_age nor the row's expiry moves on use.
"""

import functools

from django.conf import settings
from django.shortcuts import redirect
from django.utils import timezone

from .models import PartnerSession
from .models.sessions import digest
from .selectors import people_with_address
from .services.signin import SESSION_HOURS

COOKIE = "kumppani_partner"
SALT = "partners.session"
COOKIE_PATH = "/kumppani/"


def session_cookie_set(response, key: str, session: PartnerSession) -> None:
    response.set_signed_cookie(
        COOKIE,
        key,
        salt=SALT,
        expires=session.expires_at,
        path=COOKIE_PATH,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def session_cookie_delete(response) -> None:
    response.delete_cookie(COOKIE, path=COOKIE_PATH, samesite="Lax")


def current_session(request) -> PartnerSession | None:
    key = request.get_signed_cookie(COOKIE, default=None, salt=SALT, max_age=SESSION_HOURS * 3600)
    if not key:
        return None
    return (
        PartnerSession.objects.current(timezone.now())
        .select_related("employer__account_owner")
        .filter(key_hash=digest(key))
        .first()
    )


def partner_required(*, employer: bool = True):
    """The view needs a signed-in partner (`request.partner`), and by default the employer
    they act for, still theirs: someone removed from the employer's people loses it at once."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            session = current_session(request)
            if session is None:
                return redirect("partners:start")
            request.partner = session
            if employer:
                if session.employer is None:
                    return redirect("partners:choose")
                if not people_with_address(session.email).filter(employer=session.employer).exists():
                    return redirect("partners:choose")
            return view(request, *args, **kwargs)

        return wrapped

    return decorate

"""Password resets through the outbox, with no reset link at rest.

The outbox row holds only the user's id and the site's address; the worker that sends the
message makes the uid and token at that moment (Django's token generator, valid for
PASSWORD_RESET_TIMEOUT and until the password changes) and the row never receives the
rendered text (`keeps_text=False`).
"""

import uuid

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .email import NothingToSend, outbox_enqueue, renders_on_delivery
from .models import User
from .ratelimit import address_and_client_throttled

TEMPLATE = "password-reset"
# At most this many requests an hour for one e-mail address, and from one client address.
REQUESTS_PER_HOUR = 5


def password_reset_throttled(*, email: str, client: str) -> bool:
    """Count one request; True when the address or the client has asked too often."""
    return address_and_client_throttled(
        "password-reset", email=email, client=client, limit=REQUESTS_PER_HOUR, window=3600
    )


def password_reset_enqueue(*, user: User, to_email: str, protocol: str, domain: str) -> None:
    outbox_enqueue(
        # Unique per request, and nothing secret in it.
        key=f"password-reset:{user.pk}:{uuid.uuid4().hex}",
        kind="password-reset",
        template=TEMPLATE,
        context={"user_id": user.pk, "protocol": protocol, "domain": domain},
        to_email=to_email,
        to_name=user.get_full_name(),
        language=user.language or settings.LANGUAGE_CODE,
        responsible=user,
        on_delivery=True,
    )


@renders_on_delivery(TEMPLATE, keeps_text=False)
def password_reset_context(data: dict) -> dict:
    user = User.objects.filter(pk=data["user_id"], is_active=True).first()
    if user is None:
        raise NothingToSend("The account was removed or deactivated before the reset link was sent.")
    return {
        "user": user,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
        "protocol": data["protocol"],
        "domain": data["domain"],
    }

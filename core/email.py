"""The e-mail helper: every message Kumppani sends goes through the outbox.

`outbox_enqueue()` renders a template triplet (`emails/<name>-subject.txt`, `-body.txt`,
`-body.html`) in the recipient's language and writes an OutboxMessage row in the caller's
transaction. After commit a worker is asked to send it; if the broker is down, nothing waits:
the periodic `outbox_dispatch` sweep hands out every due row again.

At least once, nothing lost: a worker claims a row with a conditional UPDATE that sets a
lease; it marks the row sent only after the SMTP server accepted the message. A worker killed
while the server is receiving, or an acceptance lost on the way back, leaves the row unsent:
the lease expires (or the retry comes due) and the message is sent again. Every attempt
carries the Message-ID fixed when the row was queued, so the receiving side can drop the copy;
nothing here can promise more than that (no "exactly once").

Rendered on delivery: a sweep that queues thousands of messages at once (the deadline
digests) stores each one's template name and plain data instead of its text, as
django-post_office's `render_on_delivery` does. The worker that sends the message renders it
in the recipient's language, so rendering is spread over the workers instead of holding the
sweep's lock and transaction. Each such template registers, with `@renders_on_delivery`, the
function that turns the stored data back into its context.

Secrets never rest in the outbox: a template registered with `keeps_text=False` (the
password reset) is queued with plain data only (the user's id), its link and token are made
by the worker at the moment of sending, and only the subject is written back to the row. The
rendered text exists in the worker's memory and the recipient's mailbox, nowhere else.

"""

import datetime
import logging
import smtplib
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from .bulk import insert_many
from .models import Institution, OutboxMessage, OutboxStatus, User
from .permissions import can_view_outbox_message

log = logging.getLogger(__name__)


def render_email(template: str, context: dict, *, language: str) -> tuple[str, str, str]:
    with translation.override(language):
        if "institution" not in context:
            context = {**context, "institution": Institution.current()}
        context = {**context, "LANGUAGE_CODE": language, "base_url": settings.KUMPPANI_BASE_URL}
        subject = " ".join(_render_plain(f"emails/{template}-subject.txt", context).split())
        text = _render_plain(f"emails/{template}-body.txt", context)
        # The subject is also the HTML part's <title>, which mail clients and screen readers show.
        html = render_to_string(f"emails/{template}-body.html", {**context, "email_subject": subject})
    return subject, text, html


def _render_plain(name: str, context: dict) -> str:
    """A plain-text template, without HTML escaping: "Kone & Teräs Oy" arrives as typed.
    Only the HTML body is escaped, since only it is read as HTML."""
    return get_template(name).template.render(Context(context, autoescape=False))


class NothingToSend(Exception):
    """Raised by a @renders_on_delivery function when the message no longer makes sense (its
    recipient's account is gone, say): the row is cancelled, not retried."""


DeliveryContext = Callable[[dict], dict]
_delivery_contexts: dict[str, DeliveryContext] = {}
# Templates whose rendered text is never stored (it holds a secret, such as a reset link).
_secret_templates: set[str] = set()


def renders_on_delivery(
    template: str, *, keeps_text: bool = True
) -> Callable[[DeliveryContext], DeliveryContext]:
    """Register the function that turns a deferred message's stored data into `template`'s
    context (register it in a module the worker imports, an app's ready() for example).
    With `keeps_text=False` the rendered bodies are sent and never written to the row."""

    def register(build: DeliveryContext) -> DeliveryContext:
        _delivery_contexts[template] = build
        if keeps_text:
            _secret_templates.discard(template)
        else:
            _secret_templates.add(template)
        return build

    return register


def _delivery_context(template: str) -> DeliveryContext:
    try:
        return _delivery_contexts[template]
    except KeyError:
        raise ValueError(f"No @renders_on_delivery function for the e-mail template {template!r}") from None


def outbox_message(
    *,
    key: str,
    kind: str,
    template: str,
    context: dict,
    to_email: str,
    to_name: str = "",
    language: str = "fi",
    responsible_id: int | None = None,
    on_delivery: bool = False,
) -> dict:
    """One outbox row: the fields of an OutboxMessage, for outbox_enqueue_many (sweeps) or
    outbox_enqueue (one message). Rendered now in the recipient's language; or, with
    `on_delivery`, stored as `context`, plain JSON data (dates allowed) that the template's
    @renders_on_delivery function turns into its context when a worker sends the message."""
    if on_delivery:
        _delivery_context(template)  # fails now, not in the worker, when none is registered
        subject, text, html = "", "", ""
        stored = {"template": template, "context": context}
    else:
        subject, text, html = render_email(template, context, language=language)
        stored = {}
    return {
        "key": key,
        "kind": kind,
        "to_email": to_email,
        "to_name": to_name,
        "language": language,
        "subject": subject[:300],
        "body_text": text,
        "body_html": html,
        "responsible_id": responsible_id,
        **stored,
    }


def render_deferred(message: OutboxMessage) -> tuple[str, str, str]:
    """Subject, text and HTML of a message queued to be rendered on delivery."""
    build = _delivery_context(message.template)
    subject, text, html = render_email(
        message.template, build(message.context or {}), language=message.language
    )
    return subject[:300], text, html


def outbox_enqueue(
    *,
    key: str,
    kind: str,
    template: str,
    context: dict,
    to_email: str,
    to_name: str = "",
    language: str = "fi",
    responsible: User | None = None,
    on_delivery: bool = False,
) -> OutboxMessage | None:
    """Queue one message under a unique key; returns None when that key is already queued.
    `on_delivery` as in outbox_message."""
    if OutboxMessage.objects.filter(key=key).exists():
        return None
    row = outbox_message(
        key=key,
        kind=kind,
        template=template,
        context=context,
        to_email=to_email,
        to_name=to_name,
        language=language,
        responsible_id=responsible.pk if responsible else None,
        on_delivery=on_delivery,
    )
    with transaction.atomic():
        message, created = OutboxMessage.objects.get_or_create(key=row.pop("key"), defaults=row)
    if not created:
        return None
    transaction.on_commit(lambda: request_send(message.pk))
    return message


def outbox_enqueue_many(messages: list[dict]) -> list[int]:
    """Queue many rendered messages in a constant number of queries (for sweeps). Keys that
    are already queued are skipped; returns the ids of the rows queued now."""
    keys = [message["key"] for message in messages]
    existing = set(OutboxMessage.objects.filter(key__in=keys).values_list("key", flat=True))
    rows = [OutboxMessage(**message) for message in messages if message["key"] not in existing]
    # ignore_conflicts: a sweep running at the same moment elsewhere may have won a key.
    insert_many(rows, ignore_conflicts=True)
    ids = list(OutboxMessage.objects.filter(key__in=[row.key for row in rows]).values_list("pk", flat=True))
    transaction.on_commit(lambda: request_send_many(ids))
    return ids


def request_send(message_id: int) -> None:
    """Ask a worker to send now. A broker that is down only delays the message: the periodic
    dispatch finds it, so the caller (often a web request) never waits or fails here."""
    from .tasks import outbox_send

    try:
        outbox_send.apply_async((message_id,), retry=False)
    except Exception:  # any broker failure means: leave it to the sweep
        log.warning("Broker unavailable; outbox message %s waits for the dispatch sweep", message_id)


# A sweep hands its messages to workers in chunks: a few broker messages instead of one per
# e-mail, and still spread over every worker.
SEND_CHUNK = 50


def request_send_many(message_ids: list[int]) -> None:
    from .tasks import outbox_send_many

    for start in range(0, len(message_ids), SEND_CHUNK):
        chunk = message_ids[start : start + SEND_CHUNK]
        try:
            outbox_send_many.apply_async((chunk,), retry=False)
        except Exception:  # any broker failure means: leave it to the dispatch sweep
            log.warning("Broker unavailable; %d outbox messages wait for the dispatch sweep", len(chunk))
            return


def backoff(attempts: int) -> datetime.timedelta:
    """1, 2, 4, 8 … minutes by default (the base is a setting), at most an hour."""
    seconds = settings.KUMPPANI_OUTBOX_BACKOFF_SECONDS * 2 ** max(attempts - 1, 0)
    return datetime.timedelta(seconds=min(seconds, 3600))


def _claim(message_id: int) -> str | None:
    now = timezone.now()
    token = str(uuid.uuid4())
    due = Q(status=OutboxStatus.PENDING, next_attempt_at__lte=now) | Q(
        status=OutboxStatus.SENDING, lease_until__lt=now
    )
    claimed = OutboxMessage.objects.filter(due, pk=message_id).update(
        status=OutboxStatus.SENDING,
        lease_until=now + datetime.timedelta(seconds=settings.KUMPPANI_OUTBOX_LEASE_SECONDS),
        lease_token=token,
    )
    return token if claimed else None


def _permanent(exc: Exception) -> bool:
    """A 5xx answer: the address or message is refused for good (RFC 5321 4.2.1)."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _msg in exc.recipients.values())
    code = getattr(exc, "smtp_code", None)
    return isinstance(code, int) and code >= 500


def outbox_deliver(message_id: int) -> str:
    """Claim, send and record one message. Safe to run twice, or on two workers at once."""
    token = _claim(message_id)
    if token is None:
        return "not due or claimed elsewhere"
    message = OutboxMessage.objects.get(pk=message_id)
    if message.template:
        try:
            _render_now(message, token)
        except NothingToSend as exc:
            OutboxMessage.objects.filter(pk=message.pk, lease_token=token).update(
                status=OutboxStatus.CANCELLED, lease_until=None, last_error=str(exc)[:2000]
            )
            return "cancelled"
        except Exception as exc:  # a template or data error: recorded and retried like a send
            log.exception("Outbox message %s could not be rendered", message.pk)
            _record_failure(message, token, exc)
            return "failed"
    to = f"{message.to_name} <{message.to_email}>" if message.to_name else message.to_email
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        to=[to],
        headers={"Message-ID": message.message_id},
        connection=get_connection(timeout=settings.EMAIL_TIMEOUT),
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    try:
        email.send()
    except Exception as exc:  # every failure is recorded on the row
        _record_failure(message, token, exc)
        return "failed"
    OutboxMessage.objects.filter(pk=message.pk, lease_token=token).update(
        status=OutboxStatus.SENT, sent_at=timezone.now(), lease_until=None, last_error=""
    )
    return "sent"


def _render_now(message: OutboxMessage, token: str) -> None:
    """Render a deferred message and store its text in place of the template data, so the
    row reads like any other from now on (home page, admin, privacy erasure). A secret
    template's text stays in memory: the row keeps its data, to render again on a retry, and
    gets only the subject."""
    message.subject, message.body_text, message.body_html = render_deferred(message)
    if message.template in _secret_templates:
        OutboxMessage.objects.filter(pk=message.pk, lease_token=token).update(subject=message.subject)
        return
    message.template, message.context = "", None
    OutboxMessage.objects.filter(pk=message.pk, lease_token=token).update(
        subject=message.subject,
        body_text=message.body_text,
        body_html=message.body_html,
        template="",
        context=None,
    )


def _record_failure(message: OutboxMessage, token: str, exc: Exception) -> None:
    now = timezone.now()
    first = message.first_failure_at or now
    attempts = message.attempts + 1
    give_up = _permanent(exc) or now - first >= datetime.timedelta(
        hours=settings.KUMPPANI_OUTBOX_GIVE_UP_HOURS
    )
    OutboxMessage.objects.filter(pk=message.pk, lease_token=token).update(
        status=OutboxStatus.FAILED if give_up else OutboxStatus.PENDING,
        attempts=attempts,
        first_failure_at=first,
        next_attempt_at=now + backoff(attempts),
        lease_until=None,
        last_error=f"{type(exc).__name__}: {exc}"[:2000],
    )
    log.warning("Outbox message %s: %s (%s)", message.pk, exc, "given up" if give_up else "will retry")


def outbox_due_ids(limit: int = 500) -> list[int]:
    """Rows to hand out again: pending and due, or claimed by a worker whose lease ran out."""
    now = timezone.now()
    due = Q(status=OutboxStatus.PENDING, next_attempt_at__lte=now) | Q(
        status=OutboxStatus.SENDING, lease_until__lt=now
    )
    return list(
        OutboxMessage.objects.filter(due).order_by("next_attempt_at").values_list("pk", flat=True)[:limit]
    )


RETRYABLE = (OutboxStatus.FAILED, OutboxStatus.CANCELLED)
CANCELLABLE = (OutboxStatus.PENDING, OutboxStatus.FAILED)


def _check_manager(message: OutboxMessage, by: User) -> None:
    if not can_view_outbox_message(by, message):  # theirs, or a coordinator (status aside)
        raise PermissionDenied


def _status_now(message: OutboxMessage) -> str:
    status = OutboxMessage.objects.filter(pk=message.pk).values_list("status", flat=True).first()
    return OutboxStatus(status).label if status else gettext("deleted")


def outbox_retry(*, message: OutboxMessage, by: User) -> None:
    """Queue a failed or cancelled message again (after its recipient's address was
    corrected, say). The status guard is one conditional UPDATE, so a retry never races a
    worker; a message whose text is no longer stored (an old reset link) is not sent empty."""
    _check_manager(message, by)
    has_content = ~Q(template="") | ~Q(body_text="")
    updated = OutboxMessage.objects.filter(has_content, pk=message.pk, status__in=RETRYABLE).update(
        status=OutboxStatus.PENDING, next_attempt_at=timezone.now(), first_failure_at=None, attempts=0
    )
    if not updated:
        if OutboxMessage.objects.filter(pk=message.pk, status__in=RETRYABLE).exists():
            raise ValidationError(
                gettext("This e-mail's text is no longer stored, so it cannot be sent again.")
            )
        raise ValidationError(
            gettext("This e-mail cannot be sent again: its status is now “%(status)s”.")
            % {"status": _status_now(message)}
        )
    transaction.on_commit(lambda: request_send(message.pk))


def outbox_cancel(*, message: OutboxMessage, by: User) -> None:
    """Keep a waiting or failed message from being sent; the dispatcher never claims a
    cancelled row. One being sent at this moment can no longer be stopped."""
    _check_manager(message, by)
    updated = OutboxMessage.objects.filter(pk=message.pk, status__in=CANCELLABLE).update(
        status=OutboxStatus.CANCELLED, lease_until=None
    )
    if not updated:
        raise ValidationError(
            gettext("This e-mail cannot be cancelled: its status is now “%(status)s”.")
            % {"status": _status_now(message)}
        )


# What each kind of message is called on the coordinators' outbox page; every app registers
# the kinds it sends (in its AppConfig.ready()), so core names none of them itself.
_kind_labels: dict[str, str] = {}


def outbox_kinds_register(labels: dict) -> None:
    _kind_labels.update(labels)


def outbox_kind_label(kind: str) -> str:
    return str(_kind_labels.get(kind, kind))


def outbox_kind_choices() -> list[tuple[str, str]]:
    return sorted(((kind, str(label)) for kind, label in _kind_labels.items()), key=lambda choice: choice[1])

"""Whether background work runs: the heartbeat, the banner's facts, and /healthz.

The beat schedules `heartbeat_stamp` every KUMPPANI_HEARTBEAT_SECONDS and a worker runs it,
so a recent stamp proves the beat, the broker and a worker together. When the stamp is older
than KUMPPANI_HEARTBEAT_STALE_SECONDS, coordinators and anyone who has just queued
something (an e-mail, an import: `note_queued`) see a banner saying since when and what is
waiting, and /healthz answers 503.
"""

import datetime
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import connection
from django.utils import timezone
from django.utils.translation import ngettext

from .models import Heartbeat, OutboxMessage, OutboxStatus

WORKER = "worker"
# How long someone who queued something keeps seeing the banner when work stalls.
QUEUED_SESSION_KEY = "background_queued_at"
QUEUED_SHOWS_SECONDS = 3600


def heartbeat_stamp() -> None:
    Heartbeat.objects.update_or_create(name=WORKER, defaults={"beat_at": timezone.now()})


def heartbeat_last() -> datetime.datetime | None:
    return Heartbeat.objects.filter(name=WORKER).values_list("beat_at", flat=True).first()


def heartbeat_stale(last: datetime.datetime | None, now: datetime.datetime | None = None) -> bool:
    """No stamp at all counts as stale: nothing has shown that background work runs."""
    now = now or timezone.now()
    return last is None or (now - last).total_seconds() > settings.KUMPPANI_HEARTBEAT_STALE_SECONDS


def emails_waiting() -> int:
    return OutboxMessage.objects.filter(status__in=[OutboxStatus.PENDING, OutboxStatus.SENDING]).count()


@dataclass
class Stall:
    """What the banner says: since when nothing ran (None: never), and what is waiting."""

    since: datetime.datetime | None
    emails: int
    imports: int

    @property
    def emails_text(self) -> str:
        return ngettext("%(count)s e-mail", "%(count)s e-mails", self.emails) % {"count": self.emails}

    @property
    def imports_text(self) -> str:
        return ngettext("%(count)s import", "%(count)s imports", self.imports) % {"count": self.imports}


# What waits for a worker besides e-mails, counted by the apps above core, which register their
# counters in their AppConfig.ready() (imports/apps.py).
_IMPORTS_WAITING: list[Callable[[], int]] = []


def imports_waiting_register(count: Callable[[], int]) -> None:
    if count not in _IMPORTS_WAITING:
        _IMPORTS_WAITING.append(count)


def background_stall() -> Stall | None:
    """None while the heartbeat is fresh; else the banner's facts."""
    last = heartbeat_last()
    if not heartbeat_stale(last):
        return None
    imports = sum(count() for count in _IMPORTS_WAITING)
    return Stall(since=last, emails=emails_waiting(), imports=imports)


def note_queued(request) -> None:
    """The user has just queued background work: show them the banner if it stalls."""
    request.session[QUEUED_SESSION_KEY] = int(time.time())


# A flashed message names the outbox rows it is about in its extra tags: "outbox:12 outbox:13".
OUTBOX_TAG = "outbox:"


def say_queued(request, text: str, outbox: Iterable[OutboxMessage]) -> None:
    """Tell the user what was queued, with the status of each e-mail (sent, failed) shown live
    under the message by core/_outbox_status.html, never "sent" before it was."""
    tags = " ".join(f"{OUTBOX_TAG}{message.pk}" for message in outbox)
    messages.info(request, text, extra_tags=tags)
    note_queued(request)


def queued_recently(request) -> bool:
    queued_at = request.session.get(QUEUED_SESSION_KEY)
    return isinstance(queued_at, int) and time.time() - queued_at < QUEUED_SHOWS_SECONDS


# /healthz ---------------------------------------------------------------------------------

BROKER_TIMEOUT = 2


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache() -> None:
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, 10)
    if cache.get(key) != value:
        raise RuntimeError("the cache did not keep a value")
    cache.delete(key)


def _broker() -> None:
    from kombu import Connection

    with Connection(
        settings.CELERY_BROKER_URL,
        transport_options=settings.CELERY_BROKER_TRANSPORT_OPTIONS,
        connect_timeout=BROKER_TIMEOUT,
    ) as broker:
        broker.ensure_connection(max_retries=1, interval_start=0, timeout=BROKER_TIMEOUT)
        broker.default_channel  # noqa: B018 (opens a channel: Redis answers a PING, AMQP a handshake)


def health() -> tuple[bool, dict]:
    """Each check's result, without any personal data; healthy when all of them pass."""
    report: dict = {}
    healthy = True
    for name, check in (("database", _database), ("cache", _cache), ("broker", _broker)):
        try:
            check()
        except Exception as exc:  # every failure is reported, none raised
            report[name] = f"error: {type(exc).__name__}"
            healthy = False
        else:
            report[name] = "ok"
    try:
        last = heartbeat_last()
    except Exception:  # the database check has said why
        last = None
    stale = heartbeat_stale(last)
    report["heartbeat"] = {
        "status": "stale" if stale else "ok",
        "age_seconds": None if last is None else round((timezone.now() - last).total_seconds()),
        "stale_after_seconds": settings.KUMPPANI_HEARTBEAT_STALE_SECONDS,
    }
    return healthy and not stale, report

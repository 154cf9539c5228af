from celery import shared_task
from celery.signals import worker_ready
from django.contrib.sessions.models import Session
from django.utils import timezone


@shared_task(acks_late=True, soft_time_limit=90, time_limit=120)
def sessions_clear_expired() -> int:
    """Delete expired sessions, as Django asks a deployment to do regularly. Safe to repeat."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def outbox_send(message_id: int) -> str:
    """Send one outbox message (claim, send, record). Safe to run twice."""
    from .email import outbox_deliver

    return outbox_deliver(message_id)


@shared_task(acks_late=True, soft_time_limit=600, time_limit=660)
def outbox_send_many(message_ids: list[int]) -> int:
    """Send a chunk of outbox messages one by one; each is claimed on its own, so a chunk
    handed out twice still sends every message once."""
    from .email import outbox_deliver

    return sum(outbox_deliver(message_id) == "sent" for message_id in message_ids)


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def outbox_dispatch() -> int:
    """Hand out again every message that is due: covers a broker that was down, a worker that
    died mid-send (its lease ran out) and a lost task. One query whatever the backlog."""
    from .email import outbox_due_ids, request_send_many

    ids = outbox_due_ids()
    request_send_many(ids)
    return len(ids)


@shared_task(acks_late=True, soft_time_limit=20, time_limit=30)
def heartbeat_stamp() -> None:
    """Run by a worker on the beat's schedule: background work is running (core/background.py)."""
    from .background import heartbeat_stamp as stamp

    stamp()


@worker_ready.connect
def _heartbeat_when_ready(**kwargs) -> None:
    # A worker that has just started proves the broker and itself at once, rather than a
    # minute later on the beat's first heartbeat.
    heartbeat_stamp.delay()

from celery import shared_task
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


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def outbox_dispatch() -> int:
    """Hand out again every message that is due: covers a broker that was down, a worker that
    died mid-send (its lease ran out) and a lost task. Two queries whatever the backlog."""
    from .email import outbox_due_ids

    ids = outbox_due_ids()
    for message_id in ids:
        outbox_send.apply_async((message_id,), retry=False)
    return len(ids)

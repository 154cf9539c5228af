from celery import shared_task
from django.contrib.sessions.models import Session
from django.utils import timezone


@shared_task(acks_late=True, soft_time_limit=90, time_limit=120)
def sessions_clear_expired() -> int:
    """Delete expired sessions, as Django asks a deployment to do regularly. Safe to repeat."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted

from celery import shared_task


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300)
def deadline_reminders_send() -> int:
    """Queue today's deadline reminders (safe to run twice: a ledger and a lock)."""
    from .reminders import send_deadline_reminders

    return send_deadline_reminders()

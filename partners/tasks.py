"""Thin tasks around the partner services (the beat schedule is in config/celery.py)."""

from celery import shared_task


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300)
def partner_sign_in_cleanup() -> dict[str, int]:
    """Nightly: delete sign-in links and partner sessions spent more than 30 days ago."""
    from .services.cleanup import partner_sign_in_cleanup as cleanup

    return cleanup()

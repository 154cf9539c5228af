from celery import shared_task


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300)
def deadline_reminders_send() -> int:
    """Queue today's deadline reminders (safe to run twice: a ledger and a lock)."""
    from .services.reminders import deadline_reminders_send

    return deadline_reminders_send()


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300)
def partnership_renewals_send() -> int:
    """Remind of partnership agreements ending soon (safe to run twice: a ledger and a lock)."""
    from .services.partnership_renewals import partnership_renewals_send

    return partnership_renewals_send()


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300)
def feedback_requests_send() -> int:
    """Ask students (and partners, where the institution wants it) for feedback on periods
    that ended. Safe to run twice: a lock and one request per period and respondent."""
    from .services import feedback_requests_send as send

    return send()


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300)
def feedback_reminders_send() -> int:
    """One reminder five days after a feedback request that has not been answered."""
    from .services import feedback_reminders_send as send

    return send()


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300)
def upkeep_digests_send() -> int:
    """Weekly: each account owner's employers not contacted within the interval."""
    from .services.digests import upkeep_digests_send as send

    return send()


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300)
def coordinator_digests_send() -> int:
    """Weekly: the attention list and new negative feedback for coordinators."""
    from .services.digests import coordinator_digests_send as send

    return send()


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300)
def thanks_prepare() -> int:
    """Prepare (or, if the institution wants it, send) thanks for completed agreements."""
    from .services import thanks_prepare as prepare

    return prepare()


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300)
def students_erase_expired() -> int:
    """Nightly: erase the students whose retention period has ended. Safe to run twice: an
    erased student is never selected again, and each erasure locks the student's row."""
    from .services import students_erase_expired as erase

    return erase()


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300)
def scheduled_sweeps_run() -> dict:
    """Hourly: the weekly digests and the daily thank-yous when their slot in the coordinator's
    schedule has come (each at most once per slot: a conditional UPDATE claims it)."""
    from .services.digests import scheduled_sweeps_run as run

    return run()

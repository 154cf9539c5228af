"""The Celery app. Every periodic schedule is declared here, in one place."""

import os

from celery import Celery, signals
from kombu.transport import TRANSPORT_ALIASES

# The embedded broker of `make run` (core/broker.py): CELERY_BROKER_URL=sqlite://
TRANSPORT_ALIASES.setdefault("sqlite", "core.broker:Transport")

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("kumppani")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.beat_init.connect
def _one_beat_only(**kwargs):
    # A second `celery beat` waits until the first stops (core/beat.py).
    from core.beat import beat_lock_hold

    beat_lock_hold(**kwargs)


from celery.schedules import crontab  # noqa: E402

# Periodic tasks: one entry each, with a comment in words.
app.conf.beat_schedule = {
    # Every minute (a setting), hand out again the e-mails that are due: after a broker outage, a worker
    # that died mid-send, or an SMTP failure whose back-off has passed.
    "outbox-dispatch": {
        "task": "core.tasks.outbox_dispatch",
        # Read from the environment like settings.py (which validates it) without importing
        # the settings while this package is still loading.
        "schedule": float(os.environ.get("KUMPPANI_OUTBOX_DISPATCH_SECONDS", "60")),
    },
    # Every minute (KUMPPANI_HEARTBEAT_SECONDS), a worker stamps the heartbeat row: it proves that
    # the beat, the broker and a worker all run (the banner and /healthz read it).
    "heartbeat": {
        "task": "core.tasks.heartbeat_stamp",
        "schedule": float(os.environ.get("KUMPPANI_HEARTBEAT_SECONDS", "60")),
        # A stamp that waited in the queue longer than the stale limit would prove nothing.
        "options": {"expires": max(float(os.environ.get("KUMPPANI_HEARTBEAT_SECONDS", "60")), 10.0)},
    },
    # Every weekday at 07:00 Helsinki time, remind teachers of deadlines coming up.
    "deadline-reminders": {
        "task": "partnerships.tasks.deadline_reminders_send",
        "schedule": crontab(hour=7, minute=0, day_of_week="mon-fri"),
    },
    # Every weekday at 07:05, remind the responsible people of partnership agreements that end
    # within KUMPPANI_PARTNERSHIP_RENEWAL_DAYS.
    "partnership-renewals": {
        "task": "partnerships.tasks.partnership_renewals_send",
        "schedule": crontab(hour=7, minute=5, day_of_week="mon-fri"),
    },
    # Every day at 08:00, ask for feedback on the work periods that ended.
    "feedback-requests": {
        "task": "partnerships.tasks.feedback_requests_send",
        "schedule": crontab(hour=8, minute=0),
    },
    # Every day at 08:15, remind once those who have not answered in five days.
    "feedback-reminders": {
        "task": "partnerships.tasks.feedback_reminders_send",
        "schedule": crontab(hour=8, minute=15),
    },
    # Every hour on the hour, run the weekly digests (account owners' upkeep, coordinators'
    # attention list) and the daily thank-yous if this is the weekday and hour the coordinator
    # set on the digests page (DigestSchedule; Monday 07:00 and 09:00 unless changed).
    "scheduled-sweeps": {
        "task": "partnerships.tasks.scheduled_sweeps_run",
        "schedule": crontab(minute=0),
    },
    # Every night at 03:45, erase the personal data of students whose retention period
    # (KUMPPANI_RETENTION_YEARS) has ended.
    "students-retention": {
        "task": "partnerships.tasks.students_erase_expired",
        "schedule": crontab(hour=3, minute=45),
    },
    # Every night at 03:30 Helsinki time, delete expired login sessions.
    "sessions-clear-expired": {
        "task": "core.tasks.sessions_clear_expired",
        "schedule": crontab(hour=3, minute=30),
    },
    # Every night at 03:50, delete the partners' sign-in links and sessions spent more than 30
    # days ago (partners/services/cleanup.py), in bounded batches.
    "partner-sign-in-cleanup": {
        "task": "partners.tasks.partner_sign_in_cleanup",
        "schedule": crontab(hour=3, minute=50),
    },
    # Every night at 04:00, make sure every brochure variant is cached (after a deploy that
    # changed their content, for example) and remove files no longer used. A branding change
    # also starts it at once (brochures/apps.py).
    # Every hour, delete the rows of imports that are done or were abandoned a day ago.
    "imports-cleanup": {"task": "partnerships.tasks.imports_cleanup", "schedule": crontab(minute=20)},
    "brochures-prerender": {
        "task": "brochures.tasks.brochures_prerender",
        "schedule": crontab(hour=4, minute=0),
    },
}

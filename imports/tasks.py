"""Thin tasks around the import services.

The tasks were registered as partnerships.tasks.* before the imports had an app of their own;
they keep those names, so that a confirmed import whose message was queued before a deploy is
still run, and the beat schedule's entry still finds its task."""

from celery import shared_task


# 20,000 rows through the services take a few minutes on two cores; the limits bound a
# runaway import, whose transaction then rolls back.
@shared_task(name="partnerships.tasks.import_run", acks_late=False, soft_time_limit=1500, time_limit=1800)
def import_run(job_id: int) -> dict:
    """Write a confirmed import in one transaction (progress through the cache)."""
    from .services import import_run as run

    return run(job_id)


@shared_task(name="partnerships.tasks.imports_cleanup", acks_late=True, soft_time_limit=240, time_limit=300)
def imports_cleanup() -> int:
    """Delete the rows of imports that are done, or abandoned for a day."""
    from .services import imports_cleanup as cleanup

    return cleanup()

"""Import jobs: upload, map the columns, check, confirm, run (in a Celery task)."""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import User

from .applying import apply_plan, progress_read
from .fields import FIELDS, mapping_errors, normal_header, suggest_mapping
from .models import ImportJob, ImportMappingMemory, ImportRows, ImportStatus
from .planning import PlannedRow, plan
from .reading import ImportFileError, Table, read_table

log = logging.getLogger(__name__)
ABANDONED_AFTER = datetime.timedelta(hours=24)


def import_upload(*, kind: str, data: bytes, name: str, by: User) -> ImportJob:
    """Read the file now (in memory); keep only its rows, never a henkilötunnus column."""
    try:
        table = read_table(data)
    except ImportFileError as exc:
        raise ValidationError({"file": str(exc)}) from None
    remembered = dict(ImportMappingMemory.objects.filter(kind=kind).values_list("header", "field"))
    job = ImportJob.objects.create(
        kind=kind,
        original_name=name[:255],
        headers=table.headers,
        dropped_columns=table.dropped,
        mapping=suggest_mapping(kind, table.headers, remembered),
        row_count=len(table.rows),
        created_by=by,
    )
    job.store_rows(table.rows)
    return job


def import_set_mapping(*, job: ImportJob, mapping: dict[str, str]) -> ImportJob:
    allowed = {f.key for f in FIELDS[job.kind]} | {""}
    mapping = {header: mapping.get(header, "") for header in job.headers}
    if any(value not in allowed for value in mapping.values()):
        raise ValidationError(_("Choose a field from the list for every column."))
    errors = mapping_errors(job.kind, mapping)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        job.mapping = mapping
        job.status = ImportStatus.READY
        job.save(update_fields=["mapping", "status"])
        for header, key in mapping.items():
            ImportMappingMemory.objects.update_or_create(
                kind=job.kind, header=normal_header(header), defaults={"field": key}
            )
    return job


def import_plan(job: ImportJob) -> list[PlannedRow]:
    table = Table(headers=job.headers, rows=job.rows())
    return plan(job.kind, table, job.mapping)


def import_start(*, job: ImportJob, by: User) -> ImportJob:
    """Confirmed by the user: hand the job to a worker (once)."""
    now = timezone.now()
    updated = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.READY).update(
        status=ImportStatus.RUNNING, queued_at=now, picked_up_at=None
    )
    if not updated:
        raise ValidationError(_("This import has already been started."))
    job.status, job.queued_at, job.picked_up_at = ImportStatus.RUNNING, now, None

    def queue():
        from .tasks import import_run as task

        try:
            task.apply_async((job.pk,), retry=False)
        except Exception:  # broker down: say so rather than leave the job waiting
            log.warning("Broker unavailable; import %s is not started", job.pk)
            ImportJob.objects.filter(pk=job.pk).update(
                status=ImportStatus.READY,
                error=_("The background service is not available. Try again shortly."),
            )

    transaction.on_commit(queue)
    return job


def import_run(job_id: int) -> dict:
    """The task body: plan again (the data may have changed since the preview) and write the
    valid rows in one transaction. The job's own status is written outside it."""
    job = ImportJob.objects.get(pk=job_id)
    if job.status != ImportStatus.RUNNING or not job.has_rows():
        return {"skipped": 1}  # a second delivery of the task: the first one did the work
    ImportJob.objects.filter(pk=job_id, picked_up_at__isnull=True).update(picked_up_at=timezone.now())
    try:
        planned = import_plan(job)
        counts = apply_plan(job.kind, planned, by=job.created_by, job_id=job.pk)
    except Exception as exc:
        log.exception("Import %s failed; nothing was saved", job_id)
        ImportJob.objects.filter(pk=job_id).update(
            status=ImportStatus.FAILED,
            error=_("The import stopped on an unexpected error, and nothing was saved: %(error)s")
            % {"error": type(exc).__name__},
            finished_at=timezone.now(),
        )
        return {"failed": 1}
    if counts is None:
        return {"skipped": 1}
    return counts


def import_progress(job: ImportJob) -> int:
    return progress_read(job)


def imports_cleanup(now: datetime.datetime | None = None) -> int:
    """Delete the rows of finished imports and of those abandoned for a day (one query)."""
    now = now or timezone.now()
    stale = ImportJob.objects.exclude(status=ImportStatus.RUNNING).filter(
        created_at__lt=now - ABANDONED_AFTER
    ) | ImportJob.objects.filter(status=ImportStatus.DONE)
    removed, _by_model = ImportRows.objects.filter(job__in=stale).delete()
    return removed

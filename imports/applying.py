"""Applying a plan: the valid rows written through the partnerships services in ONE
transaction, so a failure leaves nothing behind, with the progress reported outside it."""

import logging

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections, transaction
from django.utils import timezone

from core.models import Lock
from partnerships import services
from partnerships.models import Employer, Student

from .models import ImportJob, ImportRows, ImportStatus
from .planning import PlannedRow, employer_key, find_person, student_data, student_index, summary

log = logging.getLogger(__name__)


def progress_key(job_id: int) -> str:
    return f"import-progress:{job_id}"


class Progress:
    """An import's progress (0-100), written while its rows are written in one transaction.

    On PostgreSQL it goes to the job's row through a connection of its own, committed at
    once, so that every web machine reads it from the database while the import's own
    transaction is still open. SQLite takes one writer at a time and is one machine by
    definition: there it goes to the cache, which that machine's processes share."""

    def __init__(self, job_id: int):
        self.job_id = job_id
        self.connection = (
            connections.create_connection(DEFAULT_DB_ALIAS) if connection.vendor == "postgresql" else None
        )

    def write(self, percent: int) -> None:
        if self.connection is None:
            cache.set(progress_key(self.job_id), percent, 86400)
            return
        try:
            with self.connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {ImportJob._meta.db_table} SET progress = %s WHERE id = %s",
                    [percent, self.job_id],
                )
        except DatabaseError:  # the bar stands still for a moment; the import goes on
            log.warning("Could not write the progress of import %s", self.job_id, exc_info=True)

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()


def progress_read(job: ImportJob) -> int:
    if job.status == ImportStatus.DONE:
        return 100
    return max(job.progress, int(cache.get(progress_key(job.pk), 0)))


def _apply_employer(row: PlannedRow, by, created: dict) -> None:
    values = row.values
    employer = Employer.objects.get(pk=row.target_id) if row.target_id else None
    if employer is None:
        # Further rows of an employer created a moment ago (one row per contact person).
        employer = created.get(employer_key(values))
    if employer is None:
        employer = services.employer_create(
            name=values["name"],
            municipality=values["municipality"],
            business_id=values.get("business_id") or None,
            sector=values.get("sector", ""),
            website=values.get("website", ""),
            notes=values.get("notes", ""),
            street_address=values.get("street_address", ""),
            postal_code=values.get("postal_code", ""),
            account_owner=None,
        )
        created[employer_key(values)] = employer
    else:
        data = {k: values[k] for k in ("name", "website", "notes", "sector", "business_id") if values.get(k)}
        if data:
            services.employer_update(employer=employer, data=data)
        municipalities = {w.casefold() for w in employer.workplaces.values_list("municipality", flat=True)}
        if values["municipality"].casefold() not in municipalities:
            services.workplace_create(
                employer=employer,
                data={
                    "name": employer.name,
                    "municipality": values["municipality"],
                    "street_address": values.get("street_address", ""),
                    "postal_code": values.get("postal_code", ""),
                },
            )
    if values.get("person_last_name"):
        person = find_person(list(employer.people.all()), values)
        data = {
            "first_name": values.get("person_first_name", ""),
            "last_name": values["person_last_name"],
            **{k: values[f"person_{k}"] for k in ("email", "phone", "title") if values.get(f"person_{k}")},
        }
        if person is None:
            services.contact_person_create(employer=employer, data=data)
        else:
            services.contact_person_update(person=person, data=data)


def _apply_student(row: PlannedRow, index: dict) -> None:
    data = student_data(row.values, index)
    if row.target_id:
        services.student_update(student=Student.objects.get(pk=row.target_id), data=data)
    else:
        services.student_create(data=data)


def apply_plan(kind: str, planned: list[PlannedRow], *, by, job_id: int) -> dict[str, int] | None:
    """Write every new and changed row in one transaction; errors and unchanged rows are
    skipped. Progress (0-100) is written as rows are written (Progress); the job is marked done,
    and its stored rows deleted, in the same transaction. None when another run of the job has
    already done it."""
    pending_rows = [row for row in planned if row.action in ("new", "update")]
    progress = Progress(job_id)
    try:
        progress.write(0)
        return _apply_rows(kind, planned, pending_rows, by=by, job_id=job_id, progress=progress)
    finally:
        progress.close()


def _apply_rows(
    kind: str, planned, pending_rows, *, by, job_id: int, progress: Progress
) -> dict[str, int] | None:
    index = student_index() if kind == "students" else {}
    created: dict = {}
    step = max(len(pending_rows) // 100, 1)
    with transaction.atomic():
        # One run at a time per job, and none after another has finished it (the task may be
        # delivered twice): the lock is held until this transaction ends.
        Lock.acquire(f"import:{job_id}")
        if ImportJob.objects.filter(pk=job_id, status=ImportStatus.DONE).exists():
            return None
        for done, row in enumerate(pending_rows, start=1):
            if kind == "employers":
                _apply_employer(row, by, created)
            else:
                _apply_student(row, index)
            if done % step == 0:
                progress.write(min(99, done * 100 // len(pending_rows)))
        counts = summary(planned)
        ImportJob.objects.filter(pk=job_id).update(
            status=ImportStatus.DONE, result=counts, progress=100, finished_at=timezone.now()
        )
        # The rows go in the same commit: a job seen as done never still keeps them.
        ImportRows.objects.filter(job_id=job_id).delete()
    progress.write(100)
    return counts

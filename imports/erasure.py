"""A student's erasure (partnerships.services.privacy) reaches the imports not yet run: the
step below is registered in ImportsConfig.ready(), so that partnerships need not know of them."""

import functools

from django.db import transaction

from .models import ImportJob, ImportKind, ImportStatus


def forget_pending_rows(students, reports) -> None:
    """A student import not yet run keeps its rows in the database for up to a day; run after
    the erasure, it would bring the student back as a new record. Rows that carry an erased
    student's number are taken out of it (the rows are stored again after the commit)."""
    numbers = {s.student_number.strip().casefold(): s.pk for s in students if s.student_number.strip()}
    jobs = ImportJob.objects.filter(
        kind=ImportKind.STUDENTS, status__in=[ImportStatus.MAPPING, ImportStatus.READY]
    )
    label = ImportJob._meta.label_lower
    for job in jobs:
        if not job.has_rows():
            continue
        rows = job.rows()
        kept = []
        for row in rows:
            hits = {
                numbers[c.strip().casefold()]
                for c in row
                if isinstance(c, str) and c.strip().casefold() in numbers
            }
            for pk in hits:
                reports[pk].changed[(label, "row_count", False)] += 1
            if not hits:
                kept.append(row)
        if len(kept) < len(rows):
            ImportJob.objects.filter(pk=job.pk).update(row_count=len(kept))
            transaction.on_commit(functools.partial(job.store_rows, kept))

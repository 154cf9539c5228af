"""The reminder_sweep figure: the deadline-reminder sweep over 100,000 freshly seeded work
periods (whatever SCALE), 10 % of them due, one due agreement per teacher; run first, on an
otherwise empty database, and rolled back."""

import contextlib
import datetime
import gc
import random
import time
from collections.abc import Callable
from decimal import Decimal

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import OutboxMessage, User
from partnerships.models import (
    Agreement,
    ContactPerson,
    Employer,
    ReminderRecord,
    Student,
    WorkPeriod,
    Workplace,
)
from partnerships.services.reminders import deadline_reminders_send
from partnerships.validators import nth_business_id

from .seed import bench_unit


class _RollBack(Exception):
    """Raised to roll the sweep's seeded data back once it is measured."""


SWEEP_PERIODS = 100_000
SWEEP_TEACHERS = 10_000  # each responsible for 10 agreements, one of them due


def reminder_sweep(*, log: Callable[[str], None]) -> dict:
    """The sweep over exactly its own 100,000 periods: run before the page figures seed
    their data set (whose agreements would add due items of their own), and rolled back
    afterwards, so the pages are measured on their data set alone."""
    today = timezone.localdate()
    with contextlib.suppress(_RollBack), transaction.atomic():
        started = time.monotonic()
        seed_sweep(today)
        seeded = time.monotonic() - started
        log(f"seeded {SWEEP_PERIODS} work periods in {seeded:.1f} s")
        # The seeding's 200,000 model instances are gone now; collect them so that the
        # sweep runs on a heap like a worker's, not on the benchmark's leftovers.
        gc.collect()
        with CaptureQueriesContext(connection) as queries:
            started = time.monotonic()
            deadline_reminders_send(today)
            elapsed = time.monotonic() - started
        created = OutboxMessage.objects.count()
        records = ReminderRecord.objects.count()
        raise _RollBack
    return {
        "name": "reminder_sweep",
        "work_periods": SWEEP_PERIODS,
        "due": SWEEP_PERIODS // 10,
        "seconds": round(elapsed, 2),
        "queries": len(queries),
        "reminder_records": records,  # induction and planning of each due agreement
        "outbox_rows": created,
        "errors": 0 if (created, records) == (SWEEP_TEACHERS, 2 * SWEEP_PERIODS // 10) else 1,
    }


def seed_sweep(today: datetime.date) -> None:
    """100,000 agreements of one work period each, under 10,000 teachers."""
    rng = random.Random(8)
    teachers = User.objects.bulk_create(
        [
            User(username=f"bench-teacher-{i}", email=f"t{i}@bench.example", password="!")
            for i in range(SWEEP_TEACHERS)
        ],
        batch_size=5000,
    )
    employers = Employer.objects.bulk_create(
        [Employer(name=f"Bench {i} Oy", business_id=nth_business_id(i)) for i in range(2000)],
        batch_size=5000,
    )
    workplaces = Workplace.objects.bulk_create(
        [Workplace(employer=e, name=e.name, municipality="Tampere") for e in employers],
        batch_size=5000,
    )
    instructors = ContactPerson.objects.bulk_create(
        [
            ContactPerson(employer=e, first_name="Ohjaaja", last_name=str(i), email=f"o{i}@bench.example")
            for i, e in enumerate(employers)
        ],
        batch_size=5000,
    )
    students = Student.objects.bulk_create(
        [Student(first_name="Opiskelija", last_name=str(i), student_number=f"B{i}") for i in range(20_000)],
        batch_size=5000,
    )
    unit = bench_unit("Bench-osa")
    agreements = []
    for i in range(SWEEP_PERIODS):
        place = i % len(workplaces)
        agreements.append(
            Agreement(
                type="training",
                student=students[i % len(students)],
                workplace=workplaces[place],
                instructor=instructors[place],
                responsible_teacher=teachers[i // 10],
                created_by=teachers[i // 10],
                hoks_reference=f"H{i}",
                days_per_week=Decimal(4),
                status="signed",
            )
        )
    agreements = Agreement.objects.bulk_create(agreements, batch_size=5000)
    periods = []
    for i, agreement in enumerate(agreements):
        due = i % 10 == 0  # starts in 3 days: induction and planning are due
        start = today + datetime.timedelta(days=3 if due else rng.randrange(30, 90))
        periods.append(
            WorkPeriod(
                agreement=agreement,
                unit=unit,
                start=start,
                end=start + datetime.timedelta(days=60),
                part_time_percent=100,
            )
        )
    WorkPeriod.objects.bulk_create(periods, batch_size=5000)

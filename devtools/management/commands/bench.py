"""`make bench`: seed a large data set on PostgreSQL and measure. Prints a table for people,
one JSON object per line on standard output, and writes var/bench/latest.json.

Figures (README, Benchmark, explains each):
- the page figures (devtools/bench/): a large data set at SCALE, the app under
  gunicorn, wrk from a second process: rps, p50 and p95 latency, queries per request and
  errors, each page beside the floor (a bare view behind the same middleware);
- the mixed figures (mixed_read_only, mixed_writes_2pct, mixed_writes_10pct): 16 teachers
  and a coordinator, each with a session of their own, browsing at once, with 0, 2 and 10 %
  of the requests logging a contact;
- brochure_cold_render: one brochure per audience rendered without the cache;
- reminder_sweep: the deadline-reminder sweep over 100,000 freshly seeded work periods
  (whatever SCALE), 10 % of them due, one due agreement per teacher: its time, the queries it
  used and the outbox rows it created (10,000 expected); run first, on an otherwise empty
  database, and rolled back.
Exits with status 1 when any figure has errors, after printing all of them.
"""

import contextlib
import datetime
import gc
import json
import random
import time
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import OutboxMessage, User
from devtools.bench.pages import bench_unit
from partnerships.models import (
    Agreement,
    ContactPerson,
    Employer,
    ReminderRecord,
    Student,
    WorkPeriod,
    Workplace,
)
from partnerships.reminders import send_deadline_reminders
from partnerships.validators import nth_business_id


class _RollBack(Exception):
    """Raised to roll the sweep's seeded data back once it is measured."""


SWEEP_PERIODS = 100_000
SWEEP_TEACHERS = 10_000  # each responsible for 10 agreements, one of them due


class Command(BaseCommand):
    help = "Seed a large data set on PostgreSQL and print benchmark figures (see README, Benchmark)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0)

    def handle(self, *args, scale: float, **options):
        if connection.vendor != "postgresql":
            raise CommandError(
                "The benchmark runs on PostgreSQL only (SQLite would measure its own write locks). "
                "Set DATABASE_URL, or start PostgreSQL on 127.0.0.1:5432."
            )
        from core.drain import drain_figure
        from devtools.bench import pages as benchmark

        sweep = self.reminder_sweep()  # first, on an empty database, and rolled back
        figures = benchmark.page_figures(scale, log=self.stderr.write)
        figures.append(benchmark.cold_render_figure())
        figures.append(sweep)
        figures.append(drain_figure())  # core/drain.py: the embedded broker of `make run`
        self.report(figures)
        if any(f.get("errors") for f in figures):
            raise CommandError("Some figures had errors (see above).")

    def reminder_sweep(self) -> dict:
        """The sweep over exactly its own 100,000 periods: run before the page figures seed
        their data set (whose agreements would add due items of their own), and rolled back
        afterwards, so the pages are measured on their data set alone."""
        today = timezone.localdate()
        with contextlib.suppress(_RollBack), transaction.atomic():
            started = time.monotonic()
            self.seed_sweep(today)
            seeded = time.monotonic() - started
            self.stderr.write(f"seeded {SWEEP_PERIODS} work periods in {seeded:.1f} s")
            # The seeding's 200,000 model instances are gone now; collect them so that the
            # sweep runs on a heap like a worker's, not on the benchmark's leftovers.
            gc.collect()
            with CaptureQueriesContext(connection) as queries:
                started = time.monotonic()
                send_deadline_reminders(today)
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

    def seed_sweep(self, today: datetime.date) -> None:
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
            [
                Student(first_name="Opiskelija", last_name=str(i), student_number=f"B{i}")
                for i in range(20_000)
            ],
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

    def report(self, figures: list[dict]) -> None:
        width = max(len(f["name"]) for f in figures)
        self.stderr.write("")
        columns = ("rps", "p50_ms", "p95_ms", "queries", "errors", "ratio_to_floor")
        self.stderr.write(f"{'figure':<{width}}  " + "  ".join(f"{c:>14}" for c in columns))
        for figure in figures:
            if "rps" in figure:
                # A mixed figure's queries are per kind of request: in its JSON line.
                cells = "  ".join(
                    f"{'per kind' if isinstance(figure.get(c), dict) else figure.get(c)!s:>14}"
                    for c in columns
                )
                self.stderr.write(f"{figure['name']:<{width}}  {cells}")
            else:
                details = ", ".join(f"{k}={v}" for k, v in figure.items() if k != "name")
                self.stderr.write(f"{figure['name']:<{width}}  {details}")
        for figure in figures:
            self.stdout.write(json.dumps(figure))
        out = Path(settings.VAR_DIR) / "bench"
        out.mkdir(parents=True, exist_ok=True)
        (out / "latest.json").write_text(json.dumps(figures, indent=2))

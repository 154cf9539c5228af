"""`make bench`: seed a large data set on PostgreSQL and measure. Prints a table for people,
one JSON object per line on standard output, and writes var/bench/latest.json.

Figures (README, Benchmark, explains each):
- the page figures (devtools/bench/pages.py): a large data set at SCALE, the app under
  gunicorn, wrk from a second process: rps, p50 and p95 latency, queries per request and
  errors, each page beside the floor (a bare view behind the same middleware);
- the mixed figures (mixed_read_only, mixed_writes_2pct, mixed_writes_10pct;
  devtools/bench/mix.py): 16 teachers and a coordinator, each with a session of their own,
  browsing at once, with 0, 2 and 10 % of the requests logging a contact;
- brochure_cold_render: one brochure per audience rendered without the cache;
- reminder_sweep (devtools/bench/sweep.py): the deadline-reminder sweep over 100,000
  freshly seeded work periods (whatever SCALE), 10 % of them due, one due agreement per
  teacher: its time, the queries it used and the outbox rows it created (10,000 expected);
  run first, on an otherwise empty database, and rolled back.
Exits with status 1 when any figure has errors, after printing all of them.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from core.drain import drain_figure
from devtools.bench.pages import cold_render_figure, page_figures
from devtools.bench.report import report
from devtools.bench.sweep import reminder_sweep


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
        sweep = reminder_sweep(log=self.stderr.write)  # first, on an empty database, and rolled back
        figures = page_figures(scale, log=self.stderr.write)
        figures.append(cold_render_figure())
        figures.append(sweep)
        figures.append(drain_figure())  # core/drain.py: the embedded broker of `make run`
        report(figures, stdout=self.stdout, stderr=self.stderr)
        if any(f.get("errors") for f in figures):
            raise CommandError("Some figures had errors (see above).")

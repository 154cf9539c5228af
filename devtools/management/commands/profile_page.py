"""`manage.py profile_page PATH`: one page in process, as a signed-in user, on whatever database
DATABASE_URL names (the bench database after `make bench`): the best of N requests, and on
request each query with its time, the Python call count, or cProfile's top functions.

The figures the README's issue 19 sections give "in process" are measured this way; they
complement `make bench` (a page's own cost without the load's noise), never replace it.
"""

import cProfile
import io
import pstats
import time
from urllib.parse import parse_qsl

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client


class Command(BaseCommand):
    help = "Profile one page in process: best-of-N time, queries with their times, cProfile."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--user", default="bench-teacher")
        parser.add_argument("--runs", type=int, default=5)
        parser.add_argument("--sql", action="store_true", help="each query with its time")
        parser.add_argument("--calls", action="store_true", help="Python function calls")
        parser.add_argument("--cprofile", action="store_true", help="the top functions")
        parser.add_argument("--sort", default="tottime", help="cProfile's sort: tottime or cumtime")
        parser.add_argument("--top", type=int, default=30)
        parser.add_argument("--post", help="an urlencoded body: POST it instead of a GET")
        parser.add_argument("--htmx", action="store_true", help="as an htmx request")
        parser.add_argument("--language", default="fi")

    def handle(self, *args, **options):
        try:
            user = get_user_model().objects.get(username=options["user"])
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"No user {options['user']!r} in this database") from exc
        client = Client(headers={"Accept-Language": options["language"]}, SERVER_NAME="127.0.0.1")
        client.force_login(user)
        headers = {"HX-Request": "true"} if options["htmx"] else {}
        body = dict(parse_qsl(options["post"])) if options["post"] is not None else None

        def request():
            if body is not None:
                return client.post(options["path"], body, headers=headers)
            return client.get(options["path"], headers=headers)

        response = request()  # the first one warms the caches and the template loader
        self.stdout.write(f"status {response.status_code}, {len(response.content)} bytes")
        best = float("inf")
        for _ in range(max(1, options["runs"])):
            start = time.perf_counter()
            request()
            best = min(best, time.perf_counter() - start)
        self.stdout.write(f"best of {options['runs']}: {best * 1000:.1f} ms")

        if options["sql"]:
            timings = []

            def timed(execute, sql, params, many, context):
                start = time.perf_counter()
                try:
                    return execute(sql, params, many, context)
                finally:
                    timings.append(((time.perf_counter() - start) * 1000, sql))

            with connection.execute_wrapper(timed):
                request()
            total = sum(ms for ms, _sql in timings)
            self.stdout.write(f"{len(timings)} queries, {total:.1f} ms in the database")
            for ms, sql in timings:
                self.stdout.write(f"{ms:8.1f} ms  {sql[:300]}")

        if options["calls"] or options["cprofile"]:
            profile = cProfile.Profile()
            profile.enable()
            request()
            profile.disable()
            out = io.StringIO()
            stats = pstats.Stats(profile, stream=out)
            self.stdout.write(f"{stats.total_calls} Python function calls")
            if options["cprofile"]:
                stats.sort_stats(options["sort"]).print_stats(options["top"])
                self.stdout.write(out.getvalue())

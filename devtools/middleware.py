"""Benchmark-only, present only when KUMPPANI_BENCH is on (`make bench`): a header with the
number of database queries each request ran, so that the benchmark counts queries on the
very request it checks for content."""

from django.db import connections


class QueryCountMiddleware:
    """Outermost middleware: X-Queries is every query of the request, sessions included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = [0]

        def counter(execute, sql, params, many, context):
            count[0] += 1
            return execute(sql, params, many, context)

        with connections["default"].execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Queries"] = str(count[0])
        return response

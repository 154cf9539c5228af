"""Queries are counted per request, for the benchmark's figures (devtools/middleware.py)."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_query_counter_counts_the_requests_queries(rf, teacher):
    from devtools.middleware import QueryCountMiddleware
    from partnerships.models import Employer

    def view(request):
        list(Employer.objects.all())
        list(Employer.objects.all())
        from django.http import HttpResponse

        return HttpResponse("ok")

    response = QueryCountMiddleware(view)(rf.get("/"))
    assert response["X-Queries"] == "2"

"""Nothing of the benchmark is exposed in normal runs (devtools/urls.py, devtools/middleware.py)."""

import pytest
from django.urls import NoReverseMatch, reverse

pytestmark = pytest.mark.django_db


def test_the_floor_and_the_query_header_exist_only_in_bench_runs(client):
    with pytest.raises(NoReverseMatch):
        reverse("devtools:bench_floor")
    assert client.get("/bench/floor/").status_code == 404
    assert "X-Queries" not in client.get("/accounts/login/").headers

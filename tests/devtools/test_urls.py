"""Nothing of the benchmark is exposed in normal runs (devtools/urls.py, devtools/middleware.py)."""

import pytest
from django.urls import NoReverseMatch, reverse

pytestmark = pytest.mark.django_db


def test_the_floor_and_the_query_header_exist_only_in_bench_runs(client):
    with pytest.raises(NoReverseMatch):
        reverse("devtools:bench_floor")
    assert client.get("/bench/floor/").status_code == 404
    assert "X-Queries" not in client.get("/accounts/login/").headers


@pytest.mark.django_db(transaction=True)
def test_the_floor_opens_the_database_connection_and_its_twin_without_a_transaction_does_not(
    settings, client
):
    """Under ATOMIC_REQUESTS entering the view's transaction connects (and, with
    CONN_HEALTH_CHECKS, checks the connection once per request); the twin floor shows that cost
    beside the floor in `make bench`."""
    import importlib

    from django.db import connection
    from django.urls import clear_url_caches

    import config.urls
    import devtools.urls

    settings.KUMPPANI_BENCH = True
    try:
        importlib.reload(devtools.urls)
        importlib.reload(config.urls)
        clear_url_caches()
        assert settings.DATABASES["default"]["ATOMIC_REQUESTS"]
        connection.close()
        assert client.get("/bench/floor/no-transaction/").content == b"floor"
        assert connection.connection is None
        assert client.get("/bench/floor/").content == b"floor"
        assert connection.connection is not None
    finally:
        settings.KUMPPANI_BENCH = False
        importlib.reload(devtools.urls)
        importlib.reload(config.urls)
        clear_url_caches()

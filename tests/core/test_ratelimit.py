"""The fixed-window limiter: a window closes on time on every cache backend."""

import datetime

import pytest
import time_machine

from core.ratelimit import rate_limit_hit

START = datetime.datetime(2027, 3, 29, 10, 0, 0, tzinfo=datetime.UTC)


@pytest.fixture(params=["filebased.FileBasedCache", "locmem.LocMemCache"])
def backend(request, settings, tmp_path):
    settings.CACHES = {
        "default": {"BACKEND": f"django.core.cache.backends.{request.param}", "LOCATION": str(tmp_path)}
    }


def hit(*parts):
    return rate_limit_hit("test", *parts, limit=5, window=3600)


def test_an_hourly_limit_holds_for_the_whole_hour_and_ends_with_it(backend):
    with time_machine.travel(START, tick=False) as clock:
        assert [hit("a") for _ in range(6)] == [False] * 5 + [True]
        clock.shift(datetime.timedelta(minutes=10))  # past the file cache's default 300 s
        assert hit("a") is True
        clock.shift(datetime.timedelta(minutes=50, seconds=1))
        assert hit("a") is False


def test_each_set_of_parts_has_its_own_counter(backend):
    with time_machine.travel(START, tick=False):
        for _ in range(6):
            hit("a", "192.0.2.1")
        assert hit("a", "192.0.2.1") is True
        assert hit("a", "192.0.2.2") is False
        assert hit("b", "192.0.2.1") is False

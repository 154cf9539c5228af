"""Deleting exactly the cache entries that mention erased data (core.cachescrub), on each
backend the portal is documented with: the file cache, Redis, and locmem in tests."""

import os
import re
import uuid

import pytest
from django.core.cache import caches
from django.core.cache.backends.base import BaseCache

from core.cachescrub import cache_delete_mentioning

MENTION = re.compile("heikkis", re.IGNORECASE)


def _fill(cache) -> None:
    cache.set("page", "<li>Soitin Heikkiselle</li>", 600)
    cache.set("user", {"name": "HEIKKISEN jakso"}, 600)
    cache.set("rate", 7, 60)  # a rate-limit window: must keep counting
    cache.set("other", "Matti soitti", 600)


def _assert_only_mentions_gone(cache) -> None:
    assert cache.get("page") is None and cache.get("user") is None
    assert cache.get("rate") == 7 and cache.get("other") == "Matti soitti"


def test_the_file_cache_loses_only_the_entries_that_mention_it(settings, tmp_path):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
        }
    }
    cache = caches["default"]
    _fill(cache)
    assert cache_delete_mentioning(MENTION) == 2
    _assert_only_mentions_gone(cache)
    assert len(list(tmp_path.iterdir())) == 2  # the files are gone from the disk too


def test_the_locmem_cache_loses_only_the_entries_that_mention_it(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "s"}
    }
    cache = caches["default"]
    _fill(cache)
    assert cache_delete_mentioning(MENTION) == 2
    _assert_only_mentions_gone(cache)


@pytest.mark.redis
def test_a_shared_redis_loses_only_the_portals_entries_that_mention_it(settings):
    url = f"redis://127.0.0.1:6379/{int(os.environ.get('KUMPPANI_TEST_REDIS_DB', '14'))}"
    prefix = f"scrub-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
        }
    }
    cache = caches["default"]
    client = cache._cache.get_client(write=True)
    client.set(f"another-app:{prefix}", "Heikkisen tiedot")  # not the portal's: left alone
    try:
        _fill(cache)
        assert cache_delete_mentioning(MENTION) == 2
        _assert_only_mentions_gone(cache)
        assert client.get(f"another-app:{prefix}") == b"Heikkisen tiedot"
    finally:
        client.delete(f"another-app:{prefix}", *client.keys(f"{prefix}:*"))


def test_a_cache_that_cannot_list_its_entries_is_cleared_with_a_warning(settings, caplog):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"},
        "unlisted": {"BACKEND": "tests.core.test_cachescrub.UnlistedCache", "LOCATION": "u"},
    }
    unlisted = caches["unlisted"]
    unlisted.set("other", "Matti soitti")
    cache_delete_mentioning(MENTION)
    assert unlisted.get("other") is None
    assert "cannot list its entries" in caplog.text


class UnlistedCache(BaseCache):
    """A backend like memcached: values can be read by key only."""

    def __init__(self, location, params):
        super().__init__(params)
        self.data = {}

    def set(self, key, value, timeout=None, version=None):
        self.data[key] = value

    def get(self, key, default=None, version=None):
        return self.data.get(key, default)

    def clear(self):
        self.data.clear()

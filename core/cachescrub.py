"""Delete the cache entries whose stored value mentions something, and nothing else.

After a person's data is erased, a cached page, fragment or value may still hold their name
until it expires (and, in the file cache, on disk after that). `cache.clear()` would remove
it too, but in a Redis shared with other processes it also empties every rate-limit window
(a respondent locked out by the feedback limiter is let in again), every import's progress
and whatever else shares the database: an erasure must not reset the portal's defences. So
each entry's stored bytes are read and only those that match are deleted. Values are stored
pickled (strings as UTF-8) by every backend Django ships, the file cache compressed with
zlib; a match in the raw bytes is enough: deleting a cache entry too many only costs one
render.

A backend whose entries cannot be listed (memcached) is cleared, with a warning: for an
erasure, completeness comes before a warm cache.
"""

import logging
import pickle
import re
import zlib

from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)


def _mentions(raw: bytes, pattern: re.Pattern) -> bool:
    return bool(pattern.search(raw.decode("utf-8", "ignore")))


def _file_entry(path: str) -> bytes | None:
    """The pickled value of one file-cache entry (after its pickled expiry time)."""
    try:
        with open(path, "rb") as f:
            pickle.load(f)
            return zlib.decompress(f.read())
    except (OSError, EOFError, zlib.error, pickle.UnpicklingError):
        return None  # removed meanwhile, or not an entry


def _delete_from(cache, pattern: re.Pattern) -> int:
    if isinstance(cache, DummyCache):
        return 0
    if isinstance(cache, LocMemCache):
        with cache._lock:
            keys = [key for key, raw in cache._cache.items() if _mentions(raw, pattern)]
            for key in keys:
                cache._delete(key)
        return len(keys)
    if isinstance(cache, FileBasedCache):
        deleted = 0
        for path in cache._list_cache_files():
            raw = _file_entry(path)
            if raw is not None and _mentions(raw, pattern):
                cache._delete(path)
                deleted += 1
        return deleted
    if isinstance(cache, RedisCache):
        client = cache._cache.get_client(write=True)
        keys = [
            key
            for key in client.scan_iter(match=cache.make_and_validate_key("*"), count=1000)
            if (raw := client.get(key)) is not None and _mentions(raw, pattern)
        ]
        if keys:
            client.delete(*keys)
        return len(keys)
    logger.warning("%s cannot list its entries: cleared to erase personal data", type(cache).__name__)
    cache.clear()
    return 0


def cache_delete_mentioning(pattern: re.Pattern, aliases=None) -> int:
    """Delete every entry of the configured caches whose stored value matches `pattern`;
    the number deleted."""
    from django.conf import settings

    return sum(_delete_from(caches[alias], pattern) for alias in (aliases or settings.CACHES))

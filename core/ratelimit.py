"""Who is asking, and how often: the client's address behind the proxies, and one small
fixed-window limiter for the public pages (feedback links, password resets).

One setting, `KUMPPANI_PROXY_COUNT` (environment `AXES_PROXY_COUNT`), says how many proxies
of our own stand in front of the app. django-axes reads the address through
`client_address` too (`AXES_CLIENT_IP_CALLABLE`), so the login throttle and these limiters
always agree on who the client is.
"""

import hashlib
import ipaddress
import math
import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.http import HttpRequest


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str:
    """The address of the client as our outermost proxy saw it.

    Each proxy appends the address it received the request from to X-Forwarded-For, so with N
    proxies of ours the client's address is the N-th entry from the right. Entries further
    left come from the client and may be forged; they are never read. Without proxies (the
    default) the header is ignored and REMOTE_ADDR is the client.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.KUMPPANI_PROXY_COUNT
    if count <= 0:
        return remote
    entries = [entry for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if entry.strip()]
    if len(entries) < count:
        return remote  # not through all our proxies: the nearest peer is all we know
    return _valid(entries[-count]) or remote


def _key(scope: str, parts: tuple[str, ...], window: int) -> tuple[str, int]:
    """The window's key (its number is part of it) and the seconds left until it closes."""
    now = time.time()
    number = int(now // window)
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
    remaining = max(1, math.ceil((number + 1) * window - now))
    return f"rate:{scope}:{digest}:{window}:{number}", remaining


def rate_limit_hit(scope: str, *parts: str, limit: int, window: int) -> bool:
    """Count one request against `parts` (a token, an address…) in the current fixed window of
    `window` seconds; True when it is over `limit`.

    The window's number is part of the key, so a window closes on time whatever the cache
    does with the key's expiry: a burst never keeps a counter alive past its window. The key
    is created with its expiry once (`add`); a backend whose `incr` re-sets the expiry to the
    cache's default (Django's generic `incr`: the file and database caches) gets it back.
    """
    cache = caches["default"]
    key, remaining = _key(scope, parts, window)
    cache.add(key, 0, remaining)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: the next window has begun
        cache.add(key, 1, remaining)
        count = 1
    if type(cache).incr is BaseCache.incr:
        cache.touch(key, remaining)
    return count > limit


def address_and_client_throttled(scope: str, *, email: str, client: str, limit: int, window: int) -> bool:
    """Count one request for an e-mail address (a password reset, a sign-in link) against the
    address and the client separately; True when either has asked too often. Counted whether
    or not the address belongs to anyone, so the answer reveals nothing."""
    by_email = rate_limit_hit(f"{scope}-email", email.strip().lower(), limit=limit, window=window)
    by_client = rate_limit_hit(f"{scope}-client", client, limit=limit, window=window)
    return by_email or by_client

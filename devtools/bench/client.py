"""The benchmark's requests: what a figure asks for (a Scenario), a signed-in session made
without a login request, a CSRF token, and one request answered without following redirects."""

import datetime
import http.cookiejar
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

from core.models import User


def session_cookie(user: User) -> str:
    """A signed-in session created directly (no login request, so no throttling)."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]  # the one that signs staff in
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


@dataclass
class Scenario:
    name: str
    path: str
    marker: bytes
    cookie: str = ""
    method: str = "GET"
    body: str = ""
    headers: dict = field(default_factory=dict)
    # "{day}" in the path: a later day for each request (see DAY_ZERO), so that none of them
    # finds what an earlier one cached.
    varies: bool = False


DAY_ZERO = datetime.date(2100, 1, 1)  # far beyond any data: the same figures whatever the day


def nth(scenario: Scenario, n: int) -> Scenario:
    if not scenario.varies:
        return scenario
    day = (DAY_ZERO + datetime.timedelta(days=n)).isoformat()
    return Scenario(**{**scenario.__dict__, "path": scenario.path.replace("{day}", day)})


def fetch(base: str, scenario: Scenario) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(
        base + scenario.path,
        data=scenario.body.encode() if scenario.method == "POST" else None,
        method=scenario.method,
        headers={**({"Cookie": scenario.cookie} if scenario.cookie else {}), **scenario.headers},
    )
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def csrf_for(base: str, cookie: str, path: str) -> tuple[str, str]:
    """A CSRF token and the cookie that goes with it, from a page with a form."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    request = urllib.request.Request(base + path, headers={"Cookie": cookie})
    html = opener.open(request, timeout=60).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    csrf_cookie = next(c.value for c in jar if c.name == settings.CSRF_COOKIE_NAME)
    return token, f"{cookie}; {settings.CSRF_COOKIE_NAME}={csrf_cookie}"

"""Rendered fragments that are never stale: generational caching.

Every write to the data changes one token, the data's *generation*, and a cached fragment's
key carries the generation it was rendered in. A page that nothing has changed since is
served from the cache; after any change, every fragment misses once and is rendered anew.
No fragment has to know what it depends on, so none can forget something.

What counts as a write is seen at the database, not in model signals: every INSERT, UPDATE,
DELETE or COPY that a connection runs on one of the project's tables (a bulk update, a raw
COPY and a migration included) changes the generation, except on the tables listed in
BOOKKEEPING, which no cached fragment shows. Outside a transaction the change is made at once;
inside one, once more when it commits (readers in other processes then render the committed
data) and, for the writing connection itself, before it next reads the generation (it sees
its own uncommitted rows).

The generation lives in the default cache, which every process shares (files under var/cache,
or Redis in production), so a write in the Celery worker is seen by the web workers. A new
token is random, not an increment: two writers that change it at once cannot leave the old
value behind. Fragments expire after FRAGMENT_SECONDS; the old generations' fragments are
never read again and expire on their own. The keys also carry a fingerprint of the code,
templates and translations (`release`), so a deploy starts with none of the old fragments.
When the cache itself fails, pages are rendered anew and writes go on (logged).
"""

import functools
import hashlib
import logging
import re
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import connections, transaction
from django.db.backends.signals import connection_created
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

FRAGMENT_SECONDS = 600
logger = logging.getLogger(__name__)

# Tables written as a side effect of reading or sending, shown by no cached fragment: a
# download or a login must not empty the cache for everyone.
BOOKKEEPING = frozenset(
    {
        "django_session",
        "axes_accessattempt",
        "axes_accesslog",
        "axes_accessfailurelog",
        "brochures_brochuredownload",
        "core_outboxmessage",
        "core_heartbeat",  # stamped every minute by the worker; shown by no cached fragment
    }
)
_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|COPY)\s+"?([\w.]+)"?', re.IGNORECASE)


def _writes_data(sql: str) -> bool:
    match = _WRITE.match(sql)
    return bool(match) and match.group(1).rsplit(".", 1)[-1] not in BOOKKEEPING


def _generation_key() -> str:
    # Per database: two databases (the benchmark's and the portal's) may share one cache.
    name = str(connections["default"].settings_dict["NAME"])
    return f"kumppani:generation:{hashlib.sha256(name.encode()).hexdigest()[:12]}"


_unsaved_change = [False]  # a new generation the cache could not take: tried again


def new_generation() -> str:
    """A new generation. A write must not fail because the cache does: when it cannot be
    stored, this process tries again before it next reads the generation."""
    token = uuid.uuid4().hex[:16]
    try:
        cache.set(_generation_key(), token, None)
    except Exception:
        logger.warning("The cache is unavailable: the new data generation waits", exc_info=True)
        _unsaved_change[0] = True
    else:
        _unsaved_change[0] = False
    return token


def _after_commit() -> None:
    new_generation()


def _watch(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if isinstance(sql, str) and _writes_data(sql):
        connection = context["connection"]
        if not connection.in_atomic_block:
            new_generation()
        else:
            connection.kumppani_unseen_write = True
            if not any(func is _after_commit for _sids, func, _robust in connection.run_on_commit):
                transaction.on_commit(_after_commit, using=connection.alias)
    return result


def watch(sender, connection, **kwargs) -> None:
    """connection_created: watch the new connection's writes (core.apps connects this)."""
    if _watch not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch)


def watch_open_connections() -> None:
    for connection in connections.all(initialized_only=True):
        watch(None, connection)


connection_created.connect(watch, dispatch_uid="kumppani-freshness")


def generation(request=None) -> str:
    """The data's current generation (a new one after this connection's own writes). With a
    request, read once per request: its fragments are then of one and the same generation."""
    connection = connections["default"]
    if getattr(connection, "kumppani_unseen_write", False) or _unsaved_change[0]:
        connection.kumppani_unseen_write = False
        token = new_generation()
    else:
        token = getattr(request, "kumppani_generation", None) or cache.get(_generation_key())
        if token is None:
            token = new_generation()
    if request is not None:
        request.kumppani_generation = token
    return token


def remembered(name: str, compute: Callable[[], object]):
    """`compute()`, from the cache while nothing has changed since it was computed."""
    if not settings.KUMPPANI_FRAGMENT_CACHE:
        return compute()
    try:
        key = f"kumppani:value:{name}:{generation()}"
        value = cache.get(key)
    except Exception:
        logger.warning("The cache is unavailable: computing %s anew", name, exc_info=True)
        return compute()
    if value is None:
        value = compute()
        _store(key, value)
    return value


def _key(name: str, vary: Iterable) -> str:
    """A cache key for `name` under everything in `vary`, of a fixed length."""
    digest = hashlib.sha256("\x1f".join(map(str, vary)).encode()).hexdigest()[:32]
    return f"kumppani:{name}:{digest}"


def _store(key: str, value) -> None:
    try:
        cache.set(key, value, FRAGMENT_SECONDS)
    except Exception:
        logger.warning("The cache is unavailable: %s not kept", key, exc_info=True)


@functools.cache
def release() -> str:
    """This installation's code, templates and translations, as a fingerprint: a deploy that
    changes any of them serves none of the fragments rendered before it."""
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    for folder in ("config", "core", "checkpoints", "partnerships", "brochures", "templates", "locale"):
        for path in sorted((base / folder).rglob("*")):
            if path.suffix in {".py", ".html", ".txt", ".mo"}:
                stat = path.stat()
                digest.update(f"{path.relative_to(base)}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return digest.hexdigest()[:12]


# The benchmark measures the pages rendered anew too: with this header, and only when the
# benchmark's settings are on (anyone could send it).
BENCH_BYPASS_HEADER = "X-Bench-No-Fragment-Cache"


def enabled(request=None) -> bool:
    if not settings.KUMPPANI_FRAGMENT_CACHE:
        return False
    return not (settings.KUMPPANI_BENCH and request is not None and BENCH_BYPASS_HEADER in request.headers)


def fragment(request, name: str, parts: Iterable, build_html: Callable[[], str]) -> SafeString:
    """`build_html()`'s HTML, from the cache when nothing has changed since it was rendered for
    the same user, language, day, path and query string (and `parts`)."""
    if not enabled(request):
        return _with_token(request, str(build_html()))
    user = getattr(request, "user", None)
    try:
        token = generation(request)
    except Exception:
        logger.warning("The cache is unavailable: rendering %s anew", name, exc_info=True)
        return _with_token(request, str(build_html()))
    vary = [
        release(),
        token,
        user.pk if user is not None and user.is_authenticated else "-",
        get_language(),
        timezone.localdate().isoformat(),  # deadlines and "overdue" change with the day
        request.get_full_path(),
        *parts,
    ]
    key = _key(f"fragment:{name}", vary)
    try:
        html = cache.get(key)
    except Exception:
        logger.warning("The cache is unavailable: rendering %s anew", name, exc_info=True)
        html = None
    if html is None:
        html = str(build_html())
        _store(key, html)
    return _with_token(request, html)


# A cached fragment must not carry one visitor's CSRF token to another (or to the same
# visitor after a new login): it is rendered with this placeholder, replaced on the way out.
CSRF_PLACEHOLDER = "kumppani-csrf-placeholder-7f3a"


def _with_token(request, html: str) -> SafeString:
    if CSRF_PLACEHOLDER in html:
        html = html.replace(CSRF_PLACEHOLDER, get_token(request))
    return mark_safe(html)


def render_page(request, template: str, context: dict, *, name: str, build: Callable[[], dict]):
    """`template` as a page whose content block comes from the cache (see `fragment`).

    `context` is what the page around the content needs (its title); `build()` returns the
    rest and runs only when the content is rendered. The template extends `layout` (the
    content block alone, "fragment.html", when the content is rendered for the cache) and its
    content block prints `cached_content` when it is given."""

    if not len(messages.get_messages(request)):
        # Nothing to tell the user once: the whole page, header and footer included, is one
        # fragment (the messages would otherwise be kept in the cache, or lost from it).
        def page() -> str:
            return render_to_string(template, {**context, **build(), "csrf_token": CSRF_PLACEHOLDER}, request)

        return HttpResponse(fragment(request, f"{name}:page", (), page))

    def content() -> str:
        full = {**context, **build(), "layout": "fragment.html", "csrf_token": CSRF_PLACEHOLDER}
        return render_to_string(template, full, request)

    html = fragment(request, name, (), content)
    return render(request, template, {**context, "cached_content": html})


@functools.cache
def _secret_fingerprint() -> str:
    return hashlib.sha256(settings.SECRET_KEY.encode()).hexdigest()[:12]


def signed_in_user(request):
    """`django.contrib.auth.get_user(request)`, from the cache while nothing has changed since
    it was last read for the same session user, backend and password hash: one query less on
    every page. A new password, a deactivation or a changed group is a write, so a new
    generation, and the user is then read and checked anew. Visitors are not cached."""
    from django.contrib import auth

    session = request.session
    if not enabled(request) or auth.SESSION_KEY not in session:
        return auth.get_user(request)
    try:
        vary = [
            release(),
            _secret_fingerprint(),
            generation(request),
            session[auth.SESSION_KEY],
            session.get(auth.BACKEND_SESSION_KEY),
            session.get(auth.HASH_SESSION_KEY),
        ]
        key = _key("user", vary)
        user = cache.get(key)
    except Exception:
        logger.warning("The cache is unavailable: reading the user anew", exc_info=True)
        return auth.get_user(request)
    if user is None:
        user = auth.get_user(request)
        if user.is_authenticated:
            _store(key, user)
    return user

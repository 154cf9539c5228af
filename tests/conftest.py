"""The fixed cast (a teacher, another teacher, a coordinator, an anonymous visitor) and the
rules for tests that need an outside service.

Without KUMPPANI_CI, a test whose service is missing is skipped, and one closing line
names what was skipped. With KUMPPANI_CI=1 nothing may be skipped: a missing service fails
the run.
"""

import os
import shutil
import socket

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.utils import translation

from core.models import Role

from .factories import StudentGroupFactory, UserFactory

IN_CI = os.environ.get("KUMPPANI_CI") == "1"
CHROMIUM = os.environ.get("KUMPPANI_CHROMIUM", "/usr/bin/chromium")


def _port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def _service_missing(marker: str) -> str | None:
    """Why the service behind `marker` cannot be used here, or None when it can."""
    if marker == "postgres":
        if connection.vendor != "postgresql":
            return "PostgreSQL (DATABASE_URL is not a PostgreSQL URL)"
    elif marker == "redis":
        if not _port_open("127.0.0.1", 6379):
            return "Redis (nothing answers on 127.0.0.1:6379)"
    elif marker == "rabbitmq":
        if not _port_open("127.0.0.1", 5672) or shutil.which("rabbitmqctl") is None:
            return "RabbitMQ (nothing answers on 127.0.0.1:5672, or no rabbitmqctl)"
    elif marker == "browser" and not os.path.exists(CHROMIUM):
        return f"chromium ({CHROMIUM} not found)"
    elif marker == "pdftoppm" and shutil.which("pdftoppm") is None:
        return "pdftoppm (Debian package poppler-utils)"
    return None


SERVICE_MARKERS = ("postgres", "redis", "rabbitmq", "smtp", "browser", "pdftoppm")
_skipped_services: dict[str, int] = {}


def pytest_collection_modifyitems(config, items):
    missing_cache: dict[str, str | None] = {}
    for item in items:
        for marker in SERVICE_MARKERS:
            if item.get_closest_marker(marker) is None:
                continue
            if marker not in missing_cache:
                missing_cache[marker] = _service_missing(marker)
            reason = missing_cache[marker]
            if reason is None:
                continue
            if IN_CI:
                item.add_marker(
                    pytest.mark.xfail(reason=f"KUMPPANI_CI=1 but {reason}", run=False, strict=True)
                )
            else:
                _skipped_services[reason] = _skipped_services.get(reason, 0) + 1
                item.add_marker(pytest.mark.skip(reason=f"needs {reason}"))


@pytest.hookimpl(trylast=True)
def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if _skipped_services:
        names = "; ".join(f"{reason}: {count}" for reason, count in sorted(_skipped_services.items()))
        terminalreporter.write_line(f"Skipped for lack of a service (set up by .ci/run): {names}")


def pytest_sessionfinish(session, exitstatus):
    if not IN_CI:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None:
        return
    skipped = len(reporter.stats.get("skipped", [])) + len(reporter.stats.get("xfailed", []))
    if skipped:
        reporter.ensure_newline()
        reporter.write_line(f"KUMPPANI_CI=1: {skipped} test(s) did not run; nothing may be skipped in CI.")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


# Language -------------------------------------------------------------------------------
# Tests are written against the source strings (English). The portal's default is Finnish:
# tests/core/test_i18n.py checks that with clients that send no language preference.


@pytest.fixture(autouse=True)
def english_outside_requests():
    translation.activate("en")
    yield
    translation.deactivate()


def english_client():
    from django.test import Client

    return Client(headers={"Accept-Language": "en"})


@pytest.fixture
def client():
    """pytest-django's client, asking for English."""
    return english_client()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (rate limits, import progress)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def reading_requests_add_no_savepoint_to_the_query_budgets(monkeypatch):
    """ATOMIC_REQUESTS runs a GET or HEAD view in a transaction too. Inside a test's own
    transaction that transaction is a SAVEPOINT and its RELEASE, two statements that a page's
    query budget never counted (in production it is BEGIN and COMMIT on the connection, and
    before ATOMIC_REQUESTS reading requests had none): they are left out of the captured
    queries, so every budget still counts what the page itself runs. A writing request's
    pair was counted already (it was in a transaction before), and still is."""
    from django.core.handlers.base import BaseHandler

    make_view_atomic = BaseHandler.make_view_atomic

    def counted_as_before(self, view):
        atomic_view = make_view_atomic(self, view)
        if atomic_view is view:  # @transaction.non_atomic_requests
            return view

        def reading(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD") or not connection.queries_logged:
                return atomic_view(request, *args, **kwargs)
            start = len(connection.queries_log)
            try:
                return atomic_view(request, *args, **kwargs)
            finally:
                _forget_the_request_savepoint(connection.queries_log, start)

        return reading

    monkeypatch.setattr(BaseHandler, "make_view_atomic", counted_as_before)


def _forget_the_request_savepoint(log, start: int) -> None:
    queries = list(log)
    if start >= len(queries) or not queries[start]["sql"].startswith("SAVEPOINT "):
        return  # the test is not in a transaction: the request's was BEGIN, not a query
    name = queries[start]["sql"].removeprefix("SAVEPOINT ")
    ends = (f"RELEASE SAVEPOINT {name}", f"ROLLBACK TO SAVEPOINT {name}")
    end = next((i for i in range(start + 1, len(queries)) if queries[i]["sql"] in ends), None)
    drop = {start} if end is None else {start, end}
    log.clear()
    log.extend(q for i, q in enumerate(queries) if i not in drop)


# The cast --------------------------------------------------------------------------------


@pytest.fixture
def teacher(db):
    user = UserFactory(username="teacher", first_name="Tiina", last_name="Opettaja")
    user.groups.add(Group.objects.get(name=Role.TEACHER))
    return user


@pytest.fixture
def other_teacher(db):
    user = UserFactory(username="other", first_name="Olli", last_name="Toinen")
    user.groups.add(Group.objects.get(name=Role.TEACHER))
    return user


@pytest.fixture
def coordinator(db):
    user = UserFactory(username="coordinator", first_name="Kaisa", last_name="Koordinaattori")
    user.groups.add(Group.objects.get(name=Role.COORDINATOR))
    return user


@pytest.fixture
def teacher_group(teacher):
    """A student group that `teacher` teaches (and `other_teacher` does not)."""
    group = StudentGroupFactory(name="SÄH24A")
    group.teachers.add(teacher)
    return group


def _client_for(user):
    client = english_client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def teacher_client(teacher):
    return _client_for(teacher)


@pytest.fixture
def other_teacher_client(other_teacher):
    return _client_for(other_teacher)


@pytest.fixture
def coordinator_client(coordinator):
    return _client_for(coordinator)


@pytest.fixture
def anonymous_client(db):
    return _client_for(None)


@pytest.fixture
def reference_data(transactional_db):
    """Transactional tests (live server, real workers) end with a flush that empties the rows
    the data migrations made; load them again (the loaders are idempotent)."""
    import importlib

    from django.apps import apps

    for module, loader in [
        ("core.migrations.0002_roles", "create_roles"),
        ("checkpoints.migrations.0002_load_checkpoints", "load"),
        ("checkpoints.migrations.0004_load_levels", "load"),
        ("partnerships.migrations.0002_load_qualifications", "load"),
        ("partnerships.migrations.0011_load_qualification_units", "load"),
    ]:
        getattr(importlib.import_module(module), loader)(apps, None)

"""Browser tests: Playwright drives Debian's chromium against pytest-django's live server.

Every test module here carries ``pytestmark = [pytest.mark.browser, pytest.mark.django_db(
transaction=True)]``: skipped without chromium (a failure with KUMPPANI_CI=1), and with
committed rows, which the live server's thread needs.

The flush that ends each transactional test empties what the data migrations made
(checkpoints, the Teacher/Coordinator groups, levels, qualifications). ``serialized_rollback``
cannot bring them back here: Playwright's sync API leaves an asyncio loop running in the test
thread, so asgiref's thread-critical Local hands the test a different DatabaseWrapper than the
one that holds ``_test_serialized_contents`` from the database setup, and Django silently skips
the restore. The project's ``reference_data`` fixture (tests/conftest.py) reloads the rows
instead, and ``migration_data`` below checks that they are there.
"""

import os
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from checkpoints.models import Checkpoint
from core.models import Role

CHROMIUM = os.environ.get("KUMPPANI_CHROMIUM", "/usr/bin/chromium")
# Without the networking switches chromium keeps trying to reach the internet (stack-notes.md).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 667}
CHECKPOINTS_FROM_MIGRATIONS = 8


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # Finnish, the portal's default language; the tests find elements by id and CSS, not text.
    return {**browser_context_args, "locale": "fi-FI", "viewport": DESKTOP}


@pytest.fixture
def shot():
    """``shot(page, name)`` saves var/screenshots/<name>.png (the README picks from these)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str, *, full_page: bool = True) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        # caret="hide" (the default) leaves style="" on every input; htmx copies the old
        # elements' attributes onto swapped-in ones, which the strict CSP then reports.
        styled = "document.querySelectorAll('[style]').length"
        before = page.evaluate(styled)
        page.screenshot(path=str(path), full_page=full_page, caret="initial")
        assert page.evaluate(styled) == before, "the screenshot changed the page"
        return path

    return take


def watch(page) -> list[str]:
    """Collect console errors (CSP violations included), uncaught page errors and responses
    of 400 and up (a missing static file, a failing htmx request) seen by `page`."""
    found: list[str] = []
    page.on(
        "console",
        lambda message: found.append(f"console: {message.text}") if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: found.append(f"page error: {error}"))
    page.on(
        "response",
        lambda response: (
            found.append(f"HTTP {response.status} {response.request.method} {response.url}")
            if response.status >= 400
            else None
        ),
    )
    return found


@pytest.fixture
def problems(page):
    """What went wrong on pytest-playwright's `page`; assert it is empty after each page."""
    return watch(page)


@pytest.fixture(autouse=True)
def migration_data(reference_data):
    """The rows the data migrations made are there for the test and its live server."""
    assert Checkpoint.objects.count() == CHECKPOINTS_FROM_MIGRATIONS
    assert set(
        Group.objects.filter(name__in=[Role.TEACHER, Role.COORDINATOR]).values_list("name", flat=True)
    ) == {
        Role.TEACHER,
        Role.COORDINATOR,
    }


# Accessibility: WCAG 2.1 AA is the law for education providers (Act 306/2019). axe-core runs
# with every rule on; a serious or critical violation fails the journey.
AXE_FAILS_ON = {"serious", "critical"}


def axe_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"resultTypes": ["violations"]})
    return [
        f"{v['id']} ({v['impact']}): {', '.join(str(n['target']) for n in v['nodes'][:3])}"
        for v in results.response["violations"]
        if v.get("impact") in AXE_FAILS_ON
    ]


def assert_page_ok(page, problems, where: str) -> None:
    """No console or CSP error, no failed request and no serious accessibility violation."""
    assert problems == [], f"{where}: {problems}"
    violations = axe_violations(page)
    assert violations == [], f"{where}: {violations}"
    problems.clear()


COORDINATOR_PASSWORD = "kumppani-koordinaattori-2026"


def log_in_as_new_coordinator(page, live_server, username: str = "kaisa") -> None:
    """Make a coordinator and sign in as them on the live server."""
    from ..factories import UserFactory

    coordinator = UserFactory(username=username, first_name="Kaisa", password=COORDINATOR_PASSWORD)
    coordinator.groups.add(Group.objects.get(name=Role.COORDINATOR))
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", COORDINATOR_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")

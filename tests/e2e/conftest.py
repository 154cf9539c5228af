"""Browser tests: Playwright drives Debian's chromium against a live server."""

import os
from pathlib import Path

import pytest

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


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "en-GB", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def shot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str, *, full_page: bool = True) -> None:
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)

    return take


@pytest.fixture
def problems(page):
    """Console errors (CSP violations included), page errors and failed requests."""
    found: list[str] = []
    page.on("console", lambda message: found.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: found.append(str(error)))
    page.on(
        "response",
        lambda response: (
            found.append(f"{response.status} {response.url}") if response.status >= 400 else None
        ),
    )
    return found


@pytest.fixture(autouse=True)
def _reference_data(reference_data):
    """Live-server tests end with a flush: reload what the data migrations made."""

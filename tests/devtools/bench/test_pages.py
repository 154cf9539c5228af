"""A sample without its marker fails the figure instead of measuring an error page."""

import pytest

from devtools.bench import pages
from devtools.bench.client import Scenario


def test_a_sample_without_its_marker_fails_the_figure_without_loading(monkeypatch):
    monkeypatch.setattr(
        pages, "fetch", lambda base, scenario: (200, {"X-Queries": "3"}, b"<html>login</html>")
    )
    monkeypatch.setattr(pages, "load", lambda *a, **k: pytest.fail("must not load"))
    figure = pages.measure("http://x", Scenario("employer_page", "/e/1/", b"Yritys 1 Oy"), 1000.0)
    assert figure["errors"] == 1 and figure["queries"] == 3 and "without its marker" in figure["note"]


def test_an_honest_sample_is_loaded_and_compared_with_the_floor(monkeypatch):
    monkeypatch.setattr(
        pages, "fetch", lambda base, scenario: (200, {"X-Queries": "6"}, b"<h1>Yritys 1 Oy</h1>")
    )
    monkeypatch.setattr(
        pages, "load", lambda *a, **k: {"rps": 500.0, "p50_ms": 4.0, "p95_ms": 9.0, "errors": 0}
    )
    figure = pages.measure("http://x", Scenario("employer_page", "/e/1/", b"Yritys 1 Oy"), 2000.0)
    assert figure["queries"] == 6 and figure["errors"] == 0
    assert (figure["rps"], figure["p50_ms"], figure["p95_ms"], figure["ratio_to_floor"]) == (
        500.0,
        4.0,
        9.0,
        0.25,
    )

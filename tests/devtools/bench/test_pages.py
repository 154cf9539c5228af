"""The benchmark's own pieces that run without gunicorn or wrk: nothing of it is exposed in
normal runs, queries are counted per request, wrk's output is read right, and a sample
without its marker fails the figure instead of measuring an error page."""

import pytest
from django.test import override_settings
from django.urls import NoReverseMatch, reverse

from devtools.bench import pages as benchmark

pytestmark = pytest.mark.django_db


def test_the_floor_and_the_query_header_exist_only_in_bench_runs(client):
    with pytest.raises(NoReverseMatch):
        reverse("bench_floor")
    assert client.get("/bench/floor/").status_code == 404
    assert "X-Queries" not in client.get("/accounts/login/").headers


def test_the_query_counter_counts_the_requests_queries(rf, teacher):
    from devtools.middleware import QueryCountMiddleware
    from partnerships.models import Employer

    def view(request):
        list(Employer.objects.all())
        list(Employer.objects.all())
        from django.http import HttpResponse

        return HttpResponse("ok")

    response = QueryCountMiddleware(view)(rf.get("/"))
    assert response["X-Queries"] == "2"


WRK_OUTPUT = """Running 5s test @ http://127.0.0.1:8000/
  1 threads and 8 connections
  12345 requests in 5.00s, 1.23MB read
Requests/sec:   2469.00
WRK {"requests": 12345, "seconds": 5.000000, "p50_us": 3100, "p95_us": 9800, "errors": 0}
"""


def test_wrk_output_is_parsed():
    assert benchmark.parse_wrk(WRK_OUTPUT) == {"rps": 2469.0, "p50_ms": 3.1, "p95_ms": 9.8, "errors": 0}


def test_the_wrk_script_carries_the_method_body_and_headers():
    scenario = benchmark.Scenario(
        "contact_log_post",
        "/x/",
        b"m",
        "sessionid=abc",
        method="POST",
        body="a=1&b=ä",
        headers={"HX-Request": "true"},
    )
    script = benchmark.wrk_script(scenario)
    assert 'wrk.method = "POST"' in script and 'wrk.body = "a=1&b=\\u00e4"' in script
    assert (
        'wrk.headers["Cookie"] = "sessionid=abc"' in script and 'wrk.headers["HX-Request"] = "true"' in script
    )
    assert "If-None-Match" not in script


@pytest.fixture(autouse=True)
def no_settling(monkeypatch):
    monkeypatch.setattr(benchmark, "SETTLE_SECONDS", 0)


def test_a_sample_without_its_marker_fails_the_figure_without_loading(monkeypatch):
    monkeypatch.setattr(
        benchmark, "fetch", lambda base, scenario: (200, {"X-Queries": "3"}, b"<html>login</html>")
    )
    monkeypatch.setattr(benchmark, "load", lambda *a, **k: pytest.fail("must not load"))
    figure = benchmark.measure(
        "http://x", benchmark.Scenario("employer_page", "/e/1/", b"Yritys 1 Oy"), 1000.0
    )
    assert figure["errors"] == 1 and figure["queries"] == 3 and "without its marker" in figure["note"]


def test_an_honest_sample_is_loaded_and_compared_with_the_floor(monkeypatch):
    monkeypatch.setattr(
        benchmark, "fetch", lambda base, scenario: (200, {"X-Queries": "6"}, b"<h1>Yritys 1 Oy</h1>")
    )
    monkeypatch.setattr(
        benchmark, "load", lambda *a, **k: {"rps": 500.0, "p50_ms": 4.0, "p95_ms": 9.0, "errors": 0}
    )
    figure = benchmark.measure(
        "http://x", benchmark.Scenario("employer_page", "/e/1/", b"Yritys 1 Oy"), 2000.0
    )
    assert figure["queries"] == 6 and figure["errors"] == 0
    assert (figure["rps"], figure["p50_ms"], figure["p95_ms"], figure["ratio_to_floor"]) == (
        500.0,
        4.0,
        9.0,
        0.25,
    )


@override_settings(SESSION_ENGINE="django.contrib.sessions.backends.db")
def test_a_bench_session_signs_the_user_in(client, teacher):
    cookie = benchmark.session_cookie(teacher)
    name, value = cookie.split("=", 1)
    client.cookies[name] = value
    assert client.get(reverse("home")).status_code == 200


def test_each_mix_draws_its_pages_by_weights_that_add_up_to_all_requests():
    assert sum(benchmark.TEACHER_MIX.values()) == 100
    assert sum(benchmark.COORDINATOR_MIX.values()) == 100
    assert "dashboard" in benchmark.COORDINATOR_MIX and "dashboard" not in benchmark.TEACHER_MIX
    assert benchmark.MIXES == {"mixed_read_only": 0.0, "mixed_writes_2pct": 0.02, "mixed_writes_10pct": 0.1}


def test_the_mix_script_gives_every_session_its_own_cookie_and_token_and_a_fixed_seed():
    people = [benchmark.Person(f"sessionid=s{i}; csrftoken=c{i}", f"token{i}", 1) for i in range(16)]
    people.append(benchmark.Person("sessionid=boss; csrftoken=cb", "tokenboss", 2))
    script = benchmark.mix_script(people, [11, 12, 13], last_page=7, writes=0.02)
    for person in people:
        assert benchmark.lua_string(person.cookie) in script and benchmark.lua_string(person.token) in script
    assert f"math.randomseed({benchmark.MIX_SEED})" in script
    assert "local writes = 0.02" in script and "local employers = {11, 12, 13}" in script
    assert "local last_page = 7" in script
    assert '{"dashboard", 30}' in script  # the coordinator's weights, as the JSON reports them
    assert 'headers["X-CSRFToken"] = session.token' in script
    assert "if status < 200 or status > 299 then errors = errors + 1 end" in script


def test_a_mixed_figure_reports_its_weights_its_writes_and_its_ratio_to_the_floor(monkeypatch, teacher):
    from partnerships.models import Contact

    from ...factories import ContactFactory

    world = benchmark.World(teacher=teacher, coordinator=teacher, employer=None, last_page=3)
    monkeypatch.setattr(benchmark, "mix_people", lambda base, world: [benchmark.Person("c", "t", 1)] * 17)
    monkeypatch.setattr(benchmark, "mix_samples", lambda *args: {"home": 5, "contact": 12})
    world.employer = ContactFactory().employer

    def wrk(url, script, seconds):
        ContactFactory(summary=benchmark.MIX_SUMMARY)  # the load logged one contact
        return {"rps": 150.0, "p50_ms": 20.0, "p95_ms": 60.0, "errors": 0}

    monkeypatch.setattr(benchmark, "run_wrk", wrk)
    figures = benchmark.mixed_figures("http://x", world, 1000.0)
    assert [f["name"] for f in figures] == list(benchmark.MIXES)
    assert figures[1]["weights"] == {
        "writes": 0.02,
        "teacher": benchmark.TEACHER_MIX,
        "coordinator": benchmark.COORDINATOR_MIX,
    }
    assert all(f["contacts_logged"] == 1 and f["ratio_to_floor"] == 0.15 for f in figures)
    assert figures[0]["sessions"] == 17 and figures[0]["queries"] == {"home": 5, "contact": 12}
    assert Contact.objects.filter(summary=benchmark.MIX_SUMMARY).count() == 3


def test_a_varying_scenario_asks_for_a_later_day_each_time_after_its_warm_up_and_sample():
    scenario = benchmark.Scenario("dash", "/review/?end={day}", b"m", "sessionid=a", varies=True)
    assert benchmark.nth(scenario, 0).path == "/review/?end=2100-01-01"
    assert benchmark.nth(scenario, 1).path == "/review/?end=2100-01-02"
    script = benchmark.wrk_script(scenario)
    assert "function request()" in script and "+ n * 86400" in script and "local n = 1" in script
    assert "function request()" not in benchmark.wrk_script(benchmark.Scenario("page", "/e/", b"m"))

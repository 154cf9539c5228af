"""wrk's scripts carry what each figure asks for, and its output is read right."""

from devtools.bench import wrk
from devtools.bench.client import Scenario, nth

WRK_OUTPUT = """Running 5s test @ http://127.0.0.1:8000/
  1 threads and 8 connections
  12345 requests in 5.00s, 1.23MB read
Requests/sec:   2469.00
WRK {"requests": 12345, "seconds": 5.000000, "p50_us": 3100, "p95_us": 9800, "errors": 0}
"""


def test_wrk_output_is_parsed():
    assert wrk.parse_wrk(WRK_OUTPUT) == {"rps": 2469.0, "p50_ms": 3.1, "p95_ms": 9.8, "errors": 0}


def test_the_wrk_script_carries_the_method_body_and_headers():
    scenario = Scenario(
        "contact_log_post",
        "/x/",
        b"m",
        "sessionid=abc",
        method="POST",
        body="a=1&b=ä",
        headers={"HX-Request": "true"},
    )
    script = wrk.wrk_script(scenario)
    assert 'wrk.method = "POST"' in script and 'wrk.body = "a=1&b=\\u00e4"' in script
    assert (
        'wrk.headers["Cookie"] = "sessionid=abc"' in script and 'wrk.headers["HX-Request"] = "true"' in script
    )
    assert "If-None-Match" not in script


def test_a_varying_scenario_asks_for_a_later_day_each_time_after_its_warm_up_and_sample():
    scenario = Scenario("dash", "/review/?end={day}", b"m", "sessionid=a", varies=True)
    assert nth(scenario, 0).path == "/review/?end=2100-01-01"
    assert nth(scenario, 1).path == "/review/?end=2100-01-02"
    script = wrk.wrk_script(scenario)
    assert "function request()" in script and "+ n * 86400" in script and "local n = 1" in script
    assert "function request()" not in wrk.wrk_script(Scenario("page", "/e/", b"m"))

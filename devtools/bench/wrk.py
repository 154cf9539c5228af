"""wrk, the load generator: the Lua scripts it runs and the summary it prints."""

import datetime
import json
import os
import re
import subprocess
import tempfile

from .client import DAY_ZERO, Scenario

WRK_SECONDS = 5
WRK_CONNECTIONS = 8


# Every non-2xx answer is an error (a 403 for a refused CSRF token, a 302 to the login page).
WRK_SUMMARY = """
errors = 0  -- a global of each thread, read by done() through thread:get
function response(status, headers, body)
  if status < 200 or status > 299 then errors = errors + 1 end
end
local threads = {}
function setup(thread) table.insert(threads, thread) end
function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + (thread:get("errors") or 0) end
  io.write(string.format(
    'WRK {"requests": %%d, "seconds": %%f, "p50_us": %%d, "p95_us": %%d, "errors": %%d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(95), total))
end
"""
WRK_SCRIPT = (
    """
wrk.method = %(method)s
wrk.body = %(body)s
%(headers)s
"""
    + WRK_SUMMARY
)


def lua_string(value: str) -> str:
    return json.dumps(value)  # a JSON string is a valid Lua string literal for our inputs


# The requests of a varying scenario: day 0 and 1 were the warm-up and the sample.
VARYING_REQUEST = """
local n = 1
function request()
  n = n + 1
  local path = %(path)s:gsub("{day}", os.date("!%%Y-%%m-%%d", %(day_zero)d + n * 86400))
  return wrk.format(nil, path)
end
"""


def wrk_script(scenario: Scenario) -> str:
    headers = {**scenario.headers}
    if scenario.cookie:
        headers["Cookie"] = scenario.cookie
    lines = "\n".join(f"wrk.headers[{lua_string(k)}] = {lua_string(v)}" for k, v in headers.items())
    script = WRK_SCRIPT % {
        "method": lua_string(scenario.method),
        "body": lua_string(scenario.body) if scenario.body else "nil",
        "headers": lines,
    }
    if scenario.varies:
        day_zero = int(datetime.datetime.combine(DAY_ZERO, datetime.time(), datetime.UTC).timestamp())
        script += VARYING_REQUEST % {"path": f"({lua_string(scenario.path)})", "day_zero": day_zero}
    return script


def parse_wrk(output: str) -> dict:
    match = re.search(r"^WRK (\{.*\})$", output, re.MULTILINE)
    if not match:
        raise RuntimeError(f"wrk gave no summary: {output[-500:]}")
    data = json.loads(match.group(1))
    return {
        "rps": round(data["requests"] / data["seconds"], 1),
        "p50_ms": round(data["p50_us"] / 1000, 2),
        "p95_ms": round(data["p95_us"] / 1000, 2),
        "errors": data["errors"],
    }


def lua_table(items) -> str:
    """A Lua table of strings, numbers and tables (dicts become records)."""
    if isinstance(items, dict):
        return "{" + ", ".join(f"[{lua_string(k)}] = {lua_table(v)}" for k, v in items.items()) + "}"
    if isinstance(items, (list, tuple)):
        return "{" + ", ".join(lua_table(v) for v in items) + "}"
    if isinstance(items, str):
        return lua_string(items)
    return repr(items)


def run_wrk(url: str, script_text: str, seconds: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(script_text)
    try:
        result = subprocess.run(
            ["wrk", "-t1", f"-c{WRK_CONNECTIONS}", f"-d{seconds}s", "-s", script.name, url],
            capture_output=True,
            text=True,
            timeout=seconds + 60,
            check=False,
        )
    finally:
        os.unlink(script.name)
    return parse_wrk(result.stdout)

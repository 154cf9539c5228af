"""Run one function on untrusted input in a fresh Python process and report its peak memory.

The peak is the child's own VmHWM (/proc/self/status): on Linux `ru_maxrss` carries over the
size of the process that forked the child, so in a child of pytest it would report pytest's
size, not the child's. The child also runs under an address-space limit, so that code which
does blow up fails the test quickly instead of taking the machine's memory from others.
"""

import os
import pickle
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDRESS_SPACE_LIMIT = 1024 * 1024 * 1024

CHILD = r"""
import importlib, pickle, resource, sys

limit = int(sys.argv[3])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

import django

django.setup()
from django.utils import translation

translation.activate("en")


def peak_mb():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass  # no /proc: fall back to ru_maxrss below
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


module, name = sys.argv[1].rsplit(".", 1)
with open(sys.argv[2], "rb") as source:
    args = pickle.load(source)
function = getattr(importlib.import_module(module), name)
before = peak_mb()
try:
    outcome = {"result": function(*args), "error": None}
except MemoryError:
    outcome = {"result": None, "error": "MemoryError"}
except Exception as exc:
    messages = getattr(exc, "messages", None) or [str(exc)]
    outcome = {"result": None, "error": f"{type(exc).__name__}: {' '.join(map(str, messages))}"}
outcome.update(start_mb=before, peak_mb=peak_mb())
with open(sys.argv[2], "wb") as target:
    pickle.dump(outcome, target)
"""


@dataclass
class ChildRun:
    result: object
    error: str | None  # "ExceptionClass: message" when the function raised
    start_mb: float  # the peak after Django's set-up, before the function ran
    peak_mb: float


def run_in_child(function: str, *args) -> ChildRun:
    """Call `function` (a dotted path) with `args` in a new Python process with the test
    settings; its result and arguments travel as pickles through a temporary file."""
    with tempfile.TemporaryDirectory() as folder:
        exchange = Path(folder) / "exchange.pickle"
        exchange.write_bytes(pickle.dumps(args))
        env = {**os.environ, "PYTHONPATH": str(ROOT), "DJANGO_SETTINGS_MODULE": "tests.settings"}
        completed = subprocess.run(
            [sys.executable, "-c", CHILD, function, str(exchange), str(ADDRESS_SPACE_LIMIT)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert completed.returncode == 0, completed.stderr[-3000:]
        outcome = pickle.loads(exchange.read_bytes())
    return ChildRun(**outcome)

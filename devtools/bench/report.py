"""What `make bench` prints and keeps of its figures."""

import json
from pathlib import Path

from django.conf import settings


def output_path() -> Path:
    return Path(settings.VAR_DIR) / "bench" / "latest.json"


def report(figures: list[dict], *, stdout, stderr) -> None:
    """A table for people on `stderr`, one JSON object a line on `stdout`, and the same in
    var/bench/latest.json."""
    width = max(len(f["name"]) for f in figures)
    stderr.write("")
    columns = ("rps", "p50_ms", "p95_ms", "queries", "errors", "ratio_to_floor")
    stderr.write(f"{'figure':<{width}}  " + "  ".join(f"{c:>14}" for c in columns))
    for figure in figures:
        if "rps" in figure:
            # A mixed figure's queries are per kind of request: in its JSON line.
            cells = "  ".join(
                f"{'per kind' if isinstance(figure.get(c), dict) else figure.get(c)!s:>14}" for c in columns
            )
            stderr.write(f"{figure['name']:<{width}}  {cells}")
        else:
            details = ", ".join(f"{k}={v}" for k, v in figure.items() if k != "name")
            stderr.write(f"{figure['name']:<{width}}  {details}")
    for figure in figures:
        stdout.write(json.dumps(figure))
    path = output_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(figures, indent=2))

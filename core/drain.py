"""How fast a broker drains a burst of tasks: `make bench`'s figure for the embedded broker,
and the publishers of the integration soak tests.

Several publisher processes (`python -m core.drain publish ...`, each a Django process like
the web server or the beat) wait at a common start line and then publish `outbox_dispatch`
as fast as they can, while one `celery worker` with `make run`'s settings takes them. The
figure is the time from the first publish to the moment the queue is empty and nothing is
held any more: the last acknowledgement.
"""

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def publisher_command(count: int, go: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "core.drain", "publish", str(count), str(go), str(out)]


def start_publishers(env: dict, folder: Path, *, publishers: int, per_publisher: int) -> list[Path]:
    """Start the publishers, wait until each is connected, then let them all go at once.
    Returns the files in which each writes its first publish time and its task ids."""
    go = folder / "go"
    outs = [folder / f"published-{n}.json" for n in range(publishers)]
    processes = [
        subprocess.Popen(publisher_command(per_publisher, go, out), cwd=ROOT, env=env) for out in outs
    ]
    deadline = time.monotonic() + 60
    while not all(out.with_suffix(".ready").exists() for out in outs):
        if time.monotonic() > deadline or any(p.poll() not in (None, 0) for p in processes):
            for process in processes:
                process.kill()
            raise RuntimeError("the publishers did not start")
        time.sleep(0.05)
    go.touch()
    for process in processes:
        if process.wait(timeout=120) != 0:
            raise RuntimeError(f"a publisher exited with {process.returncode}")
    return outs


def published(outs: list[Path]) -> tuple[float, list[str]]:
    """The first publish time (epoch seconds) over all publishers, and every task id."""
    results = [json.loads(out.read_text()) for out in outs]
    return min(r["first"] for r in results), [task_id for r in results for task_id in r["ids"]]


def drain_figure(*, tasks: int = 1000, publishers: int = 3, timeout: float = 120) -> dict:
    """Drain `tasks` outbox_dispatch tasks published by `publishers` processes at once through
    the embedded SQLite broker, with a worker started as `make run` starts it."""
    with tempfile.TemporaryDirectory(prefix="kumppani-drain-") as var:
        folder = Path(var)
        env = {**os.environ, "KUMPPANI_VAR_DIR": var, "CELERY_BROKER_URL": "sqlite://"}
        log = folder / "worker.log"
        with open(log, "w") as output:
            worker = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "config", "worker", "--concurrency=2", "-l", "INFO"],
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        try:
            _wait(lambda: "ready." in log.read_text(), 60, f"the worker to start (log: {log})")
            per = -(-tasks // publishers)
            outs = start_publishers(env, folder, publishers=publishers, per_publisher=per)
            first, ids = published(outs)
            broker = sqlite3.connect(folder / "celery" / "broker.sqlite3", timeout=30)
            _wait(
                lambda: (
                    broker.execute("SELECT count(*) FROM message WHERE queue = 'celery'").fetchone()[0] == 0
                ),
                timeout,
                "the queue to drain",
                interval=0.02,
            )
            seconds = time.time() - first
            broker.close()
            succeeded = log.read_text().count("outbox_dispatch[")
        finally:
            worker.terminate()
            worker.wait(timeout=30)
    return {
        "name": "broker_drain_embedded",
        "tasks": len(ids),
        "publishers": publishers,
        "seconds": round(seconds, 2),
        "tasks_per_second": round(len(ids) / seconds, 1),
        # Each task logs "received" and "succeeded": both, for every task.
        "errors": 0 if succeeded >= 2 * len(ids) else 1,
    }


def _wait(condition, timeout: float, what: str, interval: float = 0.1) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {what}")
        time.sleep(interval)


def publish(count: int, go: Path, out: Path) -> None:
    """One publisher process: connect, say so, wait for the start line, publish `count`."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from core.tasks import outbox_dispatch

    # The project's Celery app, which the settings module's package loaded: core names no
    # module above it (tests/test_architecture.py).
    with outbox_dispatch.app.producer_or_acquire() as producer:
        producer.connection.ensure_connection(max_retries=3)
        out.with_suffix(".ready").touch()
        while not go.exists():
            time.sleep(0.005)
        first = time.time()
        ids = [outbox_dispatch.apply_async(producer=producer).id for _ in range(count)]
    out.write_text(json.dumps({"first": first, "ids": ids}))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    command = sub.add_parser("publish")
    command.add_argument("count", type=int)
    command.add_argument("go", type=Path)
    command.add_argument("out", type=Path)
    arguments = parser.parse_args()
    publish(arguments.count, arguments.go, arguments.out)

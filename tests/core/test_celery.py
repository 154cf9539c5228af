"""A real Celery worker runs Kumppani's tasks: through the embedded filesystem broker that
`make run` uses, and through Redis as in production. No eager mode."""

import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    user = db.get("USER") or ""
    return f"postgres://{user}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


def celery_env(tmp_path, broker: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "true",
            "KUMPPANI_VAR_DIR": str(tmp_path),
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": broker,
        }
    )
    return env


def run_task_through_a_real_worker(tmp_path, broker: str) -> None:
    Session.objects.create(
        session_key="expired-one", session_data="x", expire_date=timezone.now() - timedelta(days=1)
    )
    Session.objects.create(
        session_key="still-valid", session_data="x", expire_date=timezone.now() + timedelta(days=1)
    )
    env = celery_env(tmp_path, broker)
    worker = subprocess.Popen(
        [
            str(BIN / "celery"),
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "--loglevel=INFO",
            "-n",
            f"test-{os.getpid()}@%h",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        subprocess.run(
            [
                sys.executable,
                "-c",
                "import django; django.setup(); from core.tasks import sessions_clear_expired; "
                "sessions_clear_expired.delay()",
            ],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=60,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if not Session.objects.filter(session_key="expired-one").exists():
                break
            time.sleep(0.5)
        else:
            worker.terminate()
            raise AssertionError("the worker did not run the task:\n" + worker.communicate(timeout=20)[0])
        assert Session.objects.filter(session_key="still-valid").exists()
    finally:
        worker.terminate()
        worker.wait(timeout=30)


@pytest.mark.django_db(transaction=True)
def test_a_worker_runs_a_task_through_the_embedded_filesystem_broker(tmp_path):
    (tmp_path / "celery").mkdir()
    run_task_through_a_real_worker(tmp_path, "filesystem://")


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_worker_runs_a_task_through_redis(tmp_path):
    run_task_through_a_real_worker(tmp_path, "redis://127.0.0.1:6379/15")

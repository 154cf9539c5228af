"""A real Celery worker runs Kumppani's tasks: through the embedded SQLite broker that
`make run` uses, and through Redis as in production. No eager mode."""

import subprocess
import sys
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from .conftest import ROOT, service_env, wait_until


def run_task_through_a_real_worker(tmp_path, broker: str, start_worker) -> None:
    now = timezone.now()
    Session.objects.create(session_key="expired-one", session_data="x", expire_date=now - timedelta(days=1))
    Session.objects.create(session_key="still-valid", session_data="x", expire_date=now + timedelta(days=1))
    worker = start_worker("sessions", broker)
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from core.tasks import sessions_clear_expired; "
            "sessions_clear_expired.delay()",
        ],
        cwd=ROOT,
        env=service_env(tmp_path, broker),
        check=True,
        timeout=60,
    )
    wait_until(
        lambda: not Session.objects.filter(session_key="expired-one").exists(),
        message=f"the worker to run the task (log: {worker.log_path})",
    )
    assert Session.objects.filter(session_key="still-valid").exists()


@pytest.mark.django_db(transaction=True)
def test_a_worker_runs_a_task_through_the_embedded_sqlite_broker(tmp_path, start_worker):
    run_task_through_a_real_worker(tmp_path, "sqlite://", start_worker)


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_worker_runs_a_task_through_redis(tmp_path, start_worker, broker_url):
    run_task_through_a_real_worker(tmp_path, broker_url, start_worker)

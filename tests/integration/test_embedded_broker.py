"""The embedded SQLite broker of `make run` (core/broker.py) with a real worker: a message
that cannot be read is logged and set aside, and the worker goes on with the next."""

import sqlite3
from datetime import timedelta

import pytest
from celery import Celery
from django.contrib.sessions.models import Session
from django.utils import timezone

from .conftest import wait_until

pytestmark = pytest.mark.django_db(transaction=True)

BROKEN = "cannot be read"


def test_a_truncated_and_a_non_json_message_are_logged_and_the_worker_goes_on(tmp_path, start_worker):
    path = tmp_path / "celery" / "broker.sqlite3"
    app = Celery("test-publisher", broker="sqlite://", broker_transport_options={"path": str(path)})
    # A real task message, published to a queue nobody reads, to cut in half.
    app.send_task("core.tasks.sessions_clear_expired", queue="held")
    broker = sqlite3.connect(path, isolation_level=None)
    (payload,) = broker.execute("SELECT payload FROM message WHERE queue = 'held'").fetchone()
    broker.execute("DELETE FROM message")
    broker.execute(
        "INSERT INTO message (queue, tag, payload) VALUES ('celery', 'half', ?), ('celery', 'text', ?)",
        (payload[: len(payload) // 2], "this is not JSON"),
    )
    now = timezone.now()
    Session.objects.create(session_key="expired-one", session_data="x", expire_date=now - timedelta(days=1))
    app.send_task("core.tasks.sessions_clear_expired")  # after the two broken ones
    app.close()

    worker = start_worker("broken", "sqlite://")
    wait_until(
        lambda: not Session.objects.filter(session_key="expired-one").exists(),
        message=f"the task after the broken messages to run (log: {worker.log_path})",
    )
    log = worker.log_path.read_text()
    assert log.count(BROKEN) == 2 and "this is not JSON" in log
    assert worker.poll() is None and "Unrecoverable error" not in log
    # Set aside for a person to look at, not lost, and no longer in the queue.
    aside = broker.execute("SELECT payload FROM broken_message ORDER BY id").fetchall()
    assert [row[0] for row in aside] == [payload[: len(payload) // 2], "this is not JSON"]
    # Every message taken and acknowledged (the task's, and the heartbeat of a starting worker).
    wait_until(
        lambda: broker.execute("SELECT count(*) FROM message WHERE queue = 'celery'").fetchone() == (0,),
        timeout=20,
        message="the queue to be empty",
    )


def test_a_message_a_killed_worker_held_is_taken_again_when_its_lease_runs_out(tmp_path):
    from kombu import Connection

    path = tmp_path / "broker.sqlite3"
    options = {"path": str(path), "visibility_timeout": 1}
    with Connection("sqlite://", transport_options=options) as first:
        queue = first.SimpleQueue("work")
        queue.put({"n": 1})
        held = queue.get(timeout=1)  # taken, never acknowledged: the worker "dies"
        assert held.payload == {"n": 1}
        with Connection("sqlite://", transport_options=options) as second:
            other = second.SimpleQueue("work")
            with pytest.raises(other.Empty):
                other.get(timeout=0.3)  # still held by the first
            again = other.get(timeout=3)
            assert again.payload == {"n": 1}
            again.ack()
            assert other.qsize() == 0
            other.close()
        queue.close()

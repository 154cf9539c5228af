"""The heartbeat with a real worker and beat on the embedded broker: /healthz and the
coordinators' banner follow the worker being stopped and started again, and the e-mail
queued meanwhile goes out once it is back."""

import pytest
from django.utils import timezone

from core.background import heartbeat_last
from core.email import outbox_enqueue
from core.models import OutboxMessage

from .conftest import kill_worker, wait_until

pytestmark = [pytest.mark.smtp, pytest.mark.django_db(transaction=True)]


def test_healthz_and_the_banner_follow_the_worker_stopping_and_starting_again(
    tmp_path, settings, start_worker, smtp_sink, coordinator_client, anonymous_client
):
    settings.KUMPPANI_HEARTBEAT_STALE_SECONDS = 4
    settings.CELERY_BROKER_URL = "sqlite://"  # /healthz checks the same broker as the worker
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {"path": str(tmp_path / "celery" / "broker.sqlite3")}

    def health() -> int:
        return anonymous_client.get("/healthz").status_code

    def banner() -> str:
        return " ".join(coordinator_client.get("/background/").content.decode().split())

    worker = start_worker("beating", "sqlite://", smtp_sink.port, beat=True)
    wait_until(lambda: health() == 200, timeout=60, message=f"a fresh heartbeat ({worker.log_path})")
    assert "alert" not in banner()

    kill_worker(worker)
    wait_until(lambda: health() == 503, timeout=30, message="/healthz to notice")
    assert anonymous_client.get("/healthz").json()["heartbeat"]["status"] == "stale"
    message = outbox_enqueue(
        key="while-down",
        kind="test",
        template="deadline-reminders",
        context={"teacher": {"first_name": "Tiina", "username": "tiina"}, "items": []},
        to_email="tiina@opisto.example",
    )
    since = timezone.localtime(heartbeat_last()).strftime("%H:%M")
    assert f"Background work has not been running since {since}: 1 e-mail and 0 imports waiting." in banner()

    start_worker("beating-again", "sqlite://", smtp_sink.port, beat=True)
    wait_until(lambda: health() == 200, timeout=60, message="a fresh heartbeat again")
    assert "alert" not in banner()
    wait_until(
        lambda: OutboxMessage.objects.get(pk=message.pk).status == "sent",
        timeout=60,
        message="the e-mail queued while the worker was down to go out",
    )
    assert [d["message_id"] for d in smtp_sink.deliveries()] == [message.message_id]

"""The soak of every broker Kumppani runs on: the embedded SQLite broker of `make run`,
Redis and RabbitMQ. A real worker with its beat (firing every second), three processes
publishing 300 tasks each at the same moment, then 30 e-mails queued through the web path:
within a minute every task ran, every e-mail reached the SMTP server once, and the worker is
still alive. The drain figure of each broker is printed (`-s` shows it)."""

import re
import subprocess
import sys
import time
from collections import Counter

import pytest
from django.contrib.auth.models import Group

from core.drain import published, start_publishers
from core.models import OutboxMessage, Role

from ..factories import ContactPersonFactory, UserFactory
from .conftest import ROOT, service_env, wait_until

pytestmark = [pytest.mark.smtp, pytest.mark.django_db(transaction=True)]

PUBLISHERS = 3
TASKS_EACH = 300
EMAILS = 30
SUCCEEDED = re.compile(r"core\.tasks\.outbox_dispatch\[([0-9a-f-]+)\] succeeded")


def soak(tmp_path, broker: str, start_worker, smtp_sink) -> None:
    teacher = UserFactory(username="soak", email="soak@opisto.example")
    teacher.groups.add(Group.objects.get(name=Role.TEACHER))
    person = ContactPersonFactory(language="fi")
    worker = start_worker("soak", broker, smtp_sink.port, beat=True, pool="prefork", concurrency=2)
    wait_until(lambda: "ready." in worker.log_path.read_text(), message=f"the worker ({worker.log_path})")
    env = service_env(tmp_path, broker, smtp_sink.port)

    outs = start_publishers(env, tmp_path, publishers=PUBLISHERS, per_publisher=TASKS_EACH)
    first, ids = published(outs)
    web_share_args = [str(n) for n in (teacher.pk, person.employer_id, person.pk, EMAILS)]
    subprocess.run(
        [sys.executable, str(ROOT / "tests/integration/web_share.py"), *web_share_args],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=60,
    )

    def ran() -> set[str]:
        return set(SUCCEEDED.findall(worker.log_path.read_text()))

    remaining = 60 - (time.time() - first)
    wait_until(lambda: ran() >= set(ids), timeout=remaining, message=f"every task ({worker.log_path})")
    drained = time.time() - first
    sent = set(OutboxMessage.objects.filter(kind="brochure-share").values_list("message_id", flat=True))
    assert len(sent) == EMAILS
    wait_until(
        lambda: {d["message_id"] for d in smtp_sink.deliveries()} >= sent,
        timeout=max(60 - (time.time() - first), 1),
        message="every e-mail at the SMTP server",
    )
    name = broker.split(":")[0]
    print(f"\n{name}: {len(ids)} tasks from {PUBLISHERS} publishers drained in {drained:.1f} s")
    time.sleep(2)  # room for a duplicate to arrive
    assert Counter(d["message_id"] for d in smtp_sink.deliveries()) == Counter(sent)
    assert worker.poll() is None, "the worker died"
    assert "Unrecoverable error" not in worker.log_path.read_text()


def test_the_embedded_broker_survives_the_soak(tmp_path, start_worker, smtp_sink):
    soak(tmp_path, "sqlite://", start_worker, smtp_sink)


@pytest.mark.redis
def test_redis_survives_the_soak(tmp_path, start_worker, smtp_sink, broker_url):
    soak(tmp_path, broker_url, start_worker, smtp_sink)


@pytest.mark.rabbitmq
def test_rabbitmq_survives_the_soak(tmp_path, start_worker, smtp_sink, rabbitmq_url):
    soak(tmp_path, rabbitmq_url, start_worker, smtp_sink)

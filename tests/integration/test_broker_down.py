"""With the broker stopped, pages that queue e-mail still answer, and the e-mail goes out
once the broker is back (the outbox row is the promise)."""

import json
import subprocess
import sys
import time

import pytest
from django.contrib.auth.models import Group

from core.models import OutboxMessage

from ..factories import EmployerFactory, UserFactory
from .conftest import ROOT, service_env, wait_until

pytestmark = [pytest.mark.redis, pytest.mark.smtp, pytest.mark.django_db(transaction=True)]

WEB_REQUESTS = """
import json, time, django
django.setup()
from django.test import Client
from core.models import User
client = Client()
client.force_login(User.objects.get(username="tiina"))
timings = {}
start = time.monotonic()
data = {"date": "%(today)s", "channel": "phone", "summary": "Soitto"}
response = client.post("/employers/%(employer)d/contacts/", data)
timings["contact"] = (response.status_code, time.monotonic() - start)
client.logout()
start = time.monotonic()
response = client.post("/accounts/password-reset/", {"email": "tiina@opisto.example"})
timings["password_reset"] = (response.status_code, time.monotonic() - start)
print(json.dumps(timings))
"""


def test_pages_answer_with_the_broker_down_and_the_mail_goes_out_when_it_is_back(
    tmp_path, own_redis, smtp_sink, start_worker
):
    from django.utils import timezone

    teacher = UserFactory(username="tiina", email="tiina@opisto.example")
    teacher.groups.add(Group.objects.get(name="Teacher"))
    employer = EmployerFactory()
    own_redis.stop()

    env = service_env(tmp_path, own_redis.url, smtp_sink.port)
    env["ALLOWED_HOSTS"] = "testserver"
    script = WEB_REQUESTS % {"employer": employer.pk, "today": timezone.localdate().isoformat()}
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr[-3000:]
    timings = json.loads(result.stdout.strip().splitlines()[-1])
    assert timings["contact"][0] == 302 and timings["contact"][1] < 10
    assert timings["password_reset"][0] == 302 and timings["password_reset"][1] < 10
    assert time.monotonic() - started < 30
    message = OutboxMessage.objects.get(kind="password-reset")
    assert message.status == "pending"
    assert smtp_sink.deliveries() == []

    own_redis.start()  # the broker is back, on the same address
    start_worker("after-outage", own_redis.url, smtp_sink.port, beat=True)
    wait_until(lambda: OutboxMessage.objects.get(pk=message.pk).status == "sent", message="the queued e-mail")
    assert [d["to"] for d in smtp_sink.deliveries()] == [["tiina@opisto.example"]]

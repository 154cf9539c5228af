"""Whether background work runs: the heartbeat, the banner and /healthz (core/background.py).
tests/integration/test_heartbeat.py does the same with a real worker stopped and started."""

import datetime
import re

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.background import QUEUED_SESSION_KEY, heartbeat_last, heartbeat_stamp
from core.models import Heartbeat, OutboxMessage, Role
from imports.models import ImportJob

from ..factories import UserFactory

pytestmark = pytest.mark.django_db

HELSINKI_NOON = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC)  # 12:00 in Helsinki


def stamp(minutes_ago: float) -> None:
    Heartbeat.objects.update_or_create(
        name="worker", defaults={"beat_at": timezone.now() - datetime.timedelta(minutes=minutes_ago)}
    )


def waiting_work() -> None:
    for n in range(2):
        OutboxMessage.objects.create(key=f"w:{n}", kind="t", to_email="x@example.fi", subject="s")
    OutboxMessage.objects.create(key="done", kind="t", to_email="x@example.fi", status="sent")
    ImportJob.objects.create(kind="employers", original_name="a.xlsx", status="running")
    ImportJob.objects.create(kind="employers", original_name="b.xlsx", status="done")


def banner(client) -> str:
    return client.get(reverse("core:background_status")).content.decode()


def test_the_heartbeat_task_stamps_one_row_each_time():
    heartbeat_stamp()
    first = heartbeat_last()
    heartbeat_stamp()
    assert Heartbeat.objects.count() == 1 and heartbeat_last() >= first


@time_machine.travel(HELSINKI_NOON, tick=False)
def test_coordinators_see_since_when_background_work_stalled_and_what_waits(coordinator_client):
    stamp(minutes_ago=4)  # 11:56 Helsinki time, older than the 180 s limit
    waiting_work()
    text = " ".join(banner(coordinator_client).split())
    assert "Background work has not been running since 11:56: 2 e-mails and 1 import waiting." in text
    assert 'hx-trigger="every 30s"' in text


def test_the_banner_is_in_finnish_as_the_issue_words_it(coordinator):
    stamp(minutes_ago=10)
    waiting_work()
    client = Client()  # no language preference: Finnish, the default
    client.force_login(coordinator)
    text = " ".join(banner(client).split())
    since = timezone.localtime(heartbeat_last()).strftime("%H:%M")
    assert f"Taustatyöt eivät ole käynnissä klo {since} jälkeen: 2 sähköpostia ja 1 tuonti odottaa." in text


def test_a_fresh_heartbeat_shows_no_banner(coordinator_client):
    stamp(minutes_ago=1)
    waiting_work()
    assert "alert" not in banner(coordinator_client)


def test_the_limit_is_a_setting(coordinator_client, settings):
    stamp(minutes_ago=1)
    settings.KUMPPANI_HEARTBEAT_STALE_SECONDS = 30
    assert "Background work has not been running since" in banner(coordinator_client)


def test_without_any_heartbeat_the_banner_says_background_work_has_not_started(coordinator_client):
    assert "Background work has not started: 0 e-mails and 0 imports waiting." in " ".join(
        banner(coordinator_client).split()
    )


def test_a_teacher_sees_the_banner_only_after_queueing_something(teacher, teacher_client):
    stamp(minutes_ago=10)
    home = teacher_client.get(reverse("partnerships:home")).content.decode()
    assert reverse("core:background_status") not in home
    assert "alert" not in banner(teacher_client)
    session = teacher_client.session
    session[QUEUED_SESSION_KEY] = int(timezone.now().timestamp())
    session.save()
    assert (
        reverse("core:background_status") in teacher_client.get(reverse("partnerships:home")).content.decode()
    )
    assert "Background work has not been running since" in banner(teacher_client)


def test_coordinators_pages_load_the_banner_after_the_page(coordinator_client):
    page = coordinator_client.get(reverse("partnerships:home")).content.decode()
    assert re.search(r'hx-get="/background/"\s+hx-trigger="load"', page)


def test_healthz_answers_200_with_each_check_when_all_is_well(anonymous_client):
    stamp(minutes_ago=1)
    response = anonymous_client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == body["cache"] == body["broker"] == "ok"
    assert body["heartbeat"]["status"] == "ok" and 55 <= body["heartbeat"]["age_seconds"] <= 70
    assert "Set-Cookie" not in response and response["Cache-Control"] == "no-store"


def test_healthz_answers_503_when_the_heartbeat_is_stale_or_missing(anonymous_client):
    assert anonymous_client.get("/healthz").json()["heartbeat"] == {
        "status": "stale",
        "age_seconds": None,
        "stale_after_seconds": 180,
    }
    stamp(minutes_ago=5)
    response = anonymous_client.get("/healthz")
    assert response.status_code == 503 and response.json()["status"] == "failing"


def test_healthz_says_which_service_fails(anonymous_client, settings):
    stamp(minutes_ago=1)
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = anonymous_client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"].startswith("error: ") and response.json()["database"] == "ok"


def test_healthz_shows_no_personal_data(anonymous_client):
    user = UserFactory(username="salainen", email="salainen@opisto.example")
    user.groups.add(Group.objects.get(name=Role.COORDINATOR))
    waiting_work()
    body = anonymous_client.get("/healthz").content.decode()
    assert "salainen" not in body and "@" not in body


def test_healthz_is_not_redirected_to_https_for_a_load_balancer(settings):
    settings.SECURE_SSL_REDIRECT = True
    client = Client()
    assert client.get("/healthz").status_code in (200, 503)
    assert client.get(reverse("login")).status_code == 301

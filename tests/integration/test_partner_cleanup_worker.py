"""A real Celery worker runs the nightly sweep of the partners' spent sign-in links and
sessions, as the beat asks it to (no eager mode)."""

import datetime
import subprocess
import sys

import pytest
from django.utils import timezone

from partners.models import PartnerSession, PartnerSignInLink
from partners.models.sessions import digest, new_secret

from .conftest import ROOT, service_env, wait_until


def spent_and_current(now) -> tuple[PartnerSignInLink, PartnerSession, PartnerSession]:
    old = now - datetime.timedelta(days=40)
    spent_link = PartnerSignInLink.objects.create(
        email="ville@konepaja.example",
        token_hash=digest(new_secret()),
        created_at=old,
        expires_at=old + datetime.timedelta(minutes=15),
    )
    spent_session = PartnerSession.objects.create(
        key_hash=digest(new_secret()),
        email="ville@konepaja.example",
        created_at=old,
        expires_at=old + datetime.timedelta(hours=8),
    )
    current = PartnerSession.objects.create(
        key_hash=digest(new_secret()),
        email="ville@konepaja.example",
        created_at=now,
        expires_at=now + datetime.timedelta(hours=8),
    )
    return spent_link, spent_session, current


def sweep_through_a_real_worker(tmp_path, broker: str, start_worker) -> None:
    spent_link, spent_session, current = spent_and_current(timezone.now())
    worker = start_worker("partners", broker)
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from config.celery import app; "
            "app.send_task('partners.tasks.partner_sign_in_cleanup')",
        ],
        cwd=ROOT,
        env=service_env(tmp_path, broker),
        check=True,
        timeout=60,
    )
    wait_until(
        lambda: not PartnerSession.objects.filter(pk=spent_session.pk).exists(),
        message=f"the worker to run the sweep (log: {worker.log_path})",
    )
    assert not PartnerSignInLink.objects.filter(pk=spent_link.pk).exists()
    assert PartnerSession.objects.filter(pk=current.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_a_worker_sweeps_spent_partner_sign_ins_through_the_embedded_broker(tmp_path, start_worker):
    sweep_through_a_real_worker(tmp_path, "sqlite://", start_worker)


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_worker_sweeps_spent_partner_sign_ins_through_redis(tmp_path, start_worker, broker_url):
    sweep_through_a_real_worker(tmp_path, broker_url, start_worker)

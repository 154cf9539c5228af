"""The import's progress page while it waits for a worker, and once a worker has it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from imports import services
from imports.models import ImportJob

pytestmark = pytest.mark.django_db


def test_an_import_no_worker_picked_up_in_30_seconds_says_so_instead_of_0_percent(coordinator_client):
    job = ImportJob.objects.create(
        kind="employers",
        original_name="a.xlsx",
        status="running",
        queued_at=timezone.now() - datetime.timedelta(seconds=10),
    )
    url = reverse("imports:import_progress", args=[job.pk])
    html = " ".join(coordinator_client.get(url).content.decode().split())
    assert "Queued: a worker starts on it in a moment." in html and "0 %" not in html
    ImportJob.objects.filter(pk=job.pk).update(queued_at=timezone.now() - datetime.timedelta(seconds=31))
    html = " ".join(coordinator_client.get(url).content.decode().split())
    assert "No worker has started this import in 30 seconds" in html and "0 %" not in html
    assert 'hx-trigger="every 1s"' in html  # it flips by itself when a worker starts
    ImportJob.objects.filter(pk=job.pk).update(picked_up_at=timezone.now())
    html = coordinator_client.get(url).content.decode()
    assert "0 %" in html and "No worker has started" not in html


def test_a_worker_starting_an_import_records_that_it_picked_it_up(coordinator):
    job = ImportJob.objects.create(
        kind="employers", original_name="a.xlsx", status="ready", headers=["Nimi"], created_by=coordinator
    )
    job.store_rows([])
    services.import_start(job=job, by=coordinator)
    job.refresh_from_db()
    assert job.queued_at is not None and job.picked_up_at is None and job.waiting_for_worker
    services.import_run(job.pk)
    job.refresh_from_db()
    assert job.picked_up_at is not None and not job.waiting_for_worker

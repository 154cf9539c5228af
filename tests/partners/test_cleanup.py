"""The nightly sweep of spent sign-in links and ended partner sessions: what goes, what stays,
in bounded batches with a fixed number of queries, and its beat entry."""

import datetime

import pytest
from django.utils import timezone

from config.celery import app as celery_app
from partners import tasks
from partners.models import PartnerSession, PartnerSignInLink
from partners.models.sessions import digest, new_secret
from partners.services import cleanup

DAY = datetime.timedelta(days=1)


def link(*, created, used=None, minutes=15) -> PartnerSignInLink:
    return PartnerSignInLink.objects.create(
        email="ville@konepaja.example",
        token_hash=digest(new_secret()),
        created_at=created,
        expires_at=created + datetime.timedelta(minutes=minutes),
        used_at=used,
    )


def session(*, created, ended=None) -> PartnerSession:
    return PartnerSession.objects.create(
        key_hash=digest(new_secret()),
        email="ville@konepaja.example",
        created_at=created,
        expires_at=created + datetime.timedelta(hours=8),
        ended_at=ended,
    )


@pytest.mark.django_db
def test_only_links_and_sessions_spent_more_than_30_days_ago_go():
    now = timezone.now()
    old = now - 31 * DAY
    recent = now - 29 * DAY
    gone = [
        link(created=old),  # expired unused
        link(created=old, used=old + datetime.timedelta(minutes=1)),
        session(created=old),  # ran out
        session(created=old, ended=old + datetime.timedelta(hours=1)),
    ]
    kept = [
        link(created=recent),
        link(created=recent, used=recent),
        link(created=now),  # still valid
        session(created=recent, ended=recent + datetime.timedelta(hours=1)),
        session(created=now),  # current
    ]
    assert cleanup.partner_sign_in_cleanup(now=now) == {"links": 2, "sessions": 2}
    for row in gone:
        assert not type(row).objects.filter(pk=row.pk).exists()
    for row in kept:
        assert type(row).objects.filter(pk=row.pk).exists()
    assert cleanup.partner_sign_in_cleanup(now=now) == {"links": 0, "sessions": 0}  # safe to run twice


@pytest.mark.django_db
def test_a_link_used_recently_stays_even_if_it_was_made_long_ago():
    now = timezone.now()
    # Made 40 days ago with a long expiry cannot happen in practice; the used time decides.
    kept = link(created=now - 40 * DAY, used=now - 10 * DAY, minutes=60 * 24 * 35)
    assert cleanup.partner_sign_in_cleanup(now=now) == {"links": 0, "sessions": 0}
    assert PartnerSignInLink.objects.filter(pk=kept.pk).exists()


@pytest.mark.django_db
def test_the_sweep_takes_one_query_per_batch_whatever_the_backlog(django_assert_num_queries):
    now = timezone.now()
    for _ in range(60):
        link(created=now - 40 * DAY)
        session(created=now - 40 * DAY)
    # One DELETE for each table: the backlog fits in one batch.
    with django_assert_num_queries(2):
        assert cleanup.partner_sign_in_cleanup(now=now) == {"links": 60, "sessions": 60}


@pytest.mark.django_db
def test_a_backlog_is_worked_off_in_bounded_batches_over_several_runs(monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(cleanup, "BATCH", 4)
    monkeypatch.setattr(cleanup, "MAX_BATCHES", 2)
    now = timezone.now()
    for _ in range(11):
        link(created=now - 40 * DAY)
    # Two batches of four links at most, and one query for the (empty) sessions.
    with django_assert_num_queries(3):
        assert cleanup.partner_sign_in_cleanup(now=now) == {"links": 8, "sessions": 0}
    assert PartnerSignInLink.objects.count() == 3
    with django_assert_num_queries(2):
        assert cleanup.partner_sign_in_cleanup(now=now) == {"links": 3, "sessions": 0}
    assert not PartnerSignInLink.objects.exists()


@pytest.mark.django_db
def test_the_task_runs_the_sweep():
    link(created=timezone.now() - 40 * DAY)
    assert tasks.partner_sign_in_cleanup() == {"links": 1, "sessions": 0}


def test_the_sweep_is_scheduled_every_night():
    entry = celery_app.conf.beat_schedule["partner-sign-in-cleanup"]
    assert entry["task"] == tasks.partner_sign_in_cleanup.name == "partners.tasks.partner_sign_in_cleanup"
    assert entry["schedule"].hour == {3}

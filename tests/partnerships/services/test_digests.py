import datetime
import zoneinfo

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from core.models import OutboxMessage
from partnerships.models import DigestSchedule, ThankYou, Weekday
from partnerships.services.digests import (
    coordinator_digests_build,
    coordinator_digests_send,
    digest_schedule_save,
    next_digest_day,
    scheduled_sweeps_run,
    upkeep_digests_build,
    upkeep_digests_send,
)

from ...factories import ContactFactory, EmployerFactory, UserFactory, training_agreement


@pytest.fixture
def owners(teacher, other_teacher):
    teacher.email, other_teacher.email = "tiina@opisto.example", "olli@opisto.example"
    teacher.save()
    other_teacher.save()
    today = timezone.localdate()
    quiet = EmployerFactory(name="Hiljainen Oy", account_owner=teacher)
    ContactFactory(employer=quiet, author=teacher, date=today - datetime.timedelta(days=120))
    EmployerFactory(name="Koskematon Oy", account_owner=teacher)
    busy = EmployerFactory(name="Vilkas Oy", account_owner=other_teacher)
    ContactFactory(employer=busy, author=other_teacher, date=today - datetime.timedelta(days=5))
    return teacher, other_teacher


def test_each_account_owner_gets_one_weekly_digest_of_their_quiet_employers(
    owners, django_capture_on_commit_callbacks
):
    teacher, _other = owners
    with django_capture_on_commit_callbacks():
        assert upkeep_digests_send() == 1
        assert upkeep_digests_send() == 0  # once a week
    message = OutboxMessage.objects.get()
    assert message.to_email == teacher.email
    assert "Hiljainen Oy" in message.body_text and "Koskematon Oy" in message.body_text
    assert "Vilkas Oy" not in message.body_text
    assert "#contact-form" in message.body_text  # opens the log-a-contact form


def test_coordinators_get_the_attention_list(owners, django_capture_on_commit_callbacks):
    coordinator = UserFactory(username="kaisa", email="kaisa@opisto.example")
    coordinator.groups.add(Group.objects.get(name="Coordinator"))
    with django_capture_on_commit_callbacks():
        assert coordinator_digests_send() == 1
    message = OutboxMessage.objects.get()
    assert message.to_email == "kaisa@opisto.example"
    assert "Hiljainen Oy" in message.body_text and "Vilkas Oy" not in message.body_text


# The schedule: the hourly beat task runs the digests only in the coordinator's slot, once.

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")


def _at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=HELSINKI)


@pytest.fixture
def coordinator_with_email(db):
    coordinator = UserFactory(username="kaisa", email="kaisa@opisto.example")
    coordinator.groups.add(Group.objects.get(name="Coordinator"))
    return coordinator


def test_the_sweep_runs_the_digests_in_their_slot_only_once_however_often_it_runs(
    owners, coordinator_with_email, django_capture_on_commit_callbacks
):
    schedule = DigestSchedule.current()
    schedule.digest_weekday, schedule.digest_hour = Weekday.WEDNESDAY, 10
    schedule.save()
    with django_capture_on_commit_callbacks():
        # Wednesday 2 December 2026, 10:00 and again 10:59 (a second beat, a retried task).
        assert scheduled_sweeps_run(now=_at(2026, 12, 2, 10, 0)) == {"upkeep": 1, "coordinator": 1}
        assert scheduled_sweeps_run(now=_at(2026, 12, 2, 10, 59)) == {}
    assert OutboxMessage.objects.filter(kind="upkeep-digest").count() == 1
    assert OutboxMessage.objects.filter(kind="coordinator-digest").count() == 1
    schedule.refresh_from_db()
    assert schedule.digests_last_slot == _at(2026, 12, 2, 10, 0)


def test_the_sweep_does_nothing_outside_the_weekday_and_hour(owners, django_capture_on_commit_callbacks):
    schedule = DigestSchedule.current()
    schedule.digest_weekday, schedule.digest_hour, schedule.thanks_hour = Weekday.WEDNESDAY, 10, 9
    schedule.save()
    with django_capture_on_commit_callbacks():
        assert scheduled_sweeps_run(now=_at(2026, 12, 2, 11, 0)) == {}  # the right day, an hour late
        assert scheduled_sweeps_run(now=_at(2026, 12, 3, 10, 0)) == {}  # the right hour, a day late
    assert not OutboxMessage.objects.exists()
    schedule.refresh_from_db()
    assert schedule.digests_last_slot is None and schedule.thanks_last_slot is None


def test_a_slot_already_claimed_by_a_later_run_is_not_claimed_again(
    owners, django_capture_on_commit_callbacks
):
    """Two beats, one slow: the run of an earlier slot arriving after a later one does nothing."""
    schedule = DigestSchedule.current()
    schedule.digest_weekday, schedule.digest_hour = Weekday.WEDNESDAY, 10
    schedule.digests_last_slot = _at(2026, 12, 9, 10, 0)
    schedule.save()
    with django_capture_on_commit_callbacks():
        assert scheduled_sweeps_run(now=_at(2026, 12, 2, 10, 30)) == {}
    assert not OutboxMessage.objects.exists()


def test_the_next_week_runs_again(owners, django_capture_on_commit_callbacks):
    schedule = DigestSchedule.current()
    schedule.digest_weekday, schedule.digest_hour = Weekday.WEDNESDAY, 10
    schedule.save()
    with django_capture_on_commit_callbacks():
        assert scheduled_sweeps_run(now=_at(2026, 12, 2, 10, 5))["upkeep"] == 1
        assert scheduled_sweeps_run(now=_at(2026, 12, 9, 10, 5))["upkeep"] == 1
    assert OutboxMessage.objects.filter(kind="upkeep-digest").count() == 2


def test_the_thanks_run_daily_at_their_hour_once(teacher, django_capture_on_commit_callbacks):
    schedule = DigestSchedule.current()
    schedule.thanks_hour = 14
    schedule.save()
    today = datetime.date(2026, 12, 2)
    training_agreement(
        teacher=teacher,
        start=today - datetime.timedelta(days=60),
        end=today - datetime.timedelta(days=2),
        signed=True,
    )
    with django_capture_on_commit_callbacks():
        assert scheduled_sweeps_run(now=_at(2026, 12, 2, 14, 0)) == {"thanks": 1}
        assert scheduled_sweeps_run(now=_at(2026, 12, 2, 14, 30)) == {}
        assert scheduled_sweeps_run(now=_at(2026, 12, 3, 14, 0)) == {"thanks": 0}
    assert ThankYou.objects.count() == 1


def test_a_failed_run_leaves_its_slot_to_the_retry(owners, monkeypatch):
    """The claim and the queued messages commit together: an error rolls back the claim."""
    schedule = DigestSchedule.current()
    schedule.digest_weekday, schedule.digest_hour = Weekday.WEDNESDAY, 10
    schedule.save()

    def broken(today=None):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("partnerships.services.digests.coordinator_digests_send", broken)
    with pytest.raises(RuntimeError):
        scheduled_sweeps_run(now=_at(2026, 12, 2, 10, 0))
    schedule.refresh_from_db()
    assert schedule.digests_last_slot is None
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (_at(2026, 11, 30, 6, 59), datetime.date(2026, 11, 30)),  # Monday before seven: today
        (_at(2026, 11, 30, 7, 30), datetime.date(2026, 11, 30)),  # in the hour, not run yet: today
        (_at(2026, 11, 30, 8, 0), datetime.date(2026, 12, 7)),  # after the hour: next Monday
        (_at(2026, 12, 2, 10, 0), datetime.date(2026, 12, 7)),  # Wednesday: the coming Monday
        (_at(2026, 12, 6, 23, 0), datetime.date(2026, 12, 7)),  # Sunday night: tomorrow
    ],
)
def test_the_next_digest_day_is_the_coming_slot(db, now, expected):
    assert next_digest_day(DigestSchedule.current(), now=now) == expected


def test_the_next_digest_day_skips_a_slot_that_already_ran(db):
    schedule = DigestSchedule.current()
    schedule.digests_last_slot = _at(2026, 11, 30, 7, 0)
    assert next_digest_day(schedule, now=_at(2026, 11, 30, 7, 30)) == datetime.date(2026, 12, 7)


def test_the_build_gives_exactly_what_the_send_queues(
    owners, coordinator_with_email, django_capture_on_commit_callbacks
):
    built = upkeep_digests_build() + coordinator_digests_build()
    with django_capture_on_commit_callbacks():
        upkeep_digests_send()
        coordinator_digests_send()
    queued = {m.key: (m.subject, m.body_text, m.body_html, m.to_email) for m in OutboxMessage.objects.all()}
    assert queued == {m["key"]: (m["subject"], m["body_text"], m["body_html"], m["to_email"]) for m in built}
    assert len(built) == 2


def test_only_a_coordinator_changes_the_schedule(db, teacher, coordinator):
    schedule = DigestSchedule.current()
    schedule.digest_hour = 12
    with pytest.raises(PermissionDenied):
        digest_schedule_save(by=teacher, schedule=schedule)
    assert DigestSchedule.current().digest_hour == 7
    digest_schedule_save(by=coordinator, schedule=schedule)
    saved = DigestSchedule.current()
    assert saved.digest_hour == 12
    assert saved.history.first().history_user == coordinator


def test_the_digests_name_each_levels_interval_not_the_default_days(
    teacher, coordinator, django_capture_on_commit_callbacks
):
    """An employer is quiet by its own level's interval, so the text names no number of days."""
    from django.conf import settings

    from checkpoints.models import PartnershipLevel
    from partnerships.models import LevelRecord

    teacher.email, coordinator.email = "tiina@opisto.example", "kaisa@opisto.example"
    teacher.save()
    coordinator.save()
    today = timezone.localdate()
    level = PartnershipLevel.objects.filter(cross_cutting=False).order_by("order").first()
    level.contact_interval_days = 30
    level.save()
    close = EmployerFactory(name="Tiivis Oy", account_owner=teacher)
    ContactFactory(employer=close, author=teacher, date=today - datetime.timedelta(days=45))
    LevelRecord.objects.create(employer=close, level=level, date=today, recorded_by=coordinator)
    with django_capture_on_commit_callbacks():
        upkeep_digests_send()
        coordinator_digests_send()
    days = str(settings.KUMPPANI_DEFAULT_CONTACT_INTERVAL_DAYS)
    for message in OutboxMessage.objects.all():
        assert "Tiivis Oy" in message.body_text
        assert days not in message.body_text and "yhteydenpitov" in message.body_text  # Finnish: interval

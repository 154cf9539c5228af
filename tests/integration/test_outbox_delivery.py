"""Each message goes out once and none is lost: real workers (killed with SIGKILL), the
machine's Redis as the broker, and a real SMTP server that counts what it accepts."""

import datetime
import time
from collections import Counter

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from core.email import outbox_enqueue
from core.models import OutboxMessage

from ..factories import UserFactory, training_agreement
from .conftest import kill_worker, wait_until

pytestmark = [pytest.mark.redis, pytest.mark.smtp, pytest.mark.django_db(transaction=True)]

SEND = "core.tasks.outbox_send"


def queue(key: str = "test:1", to: str = "tiina@opisto.example") -> OutboxMessage:
    message = outbox_enqueue(
        key=key,
        kind="test",
        template="deadline-reminders",
        context={"teacher": {"first_name": "Tiina", "username": "tiina"}, "items": []},
        to_email=to,
    )
    assert message is not None
    return message


def status(message: OutboxMessage) -> str:
    return OutboxMessage.objects.values_list("status", flat=True).get(pk=message.pk)


def test_the_same_message_handed_to_two_workers_ten_times_goes_out_once(
    smtp_sink, broker_url, start_worker, publisher
):
    message = queue()
    start_worker("w1", broker_url, smtp_sink.port)
    start_worker("w2", broker_url, smtp_sink.port)
    for _ in range(10):
        publisher(SEND, message.pk)
    wait_until(lambda: status(message) == "sent", message="the message to be sent")
    time.sleep(3)  # give any duplicate time to arrive
    assert [d["message_id"] for d in smtp_sink.deliveries()] == [message.message_id]


def test_two_workers_running_the_reminder_sweep_at_once_send_each_digest_once(
    smtp_sink, broker_url, start_worker, publisher
):
    today = timezone.localdate()
    teachers = []
    for i in range(3):
        teacher = UserFactory(username=f"t{i}", email=f"t{i}@opisto.example")
        teacher.groups.add(Group.objects.get(name="Teacher"))
        training_agreement(
            teacher=teacher, start=today + datetime.timedelta(days=3), end=today + datetime.timedelta(days=60)
        )
        teachers.append(teacher)
    start_worker("w1", broker_url, smtp_sink.port)
    start_worker("w2", broker_url, smtp_sink.port)
    publisher("partnerships.tasks.deadline_reminders_send")
    publisher("partnerships.tasks.deadline_reminders_send")
    wait_until(lambda: len(smtp_sink.deliveries()) >= 3, message="three digests")
    time.sleep(3)
    recipients = Counter(to for d in smtp_sink.deliveries() for to in d["to"])
    assert recipients == Counter({f"t{i}@opisto.example": 1 for i in range(3)})
    # The digests were queued as data and rendered by the worker that sent them.
    for delivery in smtp_sink.deliveries():
        assert delivery["subject"] == "Kumppani: 2 määräaikaa lähestyy"
        assert "Työpaikkaohjaajaa ei ole perehdytetty" in delivery["text"]
    assert not OutboxMessage.objects.exclude(template="").exists()


def test_an_smtp_server_refusing_for_a_while_gets_the_message_once_it_accepts(
    smtp_sink, broker_url, start_worker, publisher
):
    smtp_sink.refuse(True)
    message = queue()
    start_worker("w1", broker_url, smtp_sink.port, beat=True)
    publisher(SEND, message.pk)
    wait_until(lambda: OutboxMessage.objects.get(pk=message.pk).attempts >= 2, message="two refused attempts")
    assert status(message) == "pending"
    smtp_sink.refuse(False)
    wait_until(lambda: status(message) == "sent", message="the retry to go through")
    time.sleep(2)
    assert len(smtp_sink.deliveries()) == 1


def test_a_worker_killed_before_it_sends_loses_nothing(smtp_sink, broker_url, start_worker, publisher):
    smtp_sink.stall(True)  # the SMTP server hangs: the worker is stuck before sending
    message = queue()
    doomed = start_worker("doomed", broker_url, smtp_sink.port)
    publisher(SEND, message.pk)
    wait_until(lambda: status(message) == "sending", message="the worker to claim the message")
    kill_worker(doomed)
    smtp_sink.stall(False)
    start_worker("survivor", broker_url, smtp_sink.port, beat=True)
    wait_until(lambda: status(message) == "sent", message="another worker to send it after the lease ran out")
    time.sleep(2)
    assert len(smtp_sink.deliveries()) == 1


def test_a_worker_killed_while_the_server_receives_sends_it_again_with_the_same_message_id(
    smtp_sink, broker_url, start_worker, publisher
):
    """At least once, not exactly once (README, "E-mail, reminders and feedback"): the server
    has the message, the worker dies before the answer; the copy carries the same Message-ID."""
    smtp_sink.hold(True)
    message = queue()
    doomed = start_worker("doomed", broker_url, smtp_sink.port)
    publisher(SEND, message.pk)
    wait_until(lambda: len(smtp_sink.deliveries()) == 1, message="the server to receive the message")
    kill_worker(doomed)
    smtp_sink.hold(False)
    assert status(message) == "sending"
    start_worker("survivor", broker_url, smtp_sink.port, beat=True)
    wait_until(lambda: status(message) == "sent", message="another worker to send it after the lease ran out")
    time.sleep(2)
    assert [d["message_id"] for d in smtp_sink.deliveries()] == [message.message_id] * 2


def test_a_worker_killed_after_recording_the_send_causes_no_repeat(
    smtp_sink, broker_url, start_worker, publisher
):
    message = queue()
    first = start_worker("first", broker_url, smtp_sink.port)
    publisher(SEND, message.pk)
    wait_until(lambda: status(message) == "sent", message="the send to be recorded")
    kill_worker(first)
    start_worker("second", broker_url, smtp_sink.port, beat=True)
    publisher(SEND, message.pk)  # a stray duplicate of the task, as a redelivery would be
    time.sleep(6)  # longer than the lease and several dispatch rounds
    assert len(smtp_sink.deliveries()) == 1


def test_the_hourly_sweep_run_twice_on_two_workers_in_its_slot_sends_each_weekly_digest_once(
    smtp_sink, broker_url, start_worker, publisher
):
    """The beat's hourly task, delivered twice (two beats, a redelivery) to two real workers in
    the slot the coordinator set: the conditional UPDATE lets one run; one digest each."""
    from partnerships.models import DigestSchedule

    from ..factories import EmployerFactory

    now = timezone.localtime()
    if now.minute == 59:  # the two runs must fall in one hour, the slot set below
        time.sleep(61 - now.second)
        now = timezone.localtime()
    schedule = DigestSchedule.current()
    schedule.digest_weekday, schedule.digest_hour = now.weekday(), now.hour
    schedule.thanks_hour = (now.hour + 12) % 24
    schedule.save()
    for i in range(3):
        owner = UserFactory(username=f"o{i}", email=f"o{i}@opisto.example")
        EmployerFactory(name=f"Hiljainen {i} Oy", account_owner=owner)
    start_worker("w1", broker_url, smtp_sink.port)
    start_worker("w2", broker_url, smtp_sink.port)
    publisher("partnerships.tasks.scheduled_sweeps_run")
    publisher("partnerships.tasks.scheduled_sweeps_run")
    wait_until(lambda: len(smtp_sink.deliveries()) >= 3, message="three digests")
    time.sleep(3)  # give any duplicate time to arrive
    recipients = Counter(to for d in smtp_sink.deliveries() for to in d["to"])
    assert recipients == Counter({f"o{i}@opisto.example": 1 for i in range(3)})
    schedule.refresh_from_db()
    assert schedule.digests_last_slot == now.replace(minute=0, second=0, microsecond=0)
    assert schedule.thanks_last_slot is None

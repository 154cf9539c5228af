"""The outbox: queued in the caller's transaction, claimed with a lease, sent once, retried
with back-off, given up on a permanent refusal or after 48 hours."""

import datetime
import smtplib

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django.utils import timezone

from core.email import outbox_deliver, outbox_due_ids, outbox_enqueue
from core.models import OutboxMessage


def enqueue(key="test:1", **extra):
    return outbox_enqueue(
        key=key,
        kind="test",
        template="deadline-reminders",
        context={"teacher": {"first_name": "Tiina", "username": "tiina"}, "items": []},
        to_email="tiina@example.fi",
        to_name="Tiina Opettaja",
        **extra,
    )


@pytest.mark.django_db
def test_a_message_is_queued_once_per_key():
    assert enqueue() is not None
    assert enqueue() is None
    assert OutboxMessage.objects.count() == 1


@pytest.mark.django_db
def test_a_message_queued_in_a_transaction_that_fails_is_not_queued():
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue()
        raise RuntimeError("the change that caused it failed")
    assert OutboxMessage.objects.count() == 0


@pytest.mark.django_db
def test_the_message_is_rendered_in_the_recipients_language():
    finnish = enqueue("test:fi", language="fi")
    swedish = enqueue("test:sv", language="sv")
    assert "Hei" in finnish.body_text
    assert "Hej" in swedish.body_text
    assert "<html" in swedish.body_html


@pytest.mark.django_db
def test_the_subject_and_text_body_arrive_as_typed_and_only_the_html_body_is_escaped():
    message = outbox_enqueue(
        key="thanks:1",
        kind="thanks",
        template="thanks",
        context={
            "institution": {"name": "Kone & Teräs Oy"},
            "person": {"first_name": "Siobhán"},
            "student": "Sean O'Brien",
            "note": "<script>alert('x')</script> & kiitos",
            "teacher": {"get_full_name": "Tiina Opettaja"},
            "opt_out": "https://kumppani.example/o/abc/?a=1&b=2",
        },
        to_email="siobhan@example.fi",
        language="en",
    )
    assert outbox_deliver(message.pk) == "sent"
    sent = mail.outbox[0]
    assert sent.subject == "Thank you from Kone & Teräs Oy"
    assert "Thank you for instructing Sean O'Brien at your workplace." in sent.body
    assert "<script>alert('x')</script> & kiitos" in sent.body
    assert "Kone & Teräs Oy" in sent.body and "?a=1&b=2" in sent.body
    assert "&amp;" not in sent.body and "&#x27;" not in sent.body
    html = sent.alternatives[0][0]
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; kiitos" in html
    assert "Sean O&#x27;Brien" in html and "Kone &amp; Teräs Oy" in html


@pytest.mark.django_db
def test_delivering_twice_sends_once_with_a_stable_message_id():
    message = enqueue()
    assert outbox_deliver(message.pk) == "sent"
    assert outbox_deliver(message.pk) == "not due or claimed elsewhere"
    assert len(mail.outbox) == 1
    message.refresh_from_db()
    assert message.status == "sent" and message.sent_at is not None
    assert mail.outbox[0].extra_headers["Message-ID"] == message.message_id
    assert mail.outbox[0].alternatives[0][1] == "text/html"


@pytest.mark.django_db
def test_a_claimed_message_is_not_claimed_again_until_its_lease_expires(settings):
    message = enqueue()
    OutboxMessage.objects.filter(pk=message.pk).update(
        status="sending", lease_until=timezone.now() + datetime.timedelta(minutes=5)
    )
    assert outbox_deliver(message.pk) == "not due or claimed elsewhere"
    assert outbox_due_ids() == []
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=6)):
        assert outbox_due_ids() == [message.pk]
        assert outbox_deliver(message.pk) == "sent"


class FlakyBackend:
    """An e-mail backend that raises what it is given."""

    error: Exception | None = None

    def __init__(self, *args, **kwargs):
        """Takes Django's connection arguments and needs none of them."""

    def send_messages(self, messages):
        if FlakyBackend.error:
            raise FlakyBackend.error
        return len(messages)


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = f"{__name__}.FlakyBackend"
    yield FlakyBackend
    FlakyBackend.error = None


@pytest.mark.django_db
def test_a_temporary_smtp_failure_is_retried_with_backoff(flaky):
    flaky.error = smtplib.SMTPServerDisconnected("connection lost")
    message = enqueue()
    assert outbox_deliver(message.pk) == "failed"
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("pending", 1)
    assert message.next_attempt_at > timezone.now()
    assert outbox_due_ids() == []  # not before the back-off
    flaky.error = None
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
        assert outbox_due_ids() == [message.pk]
        assert outbox_deliver(message.pk) == "sent"


@pytest.mark.django_db
def test_a_permanent_refusal_is_marked_failed_at_once(flaky):
    flaky.error = smtplib.SMTPRecipientsRefused({"tiina@example.fi": (550, b"No such user")})
    message = enqueue()
    outbox_deliver(message.pk)
    message.refresh_from_db()
    assert message.status == "failed"
    assert "550" in message.last_error


@pytest.mark.django_db
def test_a_message_failing_for_48_hours_is_given_up(flaky):
    flaky.error = smtplib.SMTPConnectError(421, b"try later")
    message = enqueue()
    start = timezone.now()
    outbox_deliver(message.pk)
    with time_machine.travel(start + datetime.timedelta(hours=48, minutes=1)):
        outbox_deliver(message.pk)
    message.refresh_from_db()
    assert message.status == "failed"


@pytest.mark.django_db
def test_a_password_reset_goes_through_the_outbox_in_the_users_language(client):
    from django.contrib.auth.models import Group
    from django.urls import reverse

    from tests.factories import UserFactory

    user = UserFactory(username="anna", email="anna@opisto.example", language="sv")
    user.groups.add(Group.objects.get(name="Teacher"))
    response = client.post(reverse("password_reset"), {"email": "anna@opisto.example"})
    assert response.status_code == 302
    message = OutboxMessage.objects.get(kind="password-reset")
    assert message.to_email == "anna@opisto.example"
    assert outbox_deliver(message.pk) == "sent"
    assert "/accounts/reset/" in mail.outbox[0].body
    assert "Hej" in mail.outbox[0].body
    client.post(reverse("password_reset"), {"email": "nobody@opisto.example"})
    assert OutboxMessage.objects.count() == 1  # no hint whether an address exists


@pytest.mark.django_db
def test_a_failed_message_is_shown_to_its_teacher_who_can_send_it_again(
    teacher, teacher_client, other_teacher
):
    from django.urls import reverse

    failed = OutboxMessage.objects.create(
        key="x:1", kind="x", to_email="vanha@osoite.example", subject="Muistutus", body_text="b",
        status="failed", last_error="SMTPRecipientsRefused: 550", responsible=teacher,
    )  # fmt: skip
    OutboxMessage.objects.create(
        key="x:2", kind="x", to_email="toinen@osoite.example", subject="Toisen", body_text="b",
        status="failed", responsible=other_teacher,
    )  # fmt: skip
    html = teacher_client.get(reverse("partnerships:home")).content.decode()
    assert "vanha@osoite.example" in html and "toinen@osoite.example" not in html
    teacher_client.post(reverse("core:outbox_retry", args=[failed.pk]))
    failed.refresh_from_db()
    assert failed.status == "pending"


@pytest.mark.django_db
def test_retrying_someone_elses_failed_message_answers_like_an_unknown_one(
    teacher, other_teacher_client, coordinator_client
):
    from django.urls import reverse

    failed = OutboxMessage.objects.create(
        key="x:1", kind="x", to_email="vanha@osoite.example", subject="Muistutus", body_text="b",
        status="failed", responsible=teacher,
    )  # fmt: skip
    sent = OutboxMessage.objects.create(
        key="x:2", kind="x", to_email="a@osoite.example", subject="s", body_text="b", status="sent",
        responsible=teacher,
    )  # fmt: skip
    unknown = other_teacher_client.post(reverse("core:outbox_retry", args=[failed.pk + 1000]))
    others = other_teacher_client.post(reverse("core:outbox_retry", args=[failed.pk]))
    assert (unknown.status_code, others.status_code) == (404, 404)
    assert other_teacher_client.get(reverse("core:outbox_retry", args=[failed.pk])).status_code == 405
    # The coordinator sees every message on the outbox page: a sent one is refused with a reason.
    refused = coordinator_client.post(reverse("core:outbox_retry", args=[sent.pk]), follow=True)
    assert "cannot be sent again" in refused.content.decode()
    sent.refresh_from_db()
    assert sent.status == "sent"
    failed.refresh_from_db()
    assert failed.status == "failed"
    assert coordinator_client.post(reverse("core:outbox_retry", args=[failed.pk])).status_code == 302
    failed.refresh_from_db()
    assert failed.status == "pending"


def test_a_message_to_render_on_delivery_needs_a_registered_context():
    from core.email import outbox_message

    with pytest.raises(ValueError, match="renders_on_delivery"):
        outbox_message(key="x", kind="x", template="no-such", context={}, to_email="a@b.fi", on_delivery=True)
    row = outbox_message(
        key="x",
        kind="x",
        template="deadline-reminders",
        context={"items": []},
        to_email="a@b.fi",
        on_delivery=True,
    )
    assert (row["template"], row["context"], row["body_text"]) == ("deadline-reminders", {"items": []}, "")


class ReceivingBackend:
    """An SMTP server that receives each message and then fails as it is told: the answer
    lost on the way back, or the worker killed before it could record the acceptance."""

    received: list = []
    then: BaseException | None = None

    def __init__(self, *args, **kwargs):
        """Takes Django's connection arguments and needs none of them."""

    def send_messages(self, messages):
        ReceivingBackend.received.extend(messages)
        if ReceivingBackend.then is not None:
            raise ReceivingBackend.then
        return len(messages)


@pytest.fixture
def receiving(settings):
    settings.EMAIL_BACKEND = f"{__name__}.ReceivingBackend"
    ReceivingBackend.received = []
    yield ReceivingBackend
    ReceivingBackend.then = None


@pytest.mark.django_db
def test_a_message_received_before_the_connection_dropped_is_sent_again_with_the_same_message_id(receiving):
    receiving.then = smtplib.SMTPServerDisconnected("connection lost after DATA")
    message = enqueue()
    assert outbox_deliver(message.pk) == "failed"
    receiving.then = None
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
        assert outbox_deliver(message.pk) == "sent"
    # At least once: the server has two copies, which it can tell apart from other mail.
    ids = [copy.extra_headers["Message-ID"] for copy in receiving.received]
    assert ids == [message.message_id] * 2


@pytest.mark.django_db
def test_a_worker_killed_while_the_server_receives_sends_the_message_again_after_the_lease(
    receiving, settings
):
    receiving.then = SystemExit("worker killed")  # not an Exception: nothing is recorded
    message = enqueue()
    with pytest.raises(SystemExit):
        outbox_deliver(message.pk)
    message.refresh_from_db()
    assert message.status == "sending"
    receiving.then = None
    assert outbox_due_ids() == []  # the lease still holds
    lease = datetime.timedelta(seconds=settings.KUMPPANI_OUTBOX_LEASE_SECONDS + 1)
    with time_machine.travel(timezone.now() + lease):
        assert outbox_due_ids() == [message.pk]
        assert outbox_deliver(message.pk) == "sent"
    ids = [copy.extra_headers["Message-ID"] for copy in receiving.received]
    assert ids == [message.message_id] * 2
    message.refresh_from_db()
    assert message.status == "sent"


@pytest.mark.parametrize(
    ("template", "email_context"),  # not "context": pytest-playwright's fixture
    [
        ("feedback-reminder", {"link": "https://kumppani.example/f/x"}),
        ("deadline-reminders", {"items": [], "teacher": {"first_name": "Anna", "username": "anna"}}),
    ],
)
def test_an_e_mails_html_title_is_its_subject(db, template, email_context):
    import re

    from core.email import render_email

    subject, _text, html = render_email(template, email_context, language="sv")
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert subject and title == subject

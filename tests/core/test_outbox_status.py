"""Messages that tell the truth: a page says an e-mail is queued until its outbox row is
sent, and shows it going out (or failing) through a status partial that htmx polls."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import OutboxMessage
from partnerships import services
from partnerships.models import FeedbackReaction, FeedbackRequest, ThankYou

from ..factories import ContactPersonFactory, EmployerFactory
from ..partnerships.test_thanks import completed  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

POLLS = 'hx-trigger="every 3s"'


def message_for(user, **fields) -> OutboxMessage:
    return OutboxMessage.objects.create(
        key=f"t:{OutboxMessage.objects.count()}",
        kind="t",
        to_email="x@example.fi",
        responsible=user,
        **fields,
    )


def status(client, message) -> tuple[int, str]:
    response = client.get(reverse("core:outbox_status", args=[message.pk]))
    return response.status_code, " ".join(response.content.decode().split())


def test_a_queued_e_mail_says_it_goes_out_in_a_moment_and_is_polled(teacher, teacher_client):
    code, html = status(teacher_client, message_for(teacher))
    assert code == 200 and "The e-mail goes out in a moment." in html and POLLS in html
    assert "Sent" not in html


def test_a_sent_e_mail_says_when_it_went_out_and_polling_stops(teacher, teacher_client):
    sent_at = timezone.make_aware(datetime.datetime(2026, 3, 2, 14, 5))
    _code, html = status(teacher_client, message_for(teacher, status="sent", sent_at=sent_at))
    assert "The e-mail went out at 14:05." in html and "hx-get" not in html


def test_a_failed_e_mail_says_why_and_polling_stops(teacher, teacher_client):
    message = message_for(teacher, status="failed", last_error="SMTPRecipientsRefused: 550 no such user")
    _code, html = status(teacher_client, message)
    assert "The e-mail could not be sent: SMTPRecipientsRefused: 550 no such user" in html
    assert "hx-get" not in html


def test_an_e_mail_the_server_refused_for_now_says_when_it_is_tried_again(teacher, teacher_client):
    again = timezone.make_aware(datetime.datetime(2026, 3, 2, 14, 10))
    _code, html = status(teacher_client, message_for(teacher, attempts=1, next_attempt_at=again))
    assert "it is tried again at 14:10" in html and POLLS in html


def test_only_the_responsible_person_and_coordinators_see_an_e_mails_status(
    teacher, other_teacher_client, coordinator_client
):
    message = message_for(teacher)
    assert status(other_teacher_client, message)[0] == 404
    assert status(coordinator_client, message)[0] == 200


def test_sharing_a_brochure_says_queued_and_shows_the_e_mail_going_out(teacher_client):
    employer = EmployerFactory()
    person = ContactPersonFactory(employer=employer, first_name="Sara")
    response = teacher_client.post(
        reverse("brochures:brochure_share", args=[employer.pk]),
        {"person": person.pk, "colour": "plum"},
        follow=True,
    )
    page = " ".join(response.content.decode().split())
    message = OutboxMessage.objects.get(kind="brochure-share")
    assert f"the brochure link to {person.full_name} is queued: it goes out in a moment." in page
    assert "was sent" not in page
    assert f'id="outbox-status-{message.pk}"' in page and POLLS in page
    assert reverse("core:background_status") in page  # whoever queued something is told if work stalls


def test_sending_a_thank_you_says_queued_with_each_e_mail(completed, teacher_client):  # noqa: F811
    services.thanks_prepare()
    thank_you = ThankYou.objects.get()
    response = teacher_client.post(reverse("partnerships:thanks_detail", args=[thank_you.pk]), follow=True)
    page = " ".join(response.content.decode().split())
    assert "The thank-you to 2 people is queued: it goes out in a moment." in page
    for message in OutboxMessage.objects.filter(kind="thanks"):
        assert f'id="outbox-status-{message.pk}"' in page


def test_a_retried_e_mail_says_queued_again(teacher, teacher_client):
    message = message_for(teacher, status="failed", last_error="boom", body_text="Hei")
    response = teacher_client.post(reverse("core:outbox_retry", args=[message.pk]), follow=True)
    page = " ".join(response.content.decode().split())
    assert "The e-mail is queued again: it goes out in a moment." in page
    assert f'id="outbox-status-{message.pk}"' in page


def test_a_feedback_note_shows_whether_it_went_out_not_that_it_was_sent(completed, teacher, teacher_client):  # noqa: F811
    period = completed.work_periods.get()
    feedback = FeedbackRequest.objects.create(
        work_period=period, respondent="student", email="s@example.fi", answered_at=timezone.now()
    )
    url = reverse("partnerships:feedback_detail", args=[feedback.pk])
    response = teacher_client.post(url, {"text": "Lisättiin ohjausta.", "send_note": "on"}, follow=True)
    page = " ".join(response.content.decode().split())
    note = OutboxMessage.objects.get(kind="you-said-we-did")
    assert "The note to the respondent is queued: it goes out in a moment." in page
    assert page.count(f'id="outbox-status-{note.pk}"') == 2  # in the message and on the reaction
    assert FeedbackReaction.objects.get().note_sent_at is not None
    OutboxMessage.objects.filter(pk=note.pk).update(status="sent", sent_at=timezone.now())
    page = teacher_client.get(url).content.decode()
    assert "The e-mail went out at" in page and "note sent" not in page

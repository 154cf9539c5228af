"""The coordinators' outbox page: every e-mail, filtered and paged, sent again or cancelled
by a coordinator or the owner of a failed message, and never a password reset's content."""

import pytest
from django.test import Client
from django.urls import reverse

from core.email import outbox_deliver, outbox_due_ids
from core.models import OutboxMessage


def row(key, **fields):
    defaults = {
        "kind": "feedback-request",
        "to_email": f"{key}@example.fi",
        "subject": f"Aihe {key}",
        "body_text": f"Sisältö {key}",
    }
    return OutboxMessage.objects.create(key=key, **{**defaults, **fields})


@pytest.mark.django_db
def test_the_coordinator_sees_every_email_with_its_status_attempts_and_last_error(
    coordinator_client, teacher
):
    row(
        "a",
        status="failed",
        attempts=3,
        last_error="SMTPRecipientsRefused: 550 No such user",
        responsible=teacher,
    )
    row("b", status="sent", kind="deadline-digest", to_name="Tiina Opettaja")
    html = coordinator_client.get(reverse("core:outbox_list")).content.decode()
    assert "a@example.fi" in html and "Aihe a" in html and "550 No such user" in html
    assert "Tiina Opettaja" in html and "Deadline reminders" in html and "Feedback request" in html
    assert "Sisältö" not in html  # the page never shows what an e-mail says


@pytest.mark.django_db
def test_a_password_reset_shows_its_subject_and_never_its_link(coordinator_client, teacher, client):
    teacher.email = "tiina@opisto.example"
    teacher.save()
    client.post(reverse("password_reset"), {"email": "tiina@opisto.example"})
    message = OutboxMessage.objects.get(kind="password-reset")
    outbox_deliver(message.pk)
    html = coordinator_client.get(reverse("core:outbox_list")).content.decode()
    assert "Password reset" in html and "tiina@opisto.example" in html
    assert "/accounts/reset/" not in html


@pytest.mark.django_db
def test_the_list_filters_by_status_and_kind(coordinator_client):
    row("failed-digest", status="failed", kind="deadline-digest")
    row("sent-digest", status="sent", kind="deadline-digest")
    row("failed-share", status="failed", kind="brochure-share")
    html = coordinator_client.get(
        reverse("core:outbox_list"), {"status": "failed", "kind": "deadline-digest"}
    ).content
    html = html.decode()
    assert "failed-digest@" in html and "sent-digest@" not in html and "failed-share@" not in html


@pytest.mark.django_db
def test_a_made_up_filter_value_is_refused_with_a_message(coordinator_client):
    response = coordinator_client.get(reverse("core:outbox_list"), {"status": "lost"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode() or "Valitse" in response.content.decode()


@pytest.mark.django_db
def test_the_list_is_paged_in_a_constant_number_of_queries(
    coordinator_client, teacher, django_assert_num_queries
):
    for number in range(120):
        row(f"m{number}", status="failed" if number % 3 else "sent", responsible=teacher)
    for page in (1, 3):  # the session, cached
        coordinator_client.get(reverse("core:outbox_list"), {"page": page})
    # The user with their roles, the count, the page (recipients' responsible staff joined),
    # the counts by status and the institution for the footer: the same for every page.
    with django_assert_num_queries(5):
        first = coordinator_client.get(reverse("core:outbox_list"), {"page": 1})
    with django_assert_num_queries(5):
        coordinator_client.get(reverse("core:outbox_list"), {"page": 3})
    assert first.content.decode().count('class="outbox-row"') == 50
    assert "Page 1 of 3" in first.content.decode() or "Sivu 1" in first.content.decode()


@pytest.mark.django_db
def test_the_coordinator_sends_a_failed_email_again(coordinator_client, django_capture_on_commit_callbacks):
    failed = row("a", status="failed", attempts=4)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = coordinator_client.post(
            reverse("core:outbox_retry", args=[failed.pk]), {"next": "/outbox/?status=failed"}
        )
    assert response["Location"] == "/outbox/?status=failed"
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == ("pending", 0)
    assert len(callbacks) == 1  # a worker is asked at once


@pytest.mark.django_db
def test_a_cancelled_email_is_never_sent(coordinator_client):
    waiting = row("a")
    coordinator_client.post(reverse("core:outbox_cancel", args=[waiting.pk]))
    waiting.refresh_from_db()
    assert waiting.status == "cancelled"
    assert outbox_due_ids() == []
    assert outbox_deliver(waiting.pk) == "not due or claimed elsewhere"


@pytest.mark.django_db
def test_a_cancelled_email_can_be_sent_after_all(coordinator_client):
    cancelled = row("a", status="cancelled")
    coordinator_client.post(reverse("core:outbox_retry", args=[cancelled.pk]))
    cancelled.refresh_from_db()
    assert cancelled.status == "pending"


@pytest.mark.django_db
def test_an_email_already_sent_is_not_sent_again_and_the_page_says_why(coordinator_client):
    sent = row("a", status="sent")
    response = coordinator_client.post(reverse("core:outbox_retry", args=[sent.pk]), follow=True)
    sent.refresh_from_db()
    assert sent.status == "sent"
    assert "Sent" in response.content.decode() or "Lähetetty" in response.content.decode()
    response = coordinator_client.post(reverse("core:outbox_cancel", args=[sent.pk]), follow=True)
    sent.refresh_from_db()
    assert sent.status == "sent"


@pytest.mark.django_db
def test_an_old_reset_whose_text_was_blanked_is_not_sent_empty(coordinator_client):
    blanked = row("a", kind="password-reset", status="cancelled", body_text="")
    response = coordinator_client.post(reverse("core:outbox_retry", args=[blanked.pk]), follow=True)
    blanked.refresh_from_db()
    assert blanked.status == "cancelled"
    assert "Try again" not in response.content.decode().split('id="outbox-results"')[1]


@pytest.mark.django_db
def test_the_owner_of_a_failed_email_sends_it_again_or_cancels_it_from_the_home_page(teacher, teacher_client):
    first = row("a", status="failed", responsible=teacher)
    second = row("b", status="failed", responsible=teacher)
    assert (
        teacher_client.post(reverse("core:outbox_retry", args=[first.pk]), {"next": "/"})["Location"] == "/"
    )
    assert (
        teacher_client.post(reverse("core:outbox_cancel", args=[second.pk]), {"next": "/"})["Location"] == "/"
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("pending", "cancelled")


@pytest.mark.django_db
def test_someone_elses_email_answers_404_like_an_unknown_one(
    teacher, other_teacher_client, coordinator_client
):
    failed = row("a", status="failed", responsible=teacher)
    waiting = row("b", responsible=teacher)
    for name in ("core:outbox_retry", "core:outbox_cancel"):
        assert other_teacher_client.post(reverse(name, args=[failed.pk])).status_code == 404
        assert other_teacher_client.post(reverse(name, args=[999999])).status_code == 404
        assert coordinator_client.post(reverse(name, args=[999999])).status_code == 404
    # The owner acts on a failed message only, not on one still waiting to go out.
    owner = Client()
    owner.force_login(teacher)
    assert owner.post(reverse("core:outbox_cancel", args=[waiting.pk])).status_code == 404
    failed.refresh_from_db()
    assert failed.status == "failed"


@pytest.mark.django_db
def test_retry_and_cancel_need_the_csrf_token(coordinator):
    failed = row("a", status="failed")
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    assert client.post(reverse("core:outbox_cancel", args=[failed.pk])).status_code == 403
    failed.refresh_from_db()
    assert failed.status == "failed"


@pytest.mark.django_db
def test_a_redirect_elsewhere_is_not_followed(coordinator_client):
    failed = row("a", status="failed")
    response = coordinator_client.post(
        reverse("core:outbox_cancel", args=[failed.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("core:outbox_list")


@pytest.mark.django_db
def test_the_outbox_is_in_the_coordinators_menu_only(coordinator_client, teacher_client):
    assert (
        reverse("core:outbox_list") in coordinator_client.get(reverse("partnerships:home")).content.decode()
    )
    assert (
        reverse("core:outbox_list") not in teacher_client.get(reverse("partnerships:home")).content.decode()
    )

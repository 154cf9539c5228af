"""Password resets: the link is made when the e-mail is sent and never rests in the outbox;
requests are throttled per e-mail address and per client, revealing nothing either way."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from core.email import outbox_deliver
from core.models import OutboxMessage

from ..factories import UserFactory

NEW_PASSWORD = "Uusi-salasana-2027!"


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


@pytest.fixture
def anna(db):
    user = UserFactory(username="anna", email="anna@opisto.example", language="sv")
    user.groups.add(Group.objects.get(name="Teacher"))
    return user


def ask(client, email, address="192.0.2.1"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=address)


def outbox_text() -> str:
    """Every column of every outbox row, as one string."""
    return "\n".join(str(value) for row in OutboxMessage.objects.values() for value in row.values())


@pytest.mark.django_db
def test_no_reset_token_or_link_rests_in_the_outbox_and_the_sent_link_works(anna, client):
    assert ask(client, "anna@opisto.example").status_code == 302
    message = OutboxMessage.objects.get(kind="password-reset")
    assert "/accounts/reset/" not in outbox_text()
    assert (message.body_text, message.body_html) == ("", "")

    assert outbox_deliver(message.pk) == "sent"
    body = mail.outbox[0].body
    assert "Hej" in body  # in the user's language
    link = re.search(r"https?://[^/\s]+(/accounts/reset/(\S+?)/(\S+?)/)", body)
    path, token = link.group(1), link.group(3)
    html_link = mail.outbox[0].alternatives[0][0]
    assert path in html_link
    stored = outbox_text()
    assert token not in stored and path not in stored and "/accounts/reset/" not in stored
    message.refresh_from_db()
    assert (message.status, message.to_email, message.body_text, message.body_html) == (
        "sent",
        "anna@opisto.example",
        "",
        "",
    )
    assert message.subject  # kept: the outbox page shows what was sent

    form = client.get(path, follow=True)
    assert form.status_code == 200 and "new_password1" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert done.status_code == 302
    anna.refresh_from_db()
    assert anna.check_password(NEW_PASSWORD)


@pytest.mark.django_db
def test_an_unknown_address_gets_the_same_answer_and_nothing_is_queued(anna, client):
    known = ask(client, "anna@opisto.example")
    unknown = ask(client, "nobody@opisto.example")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert OutboxMessage.objects.count() == 1


@pytest.mark.django_db
def test_reset_requests_for_one_address_are_throttled_to_five_an_hour(anna):
    statuses = [ask(Client(), "Anna@opisto.example", f"192.0.2.{n}").status_code for n in range(6)]
    assert statuses == [302] * 5 + [429]
    assert OutboxMessage.objects.count() == 5


@pytest.mark.django_db
def test_reset_requests_from_one_client_are_throttled_to_five_an_hour(anna, client):
    for n in range(5):
        ask(client, f"someone{n}@opisto.example")
    throttled = ask(client, "anna@opisto.example")
    assert throttled.status_code == 429
    assert not OutboxMessage.objects.exists()


@pytest.mark.django_db
def test_the_throttled_answer_does_not_reveal_whether_the_address_is_known(anna, settings):
    settings.LANGUAGE_CODE = "fi"
    pages = []
    for email in ("anna@opisto.example", "nobody@opisto.example"):
        cache.clear()
        for n in range(5):
            ask(Client(), email, f"198.51.100.{n}")
        response = ask(Client(), email, "203.0.113.9")
        assert response.status_code == 429
        pages.append(re.sub(r"[A-Za-z0-9]{64}", "", response.content.decode()))  # CSRF tokens
    known, unknown = pages
    assert known.replace("anna@opisto.example", "X") == unknown.replace("nobody@opisto.example", "X")
    assert "Liian monta" in known  # translated


@pytest.mark.django_db
def test_a_reset_sent_again_after_a_failure_still_stores_no_link(anna, client, settings):
    settings.EMAIL_BACKEND = "tests.core.test_outbox.FlakyBackend"
    import smtplib

    from tests.core.test_outbox import FlakyBackend

    FlakyBackend.error = smtplib.SMTPServerDisconnected("connection lost")
    try:
        ask(client, "anna@opisto.example")
        message = OutboxMessage.objects.get()
        assert outbox_deliver(message.pk) == "failed"
    finally:
        FlakyBackend.error = None
    message.refresh_from_db()
    assert message.status == "pending" and message.template == "password-reset"
    assert "/accounts/reset/" not in outbox_text()


@pytest.mark.django_db
def test_reset_links_stored_before_this_change_are_blanked_and_unsent_ones_cancelled(anna):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("core.migrations.0009_outbox_cancelled_and_no_stored_reset_links")
    link = "https://kumppani.example/accounts/reset/MQ/abc-123token/"
    for status in ("sent", "pending"):
        OutboxMessage.objects.create(
            key=f"password-reset:{anna.pk}:abc-123token-{status}",
            kind="password-reset",
            to_email=anna.email,
            subject="Kumppani",
            body_text=link,
            body_html=f'<a href="{link}">',
            status=status,
            responsible=anna,
        )
    migration.scrub_stored_reset_links(apps, None)
    assert "abc-123token" not in outbox_text()
    assert dict(OutboxMessage.objects.values_list("status", "subject")) == {
        "sent": "Kumppani",
        "cancelled": "Kumppani",
    }


@pytest.mark.django_db
def test_no_link_is_sent_to_an_account_deactivated_before_the_email_went_out(anna, client):
    ask(client, "anna@opisto.example")
    anna.is_active = False
    anna.save()
    message = OutboxMessage.objects.get()
    assert outbox_deliver(message.pk) == "cancelled"
    message.refresh_from_db()
    assert message.status == "cancelled" and "deactivated" in message.last_error
    assert mail.outbox == []

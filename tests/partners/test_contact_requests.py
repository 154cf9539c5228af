""" "Please contact us": an inbound contact on the employer's timeline with a follow-up for
the account owner, and a mail to them."""

import pytest
from django.core import mail
from django.urls import reverse

from core.email import outbox_deliver
from core.models import OutboxMessage
from partnerships.models import Contact

from ..factories import ContactPersonFactory, EmployerFactory

ADDRESS = "ville.ohjaaja@konepaja.example"


@pytest.fixture
def ville(owned_ville):
    return owned_ville


@pytest.mark.django_db
def test_a_request_lands_on_the_timeline_and_the_owner_is_told(partner, ville, teacher, teacher_client):
    assert partner.get(reverse("partners:contact_request")).status_code == 200
    response = partner.post(
        reverse("partners:contact_request"), {"message": "Uusia harjoittelupaikkoja syksyllä"}
    )
    assert response["Location"] == reverse("partners:home")
    contact = Contact.objects.get()
    assert (contact.employer, contact.author, contact.channel) == (ville.employer, teacher, "other")
    assert "Uusia harjoittelupaikkoja syksyllä" in contact.summary and ADDRESS in contact.summary
    assert list(contact.persons.all()) == [ville] and contact.follow_up_date is not None

    message = OutboxMessage.objects.get(kind="partner-contact-request")
    assert message.to_email == "tiina@opisto.example"
    assert outbox_deliver(message.pk) == "sent"
    assert "Uusia harjoittelupaikkoja syksyllä" in mail.outbox[0].body

    page = teacher_client.get(
        reverse("partnerships:employer_detail", args=[ville.employer.pk])
    ).content.decode()
    assert "Uusia harjoittelupaikkoja syksyllä" in page


@pytest.mark.django_db
def test_an_empty_or_too_long_message_is_refused_and_nothing_is_logged(partner, ville):
    assert (
        "This field is required."
        in partner.post(reverse("partners:contact_request"), {"message": "  "}).content.decode()
    )
    long = partner.post(reverse("partners:contact_request"), {"message": "x" * 1001})
    assert long.status_code == 200 and "at most 1000 characters" in long.content.decode()
    assert (
        not Contact.objects.exists()
        and not OutboxMessage.objects.filter(kind="partner-contact-request").exists()
    )


@pytest.mark.django_db
def test_without_an_account_owner_a_coordinator_receives_the_request(db, client, coordinator):
    from .test_signin import sign_in

    coordinator.email = "kaisa@opisto.example"
    coordinator.save()
    ContactPersonFactory(employer=EmployerFactory(), email="solo@yritys.example")
    sign_in(client, "solo@yritys.example")
    client.post(reverse("partners:contact_request"), {"message": "Soittakaa"})
    assert Contact.objects.get().author == coordinator

"""A partner corrects a person's title, e-mail and phone: applied at once, in the audit
trail, and the account owner told by e-mail."""

import pytest
from django.core import mail
from django.urls import reverse

from core.email import outbox_deliver
from core.models import OutboxMessage
from partnerships.models import ContactPerson

from ..factories import ContactPersonFactory, EmployerFactory, UserFactory
from .test_signin import sign_in

ADDRESS = "ville.ohjaaja@konepaja.example"


@pytest.fixture
def owner(db):
    return UserFactory(username="owner", first_name="Outi", email="outi@opisto.example", language="fi")


@pytest.fixture
def ville(owner):
    employer = EmployerFactory(name="Konepaja Oy", account_owner=owner)
    return ContactPersonFactory(employer=employer, first_name="Ville", email=ADDRESS)


@pytest.fixture
def instructor(ville):
    return ContactPersonFactory(
        employer=ville.employer,
        workplace=ville.employer.workplaces.get(),
        first_name="Iida",
        last_name="Ohjaaja",
        is_instructor=True,
        phone="09 123 4567",
    )


def correct(client, person, **data):
    fields = {"title": person.title, "email": person.email, "phone": person.phone, **data}
    return client.post(reverse("partners:person_correct", args=[person.pk]), fields)


@pytest.mark.django_db
def test_a_partner_corrects_an_instructors_phone_and_the_owner_is_told(partner, instructor, owner):
    page = partner.get(reverse("partners:home")).content.decode()
    assert reverse("partners:person_correct", args=[instructor.pk]) in page
    response = correct(partner, instructor, phone="040 765 4321", title="Työnjohtaja")
    assert response.status_code == 302 and response["Location"] == reverse("partners:home")
    instructor.refresh_from_db()
    assert (instructor.phone, instructor.title) == ("+358407654321", "Työnjohtaja")

    record = instructor.history.latest("history_date")
    assert record.history_change_reason == "corrected by the employer on the partner page"
    assert record.history_user is None  # a partner is no user: the reason says who

    message = OutboxMessage.objects.get(kind="partner-correction")
    assert (message.to_email, message.language) == ("outi@opisto.example", "fi")
    assert outbox_deliver(message.pk) == "sent"
    body = mail.outbox[0].body
    assert "Hei Outi" in body and ADDRESS in body and "Iida Ohjaaja" in body
    assert "+358 9 1234567 → +358 40 7654321" in body  # before and after, as the portal shows them
    assert instructor.get_absolute_url() in body


@pytest.mark.django_db
def test_the_audit_trail_shows_what_the_partner_changed(partner, instructor, coordinator_client):
    correct(partner, instructor, email="iida@konepaja.example")
    page = coordinator_client.get(reverse("partnerships:history", args=["person", instructor.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "iida@konepaja.example" in text and "Corrected by the employer on the partner page" in text


@pytest.mark.django_db
def test_a_bad_phone_number_is_refused_with_a_translated_message_and_nothing_changes(partner, instructor):
    partner.cookies.load({"django_language": "fi"})
    response = correct(partner, instructor, phone="12", email="not an address")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Anna kelvollinen puhelinnumero" in text
    assert 'value="12"' in text  # what was typed is kept
    email = instructor.email
    instructor.refresh_from_db()
    assert (instructor.phone, instructor.email) == ("+35891234567", email)
    assert not OutboxMessage.objects.filter(kind="partner-correction").exists()


@pytest.mark.django_db
def test_saving_without_changes_records_and_tells_nothing(partner, instructor):
    before = instructor.history.count()
    response = correct(partner, instructor)
    assert response.status_code == 302
    assert instructor.history.count() == before
    assert not OutboxMessage.objects.filter(kind="partner-correction").exists()


@pytest.mark.django_db
def test_an_employer_without_an_account_owner_still_takes_the_correction(db, client):
    person = ContactPersonFactory(employer=EmployerFactory(), email="solo@yritys.example")
    sign_in(client, "solo@yritys.example")
    assert correct(client, person, title="Toimitusjohtaja").status_code == 302
    person.refresh_from_db()
    assert person.title == "Toimitusjohtaja"
    assert not OutboxMessage.objects.filter(kind="partner-correction").exists()


@pytest.mark.django_db
def test_someone_who_left_cannot_be_corrected(partner, instructor):
    ContactPerson.objects.filter(pk=instructor.pk).update(is_active=False)
    assert partner.get(reverse("partners:person_correct", args=[instructor.pk])).status_code == 404
    assert correct(partner, instructor, title="x").status_code == 404


@pytest.mark.django_db
def test_the_correction_form_runs_a_fixed_number_of_queries(partner, instructor, django_assert_num_queries):
    with django_assert_num_queries(4):
        response = partner.get(reverse("partners:person_correct", args=[instructor.pk]))
    assert response.status_code == 200 and "Iida Ohjaaja" in response.content.decode()

"""A new instructor and someone who left: the partner asks, nothing applies until the
account owner (or a coordinator) confirms; the owner is told and decides on a list."""

import pytest
from django.core import mail
from django.urls import reverse

from core.email import outbox_deliver
from core.models import OutboxMessage
from partners.models import PartnerChange
from partnerships.models import ContactPerson

from ..factories import ContactPersonFactory, EmployerFactory

ADDRESS = "ville.ohjaaja@konepaja.example"


@pytest.fixture
def ville(owned_ville):
    return owned_ville


def propose(client, employer, **data):
    fields = {
        "first_name": "Uusi",
        "last_name": "Ohjaaja",
        "title": "Asentaja",
        "workplace": employer.workplaces.get().pk,
        "email": "uusi@konepaja.example",
        "phone": "040 111 2222",
        **data,
    }
    return client.post(reverse("partners:instructor_add"), fields)


@pytest.mark.django_db
def test_a_new_instructor_waits_for_the_owner_who_confirms_it(partner, ville, teacher, teacher_client):
    employer = ville.employer
    assert partner.get(reverse("partners:instructor_add")).status_code == 200
    assert propose(partner, employer)["Location"] == reverse("partners:home")
    assert not ContactPerson.objects.filter(last_name="Ohjaaja", first_name="Uusi").exists()
    home = partner.get(reverse("partners:home")).content.decode()
    assert "Waiting for the institution" in home and "Uusi Ohjaaja" in home

    message = OutboxMessage.objects.get(kind="partner-change")
    assert message.to_email == "tiina@opisto.example"
    assert outbox_deliver(message.pk) == "sent"
    assert reverse("partners:change_list") in mail.outbox[0].body and ADDRESS in mail.outbox[0].body

    change = PartnerChange.objects.get()
    assert (change.phone, change.requested_by, change.status) == ("+358401112222", ADDRESS, "pending")
    page = teacher_client.get(reverse("partners:change_list")).content.decode()
    assert "Uusi Ohjaaja" in page and "Konepaja Oy" in page
    response = teacher_client.post(
        reverse("partners:change_decide", args=[change.pk]), {"decision": "confirm"}
    )
    assert response.status_code == 302
    person = ContactPerson.objects.get(first_name="Uusi")
    assert (person.employer, person.is_instructor, person.email) == (employer, True, "uusi@konepaja.example")
    change.refresh_from_db()
    assert (change.status, change.decided_by, change.person) == ("confirmed", teacher, person)
    assert person.history.get().history_user == teacher  # the owner's decision, in the audit trail
    assert [record.history_change_reason for record in change.history.order_by("history_date")] == [
        None,
        "confirmed",
    ]
    # Deciding twice is refused and changes nothing.
    again = teacher_client.post(
        reverse("partners:change_decide", args=[change.pk]), {"decision": "reject"}, follow=True
    )
    assert "already been decided" in again.content.decode()
    assert ContactPerson.objects.filter(first_name="Uusi").count() == 1


@pytest.mark.django_db
def test_a_rejected_instructor_is_never_added(partner, ville, teacher_client):
    propose(partner, ville.employer)
    change = PartnerChange.objects.get()
    teacher_client.post(reverse("partners:change_decide", args=[change.pk]), {"decision": "reject"})
    change.refresh_from_db()
    assert change.status == "rejected"
    assert not ContactPerson.objects.filter(first_name="Uusi").exists()
    assert "Waiting for the institution" not in partner.get(reverse("partners:home")).content.decode()


@pytest.mark.django_db
def test_a_new_instructor_needs_a_way_to_be_reached_and_bad_input_is_kept(partner, ville):
    response = propose(partner, ville.employer, email="", phone="")
    assert response.status_code == 200
    assert "Give the instructor" in response.content.decode() and 'value="Uusi"' in response.content.decode()
    response = propose(partner, ville.employer, phone="12")
    assert "Enter a valid phone number" in response.content.decode()
    other = EmployerFactory()
    response = propose(partner, ville.employer, workplace=other.workplaces.get().pk)
    assert "Select a valid choice" in response.content.decode()
    assert not PartnerChange.objects.exists()


@pytest.mark.django_db
def test_someone_who_left_stays_until_the_owner_confirms(partner, ville, teacher_client):
    leaver = ContactPersonFactory(employer=ville.employer, first_name="Lasse", last_name="Lähtijä")
    url = reverse("partners:person_left", args=[leaver.pk])
    assert partner.get(url).status_code == 405
    assert partner.post(url)["Location"] == reverse("partners:home")
    partner.post(url)  # twice: still one request
    change = PartnerChange.objects.get()
    leaver.refresh_from_db()
    assert leaver.is_active and change.person == leaver
    assert (
        "marked as left: waiting for confirmation" in partner.get(reverse("partners:home")).content.decode()
    )

    teacher_client.post(reverse("partners:change_decide", args=[change.pk]), {"decision": "confirm"})
    leaver.refresh_from_db()
    assert not leaver.is_active
    record = leaver.history.latest("history_date")
    assert record.history_change_reason == "confirmed from the employer's request on the partner page"
    assert "Lasse Lähtijä" not in partner.get(reverse("partners:home")).content.decode()


@pytest.mark.django_db
def test_only_the_account_owner_or_a_coordinator_decides(
    partner, ville, other_teacher_client, coordinator_client
):
    propose(partner, ville.employer)
    change = PartnerChange.objects.get()
    url = reverse("partners:change_decide", args=[change.pk])
    assert "Uusi Ohjaaja" not in other_teacher_client.get(reverse("partners:change_list")).content.decode()
    assert other_teacher_client.post(url, {"decision": "confirm"}).status_code == 403
    assert partner.post(url, {"decision": "confirm"})["Location"].startswith(reverse("login"))
    change.refresh_from_db()
    assert change.status == "pending"
    assert coordinator_client.post(url, {"decision": "bogus"}).status_code == 302
    change.refresh_from_db()
    assert change.status == "pending"
    coordinator_client.post(url, {"decision": "confirm"})
    change.refresh_from_db()
    assert change.status == "confirmed"


@pytest.mark.django_db
def test_the_change_list_runs_a_fixed_number_of_queries(
    partner, ville, teacher_client, django_assert_num_queries
):
    for n in range(6):
        propose(partner, ville.employer, first_name=f"Uusi{n}")
        partner.post(reverse("partners:person_left", args=[ContactPersonFactory(employer=ville.employer).pk]))
    with django_assert_num_queries(4):
        response = teacher_client.get(reverse("partners:change_list"))
    assert response.content.decode().count('value="confirm"') == 12

"""The partnership as the partner sees it: the level in the workbook's words, the service
promises, the thanks their people received and the brochures, in the partner's language; and
the notice when a partner changes their own e-mail address."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from checkpoints.models import Checkpoint, PartnershipLevel
from core.email import outbox_deliver
from core.models import OutboxMessage
from partners.models import PartnerSession
from partnerships import services
from partnerships.models import ContactPerson, LevelRecord

from ..factories import ContactPersonFactory, EmployerFactory, thank_you_waiting
from .test_signin import sign_in


def partner_client(email: str, language: str = "en") -> Client:
    client = Client(headers={"Accept-Language": language})
    sign_in(client, email)
    mail.outbox.clear()
    return client


def deliver_all() -> None:
    for pk in OutboxMessage.objects.filter(status="pending").values_list("pk", flat=True):
        outbox_deliver(pk)


@pytest.mark.django_db
def test_the_level_and_the_promises_are_shown_in_the_partners_language_without_the_staff_rationale(teacher):
    person = ContactPersonFactory(
        employer=EmployerFactory(name="Konepaja Oy"), email="ville@konepaja.example"
    )
    level = PartnershipLevel.objects.filter(cross_cutting=False).order_by("order").last()
    LevelRecord.objects.create(
        employer=person.employer, level=level, rationale="Sisäinen: vaikea asiakas", recorded_by=teacher
    )
    Checkpoint.objects.filter(number=4).update(
        service_promise_fi="Perehdytämme ohjaajat.", service_promise_sv="Vi introducerar handledarna."
    )
    page = partner_client(person.email, "sv").get(reverse("partners:partnership")).content.decode()
    assert level.name_sv in page and level.description_sv.splitlines()[0] in page
    assert "Vi introducerar handledarna." in page and "Perehdytämme" not in page
    assert "vaikea asiakas" not in page
    assert reverse("brochures:brochure_download", args=["employer", "sv", "blue"]) in page
    assert reverse("brochures:checklist_download", args=["instructor", "sv"]) in page


@pytest.mark.django_db
def test_a_partner_without_a_level_is_told_so(teacher):
    person = ContactPersonFactory(email="ville@konepaja.example")
    page = partner_client(person.email).get(reverse("partners:partnership")).content.decode()
    assert "The institution has not assessed the level of your partnership yet." in page


@pytest.mark.django_db
def test_the_thanks_sent_to_the_employers_people_are_shown_without_their_opt_out_links(teacher):
    agreement = thank_you_waiting(teacher=teacher)
    services.thanks_send(
        thank_you=agreement.thank_you, by=teacher, personal_note="Kiitos Ainon ohjaamisesta!"
    )
    deliver_all()
    other = thank_you_waiting(teacher=teacher)  # another "Kiitettävä Oy", another employer
    for number, person in enumerate(ContactPerson.objects.filter(employer=other.workplace.employer)):
        person.email = f"toinen{number}@muu.example"
        person.save(update_fields=["email"])
    services.thanks_send(thank_you=other.thank_you, by=teacher, personal_note="Toisen yrityksen kiitos")
    deliver_all()
    boss = agreement.workplace.employer.main_contact
    page = partner_client(boss.email).get(reverse("partners:partnership")).content.decode()
    assert page.count("Kiitos Ainon ohjaamisesta!") == 2  # to the main contact and the instructor
    assert "Toisen yrityksen kiitos" not in page
    assert "opt-out" not in page and boss.opt_out_token not in page and "/--" not in page
    assert agreement.instructor.opt_out_token not in page


@pytest.mark.django_db
def test_a_thank_you_not_yet_sent_is_not_shown(teacher):
    agreement = thank_you_waiting(teacher=teacher)
    services.thanks_send(thank_you=agreement.thank_you, by=teacher, personal_note="Vielä jonossa")
    page = partner_client("pomo@kiitettava.example").get(reverse("partners:partnership")).content.decode()
    assert "Vielä jonossa" not in page and "No thank-you e-mails yet." in page


# A partner's own e-mail address.


@pytest.mark.django_db
def test_changing_ones_own_address_signs_out_and_warns_the_old_address_in_the_persons_language(teacher):
    person = ContactPersonFactory(
        employer=EmployerFactory(name="Konepaja Oy"), email="ville@konepaja.example", language="sv"
    )
    client = partner_client(person.email)
    url = reverse("partners:person_correct", args=[person.pk])
    assert "This is the address you signed in with." in client.get(url).content.decode()
    response = client.post(
        url, {"title": "", "email": "ville.uusi@konepaja.example", "phone": ""}, follow=True
    )
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("partners:start")
    assert "your next sign-in link goes there" in page and "is queued" in page
    assert not PartnerSession.objects.current().exists()
    notice = OutboxMessage.objects.get(kind="partner-email-changed")
    assert (notice.to_email, notice.language, notice.status) == ("ville@konepaja.example", "sv", "pending")
    assert outbox_deliver(notice.pk) == "sent"
    body = mail.outbox[-1].body
    assert mail.outbox[-1].to[0].endswith("<ville@konepaja.example>")
    assert "ville.uusi@konepaja.example" in body and "Inloggningslänkar" in body
    assert client.get(reverse("partners:home")).status_code == 302
    # The next link goes to the new address.
    assert ContactPerson.objects.get(pk=person.pk).email == "ville.uusi@konepaja.example"
    assert partner_client("ville.uusi@konepaja.example").get(reverse("partners:home")).status_code == 200


@pytest.mark.django_db
def test_changing_a_colleagues_address_warns_their_old_address_and_keeps_one_signed_in(teacher):
    employer = EmployerFactory(name="Konepaja Oy")
    me = ContactPersonFactory(employer=employer, email="ville@konepaja.example")
    colleague = ContactPersonFactory(employer=employer, email="maija@konepaja.example", language="fi")
    client = partner_client(me.email)
    url = reverse("partners:person_correct", args=[colleague.pk])
    assert "This is the address you signed in with." not in client.get(url).content.decode()
    response = client.post(url, {"title": "", "email": "maija.uusi@konepaja.example", "phone": ""})
    assert response["Location"] == reverse("partners:home")
    assert client.get(reverse("partners:home")).status_code == 200
    notice = OutboxMessage.objects.get(kind="partner-email-changed")
    assert (notice.to_email, notice.language) == ("maija@konepaja.example", "fi")


@pytest.mark.django_db
def test_a_bad_new_address_changes_nothing_and_warns_no_one(teacher):
    person = ContactPersonFactory(email="ville@konepaja.example")
    client = partner_client(person.email)
    url = reverse("partners:person_correct", args=[person.pk])
    response = client.post(url, {"title": "", "email": "not an address", "phone": ""})
    assert response.status_code == 200 and "Enter a valid email address." in response.content.decode()
    person.refresh_from_db()
    assert person.email == "ville@konepaja.example"
    assert not OutboxMessage.objects.filter(kind="partner-email-changed").exists()
    assert PartnerSession.objects.current().exists()


@pytest.mark.django_db
def test_the_new_pages_ask_the_same_number_of_queries_however_much_there_is(teacher):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .test_feedback import all_scores, answered

    agreement = thank_you_waiting(teacher=teacher)
    services.thanks_send(thank_you=agreement.thank_you, by=teacher)
    deliver_all()
    employer = agreement.workplace.employer
    client = partner_client("pomo@kiitettava.example")

    def counted(name: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(name)).status_code == 200
        return len(queries)

    def add(n: int) -> None:
        for _index in range(n):
            request = answered(employer.workplaces.first(), teacher, year=2025, scores=all_scores(4))
            request.reactions.create(text="Tehty", by=teacher, shared_with_partner=True)
            other = thank_you_waiting(teacher=teacher)
            other.workplace = employer.workplaces.first()
            other.save(update_fields=["workplace"])
            services.thanks_send(thank_you=other.thank_you, by=teacher)
        deliver_all()

    add(1)
    few = (counted("partners:feedback"), counted("partners:partnership"))
    add(3)
    assert (counted("partners:feedback"), counted("partners:partnership")) == few

"""Thanks after a completed agreement (checkpoint 8), automatic or reviewed, and opting out."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import Institution, OutboxMessage
from partnerships import services
from partnerships.models import AgreementItem, ThankYou

from ..factories import ContactPersonFactory, EmployerFactory, StudentFactory, training_agreement


@pytest.fixture
def completed(teacher, teacher_group):
    today = timezone.localdate()
    employer = EmployerFactory()
    main = ContactPersonFactory(employer=employer, email="pomo@yritys.example", language="sv")
    employer.main_contact = main
    employer.save()
    agreement = training_agreement(
        teacher=teacher,
        employer=employer,
        student=StudentFactory(group=teacher_group, first_name="Aino"),
        instructor=ContactPersonFactory(employer=employer, email="ohjaaja@yritys.example"),
        start=today - datetime.timedelta(days=40),
        end=today - datetime.timedelta(days=2),
        signed=True,
    )
    return agreement


def test_a_thank_you_is_prepared_once_for_the_teacher_to_send(completed, teacher_client):
    assert services.thanks_prepare() == 1
    assert services.thanks_prepare() == 0
    thank_you = ThankYou.objects.get()
    assert thank_you.status == "draft" and not OutboxMessage.objects.exists()
    home = teacher_client.get(reverse("partnerships:home")).content.decode()
    assert reverse("partnerships:thanks_detail", args=[thank_you.pk]) in home
    teacher_client.post(
        reverse("partnerships:thanks_detail", args=[thank_you.pk]), {"personal_note": "Kiitos Ville!"}
    )
    messages = OutboxMessage.objects.filter(kind="thanks")
    assert sorted(m.to_email for m in messages) == ["ohjaaja@yritys.example", "pomo@yritys.example"]
    assert all("Kiitos Ville!" in m.body_text for m in messages)
    assert messages.get(to_email="pomo@yritys.example").language == "sv"
    assert AgreementItem.objects.get(agreement=completed, kind="thanks").done_on is not None
    teacher_client.post(
        reverse("partnerships:thanks_detail", args=[thank_you.pk])
    )  # a second click sends nothing
    assert OutboxMessage.objects.filter(kind="thanks").count() == 2


def test_thanks_go_out_at_once_when_the_institution_wants_it(completed):
    Institution.objects.create(name="Opisto", thanks_automatic=True)
    services.thanks_prepare()
    assert OutboxMessage.objects.filter(kind="thanks").count() == 2
    assert ThankYou.objects.get().status == "sent"
    assert AgreementItem.objects.filter(agreement=completed, kind="thanks").exists()


def test_a_person_who_opted_out_gets_no_thanks(completed, client):
    Institution.objects.create(name="Opisto", thanks_automatic=True)
    main = completed.workplace.employer.main_contact
    url = reverse("partnerships:opt_out", args=[main.opt_out_token])
    assert "Stop" in client.get(url).content.decode()
    client.post(url)
    main.refresh_from_db()
    assert main.opted_out_at is not None
    services.thanks_prepare()
    assert list(OutboxMessage.objects.values_list("to_email", flat=True)) == ["ohjaaja@yritys.example"]


def test_an_unknown_opt_out_link_says_so(client, db):
    assert client.get(reverse("partnerships:opt_out", args=["nope"])).status_code == 404


def test_another_teacher_cannot_send_the_thank_you(completed, other_teacher_client):
    services.thanks_prepare()
    thank_you = ThankYou.objects.get()
    assert (
        other_teacher_client.post(reverse("partnerships:thanks_detail", args=[thank_you.pk])).status_code
        == 403
    )
    assert not OutboxMessage.objects.exists()


def test_a_thank_you_to_one_person_says_person_not_people(completed, teacher_client):
    main = completed.workplace.employer.main_contact
    main.opted_out_at = timezone.now()  # only the instructor is left
    main.save()
    services.thanks_prepare()
    thank_you = ThankYou.objects.get()
    response = teacher_client.post(reverse("partnerships:thanks_detail", args=[thank_you.pk]), follow=True)
    html = response.content.decode()
    assert "The thank-you to 1 person is queued" in html and "1 people" not in html

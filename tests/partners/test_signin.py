"""Passwordless sign-in for partners: the link by e-mail, single-use and valid 15 minutes,
made when the e-mail is sent and never at rest; a session of its own kind, 8 hours from
sign-in; the staff-sent link; choosing among several employers; signing out."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.email import outbox_deliver
from core.models import OutboxMessage
from partners.models import PartnerSession, PartnerSignInLink
from partners.session import COOKIE

from ..factories import ContactPersonFactory, EmployerFactory

ADDRESS = "ville.ohjaaja@konepaja.example"


@pytest.fixture
def ville(db):
    return ContactPersonFactory(
        employer=EmployerFactory(name="Konepaja Oy"), first_name="Ville", email=ADDRESS, language="sv"
    )


def ask(client, email, address="192.0.2.1"):
    return client.post(reverse("partners:start"), {"email": email}, REMOTE_ADDR=address)


def outbox_text() -> str:
    return "\n".join(str(value) for row in OutboxMessage.objects.values() for value in row.values())


def delivered_link_path() -> str:
    """Send every queued sign-in message; the path of the link in the last one."""
    for message in OutboxMessage.objects.filter(kind="partner-sign-in", status="pending"):
        assert outbox_deliver(message.pk) == "sent"
    return re.search(r"https?://[^/\s]+(/kumppani/kirjaudu/[^/\s]+/)", mail.outbox[-1].body).group(1)


def sign_in(client, email=ADDRESS) -> str:
    ask(client, email)
    path = delivered_link_path()
    response = client.post(path)
    assert response.status_code == 302
    return path


@pytest.mark.django_db
def test_a_partner_signs_in_from_the_link_and_no_token_rests_in_the_outbox_or_the_database(ville, client):
    response = ask(client, "Ville.Ohjaaja@konepaja.example ")
    assert response.status_code == 302 and response["Location"] == reverse("partners:sent")
    message = OutboxMessage.objects.get(kind="partner-sign-in")
    assert (message.body_text, message.body_html, message.to_email) == ("", "", ADDRESS)

    path = delivered_link_path()
    token = path.rstrip("/").rsplit("/", 1)[1]
    assert "Hej Ville" in mail.outbox[0].body  # in the person's language
    assert path in mail.outbox[0].alternatives[0][0]
    assert token not in outbox_text() and "/kumppani/kirjaudu/" not in outbox_text()
    stored = PartnerSignInLink.objects.get()
    assert token not in (stored.token_hash, stored.email)
    assert stored.expires_at - stored.created_at == datetime.timedelta(minutes=15)

    # Opening the link (a mail scanner does) signs nobody in and does not use it up.
    assert client.get(path).status_code == 200
    assert not PartnerSession.objects.exists()
    signed_in = client.post(path)
    assert signed_in["Location"] == reverse("partners:home")
    cookie = signed_in.cookies[COOKIE]
    assert cookie["httponly"] and cookie["path"] == "/kumppani/" and cookie["samesite"] == "Lax"
    session = PartnerSession.objects.get()
    assert session.employer == ville.employer and session.key_hash not in cookie.value
    page = client.get(reverse("partners:home"))
    assert page.status_code == 200 and "Konepaja Oy" in page.content.decode()


@pytest.mark.django_db
def test_an_unknown_address_gets_the_same_answer_and_nothing_is_queued(ville, client):
    known = ask(client, ADDRESS)
    unknown = ask(client, "nobody@konepaja.example")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert OutboxMessage.objects.count() == 1


@pytest.mark.django_db
def test_an_inactive_person_or_employer_gets_no_link(ville, client):
    ContactPersonFactory(email="left@konepaja.example", is_active=False)
    ContactPersonFactory(email="closed@konepaja.example", employer=EmployerFactory(is_active=False))
    for email in ("left@konepaja.example", "closed@konepaja.example"):
        assert ask(client, email)["Location"] == reverse("partners:sent")
    assert not OutboxMessage.objects.exists()


@pytest.mark.django_db
def test_link_requests_for_one_address_are_throttled_to_five_an_hour(ville):
    statuses = [ask(Client(), ADDRESS.upper(), f"192.0.2.{n}").status_code for n in range(6)]
    assert statuses == [302] * 5 + [429]
    assert OutboxMessage.objects.count() == 5


@pytest.mark.django_db
def test_link_requests_from_one_client_are_throttled_to_five_an_hour_revealing_nothing(ville, settings):
    settings.LANGUAGE_CODE = "fi"
    pages = []
    for email in (ADDRESS, "nobody@konepaja.example"):
        from django.core.cache import cache

        cache.clear()
        client = Client()
        for n in range(5):
            ask(client, f"someone{n}@example.fi")
        response = ask(client, email)
        assert response.status_code == 429
        pages.append(re.sub(r"[A-Za-z0-9]{64}", "", response.content.decode()))  # CSRF tokens
    assert pages[0] == pages[1]
    assert "Liian monta" in pages[0]
    assert not OutboxMessage.objects.exists()


@pytest.mark.django_db
def test_a_bad_address_is_refused_with_a_message_and_nothing_queued(ville, client):
    response = ask(client, "not an address")
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    assert not OutboxMessage.objects.exists()


@pytest.mark.django_db
def test_a_used_link_is_refused_with_a_clear_page(ville, client):
    path = sign_in(client)
    again = Client(headers={"Accept-Language": "en"})
    for method in (again.get, again.post):
        response = method(path)
        assert response.status_code == 410
        assert "already been used" in response.content.decode()
    assert PartnerSession.objects.count() == 1


@pytest.mark.django_db
def test_an_expired_link_is_refused_with_a_clear_page(ville, client):
    ask(client, ADDRESS)
    path = delivered_link_path()
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=15, seconds=1)):
        for method in (client.get, client.post):
            response = method(path)
            assert response.status_code == 410
            assert "has expired" in response.content.decode()
    assert not PartnerSession.objects.exists()


@pytest.mark.django_db
def test_the_expired_page_gives_the_links_lifetime_from_the_service(ville, client, monkeypatch):
    from partners.services import signin as service
    from partners.views import signin as views

    monkeypatch.setattr(service, "LINK_MINUTES", 30)
    monkeypatch.setattr(views, "LINK_MINUTES", 30)
    ask(client, ADDRESS)
    path = delivered_link_path()
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=30, seconds=1)):
        response = client.get(path, headers={"Accept-Language": "fi"})
    assert response.status_code == 410
    assert "Kirjautumislinkit toimivat 30 minuuttia." in response.content.decode()


@pytest.mark.django_db
def test_a_forged_link_is_refused_and_guessing_is_rate_limited(ville, client):
    response = client.get("/kumppani/kirjaudu/made-up-token/")
    assert response.status_code == 404 and "not valid" in response.content.decode()
    assert client.post("/kumppani/kirjaudu/another-guess/").status_code == 404
    statuses = {client.get(f"/kumppani/kirjaudu/guess-{n}/").status_code for n in range(30)}
    assert statuses == {404, 429}
    assert not PartnerSession.objects.exists()


@pytest.mark.django_db
def test_the_link_is_in_finnish_for_a_finnish_speaker(db, client):
    ContactPersonFactory(first_name="Liisa", email="liisa@konepaja.example", language="fi")
    ask(client, "liisa@konepaja.example")
    delivered_link_path()
    assert "Hei Liisa" in mail.outbox[0].body


@pytest.mark.django_db
def test_a_session_lasts_eight_hours_from_sign_in_and_use_does_not_extend_it(ville, client):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        sign_in(client)
    with time_machine.travel(start + datetime.timedelta(hours=7, minutes=59), tick=False):
        assert client.get(reverse("partners:home")).status_code == 200
    with time_machine.travel(start + datetime.timedelta(hours=8, seconds=1), tick=False):
        response = client.get(reverse("partners:home"))
        assert response.status_code == 302 and response["Location"] == reverse("partners:start")
    session = PartnerSession.objects.get()
    assert session.expires_at - session.created_at == datetime.timedelta(hours=8)


@pytest.mark.django_db
def test_a_partner_session_reaches_no_staff_page(ville, client):
    sign_in(client)
    for name in ("partnerships:home", "partnerships:employer_list", "core:outbox_list"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    response = client.get(reverse("partnerships:employer_detail", args=[ville.employer.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_a_staff_session_is_not_a_partner_session(ville, teacher_client):
    response = teacher_client.get(reverse("partners:home"))
    assert response.status_code == 302 and response["Location"] == reverse("partners:start")


@pytest.mark.django_db
def test_a_forged_or_tampered_cookie_is_no_session(ville, client):
    sign_in(client)
    value = client.cookies[COOKIE].value
    client.cookies[COOKIE] = value[:-2] + ("AA" if not value.endswith("AA") else "BB")
    assert client.get(reverse("partners:home"))["Location"] == reverse("partners:start")


@pytest.mark.django_db
def test_someone_removed_from_the_employers_people_loses_access_at_once(ville, client):
    sign_in(client)
    ville.is_active = False
    ville.save()
    response = client.get(reverse("partners:home"))
    assert response["Location"] == reverse("partners:choose")
    page = client.get(reverse("partners:choose"))
    assert "no longer on the contact people" in page.content.decode()


@pytest.mark.django_db
def test_an_address_at_several_employers_chooses_the_employer_after_signing_in(ville, client):
    other = ContactPersonFactory(employer=EmployerFactory(name="Hitsaamo Oy"), email=ADDRESS.upper())
    stranger = EmployerFactory(name="Vieras Oy")
    ask(client, ADDRESS)
    response = client.post(delivered_link_path())
    assert response["Location"] == reverse("partners:choose")
    assert client.get(reverse("partners:home"))["Location"] == reverse("partners:choose")
    page = client.get(reverse("partners:choose")).content.decode()
    assert "Konepaja Oy" in page and "Hitsaamo Oy" in page and "Vieras Oy" not in page

    refused = client.post(reverse("partners:choose"), {"employer": stranger.pk})
    assert refused.status_code == 200 and "Select a valid choice" in refused.content.decode()
    assert PartnerSession.objects.get().employer is None

    chosen = client.post(reverse("partners:choose"), {"employer": other.employer.pk})
    assert chosen["Location"] == reverse("partners:home")
    home = client.get(reverse("partners:home")).content.decode()
    assert "Hitsaamo Oy" in home and "Switch employer" in home


@pytest.mark.django_db
def test_signing_out_ends_the_session_for_good(ville, client):
    sign_in(client)
    cookie = client.cookies[COOKIE].value
    assert client.get(reverse("partners:sign_out")).status_code == 405
    response = client.post(reverse("partners:sign_out"))
    assert response["Location"] == reverse("partners:start")
    assert PartnerSession.objects.get().ended_at is not None
    replay = Client(headers={"Accept-Language": "en"})
    replay.cookies[COOKIE] = cookie  # the old cookie, kept by someone
    assert replay.get(reverse("partners:home"))["Location"] == reverse("partners:start")


@pytest.mark.django_db
def test_staff_send_a_person_a_sign_in_link_from_the_employer_page(ville, teacher, teacher_client):
    page = teacher_client.get(reverse("partnerships:employer_detail", args=[ville.employer.pk]))
    url = reverse("partners:person_send_link", args=[ville.pk])
    assert url in page.content.decode()
    assert teacher_client.get(url).status_code == 405
    response = teacher_client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == ville.employer.get_absolute_url()
    assert "is queued for Ville" in response.content.decode()
    message = OutboxMessage.objects.get(kind="partner-sign-in")
    assert (message.to_email, message.responsible) == (ADDRESS, teacher)
    Client().post(delivered_link_path())
    assert PartnerSession.objects.get().employer == ville.employer


@pytest.mark.django_db
def test_a_person_without_an_address_gets_no_link_and_staff_are_told(db, teacher_client):
    person = ContactPersonFactory(email="")
    response = teacher_client.post(reverse("partners:person_send_link", args=[person.pk]), follow=True)
    assert "has no e-mail address" in response.content.decode()
    assert not OutboxMessage.objects.exists()


@pytest.mark.django_db
def test_only_staff_send_sign_in_links(ville, client):
    url = reverse("partners:person_send_link", args=[ville.pk])
    assert client.post(url)["Location"].startswith(reverse("login"))
    sign_in(client)  # a partner is no member of staff either
    assert client.post(url)["Location"].startswith(reverse("login"))
    assert OutboxMessage.objects.filter(status="pending").count() == 0


@pytest.mark.django_db
def test_the_partner_home_page_runs_a_fixed_number_of_queries(ville, client, django_assert_num_queries):
    for n in range(5):
        workplace = ville.employer.workplaces.create(name=f"Halli {n}", municipality="Kuopio")
        for m in range(3):
            ContactPersonFactory(employer=ville.employer, workplace=workplace, phone=f"040 123 45{n}{m}")
    sign_in(client)
    with django_assert_num_queries(9):
        response = client.get(reverse("partners:home"))
    assert response.content.decode().count("Halli ") == 5

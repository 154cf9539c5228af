"""Issue 24's journey on a phone (375×740): a partner asks for a sign-in link on /kumppani/,
takes the link from the e-mail a real SMTP server (aiosmtpd) received, signs in, corrects an
instructor's phone, sees the readiness note go away and asks to be contacted; then the account
owner, a teacher in a second browser context, finds the correction in the e-mail they got and on
the employer's page, and the request on the employer's timeline. Expired, used and made-up links
get a clear page. axe runs on every partner page visited; the key pages again in Swedish.

Every e-mail is delivered over SMTP to the sink by the outbox worker's own function
(`outbox_deliver`) and read back from what the sink received, never from the database."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from core.email import outbox_deliver
from core.models import OutboxMessage, Role
from partners.models import PartnerSignInLink
from partners.models.sessions import digest
from partnerships.models import Contact

from ..factories import ContactPersonFactory, EmployerFactory, UserFactory
from ..integration.conftest import SmtpSink
from ..partners.test_periods import period_at
from .conftest import assert_page_ok, axe_violations, watch

pytestmark = [pytest.mark.browser, pytest.mark.smtp, pytest.mark.django_db(transaction=True)]

PHONE_740 = {"width": 375, "height": 740}
PASSWORD = "kumppani-testi-2026"
ADDRESS = "ville.virtanen@konepaja.example"
OWNER = "tiina.opettaja@opisto.example"
FITS_WIDTH = "document.documentElement.scrollWidth <= window.innerWidth"
LINK = re.compile(r"https?://[^/\s]+(/kumppani/kirjaudu/[^/\s]+/)")


@pytest.fixture
def smtp(tmp_path, settings):
    """A real SMTP server; the outbox sends to it."""
    sink = SmtpSink(tmp_path)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = sink.port
    settings.EMAIL_TIMEOUT = 30
    yield sink
    sink.stop()


def deliver(smtp, to: str) -> dict:
    """Send what waits in the outbox over SMTP; the last message the sink received for `to`."""
    for pk in OutboxMessage.objects.filter(status="pending").order_by("pk").values_list("pk", flat=True):
        assert outbox_deliver(pk) == "sent"
    received = [d for d in smtp.deliveries() if to in d["to"]]
    assert received, f"no e-mail to {to} reached the SMTP server"
    return received[-1]


@pytest.fixture
def world(db):
    teacher = UserFactory(
        username="tiina", first_name="Tiina", last_name="Opettaja", email=OWNER, password=PASSWORD
    )
    teacher.groups.add(Group.objects.get(name=Role.TEACHER))
    employer = EmployerFactory(name="Konepaja Virtanen Oy", account_owner=teacher)
    partner = ContactPersonFactory(
        employer=employer, first_name="Ville", last_name="Virtanen", email=ADDRESS, language="fi"
    )
    instructor = ContactPersonFactory(
        employer=employer,
        workplace=employer.workplaces.first(),
        first_name="Iida",
        last_name="Ohjaaja",
        is_instructor=True,
        email="",
        phone="",
    )
    today = timezone.localdate()
    period_at(
        employer,
        teacher,
        start=today - datetime.timedelta(days=10),
        end=today + datetime.timedelta(days=20),
        instructor=instructor,
    )
    return {"teacher": teacher, "employer": employer, "partner": partner, "instructor": instructor}


def first_path(text: str) -> str:
    """The path of the first link in an e-mail's text."""
    return re.search(r"https?://[^/\s]+(/\S+)", text).group(1)


def phone_page(browser, locale: str = "fi-FI"):
    context = browser.new_context(locale=locale, viewport=PHONE_740)
    page = context.new_page()
    return context, page, watch(page)


def partner_page_ok(page, problems, where: str) -> None:
    assert page.evaluate(FITS_WIDTH), f"{where}: wider than the phone"
    assert_page_ok(page, problems, where)


def ask_for_a_link(page, problems, live_server, smtp, *, heading: str, button: str) -> str:
    page.goto(f"{live_server.url}/kumppani/")
    expect(page.locator("h1")).to_have_text(heading)
    partner_page_ok(page, problems, "the partner page's start")
    page.fill("#id_email", ADDRESS)
    page.get_by_role("button", name=button).click()
    page.wait_for_url(f"{live_server.url}/kumppani/linkki-lahetetty/")
    partner_page_ok(page, problems, "link sent")
    message = deliver(smtp, ADDRESS)
    return LINK.search(message["text"]).group(1)


def test_a_partner_signs_in_from_the_e_mail_corrects_a_phone_and_asks_to_be_contacted(
    browser, live_server, smtp, world, shot
):
    context, page, problems = phone_page(browser)
    path = ask_for_a_link(
        page,
        problems,
        live_server,
        smtp,
        heading="Työpaikkojen kumppanisivu",
        button="Lähetä minulle kirjautumislinkki",
    )

    # Opening the link uses nothing (a mail scanner may open it); the button signs in.
    page.goto(f"{live_server.url}{path}")
    partner_page_ok(page, problems, "the sign-in button")
    page.get_by_role("button", name="Kirjaudu", exact=True).click()
    page.wait_for_url(f"{live_server.url}/kumppani/oma/")
    expect(page.locator("h1")).to_have_text("Konepaja Virtanen Oy")
    note = page.locator("section[aria-labelledby=readiness-heading]")
    expect(note).to_contain_text("Iida Ohjaaja")
    shot(page, "partner-home-phone")
    partner_page_ok(page, problems, "the partner's home with the readiness note")

    # A number that is no number is refused with a clear error, and what was typed stays.
    note.get_by_role("link", name="Korjaa henkilön Iida Ohjaaja tiedot").click()
    expect(page.locator("h1")).to_have_text("Iida Ohjaaja")
    partner_page_ok(page, problems, "the correction form")
    page.fill("#id_phone", "soita minulle")
    page.get_by_role("button", name="Tallenna", exact=True).click()
    expect(page.locator("main")).to_contain_text("Anna kelvollinen puhelinnumero")
    expect(page.locator("#id_phone")).to_have_value("soita minulle")
    partner_page_ok(page, problems, "the correction form with an error")

    # A landline is saved, but the note stays: the survey's text message needs a mobile.
    page.fill("#id_phone", "09 123 4567")
    page.get_by_role("button", name="Tallenna", exact=True).click()
    page.wait_for_url(f"{live_server.url}/kumppani/oma/")
    expect(note).to_contain_text("eikä +358 9 1234567 ole suomalainen matkapuhelinnumero")
    partner_page_ok(page, problems, "the readiness note after a landline")
    note.get_by_role("link", name="Korjaa henkilön Iida Ohjaaja tiedot").click()
    page.fill("#id_phone", "040 123 4567")
    page.get_by_role("button", name="Tallenna", exact=True).click()
    page.wait_for_url(f"{live_server.url}/kumppani/oma/")
    expect(page.locator("section[aria-labelledby=readiness-heading]")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("+358 40 1234567")
    partner_page_ok(page, problems, "the partner's home after the correction")

    page.get_by_role("link", name="Ottakaa meihin yhteyttä").click()
    partner_page_ok(page, problems, "the contact request form")
    page.get_by_role("button", name="Lähetä", exact=True).click()  # empty: refused, nothing logged
    expect(page).to_have_url(re.compile(r"/kumppani/oma/ota-yhteytta/$"))
    assert not Contact.objects.exists()
    partner_page_ok(page, problems, "the contact request form with an error")
    page.get_by_label("Mistä haluaisitte keskustella?").fill("Ensi kevään harjoittelupaikoista")
    page.get_by_role("button", name="Lähetä", exact=True).click()
    page.wait_for_url(f"{live_server.url}/kumppani/oma/")
    partner_page_ok(page, problems, "the partner's home after asking to be contacted")

    # The link is single-use: the same link again, in the browser, says it was used.
    response = page.goto(f"{live_server.url}{path}")
    assert response.status == 410
    expect(page.locator("h1")).to_have_text("Tämä kirjautumislinkki on jo käytetty")
    assert axe_violations(page) == []
    context.close()

    # The account owner, in a browser of their own: the e-mails they got, the employer's page.
    # The owner got three e-mails: the two corrections (values before and after) and the request.
    deliver(smtp, OWNER)
    owner_mail = [d for d in smtp.deliveries() if OWNER in d["to"]]
    assert len(owner_mail) == 3, [d["subject"] for d in owner_mail]
    corrections = [d for d in owner_mail if "Iida Ohjaaja" in d["text"]]
    [request] = [d for d in owner_mail if d not in corrections]
    first, second = sorted(corrections, key=lambda d: "+358 40 1234567" in d["text"])
    assert "Iida Ohjaaja" in first["text"] and "+358 9 1234567" in first["text"]
    assert "Iida Ohjaaja" in second["text"] and "+358 40 1234567" in second["text"]
    assert "Ensi kevään harjoittelupaikoista" in request["text"]
    assert ADDRESS in request["text"]

    teacher_context = browser.new_context(locale="fi-FI", viewport=PHONE_740)
    teacher = teacher_context.new_page()
    teacher_problems = watch(teacher)
    teacher.goto(f"{live_server.url}/accounts/login/")
    teacher.fill("#id_username", "tiina")
    teacher.fill("#id_password", PASSWORD)
    teacher.click("main form button[type=submit]")
    teacher.wait_for_url(f"{live_server.url}/")
    # The correction's link leads to the person, with the new number.
    teacher.goto(f"{live_server.url}{first_path(second['text'])}")
    expect(teacher.locator("main")).to_contain_text("Iida Ohjaaja")
    expect(teacher.locator("main")).to_contain_text("+358 40 1234567")
    assert_page_ok(teacher, teacher_problems, "the corrected person, as the account owner sees it")
    # The request's link leads to the employer, the request on its timeline.
    teacher.goto(f"{live_server.url}{first_path(request['text'])}")
    expect(teacher.locator("#timeline")).to_contain_text("Ensi kevään harjoittelupaikoista")
    shot(teacher, "partner-request-on-the-timeline")
    assert_page_ok(teacher, teacher_problems, "the employer page of the account owner")
    teacher_context.close()


def refused(page, problems, url: str, status: int, heading: str, where: str) -> None:
    response = page.goto(url)
    assert response.status == status, where
    expect(page.locator("h1")).to_have_text(heading)
    expect(page.get_by_role("link", name=re.compile("uusi linkki|ny länk", re.I))).to_be_visible()
    # The refusal is the page's status (chromium also logs it), not a problem: the page itself
    # must be clean.
    expected = (
        f"HTTP {status} GET",
        f"console: Failed to load resource: the server responded with a status of {status}",
    )
    assert [p for p in problems if not p.startswith(expected)] == [], where
    problems.clear()
    assert page.evaluate(FITS_WIDTH), where
    assert axe_violations(page) == [], where


def test_expired_used_and_made_up_links_are_refused_with_a_clear_page(browser, live_server, smtp, world):
    context, page, problems = phone_page(browser)
    path = ask_for_a_link(
        page,
        problems,
        live_server,
        smtp,
        heading="Työpaikkojen kumppanisivu",
        button="Lähetä minulle kirjautumislinkki",
    )
    token = path.rstrip("/").rsplit("/", 1)[1]
    PartnerSignInLink.objects.filter(token_hash=digest(token)).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    refused(
        page, problems, f"{live_server.url}{path}", 410, "Tämä kirjautumislinkki on vanhentunut", "expired"
    )

    # A made-up token, and a real one with a character changed.
    refused(
        page,
        problems,
        f"{live_server.url}/kumppani/kirjaudu/{'x' * 43}/",
        404,
        "Tämä kirjautumislinkki ei kelpaa",
        "made up",
    )
    second = ask_for_a_link(
        page,
        problems,
        live_server,
        smtp,
        heading="Työpaikkojen kumppanisivu",
        button="Lähetä minulle kirjautumislinkki",
    )
    forged = second[:-2] + ("A" if second[-2] != "A" else "B") + "/"
    refused(page, problems, f"{live_server.url}{forged}", 404, "Tämä kirjautumislinkki ei kelpaa", "forged")

    # The real one signs in once. A second tab opened on it before gets the "used" page from
    # its button, and no session.
    other_tab = context.new_page()
    other_tab.goto(f"{live_server.url}{second}")
    page.goto(f"{live_server.url}{second}")
    page.get_by_role("button", name="Kirjaudu", exact=True).click()
    page.wait_for_url(f"{live_server.url}/kumppani/oma/")
    with other_tab.expect_response(lambda r: r.request.method == "POST") as answer:
        other_tab.get_by_role("button", name="Kirjaudu", exact=True).click()
    assert answer.value.status == 410
    expect(other_tab.locator("h1")).to_have_text("Tämä kirjautumislinkki on jo käytetty")
    assert axe_violations(other_tab) == []
    other_tab.close()
    page.get_by_role("button", name="Kirjaudu ulos", exact=True).click()
    page.wait_for_url(f"{live_server.url}/kumppani/")
    refused(
        page, problems, f"{live_server.url}{second}", 410, "Tämä kirjautumislinkki on jo käytetty", "used"
    )
    context.close()


def test_the_key_pages_in_swedish(browser, live_server, smtp, world):
    context, page, problems = phone_page(browser, locale="sv-SE")
    page.goto(f"{live_server.url}/kumppani/")
    page.click(".language-form button[value=sv]")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    path = ask_for_a_link(
        page,
        problems,
        live_server,
        smtp,
        heading="Partnersida för arbetsplatser",
        button="Skicka mig en inloggningslänk",
    )
    page.goto(f"{live_server.url}{path}")
    partner_page_ok(page, problems, "the sign-in button in Swedish")
    page.get_by_role("button", name="Logga in", exact=True).click()
    page.wait_for_url(f"{live_server.url}/kumppani/oma/")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.locator("#readiness-heading")).to_be_visible()
    partner_page_ok(page, problems, "the partner's home in Swedish")
    page.locator("section[aria-labelledby=readiness-heading] a").first.click()
    expect(page.locator("h1")).to_have_text("Iida Ohjaaja")
    partner_page_ok(page, problems, "the correction form in Swedish")
    page.goto(f"{live_server.url}/kumppani/oma/ota-yhteytta/")
    partner_page_ok(page, problems, "the contact request in Swedish")
    page.goto(f"{live_server.url}/kumppani/oma/jaksot/")
    partner_page_ok(page, problems, "the work periods in Swedish")
    refused(
        page,
        problems,
        f"{live_server.url}{path}",
        410,
        "Den här inloggningslänken har redan använts",
        "used, in Swedish",
    )
    context.close()

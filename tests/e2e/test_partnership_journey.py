"""Partnership agreements and new partners in the browser: a coordinator records an agreement
with its PDF from the employer's page, a teacher turns a prospect into an employer, linking
it to the existing one found, a coordinator records cooperation with the strategic
network, and every page passes axe."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from core.models import Role
from partnerships.models import Employer, NetworkCooperation, PartnershipAgreement, Prospect

from ..factories import EmployerFactory, UserFactory
from ..partnerships.test_partnership_agreements import pdf_bytes
from .conftest import assert_page_ok

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "kumppani-selain-2026"


def login(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


@pytest.fixture
def people(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    coordinator = UserFactory(username="kaisa", first_name="Kaisa", last_name="K", password=PASSWORD)
    coordinator.groups.add(Group.objects.get(name=Role.COORDINATOR))
    teacher = UserFactory(username="tiina", first_name="Tiina", last_name="T", password=PASSWORD)
    teacher.groups.add(Group.objects.get(name=Role.TEACHER))
    return {"coordinator": coordinator, "teacher": teacher}


def test_coordinator_records_a_partnership_agreement_with_its_document(page, live_server, people, problems):
    employer = EmployerFactory(name="Konepaja Virtanen Oy")
    login(page, live_server, "kaisa")
    page.goto(f"{live_server.url}{employer.get_absolute_url()}")
    page.click("#partnership-agreements a.btn")
    expect(page.locator("h1")).to_contain_text("Uusi kumppanuussopimus")
    assert_page_ok(page, problems, "new partnership agreement form")
    page.fill("#id_title", "Kumppanuussopimus Konepaja Virtanen")
    page.fill("#id_scope", "Kuusi koulutussopimuspaikkaa vuodessa ja yhteinen ohjaajakoulutus.")
    page.fill("#id_signed_on", "2026-01-15")
    page.fill("#id_valid_until", "2028-01-14")
    page.set_input_files(
        "#id_document", files=[{"name": "sopimus.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}]
    )
    page.click("main button[type=submit]")
    expect(page.locator("h1")).to_contain_text("Kumppanuussopimus Konepaja Virtanen")
    expect(page.locator("main")).to_contain_text("sopimus.pdf")
    assert_page_ok(page, problems, "partnership agreement page")
    agreement = PartnershipAgreement.objects.get()
    assert list(agreement.employers.all()) == [employer]
    page.goto(f"{live_server.url}/partnership-agreements/")
    expect(page.locator("main table")).to_contain_text("Konepaja Virtanen Oy")
    assert_page_ok(page, problems, "partnership agreement list")


def test_teacher_links_a_prospect_to_the_employer_that_exists(page, live_server, people, problems):
    existing = EmployerFactory(name="Lämpö-Laaksonen", workplace="Jyväskylä", business_id=None)
    login(page, live_server, "tiina")
    page.goto(f"{live_server.url}/prospects/new/")
    assert_page_ok(page, problems, "new prospect form")
    page.fill("#id_name", "Lämpö-Laaksonen Oy")
    page.fill("#id_municipality", "Jyväskylä")
    page.fill("#id_contact_name", "Leena Laaksonen")
    page.fill("#id_contact_email", "leena@lampo.example")
    page.click("main button[type=submit]")
    expect(page.locator("h1")).to_contain_text("Lämpö-Laaksonen Oy")
    expect(page.locator("#convert")).to_contain_text("Lämpö-Laaksonen")
    assert_page_ok(page, problems, "prospect page with a duplicate")
    page.click("#convert form:has(input[name=link_to]) button")
    expect(page.locator("h1")).to_contain_text("Lämpö-Laaksonen")
    assert Employer.objects.count() == 1
    assert Prospect.objects.get().employer == existing
    assert existing.people.get().email == "leena@lampo.example"


def test_coordinator_records_cooperation_with_the_strategic_network(page, live_server, people, problems):
    login(page, live_server, "kaisa")
    page.click("nav >> text=Katsaus")
    page.click("nav >> text=Strateginen verkosto")
    expect(page.locator("h1")).to_contain_text("Strateginen verkosto")
    assert_page_ok(page, problems, "network organisation list")
    page.click("main a.btn-primary")
    assert_page_ok(page, problems, "new network organisation form")
    page.fill("#id_name", "Järvilaakson kauppakamari")
    page.select_option("#id_kind", "chamber")
    page.fill("#id_contact_names", "Hanna Salo, koulutusvaliokunnan sihteeri")
    page.click("main button[type=submit]")
    expect(page.locator("h1")).to_contain_text("Järvilaakson kauppakamari")
    assert_page_ok(page, problems, "network organisation page")
    page.click("#cooperation a.btn")
    assert_page_ok(page, problems, "new network cooperation form")
    page.fill("#id_date", "2026-03-10")
    page.select_option("#id_kind", "forum")
    page.fill("#id_title", "Koulutusvaliokunnan kokous")
    page.fill("#id_contact_names", "Hanna Salo")
    page.click("main button[type=submit]")
    expect(page.locator("h1")).to_contain_text("Koulutusvaliokunnan kokous")
    expect(page.locator("main")).to_contain_text("Järvilaakson kauppakamari")
    assert_page_ok(page, problems, "network cooperation page")
    cooperation = NetworkCooperation.objects.get()
    assert list(cooperation.staff.all()) == [people["coordinator"]]
    page.goto(f"{live_server.url}/network/cooperation/?year=2026")
    expect(page.locator("main table")).to_contain_text("Koulutusvaliokunnan kokous")
    assert_page_ok(page, problems, "network cooperation list")

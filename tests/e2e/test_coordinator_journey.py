"""Journey 2: a coordinator opens the review dashboard, follows an attention link to an
employer, and records a new partnership level with a rationale, then withdraws it with a reason."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from core.models import Role
from partnerships.models import LevelRecord

from ..factories import ContactFactory, EmployerFactory, UserFactory
from .conftest import assert_page_ok

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "kumppani-koordinaattori-2026"


@pytest.fixture
def quiet_employer(db):
    coordinator = UserFactory(username="kaisa", first_name="Kaisa", password=PASSWORD)
    coordinator.groups.add(Group.objects.get(name=Role.COORDINATOR))
    employer = EmployerFactory(name="Hiljainen Rakennus Oy")
    ContactFactory(
        employer=employer, author=coordinator, date=timezone.localdate() - datetime.timedelta(days=200)
    )
    return employer


def test_coordinator_follows_the_attention_list_and_records_a_level(
    page, live_server, quiet_employer, shot, problems
):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "kaisa")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    assert_page_ok(page, problems, "home page")
    page.goto(f"{live_server.url}/review/")
    expect(page.locator("[data-chart]")).to_have_count(4)  # two bar charts, two sets of small multiples
    shot(page, "review-dashboard")
    assert_page_ok(page, problems, "review dashboard")
    page.click("#attention-heading ~ .row >> text=Hiljainen Rakennus Oy")
    expect(page.locator("h1")).to_contain_text("Hiljainen Rakennus Oy")
    assert_page_ok(page, problems, "employer page")
    page.click("#level summary >> nth=-1")
    page.select_option("#id_level-level", label="Arkipäivän kumppanuus")
    page.fill("#id_level-rationale", "Uusi yhteyshenkilö, sovittu säännölliset käynnit.")
    page.click('#level form[action$="/level/"] button[type=submit]')  # not the accept button
    expect(page.locator("#level")).to_contain_text("Arkipäivän kumppanuus")
    record = LevelRecord.objects.get(employer=quiet_employer)
    assert record.rationale == "Uusi yhteyshenkilö, sovittu säännölliset käynnit."
    assert_page_ok(page, problems, "employer page with the new level")
    # The level was recorded for the wrong employer: the coordinator withdraws it, with a reason.
    page.click("#level >> text=Korjaa tai peru")
    expect(page.locator("h1")).to_contain_text("Korjaa tasokirjaus")
    assert_page_ok(page, problems, "level record page")
    page.click("form:has(input[name=action]) button[type=submit]")  # no reason yet: refused
    expect(page.locator("#id_withdraw-reason")).to_have_attribute("aria-invalid", "true")
    page.fill("#id_withdraw-reason", "Kirjattu väärälle työnantajalle")
    page.click("form:has(input[name=action]) button[type=submit]")
    expect(page.locator("#level")).to_contain_text("Ei vielä kirjattu")
    record.refresh_from_db()
    assert record.is_withdrawn
    assert record.history.latest().history_change_reason == "Kirjattu väärälle työnantajalle"
    assert_page_ok(page, problems, "employer page after the withdrawal")


def test_coordinator_writes_a_checkpoint_promise_and_finds_it_on_the_dashboard(
    page, live_server, quiet_employer, shot, problems
):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "kaisa")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.click("nav .dropdown-toggle")
    page.click("nav >> text=Palvelulupaukset")
    expect(page.locator("h1")).to_have_text("Palvelulupaukset")
    expect(page.locator("main section.card")).to_have_count(8)
    assert_page_ok(page, problems, "service promises page")
    page.fill("#id_form-7-service_promise_fi", "Kiitämme työpaikkaa jokaisen jakson jälkeen.")
    page.fill("#id_form-7-service_promise_sv", "Vi tackar arbetsplatsen efter varje period.")
    page.click("main form button[type=submit]")
    expect(page.locator(".alert-success, .alert-info").first).to_contain_text("Palvelulupaukset tallennettu.")
    shot(page, "service-promises")
    assert_page_ok(page, problems, "service promises page after saving")
    page.goto(f"{live_server.url}/review/")
    promise = page.locator("#coverage-heading ~ div details.checkpoint-promise").first
    expect(promise).not_to_contain_text("Kiitämme", use_inner_text=True)  # closed until asked for
    promise.locator("summary").focus()
    page.keyboard.press("Enter")  # a keyboard opens it as a tap does
    expect(promise).to_contain_text("Kiitämme työpaikkaa jokaisen jakson jälkeen.", use_inner_text=True)
    assert_page_ok(page, problems, "review dashboard with a promise open")

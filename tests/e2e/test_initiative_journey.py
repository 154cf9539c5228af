"""Co-development in the browser: a coordinator starts an initiative from an employer's page,
logs a workshop, moves it to the next phase with a decision, and every page passes axe."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from checkpoints.models import Checkpoint
from core.models import Role
from partnerships.models import EntryKind, Initiative

from ..factories import ContactPersonFactory, EmployerFactory, UserFactory
from .conftest import assert_page_ok

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "kumppani-koordinaattori-2026"


@pytest.fixture
def employer(db):
    coordinator = UserFactory(username="kaisa", first_name="Kaisa", password=PASSWORD)
    coordinator.groups.add(Group.objects.get(name=Role.COORDINATOR))
    employer = EmployerFactory(name="Konepaja Virtanen Oy")
    ContactPersonFactory(employer=employer, first_name="Riikka", last_name="Edustaja")
    return employer


def test_coordinator_starts_an_initiative_and_moves_it_forward(page, live_server, employer, shot, problems):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "kaisa")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}{employer.get_absolute_url()}")
    page.click("section:has(#employer-initiatives-heading) >> text=Uusi")
    expect(page.locator("h1")).to_contain_text("Uusi yhteiskehittämisen hanke")
    assert_page_ok(page, problems, "new initiative form")
    page.fill("#id_title", "Työpaikkaohjaajan perehdytys kahdessa tunnissa")
    page.fill("#id_starting_point", "Ohjaajilla ei ole kokonaista päivää perehdytykseen.")
    page.fill("#id_goal", "Jokainen ohjaaja perehdytetty ennen jaksoa")
    page.check(f"input[name=checkpoints][value='{Checkpoint.objects.get(number=4).pk}']")
    page.get_by_label("Riikka Edustaja (Konepaja Virtanen Oy)").check()
    page.click("main button[type=submit]")
    expect(page.locator("h1")).to_contain_text("Työpaikkaohjaajan perehdytys")
    expect(page.locator("#phase-understand")).to_contain_text("nyt")
    shot(page, "initiative")
    assert_page_ok(page, problems, "initiative page")

    page.select_option("#id_entry-kind", "workshop")
    page.fill("#id_entry-text", "Työpaja kolmen konepajan kanssa: tarve on lyhyt verkkoperehdytys.")
    page.click("#log-heading ~ form button[type=submit]")
    expect(page.locator("section:has(#phase-understand)")).to_contain_text("Työpaja kolmen konepajan kanssa")
    page.fill("#id_phase-decision", "Ohjausryhmä hyväksyi määrittelyn.")
    page.click("#phase-heading ~ form button[type=submit]")
    expect(page.locator("#phase-ideate")).to_contain_text("nyt")
    assert_page_ok(page, problems, "initiative page in phase 2")

    initiative = Initiative.objects.get()
    assert initiative.phase == "ideate"
    assert initiative.representatives.get().last_name == "Edustaja"
    decision = initiative.entries.get(kind=EntryKind.PHASE_CHANGE)
    assert decision.text == "Ohjausryhmä hyväksyi määrittelyn."

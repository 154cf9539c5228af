"""Co-development in the browser: a coordinator starts an initiative from an employer's page,
logs a workshop, moves it to the next phase with a decision, adds students taking part with
their consent and records a withdrawal, and every page passes axe."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from checkpoints.models import Checkpoint
from core.models import Role
from partnerships import services
from partnerships.models import EntryKind, Initiative, StudentParticipant

from ..factories import ContactPersonFactory, EmployerFactory, StudentFactory, UserFactory
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


def _log_in(page, live_server) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "kaisa")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def test_coordinator_starts_an_initiative_and_moves_it_forward(page, live_server, employer, shot, problems):
    _log_in(page, live_server)
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


def test_coordinator_adds_students_with_consent_and_records_a_withdrawal(
    page, live_server, employer, problems
):
    """A student of the institution and a student union representative join with their
    consent; the representative withdraws it and is no longer named on the page."""
    coordinator = UserFactory._meta.model.objects.get(username="kaisa")
    initiative = services.initiative_create(
        by=coordinator,
        data={"title": "Perehdytys kahdessa tunnissa", "starting_point": "Päivä on liian pitkä."},
    )
    student = StudentFactory(
        first_name="Iida", last_name="Heikkinen", date_of_birth=datetime.date(2004, 2, 2)
    )
    _log_in(page, live_server)
    page.goto(f"{live_server.url}{initiative.get_absolute_url()}")
    expect(page.locator("#students")).to_contain_text("Opiskelijoita ei ole vielä mukana.")
    page.click("#students >> text=Lisää mukaan opiskelija")
    expect(page.locator("h1")).to_have_text("Lisää mukaan opiskelija")
    assert_page_ok(page, problems, "student participant form")
    page.select_option("#id_student", str(student.pk))
    page.fill("#id_consent_on", timezone.localdate().isoformat())
    page.get_by_label("Sähköposti").check()
    page.click("main button[type=submit]")
    expect(page.locator("#students")).to_contain_text("Iida Heikkinen")
    expect(page.locator("main")).to_contain_text("Iida Heikkinen on mukana hankkeessa, suostumus kirjattu.")

    page.click("#students >> text=Lisää mukaan opiskelija")
    page.fill("#id_name", "Sanni Suomela")
    page.fill("#id_role", "Opiskelijakunnan hallitus")
    page.fill("#id_consent_on", (timezone.localdate() + datetime.timedelta(days=3)).isoformat())
    page.get_by_label("Kirjallinen suostumuslomake").check()
    page.click("main button[type=submit]")
    # A consent dated in the future is refused in Finnish, and what was typed stays.
    expect(page.locator("main")).to_contain_text("päivämäärä ei voi olla tulevaisuudessa")
    expect(page.locator("#id_name")).to_have_value("Sanni Suomela")
    assert_page_ok(page, problems, "student participant form with an error")
    page.fill("#id_consent_on", timezone.localdate().isoformat())
    page.click("main button[type=submit]")
    expect(page.locator("#students")).to_contain_text("Sanni Suomela, Opiskelijakunnan hallitus")
    assert_page_ok(page, problems, "initiative page with students taking part")

    sanni = StudentParticipant.objects.get(name="Sanni Suomela")
    page.click(f"#student-participant-{sanni.pk} button[type=submit]")
    expect(page.locator("main")).to_contain_text("Opiskelijaedustaja perui suostumuksensa osallistumiseen.")
    expect(page.locator("main")).not_to_contain_text("Sanni")
    expect(page.locator(f"#student-participant-{sanni.pk}")).to_contain_text("suostumus peruttu")
    assert_page_ok(page, problems, "initiative page after a withdrawal")
    sanni.refresh_from_db()
    assert sanni.withdrawn_on == timezone.localdate()
    assert StudentParticipant.objects.get(student=student).in_force

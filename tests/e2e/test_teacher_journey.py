"""Journey 1: a teacher logs in, finds an employer, logs a contact in seconds, sets a
follow-up and sees it on the home page. Also on a phone, and with JavaScript off."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from ..factories import ContactPersonFactory, EmployerFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "kumppani-testi-2026"


@pytest.fixture
def world(db):
    teacher = UserFactory(username="tiina", first_name="Tiina", last_name="Opettaja", password=PASSWORD)
    teacher.groups.add(Group.objects.get(name="Teacher"))
    employer = EmployerFactory(name="Sähkö-Virtanen Oy", account_owner=teacher)
    ContactPersonFactory(employer=employer, first_name="Pirjo", last_name="Ohjaaja")
    for i in range(5):
        EmployerFactory(name=f"Muu Yritys {i} Oy")
    return {"teacher": teacher, "employer": employer}


def log_in(page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "tiina")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    expect(page.locator("h1")).to_contain_text("Tiina")


def test_teacher_logs_a_contact_and_a_follow_up_without_a_page_reload(
    page, live_server, world, shot, problems
):
    log_in(page, live_server)
    page.click("nav >> text=Employers")
    expect(page.locator("tr.employer-row")).to_have_count(6)
    page.fill("#id_q", "virtanen")
    expect(page.locator("tr.employer-row")).to_have_count(1)  # htmx replaced the results
    shot(page, "employer-list")
    page.click("text=Sähkö-Virtanen Oy")
    expect(page.locator("h1")).to_contain_text("Sähkö-Virtanen Oy")

    # A marker on window survives only if the page is not reloaded.
    page.evaluate("window.kumppaniMarker = 'still here'")
    url = page.url
    page.select_option("#id_channel", "visit")
    page.fill("#id_summary", "Kävin työpaikalla, jakso etenee hyvin.")
    page.click("#contact-form button[type=submit]")
    first = page.locator("#timeline article").first
    expect(first).to_contain_text("Kävin työpaikalla, jakso etenee hyvin.")
    assert page.evaluate("window.kumppaniMarker") == "still here"
    assert page.url == url
    expect(page.locator("#id_summary")).to_have_value("")  # a fresh form for the next one
    expect(page.locator("#contact-count")).to_have_text("1")

    # A second contact with a follow-up.
    follow_up = timezone.localdate() + datetime.timedelta(days=3)
    page.select_option("#id_channel", "phone")
    page.fill("#id_summary", "Soitto ohjaajalle.")
    page.click("#contact-form summary")
    page.fill("#id_follow_up_date", follow_up.isoformat())
    page.fill("#id_follow_up_note", "Vahvista näytön päivä")
    page.click("#contact-form button[type=submit]")
    expect(page.locator("#timeline article").first).to_contain_text("Soitto ohjaajalle.")
    assert page.evaluate("window.kumppaniMarker") == "still here"
    shot(page, "employer-page")

    page.click("nav >> text=Home")
    follow_ups = page.locator("#follow-ups")
    expect(follow_ups).to_contain_text("Vahvista näytön päivä")
    shot(page, "home")
    follow_ups.locator("button", has_text="Done").first.click()
    expect(follow_ups).to_contain_text("done")
    assert problems == []


def test_every_page_of_the_journey_fits_a_phone(page, live_server, world, shot, problems):
    page.set_viewport_size({"width": 375, "height": 667})
    log_in(page, live_server)
    for path, name in [
        ("/", "home"),
        ("/employers/", "employers"),
        (world["employer"].get_absolute_url(), "employer"),
    ]:
        page.goto(f"{live_server.url}{path}")
        fits = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert fits, f"{path} scrolls sideways on a phone"
        shot(page, f"phone-{name}")
    assert problems == []


def test_the_log_form_works_with_javascript_off(browser, live_server, world):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    log_in(page, live_server)
    page.goto(f"{live_server.url}{world['employer'].get_absolute_url()}")
    page.select_option("#id_channel", "email")
    page.fill("#id_summary", "Lähetin esitteen ilman JavaScriptiä.")
    page.click("#contact-form button[type=submit]")
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.locator("#timeline article").first).to_contain_text("Lähetin esitteen ilman JavaScriptiä.")
    context.close()

"""Journeys 3 and 5: an anonymous visitor opens the brochure page in Swedish, picks a colour
and downloads the employer brochure; the teacher-only brochure sends them to the login page."""

import pytest
from playwright.sync_api import expect

from ..storage import brochures_in
from .conftest import assert_page_ok

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def cache_folder(tmp_path_factory):
    # One folder for the module: the live server may still be rendering a preview for the
    # previous test's page when the next test starts.
    return tmp_path_factory.mktemp("brochures")


@pytest.fixture
def brochure_cache(settings, cache_folder):
    brochures_in(settings, cache_folder)


def test_a_visitor_downloads_the_employer_brochure_in_swedish(
    page, live_server, brochure_cache, shot, problems, tmp_path
):
    page.goto(f"{live_server.url}/brochures/")
    page.click(".language-form button[value=sv]")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.locator("#language-sv")).to_be_checked()
    page.check("#colour-green")  # htmx swaps the cards for the green variant
    download_link = page.locator("a[href='/brochures/employer/sv/green/']")
    expect(download_link).to_be_visible()
    expect(page).to_have_url(f"{live_server.url}/brochures/?language=sv&colour=green")
    preview = page.locator("img[src='/brochures/employer/sv/green/preview.png']")
    expect(preview).to_be_visible()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=preview.element_handle(), timeout=60_000
    )
    shot(page, "brochures-public")
    assert_page_ok(page, problems, "brochure page in Swedish")
    with page.expect_download(timeout=60_000) as info:
        download_link.click()
    download = info.value
    assert download.suggested_filename == "bada-ar-battre-arbetsgivare-sv-green.pdf"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")
    assert_page_ok(page, problems, "after the download")


def test_the_teacher_brochure_is_refused_to_an_anonymous_visitor(page, live_server, brochure_cache, problems):
    page.goto(f"{live_server.url}/brochures/")
    expect(page.locator("a[href^='/brochures/teacher/']")).to_have_count(0)
    page.goto(f"{live_server.url}/brochures/teacher/fi/blue/")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/brochures/teacher/fi/blue/")
    expect(page.locator("#id_username")).to_be_visible()
    assert_page_ok(page, problems, "login page")
    page.click("footer a[href='/accessibility/']")
    expect(page.locator("h1")).to_have_text("Saavutettavuusseloste")
    assert_page_ok(page, problems, "accessibility statement")
    page.click("footer a[href='/privacy/']")
    expect(page.locator("h1")).to_have_text("Tietosuojaseloste")
    assert_page_ok(page, problems, "privacy notice")


def test_a_coordinator_sets_an_own_colour_after_a_too_light_one_is_refused(
    page, live_server, brochure_cache, shot, problems
):
    import re

    from .conftest import log_in_as_new_coordinator

    log_in_as_new_coordinator(page, live_server)
    page.click("nav .dropdown-toggle")
    page.click("nav >> text=Esitteet ja tunnukset")
    page.click("main >> text=Aseta oma väri")
    expect(page.locator("h1")).to_have_text("Esitteiden oma väri")
    assert_page_ok(page, problems, "own colour page")
    page.fill("#id_dark", "#ffcc00")
    page.click("main form button[type=submit]")
    expect(page.locator("#id_dark")).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(page.locator("main")).to_contain_text("Kontrasti on 1,")  # the ratio, in Finnish
    expect(page.locator("#id_dark")).to_have_value("#ffcc00")  # what was typed is kept
    shot(page, "own-colour-refused")
    assert_page_ok(page, problems, "own colour refused")
    page.fill("#id_dark", "#5a2a82")
    page.click("main form button[type=submit]")
    expect(page.locator(".alert-success").first).to_contain_text("#5a2a82")
    page.goto(f"{live_server.url}/brochures/")
    page.check("#colour-own")
    download_link = page.locator("a[href='/brochures/employer/fi/own/']")
    expect(download_link).to_be_visible()
    preview = page.locator("img[src='/brochures/employer/fi/own/preview.png']")
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=preview.element_handle(), timeout=60_000
    )
    assert_page_ok(page, problems, "brochure page with the own colour")

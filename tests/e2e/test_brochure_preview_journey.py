"""Issue 22 item 8: a coordinator rewords the employer brochure's introduction, previews it
(the HTML preview in the page and the PDF preview, nothing saved), saves it, downloads the
brochure and finds the text in it, and restores the previous own colour from its history."""

import subprocess

import pytest
from playwright.sync_api import expect

from brochures import services
from core.models import User

from ..brochures.pdfs import normal
from ..storage import brochures_in
from .conftest import assert_page_ok, log_in_as_new_coordinator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INTRODUCTION = "Welcome to Jarvilaakso: we plan every work placement together with you."
# The preview's text, without the soft hyphens the brochure's hyphenation puts in.
PREVIEW_TEXT = "el => el.textContent.replaceAll('\\u00ad', '')"


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout


def test_a_coordinator_previews_saves_and_downloads_a_text_and_restores_the_colour(
    page, live_server, settings, tmp_path, shot, problems
):
    brochures_in(settings, tmp_path / "brochures")
    log_in_as_new_coordinator(page, live_server)
    kaisa = User.objects.get(username="kaisa")
    services.brochure_colour_set(dark="#5a2a82", by=kaisa)
    services.brochure_colour_set(dark="#1d3d5e", by=kaisa)

    # The English brochures' texts: type, choose what to preview, preview.
    page.goto(f"{live_server.url}/brochures/manage/texts/en/")
    page.fill("#id_introduction_employer", INTRODUCTION)
    page.select_option("#id_preview-audience", "employer")
    page.select_option("#id_preview-colour", "green")
    page.click("#brochure-form button[name=preview][value=html]")
    preview = page.locator("#brochure-preview")
    expect(preview).to_be_visible()
    assert normal(INTRODUCTION) in normal(preview.evaluate(PREVIEW_TEXT))
    expect(page.locator("#id_introduction_employer")).to_have_value(INTRODUCTION)  # kept, not saved
    shot(page, "brochure-preview")
    assert_page_ok(page, problems, "texts page with the preview")

    # The PDF preview: what the "open as a PDF" button posts, answered as a PDF.
    form = page.evaluate("() => Object.fromEntries(new FormData(document.getElementById('brochure-form')))")
    pdf_url = page.locator("#preview button[value=pdf]").get_attribute("formaction")
    answer = page.request.post(f"{live_server.url}{pdf_url}", form=form)
    assert answer.status == 200 and answer.headers["content-type"] == "application/pdf"
    assert answer.headers["cache-control"] == "no-store"
    (tmp_path / "preview.pdf").write_bytes(answer.body())
    assert normal(INTRODUCTION) in normal(pdf_text(tmp_path / "preview.pdf"))

    # Save, then download the employer brochure and find the text in it.
    page.click("#brochure-form button.btn-primary")
    expect(page.locator(".alert-success").first).to_be_visible()
    page.goto(f"{live_server.url}/brochures/?language=en&colour=blue")
    with page.expect_download(timeout=60_000) as info:
        page.click("a[href='/brochures/employer/en/blue/']")
    saved = tmp_path / "brochure.pdf"
    info.value.save_as(saved)
    assert normal(INTRODUCTION) in normal(pdf_text(saved))

    # The own colour's history: restore the colour before the last change.
    page.goto(f"{live_server.url}/brochures/manage/colour/")
    expect(page.locator("#changes-heading")).to_be_visible()
    assert_page_ok(page, problems, "colour page with its changes")
    page.click("button[name=restore]:has-text('#5a2a82')")
    expect(page.locator(".alert-success").first).to_contain_text("#5a2a82")
    expect(page.locator("main")).to_contain_text("#1d3d5e")  # the restore is a change of its own
    expect(page.locator("button[name=restore]:has-text('#1d3d5e')")).to_be_visible()
    shot(page, "own-colour-history")
    assert_page_ok(page, problems, "colour page after the restore")

    # The colour page previews a colour before it is saved, too.
    page.fill("#id_dark", "#2b4a1c")
    page.select_option("#id_preview-audience", "teacher")
    page.click("#brochure-form button[name=preview][value=html]")
    expect(page.locator("#brochure-preview.teacher")).to_be_visible()
    assert_page_ok(page, problems, "colour preview")

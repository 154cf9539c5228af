"""Previews before saving on the three editing pages (colour, institution texts, wording): the
posted values rendered as HTML in the page and as a PDF by the downloads' own code, nothing
saved, stored, cached or written to a history; invalid input shows the errors instead. And the
own colour's change history with its restore."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from brochures import content, rendering, services
from brochures.models import (
    BrochureColour,
    BrochureColourChange,
    BrochureText,
    BrochureTextOverride,
    DownloadKind,
)
from brochures.rendering import Variant

from ..storage import brochures_in
from .pdfs import normal, text_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("queued")]


@pytest.fixture
def storage(settings, tmp_path):
    return brochures_in(settings, tmp_path / "brochures")


def plain(html: str) -> str:
    return html.replace("\u00ad", "")  # Finnish is hyphenated with soft hyphens


def stored(folder) -> list:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


COLOUR = reverse("brochures:brochure_colour")
COLOUR_PDF = reverse("brochures:brochure_colour_pdf")


def test_the_colour_preview_shows_the_typed_colour_and_saves_nothing(coordinator_client, storage):
    data = {"dark": "#5A2A82", "preview": "html", "preview-audience": "student"}
    response = coordinator_client.post(COLOUR, data)
    assert response.status_code == 200
    page = response.content.decode()
    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert f'<style nonce="{nonce}">#brochure-preview {{ --dark: #5a2a82;' in page
    assert 'id="brochure-preview" class="brochure-sheet student"' in page
    assert content.AUDIENCE_NAMES["student"].en in page  # in the page's language
    assert 'value="#5A2A82"' in page  # what was typed is kept
    assert reverse("brochures:brochure_colour_pdf") in page and 'action="/brochures/manage/colour/"' in page
    assert not BrochureColour.objects.exists() and not BrochureColourChange.objects.exists()
    assert stored(storage) == []


def test_the_colour_pdf_preview_is_rendered_now_and_stored_nowhere(coordinator_client, storage, queued):
    response = coordinator_client.post(COLOUR_PDF, {"dark": "#5a2a82", "preview-audience": "employer"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"].startswith('inline; filename="preview-')
    assert normal(content.TITLE.en) in normal(text_of(response.content))
    assert stored(storage) == [] and queued == []
    assert rendering.warm_file(Variant(DownloadKind.BROCHURE, "employer", "en", "own")) is None
    assert not BrochureColour.objects.exists()


def test_a_too_light_colour_shows_the_error_instead_of_a_preview(coordinator_client, storage):
    for target, data in ((COLOUR, {"preview": "html"}), (COLOUR_PDF, {})):
        response = coordinator_client.post(target, {"dark": "#ffcc00", "preview-audience": "employer"} | data)
        page = response.content.decode()
        assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
        assert "The contrast of" in page and "Nothing was saved yet." in page
        assert 'id="brochure-preview"' not in page and 'value="#ffcc00"' in page
    assert stored(storage) == []


def test_a_preview_of_an_audience_that_is_not_offered_is_a_form_error(coordinator_client):
    response = coordinator_client.post(
        COLOUR, {"dark": "#5a2a82", "preview": "html", "preview-audience": "instructor"}
    )
    assert response.status_code == 200 and 'id="brochure-preview"' not in response.content.decode()
    assert "instructor is not one of the available choices" in response.content.decode()


def test_the_texts_preview_prints_the_typed_introduction_in_the_chosen_colour(coordinator_client, storage):
    url = reverse("brochures:brochure_texts", args=["sv"])
    data = {
        "introduction_student": "Välkommen till Järvilaakso, lärling!",
        "preview-audience": "student",
        "preview-colour": "green",
    }
    page = coordinator_client.post(url, data | {"preview": "html"}).content.decode()
    assert "Välkommen till Järvilaakso, lärling!" in plain(page)
    assert f"--dark: {content.colour_by_slug('green').dark};" in page
    pdf = coordinator_client.post(reverse("brochures:brochure_texts_pdf", args=["sv"]), data)
    assert pdf["Content-Type"] == "application/pdf" and pdf["Cache-Control"] == "no-store"
    assert normal("Välkommen till Järvilaakso, lärling!") in normal(text_of(pdf.content))
    assert not BrochureText.objects.exists() and not BrochureText.history.exists()
    assert stored(storage) == []


def test_a_too_long_text_shows_its_limit_instead_of_a_preview(coordinator_client):
    url = reverse("brochures:brochure_texts", args=["fi"])
    data = {"funding_note": "x" * 201, "preview-audience": "teacher", "preview-colour": "blue"}
    response = coordinator_client.post(url, data | {"preview": "html"}, headers={"Accept-Language": "sv"})
    page = response.content.decode()
    assert "Texten är 201 tecken lång; högst 200 ryms på broschyren på en sida." in page
    assert 'id="brochure-preview"' not in page and "x" * 201 in page


def test_the_checklist_wording_preview_prints_the_typed_item(coordinator_client, coordinator, storage):
    services.brochure_wording_update(
        document="checklist",
        audience="instructor",
        language="en",
        data={"phase_after": "Afterwards"},
        by=coordinator,
    )
    url = reverse("brochures:brochure_wording", args=["en", "checklist", "instructor"])
    form = coordinator_client.get(url).context["form"]
    data = {name: field.initial for name, field in form.fields.items()}  # as the browser posts it
    data["item_instructor_set_time"] = "Book two hours a week for instruction."
    page = coordinator_client.post(url, data | {"preview": "html"}).content.decode()
    assert 'class="brochure-sheet checklist"' in page and "preview-colour" not in page
    assert "Book two hours a week for instruction." in plain(page) and "Afterwards" in page  # saved one kept
    pdf = coordinator_client.post(
        reverse("brochures:brochure_wording_pdf", args=["en", "checklist", "instructor"]), data
    )
    assert pdf["Content-Type"] == "application/pdf"
    text = normal(text_of(pdf.content))
    assert normal("Book two hours a week for instruction.") in text and normal("Afterwards") in text
    assert list(BrochureTextOverride.objects.values_list("key", flat=True)) == ["phase_after"]
    assert BrochureTextOverride.history.count() == 1 and stored(storage) == []


def test_the_brochure_wording_preview_is_in_the_chosen_colour_and_refuses_a_long_title(coordinator_client):
    url = reverse("brochures:brochure_wording", args=["fi", "brochure", "employer"])
    page = coordinator_client.post(
        url, {"title": "Kumpi sopii?", "preview": "html", "preview-colour": "plum"}
    ).content.decode()
    assert "Kumpi sopii?" in plain(page) and f"--dark: {content.colour_by_slug('plum').dark};" in page
    response = coordinator_client.post(url, {"title": "x" * 31, "preview": "html", "preview-colour": "plum"})
    page = response.content.decode()
    assert (
        "at most 30" in page
        and 'id="brochure-preview"' not in page
        and not BrochureTextOverride.objects.exists()
    )


def test_saving_after_a_preview_still_saves(coordinator_client):
    url = reverse("brochures:brochure_wording", args=["fi", "brochure", "employer"])
    response = coordinator_client.post(url, {"title": "Kumpi sopii?", "preview-colour": "plum"})
    assert response.status_code == 302
    assert rendering.wording("fi").get("title", "employer") == "Kumpi sopii?"


def test_teachers_and_visitors_get_no_preview(teacher_client, anonymous_client):
    data = {"dark": "#5a2a82", "preview-audience": "employer"}
    assert teacher_client.post(COLOUR_PDF, data).status_code == 403
    assert anonymous_client.post(COLOUR_PDF, data).status_code == 302
    assert teacher_client.post(COLOUR, data | {"preview": "html"}).status_code == 403


def test_the_pdf_previews_answer_post_only(coordinator_client):
    assert coordinator_client.get(COLOUR_PDF).status_code == 405
    assert coordinator_client.get(reverse("brochures:brochure_texts_pdf", args=["fi"])).status_code == 405


# The own colour's changes


def test_every_change_of_the_own_colour_is_recorded(coordinator, teacher):
    services.brochure_colour_set(dark="#5a2a82", by=coordinator)
    services.brochure_colour_set(dark="#5a2a82", by=coordinator)  # the same: no change
    services.brochure_colour_set(dark="#1d3d5e", by=teacher)
    services.brochure_colour_remove(by=coordinator)
    changes = [(c.before, c.after, c.changed_by) for c in BrochureColourChange.objects.order_by("id")]
    assert changes == [
        ("", "#5a2a82", coordinator),
        ("#5a2a82", "#1d3d5e", teacher),
        ("#1d3d5e", "", coordinator),
    ]


def test_restoring_a_colour_validates_it_and_makes_only_the_own_colour_brochures(
    coordinator_client, coordinator, renders, django_capture_on_commit_callbacks, queued
):
    services.brochure_colour_set(dark="#5a2a82", by=coordinator)
    services.brochure_colour_set(dark="#1d3d5e", by=coordinator)
    rendering.brochures_prerender()
    renders.clear()
    queued.clear()
    change = BrochureColourChange.objects.get(after="#1d3d5e")
    page = coordinator_client.get(COLOUR).content.decode()
    assert f'name="restore" value="{change.pk}"' in page and "Restore #5a2a82" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(COLOUR, {"restore": change.pk}, follow=True)
    assert "#5a2a82" in response.content.decode() and rendering.own_colour() == "#5a2a82"
    latest = BrochureColourChange.objects.first()
    assert (latest.before, latest.after, latest.changed_by) == ("#1d3d5e", "#5a2a82", coordinator)
    assert queued == [{"retry": False}]
    assert rendering.brochures_prerender()["rendered"] == 9 and {v.colour for v in renders} == {"own"}


def test_a_colour_that_no_longer_passes_is_not_restored(coordinator_client, coordinator):
    services.brochure_colour_set(dark="#5a2a82", by=coordinator)
    old = BrochureColourChange.objects.create(before="#ffcc00", after="#5a2a82")  # from an older rule
    response = coordinator_client.post(COLOUR, {"restore": old.pk}, follow=True)
    assert "4.5:1" in response.content.decode() and rendering.own_colour() == "#5a2a82"
    assert BrochureColourChange.objects.count() == 2
    first = BrochureColourChange.objects.get(before="")
    response = coordinator_client.post(COLOUR, {"restore": first.pk}, follow=True)
    assert "no own colour" in response.content.decode() and rendering.own_colour() == "#5a2a82"
    assert coordinator_client.post(COLOUR, {"restore": "x"}).status_code == 404


def test_the_colour_page_reads_its_changes_in_constant_queries(
    coordinator_client, coordinator, django_assert_num_queries
):
    services.brochure_colour_set(dark="#5a2a82", by=coordinator)
    coordinator_client.get(COLOUR)
    with django_assert_num_queries(4) as one:
        coordinator_client.get(COLOUR)
    for dark in ("#1d3d5e", "#2b4a1c", "#5a2a82", "#1d3d5e", "#3a2a5e"):
        services.brochure_colour_set(dark=dark, by=coordinator)
    with django_assert_num_queries(len(one.captured_queries)):
        page = coordinator_client.get(COLOUR).content.decode()
    assert page.count('name="restore"') == 5  # every earlier colour but the current one


def test_a_wording_preview_reads_in_constant_queries(
    coordinator_client, coordinator, django_assert_num_queries
):
    url = reverse("brochures:brochure_wording", args=["fi", "brochure", "teacher"])
    data = {"title": "Kumpi sopii?", "preview": "html", "preview-colour": "blue"}
    coordinator_client.post(url, data)
    with CaptureQueriesContext(connection) as few:
        coordinator_client.post(url, data)
    services.brochure_wording_update(
        document="brochure",
        audience="teacher",
        language="fi",
        data={
            "subtitle": "Oma",
            "local_heading": "Meillä",
            "contacts_heading": "Soita",
            "teacher_only": "Sisäinen",
        },
        by=coordinator,
    )
    with django_assert_num_queries(len(few.captured_queries)):
        page = coordinator_client.post(url, data).content.decode()
    assert "Kumpi sopii?" in plain(page) and BrochureTextOverride.objects.count() == 4  # untouched

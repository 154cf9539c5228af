"""The institution's own brochure colour: WCAG AA contrast computed from the relative
luminance, refused with the ratio named, offered beside the three fixed colours, and a change
that makes only the own-colour brochures again."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from brochures import content, rendering, services
from brochures.contrast import (
    contrast_ratio,
    hex_normalise,
    ratio_text,
    relative_luminance,
    tint_of,
    weakest_pair,
)
from brochures.models import BrochureColour
from brochures.rendering import Inputs, Variant, brochure_context
from core.branding import branding_update
from core.models import Institution

from .test_views import url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("queued")]


@pytest.mark.parametrize(
    ("colour", "luminance"),
    [("#000000", 0.0), ("#ffffff", 1.0), ("#ff0000", 0.2126), ("#00ff00", 0.7152), ("#0000ff", 0.0722)],
)
def test_relative_luminance_follows_the_wcag_definition(colour, luminance):
    assert relative_luminance(colour) == pytest.approx(luminance, abs=1e-9)


def test_the_contrast_ratio_runs_from_1_to_21_and_is_symmetric():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#1b4f80", "#1b4f80") == pytest.approx(1.0)
    assert contrast_ratio("#1b4f80", "#ffffff") == contrast_ratio("#ffffff", "#1b4f80")
    assert contrast_ratio("#1b4f80", "#ffffff") == pytest.approx(8.48, abs=0.005)  # the blue variant


def test_the_grey_on_either_side_of_4_5_to_1():
    """#767676 is the lightest grey with 4.5:1 on white (4.54), #777777 just below it (4.48)."""
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.005)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.005)


def test_a_ratio_is_rounded_down_so_that_a_failing_one_never_reads_4_50():
    assert ratio_text(4.4999) == "4.49:1"
    assert ratio_text(21.0) == "21.00:1"
    with translation.override("fi"):
        assert ratio_text(4.48) == "4,48:1"


def test_hex_codes_are_normalised_and_anything_else_is_not_a_colour():
    assert hex_normalise(" #1B4F80 ") == "#1b4f80"
    assert hex_normalise("1b4f80") == "#1b4f80"
    assert hex_normalise("#abc") == "#aabbcc"
    assert [hex_normalise(v) for v in ("blue", "#12345", "#1234567", "#ggg000", "")] == [""] * 5


def darkest_failing_and_lightest_passing_grey() -> tuple[str, str]:
    """The two neighbouring greys between which the weakest text pair crosses 4.5:1."""
    greys = [f"#{v:02x}{v:02x}{v:02x}" for v in range(256)]
    passing = [g for g in greys if weakest_pair(g).ratio >= 4.5]
    lightest = passing[-1]
    return greys[greys.index(lightest) + 1], lightest


def test_every_text_on_a_colour_just_passing_reaches_4_5_and_the_next_lighter_fails():
    failing, passing = darkest_failing_and_lightest_passing_grey()
    assert weakest_pair(failing).ratio < 4.5 <= weakest_pair(passing).ratio
    tint = tint_of(passing)
    for text, background in (("#ffffff", passing), (passing, "#ffffff"), (passing, tint), ("#1a1a1a", tint)):
        assert contrast_ratio(text, background) >= 4.5


def test_the_service_refuses_a_colour_too_light_naming_the_ratio(coordinator):
    with pytest.raises(ValidationError) as refused:
        services.brochure_colour_set(dark="#777777", by=coordinator)
    [message] = refused.value.message_dict["dark"]
    ratio = ratio_text(weakest_pair("#777777").ratio)
    assert ratio in message and "4.5:1" in message
    assert not BrochureColour.objects.exists()


def test_the_service_saves_the_boundary_colour_and_refuses_its_lighter_neighbour(coordinator):
    failing, passing = darkest_failing_and_lightest_passing_grey()
    with pytest.raises(ValidationError):
        services.brochure_colour_set(dark=failing, by=coordinator)
    saved = services.brochure_colour_set(dark=passing.upper(), by=coordinator)
    assert (saved.dark, saved.updated_by) == (passing, coordinator)
    services.brochure_colour_set(dark="#1d5e3b", by=coordinator)
    assert list(BrochureColour.objects.values_list("dark", flat=True)) == ["#1d5e3b"]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", "Kontrasti"),
        ("sv", "Kontrasten"),
        ("en", "The contrast"),
    ],
)
def test_the_page_refuses_a_light_colour_with_a_translated_field_error(
    coordinator_client, language, expected
):
    response = coordinator_client.post(
        reverse("brochures:brochure_colour"), {"dark": "#ffcc00"}, headers={"Accept-Language": language}
    )
    assert response.status_code == 200
    page = response.content.decode()
    with translation.override(language):
        ratio = ratio_text(weakest_pair("#ffcc00").ratio)
    assert expected in page and ratio in page and 'value="#ffcc00"' in page
    assert not BrochureColour.objects.exists()


def test_the_page_refuses_what_is_not_a_hex_code(coordinator_client):
    response = coordinator_client.post(reverse("brochures:brochure_colour"), {"dark": "sininen"})
    assert response.status_code == 200 and "Write the colour as a hex code" in response.content.decode()


def test_only_coordinators_set_the_own_colour(teacher_client, anonymous_client):
    assert teacher_client.post(reverse("brochures:brochure_colour"), {"dark": "#1b4f80"}).status_code == 403
    assert anonymous_client.get(reverse("brochures:brochure_colour")).status_code == 302
    assert not BrochureColour.objects.exists()


def test_the_page_accepts_only_get_and_post(coordinator_client):
    assert coordinator_client.put(reverse("brochures:brochure_colour")).status_code == 405


def test_the_own_colour_is_offered_and_printed_once_set(coordinator_client, anonymous_client, renders):
    own = url(colour="own")
    assert anonymous_client.get(own).status_code == 404
    assert 'value="own"' not in anonymous_client.get(reverse("brochures:brochure_index")).content.decode()
    response = coordinator_client.post(reverse("brochures:brochure_colour"), {"dark": "#5a2a82"})
    assert response.status_code == 302 and response["Location"] == reverse("brochures:brochure_admin")
    assert "#5a2a82" in coordinator_client.get(reverse("brochures:brochure_admin")).content.decode()
    index = anonymous_client.get(reverse("brochures:brochure_index"), {"colour": "own"}).content.decode()
    assert 'value="own" checked' in index and "#5a2a82" in index
    download = anonymous_client.get(own)
    assert download.status_code == 200 and download["Content-Disposition"].endswith('-fi-own.pdf"')
    context = brochure_context(Variant("brochure", "employer", "fi", "own"), Inputs())
    assert (context["colour"].dark, context["colour"].tint) == ("#5a2a82", tint_of("#5a2a82"))


def test_the_own_colour_is_in_the_rendered_pdf_html():
    BrochureColour.objects.create(dark="#5a2a82")
    html = rendering.variant_html(Variant("brochure", "student", "sv", "own"), Inputs())
    assert f"--dark: #5a2a82; --tint: {tint_of('#5a2a82')}" in html


def test_removing_the_own_colour_takes_it_off_the_offer(coordinator_client, anonymous_client, renders):
    BrochureColour.objects.create(dark="#5a2a82")
    assert anonymous_client.get(url(colour="own")).status_code == 200
    response = coordinator_client.post(reverse("brochures:brochure_colour"), {"remove": "1"})
    assert response.status_code == 302 and not BrochureColour.objects.exists()
    assert anonymous_client.get(url(colour="own")).status_code == 404


def test_changing_the_own_colour_makes_only_the_own_colour_brochures_again(
    coordinator, renders, django_capture_on_commit_callbacks, queued
):
    services.brochure_colour_set(dark="#5a2a82", by=coordinator)
    assert rendering.brochures_prerender()["rendered"] == 36 + 9
    renders.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.brochure_colour_set(dark="#1d3d5e", by=coordinator)
    assert queued == [{"retry": False}]
    result = rendering.brochures_prerender()
    assert result["rendered"] == 9 and {v.colour for v in renders} == {"own"}
    assert len({(v.audience, v.language) for v in renders}) == 9


def test_a_change_of_the_own_colour_forgets_only_the_own_colour_keys(
    coordinator, anonymous_client, renders, django_capture_on_commit_callbacks
):
    BrochureColour.objects.create(dark="#5a2a82")
    anonymous_client.get(url(colour="blue"))
    anonymous_client.get(url(colour="own"))
    with django_capture_on_commit_callbacks(execute=True):
        services.brochure_colour_set(dark="#1d3d5e", by=coordinator)
    assert rendering.warm_file(Variant("brochure", "employer", "fi", "blue")) is not None
    assert rendering.warm_file(Variant("brochure", "employer", "fi", "own")) is None


def test_a_text_edit_makes_only_that_language_and_audience_again(renders, django_capture_on_commit_callbacks):
    rendering.brochures_prerender()
    renders.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.brochure_text_update(language="sv", data={"introduction_student": "Välkommen!"})
    rendering.brochures_prerender()
    assert {(v.audience, v.language) for v in renders} == {("student", "sv")} and len(renders) == 3
    renders.clear()
    with django_capture_on_commit_callbacks(execute=True):  # printed on the teacher version only
        services.brochure_text_update(
            language="en", data={"local_practice": "Ask the apprenticeship office."}
        )
    rendering.brochures_prerender()
    assert {(v.audience, v.language) for v in renders} == {("teacher", "en")}
    renders.clear()
    with django_capture_on_commit_callbacks(execute=True):  # the links are on every audience's
        services.brochure_text_update(language="fi", data={"links": "Oppisopimus | https://example.fi/"})
    rendering.brochures_prerender()
    assert {(v.audience, v.language) for v in renders} == {(a, "fi") for a in content.AUDIENCES}


def test_a_branding_change_still_makes_every_brochure_again(renders, django_capture_on_commit_callbacks):
    BrochureColour.objects.create(dark="#5a2a82")
    rendering.brochures_prerender()
    renders.clear()
    with django_capture_on_commit_callbacks(execute=True):
        branding_update(institution=Institution.current(), data={"name": "Uusi opisto"})
    assert rendering.brochures_prerender()["rendered"] == 45

"""The institution's branding: the logo is checked by its content, re-encoded and bounded;
hostile branding and texts cannot make the renderer read a file or reach the network."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.http import urlencode
from PIL import ExifTags, Image

from brochures.models import BrochureText
from brochures.rendering import Inputs, Variant, brochure_render
from core.branding import LOGO_BOX, MAX_LOGO_BYTES, branding_update, logo_clean
from core.models import Institution

from ..brochures.pdfs import inflated
from ..childmemory import run_in_child
from .test_pdf import recording_server  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db


def image_bytes(fmt: str, size=(400, 200), noise=False) -> bytes:
    if noise:  # photo-like: gradients with grain, a few megabytes as a camera would give
        gradient = Image.linear_gradient("L").resize(size)
        grain = Image.effect_noise(size, 40)
        image = Image.merge("RGB", (gradient, grain, Image.blend(gradient, grain, 0.5)))
    else:
        image = Image.new("RGB", size, (27, 79, 128))
    out = io.BytesIO()
    image.save(out, fmt, **({"quality": 90} if fmt == "JPEG" else {}))
    return out.getvalue()


SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
    b'<image xlink:href="file:///etc/passwd"/><image href="http://127.0.0.1:9/x.png"/></svg>'
)


def test_a_png_logo_is_re_encoded_within_the_bounds():
    data, extension = logo_clean(image_bytes("PNG", size=(2000, 500)))
    assert extension == "png"
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG" and image.width <= LOGO_BOX[0] and image.height <= LOGO_BOX[1]


def test_a_12_megapixel_photo_becomes_a_small_jpeg():
    data, extension = logo_clean(image_bytes("JPEG", size=(4000, 3000), noise=True))
    assert extension == "jpg" and len(data) < 400_000
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (533, 400)


@pytest.mark.parametrize(
    "data",
    [SVG, b"GIF89a" + b"\0" * 100, b"%PDF-1.7 not an image", image_bytes("GIF"), image_bytes("BMP")],
    ids=["svg", "gif-header", "pdf", "gif", "bmp"],
)
def test_anything_but_png_or_jpeg_is_refused_by_its_content(data):
    with pytest.raises(ValidationError, match="PNG or JPEG"):
        logo_clean(data)


@pytest.mark.parametrize("side", [7000, 20000], ids=["over-our-limit", "over-pillows-limit"])
def test_a_decompression_bomb_is_refused_before_it_is_decoded(side):
    # A PNG claiming side x side pixels (49 or 400 MP) in a file of some kilobytes.
    image = Image.new("1", (side, side))
    out = io.BytesIO()
    image.save(out, "PNG")
    assert len(out.getvalue()) < 1_000_000
    with pytest.raises(ValidationError, match="megapixels"):
        logo_clean(out.getvalue())


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims width x height pixels: its header and an empty image stream."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


def test_a_40_megapixel_logo_is_refused_naming_its_size_before_it_is_decoded():
    run = run_in_child("core.branding.logo_clean", png_header(8000, 5000))
    assert run.error == (
        "ValidationError: The logo is 8000 × 5000 pixels (40.0 megapixels); at most 16 megapixels are "
        "accepted. Make it smaller and upload it again."
    )
    assert run.peak_mb - run.start_mb < 10  # nothing was decoded


def test_a_logo_just_within_the_pixel_limit_is_processed_in_bounded_memory():
    run = run_in_child("core.branding.logo_clean", image_bytes("PNG", size=(4000, 4000)))
    assert run.error is None and run.peak_mb < 150, run
    data, extension = run.result
    with Image.open(io.BytesIO(data)) as image:
        assert extension == "png" and image.size == (400, 400)


def test_a_turned_photo_is_fitted_to_the_logo_box_once_turned():
    image = Image.new("RGB", (3000, 1000), (27, 79, 128))  # stored sideways, shown 1000 x 3000
    exif = image.getexif()
    exif[ExifTags.Base.Orientation] = 6
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    data, extension = logo_clean(out.getvalue())
    with Image.open(io.BytesIO(data)) as cleaned:
        assert extension == "jpg" and cleaned.size == (133, 400)


def test_an_oversized_file_is_refused():
    with pytest.raises(ValidationError, match="too large"):
        logo_clean(b"\0" * (MAX_LOGO_BYTES + 1))


def test_the_branding_page_keeps_what_was_typed_when_the_logo_is_refused(coordinator_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = coordinator_client.post(
        reverse("core:branding_edit"),
        {
            "name": "Järvilaakson ammattiopisto",
            "phone": "03 123 4500",
            "logo_file": SimpleUploadedFile("logo.svg", SVG, content_type="image/svg+xml"),
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Upload the logo as a PNG or JPEG image." in page
    assert "Järvilaakson ammattiopisto" in page and "03 123 4500" in page
    assert not Institution.objects.filter(name="Järvilaakson ammattiopisto").exists()


def test_the_coordinator_uploads_a_logo_and_it_is_served_by_the_app(coordinator_client, anonymous_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("logo.png", image_bytes("PNG"), content_type="image/png")
    response = coordinator_client.post(reverse("core:branding_edit"), {"name": "Opisto", "logo_file": upload})
    assert response.status_code == 302
    institution = Institution.current()
    assert institution.logo.name.startswith("branding/logo-") and len(institution.logo_sha256) == 64
    logo = anonymous_client.get(reverse("core:branding_logo"))
    assert logo.status_code == 200 and logo["Content-Type"] == "image/png"
    head = anonymous_client.head(reverse("core:branding_logo"))
    assert head.status_code == 200 and head.content == b""
    assert (
        head["Content-Length"] == str(len(b"".join(logo.streaming_content))) and head["ETag"] == logo["ETag"]
    )
    removed = coordinator_client.post(reverse("core:branding_edit"), {"name": "Opisto", "remove_logo": "on"})
    assert removed.status_code == 302 and not Institution.current().logo


def cancel_href(response) -> str:
    import re

    page = response.content.decode()
    [href] = re.findall(r'<a class="btn btn-outline-secondary" href="([^"]*)">Cancel</a>', page)
    return href


def test_the_branding_pages_cancel_goes_back_to_the_page_that_linked_to_it(coordinator_client):
    admin = reverse("brochures:brochure_admin")
    assert f"{reverse('core:branding_edit')}?next={admin}" in coordinator_client.get(admin).content.decode()
    response = coordinator_client.get(reverse("core:branding_edit"), {"next": admin})
    assert cancel_href(response) == admin


def test_the_branding_pages_cancel_without_a_referring_page_goes_home(coordinator_client):
    assert cancel_href(coordinator_client.get(reverse("core:branding_edit"))) == reverse("partnerships:home")


def test_the_branding_pages_cancel_never_leads_off_the_site(coordinator_client):
    response = coordinator_client.get(reverse("core:branding_edit"), {"next": "https://evil.example/"})
    assert cancel_href(response) == reverse("partnerships:home")
    assert 'name="next" value="https://evil.example/"' not in response.content.decode()


def test_a_refused_save_keeps_where_cancel_goes(coordinator_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    admin = reverse("brochures:brochure_admin")
    upload = SimpleUploadedFile("logo.svg", SVG, content_type="image/svg+xml")
    response = coordinator_client.post(
        reverse("core:branding_edit"), {"name": "Opisto", "logo_file": upload, "next": admin}
    )
    assert response.status_code == 200 and cancel_href(response) == admin
    saved = coordinator_client.post(reverse("core:branding_edit"), {"name": "Opisto", "next": admin})
    assert saved.status_code == 302
    assert saved["Location"] == f"{reverse('core:branding_edit')}?{urlencode({'next': admin})}"


def test_teachers_cannot_change_the_branding(teacher_client):
    assert teacher_client.get(reverse("core:branding_edit")).status_code == 403


def test_the_pdf_stays_under_1_mb_with_a_12_megapixel_logo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    institution = branding_update(
        institution=Institution(name="Opisto"),
        data={},
        logo=image_bytes("JPEG", size=(4000, 3000), noise=True),
    )
    inputs = Inputs()
    inputs.institution = institution
    [pdf] = brochure_render([Variant("brochure", "employer", "fi", "blue")], inputs)
    assert pdf.startswith(b"%PDF") and len(pdf) < 1_000_000
    assert b"/Image" in inflated(pdf)  # the logo is in it


def test_hostile_branding_and_texts_cannot_read_files_or_reach_the_network(
    recording_server,  # noqa: F811
    tmp_path,
):
    base, requests = recording_server
    secret = tmp_path / "secret.txt"
    secret.write_text("MARKER-b41c-SECRET")
    hostile = (
        f'<link rel="attachment" href="file://{secret}"><img src="file://{secret}">'
        f'<link rel="stylesheet" href="{base}/style.css"><img src="{base}/redirect">'
        f'<svg><image href="{base}/svg"/></svg>'
    )
    inputs = Inputs()
    inputs.institution = Institution(
        name=f"Opisto {hostile}",
        website=f"{base}/redirect",
        contact_lines=hostile,
        street_address=f"file://{secret}",
    )
    for language in ("fi", "sv", "en"):
        inputs._texts[language] = BrochureText(
            language=language,
            introduction_employer=hostile,
            introduction_teacher=hostile,
            local_practice=hostile,
            links=f"Liite | file://{secret}\nOhjaus | {base}/redirect",
        )
    variants = [Variant("brochure", audience, "fi", "blue") for audience in ("employer", "teacher")]
    variants.append(Variant("checklist", "teacher", "fi", "blue"))
    pdfs = brochure_render(variants, inputs)
    assert requests == []
    for pdf in pdfs:
        body = inflated(pdf)
        assert b"MARKER-b41c-SECRET" not in body
        assert b"/EmbeddedFile" not in body


def test_a_logo_missing_from_the_storage_is_a_404_and_the_pdf_is_made_without_it(
    anonymous_client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    institution = branding_update(institution=Institution.current(), data={}, logo=image_bytes("PNG"))
    (tmp_path / institution.logo.name).unlink()
    assert anonymous_client.get(reverse("core:branding_logo")).status_code == 404
    inputs = Inputs()
    [pdf] = brochure_render([Variant("brochure", "employer", "fi", "blue")], inputs)
    assert pdf.startswith(b"%PDF") and b"/Image" not in inflated(pdf)

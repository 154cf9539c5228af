"""The institution's branding: its name, contacts and logo, as printed on brochures and PDFs.

An uploaded logo is trusted by nothing but its content: Pillow must recognise it as PNG or
JPEG (SVG and everything else is refused), its pixel count and file size are bounded before
it is decoded, and it is re-encoded at a bounded size, which drops metadata and anything
hidden in the file. A 12-megapixel photo becomes a few hundred kilobytes at most.

Decoding costs about four bytes a pixel: the 16-megapixel limit keeps one logo under 70 MB
(a 40-megapixel one took 460 MB and seconds). A JPEG is decoded straight at a reduced scale,
and the orientation is applied to the small result, so that no full-size copy is made.
"""

import base64
import hashlib
import io
import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

from .models import Institution
from .signals import branding_changed

logger = logging.getLogger(__name__)
MAX_LOGO_BYTES = 10 * 1024 * 1024
MAX_LOGO_PIXELS = 16_000_000  # refused before decoding: a decompression bomb never expands
LOGO_BOX = (800, 400)  # enough for 300 dpi at the 60 mm the brochures print it
BRANDING_FIELDS = (
    "name",
    "website",
    "email",
    "phone",
    "street_address",
    "postal_code",
    "city",
    "contact_lines",
)


def logo_too_large() -> ValidationError:
    return ValidationError(
        _("The logo file is too large: at most %(size)s MB.") % {"size": MAX_LOGO_BYTES // 1024 // 1024},
        code="too_large",
    )


def too_many_pixels(size: tuple[int, int] | None = None) -> ValidationError:
    limit = MAX_LOGO_PIXELS // 1_000_000
    if size is None:  # Pillow refused it before telling its size
        message = _("The logo has too many pixels: at most %(mp)s megapixels.") % {"mp": limit}
    else:
        width, height = size
        message = _(
            "The logo is %(width)s × %(height)s pixels (%(mp)s megapixels); at most %(limit)s megapixels "
            "are accepted. Make it smaller and upload it again."
        ) % {
            "width": width,
            "height": height,
            "mp": number_format(width * height / 1_000_000, decimal_pos=1),
            "limit": limit,
        }
    return ValidationError(message, code="too_many_pixels")


def logo_clean(data: bytes) -> tuple[bytes, str]:
    """Check an upload by its content and re-encode it; returns (bytes, extension)."""
    if len(data) > MAX_LOGO_BYTES:
        raise logo_too_large()
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in ("PNG", "JPEG"):
                raise ValidationError(_("Upload the logo as a PNG or JPEG image."), code="format")
            if image.width * image.height > MAX_LOGO_PIXELS:
                raise too_many_pixels(image.size)
            source_format = image.format
            # Orientations 5 to 8 turn the picture a quarter: fit it to the box turned likewise.
            turned = image.getexif().get(ExifTags.Base.Orientation, 1) in (5, 6, 7, 8)
            image.thumbnail(LOGO_BOX[::-1] if turned else LOGO_BOX, Image.Resampling.LANCZOS)
            image = ImageOps.exif_transpose(image)
            out = io.BytesIO()
            if source_format == "JPEG":
                image.convert("RGB").save(out, "JPEG", quality=88, optimize=True)
                return out.getvalue(), "jpg"
            has_alpha = image.mode in ("RGBA", "LA") or "transparency" in image.info
            image.convert("RGBA" if has_alpha else "RGB").save(out, "PNG", optimize=True)
            return out.getvalue(), "png"
    except ValidationError:
        raise
    except Image.DecompressionBombError:  # Pillow's own guard, at twice its warning limit
        raise too_many_pixels() from None
    except (UnidentifiedImageError, OSError, ValueError):
        raise ValidationError(_("Upload the logo as a PNG or JPEG image."), code="format") from None


def branding_update(
    *, institution: Institution, data: dict, logo: bytes | None = None, remove_logo: bool = False
) -> Institution:
    """Save the branding; a new logo is checked and re-encoded first. Listeners of
    `branding_changed` (whatever prints the branding) hear of it once the change is committed."""
    for field in BRANDING_FIELDS:
        if field in data:
            setattr(institution, field, data[field] or "")
    old_logo = institution.logo.name if institution.logo else ""
    if logo is not None:
        content, extension = logo_clean(logo)
        digest = hashlib.sha256(content).hexdigest()
        institution.logo.save(f"logo-{digest[:16]}.{extension}", ContentFile(content), save=False)
        institution.logo_sha256 = digest
    elif remove_logo:
        institution.logo = ""
        institution.logo_sha256 = ""
    institution.full_clean()
    with transaction.atomic():
        institution.save()
    new_logo = institution.logo.name if institution.logo else ""
    if old_logo and old_logo != new_logo:
        storage = Institution._meta.get_field("logo").storage
        transaction.on_commit(lambda: storage.delete(old_logo))
    branding_changed_on_commit(institution)
    return institution


def branding_changed_on_commit(institution: Institution) -> None:
    """Tell the listeners of `branding_changed` once the change is committed."""
    transaction.on_commit(lambda: branding_changed.send(sender=Institution, institution=institution))


def logo_data_url(institution: Institution) -> str:
    """The stored logo as a `data:` URL for the PDF renderer, which reads no storage of its
    own (the logo may be in an object store on another machine); "" without a logo. A logo
    whose file is missing is left out of the PDF, with a warning in the log."""
    if not institution.logo:
        return ""
    try:
        with institution.logo.open("rb") as stored:
            data = stored.read()
    except OSError:  # FileNotFoundError, or the object store cannot be reached
        logger.warning("Logo %s missing from the storage; PDFs made without it", institution.logo.name)
        return ""
    kind = "jpeg" if institution.logo.name.endswith(".jpg") else "png"
    return f"data:image/{kind};base64,{base64.b64encode(data).decode()}"

"""Uploaded agreement documents: only real PDFs of a reasonable size are accepted."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _


def validate_pdf(upload: UploadedFile) -> None:
    """Refuse anything larger than the limit, anything not starting with the PDF signature,
    and anything PDFium cannot open (a renamed or truncated file, an encrypted one)."""
    import pypdfium2

    limit_mb = settings.KUMPPANI_PARTNERSHIP_DOCUMENT_MAX_MB
    if upload.size > limit_mb * 1024 * 1024:
        raise ValidationError(
            _("The file is too large: at most %(limit)d MB is accepted.") % {"limit": limit_mb},
            code="too_large",
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if not data.startswith(b"%PDF-"):
        raise ValidationError(_("The file is not a PDF document."), code="not_pdf")
    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        raise ValidationError(
            _("The PDF document cannot be opened: it is damaged or password-protected."), code="broken_pdf"
        ) from None
    try:
        if len(document) == 0:
            raise ValidationError(_("The PDF document has no pages."), code="empty_pdf")
    finally:
        document.close()

"""The one PDF rendering service: Django renders the HTML, WeasyPrint turns it into a tagged
PDF (PDF/UA-1) in a separate process with a hard time limit, so a slow or hostile document
can never hold a web worker unbounded.

The renderer reads nothing but our own static files, through `SafeFetcher`: no file:// URLs,
no http(s), no redirects. Templates refer to assets as `kumppani:static/<path>` (see the
`pdf_static` filter); the logo, which may be in an object store, comes as a `data:` URL
(core.branding.logo_data_url).
"""

import json
import subprocess
import sys
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

SCHEME = "kumppani"


class PdfRenderError(Exception):
    """The PDF could not be made in time or at all; the message is for the user."""


def asset_roots() -> dict[str, list[list[str]]]:
    """The folders the renderer may read, as [folder, URL prefix] pairs: our static files
    (with the prefixes of STATICFILES_DIRS, as `vendor/...`). No media: nothing uploaded is
    read from this machine's disk."""
    static = []
    for finder in finders.get_finders():
        for prefix, root in getattr(finder, "locations", []):
            static.append([str(root), prefix or ""])
        if not hasattr(finder, "locations"):
            for storage in getattr(finder, "storages", {}).values():
                location = getattr(storage, "location", None)
                if location:
                    static.append([str(location), ""])
    if Path(settings.STATIC_ROOT).is_dir():
        static.append([str(settings.STATIC_ROOT), ""])
    return {"static": static}


def render_html(template_name: str, context: dict, *, language: str) -> str:
    with translation.override(language):
        return render_to_string(template_name, {**context, "LANGUAGE_CODE": language})


def html_to_pdf(html: str, *, timeout: float | None = None) -> bytes:
    """Run WeasyPrint in a child process; raise PdfRenderError on failure or timeout."""
    return html_to_pdf_many([html], timeout=timeout)[0]


def html_to_pdf_many(documents: list[str], *, timeout: float | None = None) -> list[bytes]:
    """Render a batch in one child process (one WeasyPrint start-up for all of them). The
    time limit is `timeout` (or KUMPPANI_PDF_TIMEOUT) per document, for the batch as a whole."""
    if not documents:
        return []
    job = json.dumps({"documents": documents, "roots": asset_roots()})
    limit = (timeout or settings.KUMPPANI_PDF_TIMEOUT) * len(documents)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "core.pdf_worker"],
            input=job.encode(),
            capture_output=True,
            timeout=limit,
            check=False,
            cwd=str(Path(apps.get_app_config("core").path).parent),
        )
    except subprocess.TimeoutExpired:
        raise PdfRenderError(_("Making the PDF took too long. Please try again later.")) from None
    pdfs = split_output(result.stdout)
    if result.returncode != 0 or len(pdfs) != len(documents) or not all(p.startswith(b"%PDF") for p in pdfs):
        raise PdfRenderError(_("The PDF could not be made. Please try again later."))
    return pdfs


def split_output(data: bytes) -> list[bytes]:
    """The worker's output: a 12-digit length before each PDF."""
    pdfs, position = [], 0
    while position + 12 <= len(data):
        header = data[position : position + 12]
        if not header.isdigit():
            break
        size = int(header)
        pdfs.append(data[position + 12 : position + 12 + size])
        position += 12 + size
    return pdfs


def render_pdf(template_name: str, context: dict, *, language: str, timeout: float | None = None) -> bytes:
    return html_to_pdf(render_html(template_name, context, language=language), timeout=timeout)

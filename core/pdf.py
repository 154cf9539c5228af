"""The one PDF rendering service: Django renders the HTML, WeasyPrint turns it into a tagged
PDF (PDF/UA-1) in a separate process with a hard time limit, so a slow or hostile document
can never hold a web worker unbounded.

The renderer reads nothing but our own static files and stored media, through `SafeFetcher`:
no file:// URLs, no http(s), no redirects. Templates refer to assets as
`kumppani:static/<path>` and `kumppani:media/<path>` (see the `pdf_static` filter).
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


def asset_roots() -> dict[str, list[str]]:
    """The folders the renderer may read: our static files and the media folder."""
    static = []
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            location = getattr(storage, "location", None)
            if location:
                static.append(str(location))
    if Path(settings.STATIC_ROOT).is_dir():
        static.append(str(settings.STATIC_ROOT))
    return {"static": static, "media": [str(settings.MEDIA_ROOT)]}


def render_html(template_name: str, context: dict, *, language: str) -> str:
    with translation.override(language):
        return render_to_string(template_name, {**context, "LANGUAGE_CODE": language})


def html_to_pdf(html: str, *, timeout: float | None = None) -> bytes:
    """Run WeasyPrint in a child process; raise PdfRenderError on failure or timeout."""
    job = json.dumps({"html": html, "roots": asset_roots()})
    limit = timeout or settings.KUMPPANI_PDF_TIMEOUT
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
    if result.returncode != 0 or not result.stdout.startswith(b"%PDF"):
        raise PdfRenderError(_("The PDF could not be made. Please try again later."))
    return result.stdout


def render_pdf(template_name: str, context: dict, *, language: str, timeout: float | None = None) -> bytes:
    return html_to_pdf(render_html(template_name, context, language=language), timeout=timeout)

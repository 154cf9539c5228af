"""Serving a stored file the way browsers and caches expect, and a rendered PDF, for every
app's downloads."""

import os
from collections.abc import Callable

from django.contrib import messages
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect
from django.utils.cache import get_conditional_response
from django.utils.http import content_disposition_header, quote_etag
from django.utils.translation import get_language

from .pdf import PdfRenderError, render_pdf


def file_response(
    request,
    open_file: Callable,
    *,
    etag: str,
    content_type: str,
    cache_control: str,
    filename: str = "",
    on_send: Callable[[], None] | None = None,
):
    """The file with an ETag and Cache-Control; `304 Not Modified` when the browser already
    has this version (Django's conditional-request rules; then `on_send`, e.g. counting a
    download, is not called). `open_file` opens it only when it is actually sent. HEAD gets
    the same headers without the body, and is no download either."""
    etag = quote_etag(etag)
    response = get_conditional_response(request, etag=etag)  # 304, or 412 for a failed If-Match
    if response is None and request.method == "HEAD":
        with open_file() as file:
            size = file.seek(0, os.SEEK_END)
        response = HttpResponse(content_type=content_type)
        response["Content-Length"] = str(size)
        if filename:
            response["Content-Disposition"] = content_disposition_header(True, filename)
    elif response is None:
        handle = open_file()  # first: a file missing from the storage is not counted as sent
        if on_send is not None:
            on_send()
        response = FileResponse(
            handle, content_type=content_type, as_attachment=bool(filename), filename=filename
        )
    response["ETag"] = etag
    response["Cache-Control"] = cache_control
    return response


def pdf_response(request, template: str, context: dict, *, filename: str, fallback, attachment: bool = False):
    """A PDF rendered by core.pdf in the UI language; when it cannot be made, the reason as
    a message and a redirect to `fallback` (anything redirect() takes)."""
    try:
        pdf = render_pdf(template, context, language=get_language())
    except PdfRenderError as exc:
        messages.error(request, str(exc))
        return redirect(fallback)
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response

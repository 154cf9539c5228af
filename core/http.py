"""Serving a stored file the way browsers and caches expect, for every app's downloads."""

from collections.abc import Callable

from django.http import FileResponse, HttpResponseNotModified


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
    has this version (then `on_send`, e.g. counting a download, is not called). `open_file`
    opens it only when it is actually sent."""
    etag = f'"{etag}"'
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponseNotModified()
    else:
        if on_send is not None:
            on_send()
        response = FileResponse(
            open_file(), content_type=content_type, as_attachment=bool(filename), filename=filename
        )
    response["ETag"] = etag
    response["Cache-Control"] = cache_control
    return response

"""Public downloads answered early, the way whitenoise answers static files.

A public brochure or checklist from the warm cache depends on no cookie, user or language
preference: it is answered right after the security and static-file middleware, without
loading a session, a user or the CSRF and language machinery. It is counted (a HEAD is not)
and carries the same ETag, Cache-Control and X-Frame-Options as from the view. Anything else (a teacher
version, which needs a signed-in teacher; a variant whose key the cache does not know, which
may need a render) goes on to the view.
"""

from django.conf import settings
from django.urls import Resolver404, resolve

from . import content
from .models import DownloadKind
from .services import Variant, warm_file


def _variant(path: str) -> Variant | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    kwargs = match.kwargs
    if match.url_name == "brochure_download":
        return Variant(DownloadKind.BROCHURE, kwargs["audience"], kwargs["language"], kwargs["colour"])
    if match.url_name == "checklist_download":
        return Variant(
            DownloadKind.CHECKLIST, kwargs["audience"], kwargs["language"], content.COLOUR_SLUGS[0]
        )
    return None


class PublicDownloadMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and request.path_info.startswith("/brochures/"):
            variant = _variant(request.path_info)
            if variant is not None and not variant.is_internal and (warm := warm_file(variant)):
                from .views import stored_file_response

                try:
                    response = stored_file_response(request, variant, *warm)
                except FileNotFoundError:  # gone from the storage: the view makes it again
                    return self.get_response(request)
                response["X-Frame-Options"] = getattr(settings, "X_FRAME_OPTIONS", "DENY")
                return response
        return self.get_response(request)

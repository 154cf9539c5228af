from django.db import transaction
from django.utils import translation


class UserLanguageMiddleware:
    """Activate the language a signed-in user chose, on any device they log in from.

    Runs after LocaleMiddleware (which handles the cookie and Accept-Language for
    visitors without an account) and after AuthenticationMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


class AtomicWritesMiddleware:
    """Every request that may write (anything but GET, HEAD, OPTIONS) runs in one database
    transaction, committed only when the answer is not a server error: a failure midway, a
    dropped database connection included, leaves no partial write. Work queued with
    transaction.on_commit (e-mail, renders) starts only after the commit."""

    SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in self.SAFE_METHODS:
            return self.get_response(request)
        with transaction.atomic():
            response = self.get_response(request)
            if response.status_code >= 500:
                transaction.set_rollback(True)
        return response

from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from .services import user_set_language


@require_POST
def set_language(request):
    """Switch the UI language; a signed-in user keeps the choice on every device."""
    response = django_set_language(request)
    if request.user.is_authenticated:
        user_set_language(user=request.user, language=request.POST.get("language", ""))
    return response

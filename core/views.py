from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from .email import outbox_retry
from .models import OutboxMessage, OutboxStatus
from .services import user_set_language


@require_POST
def set_language(request):
    """Switch the UI language; a signed-in user keeps the choice on every device."""
    response = django_set_language(request)
    if request.user.is_authenticated:
        user_set_language(user=request.user, language=request.POST.get("language", ""))
    return response


@require_POST
@login_required
def outbox_retry_view(request, pk):
    message = get_object_or_404(OutboxMessage, pk=pk, status=OutboxStatus.FAILED)
    outbox_retry(message=message, by=request.user)
    messages.success(request, _("The e-mail will be sent again."))
    return redirect("home")

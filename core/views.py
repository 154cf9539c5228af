from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.i18n import set_language as django_set_language

from .background import health, say_queued
from .branding import BRANDING_FIELDS, branding_update
from .email import outbox_retry
from .forms import BrandingForm, form_error
from .http import file_response
from .models import Institution, OutboxMessage, OutboxStatus
from .permissions import coordinator_required
from .services import user_set_language


@require_POST
def set_language(request):
    """Switch the UI language; a signed-in user keeps the choice on every device."""
    response = django_set_language(request)
    if request.user.is_authenticated:
        user_set_language(user=request.user, language=request.POST.get("language", ""))
    return response


@require_GET
@login_required
def outbox_status(request, pk):
    """One e-mail's status, polled by htmx until it is sent or failed: only for the person
    responsible for it and coordinators."""
    message = get_object_or_404(OutboxMessage, pk=pk)
    if message.responsible_id != request.user.pk and not request.user.is_coordinator:
        raise Http404
    return render(request, "core/_outbox_status.html", {"message": message})


@require_GET
def healthz(request):
    """For a load balancer or monitoring: 200 when the database, the cache and the broker
    answer and the heartbeat is fresh, else 503; no login, no personal data, no session."""
    healthy, report = health()
    body = {"status": "ok" if healthy else "failing", **report}
    response = JsonResponse(body, status=200 if healthy else 503)
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@login_required
def outbox_retry_view(request, pk):
    message = get_object_or_404(OutboxMessage, pk=pk, status=OutboxStatus.FAILED)
    outbox_retry(message=message, by=request.user)
    message.refresh_from_db()
    say_queued(request, _("The e-mail is queued again: it goes out in a moment."), [message])
    return redirect("home")


@require_http_methods(["GET", "POST"])
@coordinator_required
def branding_edit(request):
    """The coordinator's page for the institution's name, contacts and logo."""
    institution = Institution.current()
    form = BrandingForm(request.POST or None, request.FILES or None, instance=institution)
    if request.method == "POST" and form.is_valid():
        try:
            branding_update(
                institution=institution,
                data={field: form.cleaned_data[field] for field in BRANDING_FIELDS},
                logo=form.cleaned_data.get("logo_file"),
                remove_logo=form.cleaned_data.get("remove_logo", False),
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Branding saved. The brochures are being made again."))
            return redirect("branding_edit")
    return render(request, "core/branding.html", {"form": form, "institution": institution})


@require_GET
def branding_logo(request):
    """The stored logo, served by the app itself (the media folder is not public)."""
    institution = Institution.current()
    if not institution.logo:
        raise Http404
    return file_response(
        request,
        lambda: institution.logo.open("rb"),
        etag=institution.logo_sha256[:32],
        content_type="image/jpeg" if institution.logo.name.endswith(".jpg") else "image/png",
        cache_control="public, max-age=3600",
    )


@require_GET
def accessibility_statement(request):
    """The accessibility statement (saavutettavuusseloste) public bodies must publish (Act on
    the Provision of Digital Services 306/2019, section 10)."""
    return render(request, "core/accessibility.html", {"institution": Institution.current()})


@require_GET
def privacy_notice(request):
    """The privacy notice (tietosuojaseloste): what the portal processes, why, for how long,
    and the data subject's rights (GDPR articles 13 and 14)."""
    context = {"institution": Institution.current(), "retention_years": settings.KUMPPANI_RETENTION_YEARS}
    return render(request, "core/privacy.html", context)

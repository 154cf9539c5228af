from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import BooleanField, Count, ExpressionWrapper, Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST, require_safe
from django.views.i18n import set_language as django_set_language

from .background import background_stall, health, queued_recently, say_queued
from .branding import BRANDING_FIELDS, branding_update
from .email import CANCELLABLE, RETRYABLE, outbox_cancel, outbox_kind_label, outbox_retry
from .filters import OutboxFilter
from .forms import BrandingForm, OutboxPasswordResetForm, form_error
from .http import file_response
from .models import Institution, OutboxMessage, OutboxStatus
from .password_reset import password_reset_throttled
from .permissions import (
    can_coordinate,
    can_edit_branding,
    can_manage_outbox_message,
    can_view_outbox,
    role_required,
    staff_required,
)
from .ratelimit import client_address
from .services import user_set_language


@require_POST
def set_language(request):
    """Switch the UI language; a signed-in user keeps the choice on every device."""
    response = django_set_language(request)
    if request.user.is_authenticated:
        user_set_language(user=request.user, language=request.POST.get("language", ""))
    return response


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset request, through the outbox and throttled per e-mail address and per
    client. The throttled answer is the same whether or not the address is anyone's."""

    form_class = OutboxPasswordResetForm
    # Django's form views also take PUT as a POST; ours answer 405 to it.
    http_method_names = ["get", "post", "head", "options"]

    def form_valid(self, form):
        if password_reset_throttled(email=form.cleaned_data["email"], client=client_address(self.request)):
            form.add_error(None, _("Too many password reset requests. Please try again in an hour."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


OUTBOX_PER_PAGE = 50


@require_GET
@role_required(can_view_outbox)
def outbox_list(request):
    """Every e-mail the portal has queued, for the coordinators: who, what, how it went. The
    bodies are never read here (a password reset's is not even stored)."""
    sendable = ExpressionWrapper(~Q(template="") | ~Q(body_text=""), output_field=BooleanField())
    queryset = (
        OutboxMessage.objects.select_related("responsible")
        .defer("body_text", "body_html", "context")
        .annotate(sendable=sendable)
    )
    outbox_filter = OutboxFilter(request.GET or None, queryset=queryset)
    page = Paginator(outbox_filter.qs, OUTBOX_PER_PAGE).get_page(request.GET.get("page"))
    for message in page:
        message.kind_label = outbox_kind_label(message.kind)
    counts = OutboxMessage.objects.aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in OutboxStatus.values}
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": outbox_filter,
        "page": page,
        "querystring": query.urlencode(),
        "counts": [(OutboxStatus(status), counts[status]) for status in OutboxStatus.values],
        "retryable": RETRYABLE,
        "cancellable": CANCELLABLE,
    }
    return render(request, "core/outbox_list.html", context)


def _get_outbox_message_for_view(user, pk: int) -> OutboxMessage:
    """A message whose status the user may follow, or 404 (`core/permissions.py`)."""
    return get_object_or_404(OutboxMessage.objects.visible_to(user), pk=pk)


def _get_outbox_message_for_manage(user, pk: int) -> OutboxMessage:
    """A message the user may send again or cancel. Here the query of what the user may act
    on is the visibility: 404 alike for one that is not theirs, one of theirs that is not
    failed, and one that does not exist, so the answer reveals nothing (a 403 would tell a
    teacher that someone else's message exists)."""
    message = get_object_or_404(OutboxMessage.objects.manageable_by(user), pk=pk)
    if not can_manage_outbox_message(user, message):  # the same rule, asked as a check
        raise PermissionDenied
    return message


def _safe_next(request, target: str) -> str:
    """`target` when it is a page of this site, else ""."""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def _back(request):
    target = _safe_next(request, request.POST.get("next", ""))
    if target:
        return redirect(target)
    return redirect("core:outbox_list" if can_view_outbox(request.user) else settings.LOGIN_REDIRECT_URL)


@require_GET
@login_required
def outbox_status(request, pk):
    """One e-mail's status, polled by htmx until it is sent or failed: only for the person
    responsible for it and coordinators."""
    message = _get_outbox_message_for_view(request.user, pk)
    return render(request, "core/_outbox_status.html", {"message": message})


# Not in a transaction: with the database down it must still answer its 503 report.
@transaction.non_atomic_requests
@require_safe
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
    message = _get_outbox_message_for_manage(request.user, pk)
    try:
        outbox_retry(message=message, by=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        message.refresh_from_db()
        say_queued(request, _("The e-mail is queued again: it goes out in a moment."), [message])
    return _back(request)


@require_POST
@login_required
def outbox_cancel_view(request, pk):
    message = _get_outbox_message_for_manage(request.user, pk)
    try:
        outbox_cancel(message=message, by=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request, _("The e-mail to %(to)s is cancelled and will not be sent.") % {"to": message.to_email}
        )
    return _back(request)


@require_http_methods(["GET", "POST"])
@role_required(can_edit_branding)
def branding_edit(request):
    """The coordinator's page for the institution's name, contacts and logo."""
    institution = Institution.current()
    # Cancel goes back to the page that linked here (`?next=`, kept through a failed save);
    # without one, to the home page: core knows no app page that is the branding's parent.
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next", ""))
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
            again = reverse("core:branding_edit")
            return redirect(f"{again}?{urlencode({'next': next_url})}" if next_url else again)
    context = {
        "form": form,
        "institution": institution,
        "next_url": next_url,
        "cancel_url": next_url or reverse(settings.LOGIN_REDIRECT_URL),
    }
    return render(request, "core/branding.html", context)


@require_safe
def branding_logo(request):
    """The stored logo, served by the app itself (the media folder is not public)."""
    institution = Institution.current()
    if not institution.logo or not institution.logo.storage.exists(institution.logo.name):
        raise Http404
    return file_response(
        request,
        lambda: institution.logo.open("rb"),
        etag=institution.logo_sha256[:32],
        content_type="image/jpeg" if institution.logo.name.endswith(".jpg") else "image/png",
        cache_control="public, max-age=3600",
    )


@require_safe
def accessibility_statement(request):
    """The accessibility statement (saavutettavuusseloste) public bodies must publish (Act on
    the Provision of Digital Services 306/2019, section 10)."""
    return render(request, "core/accessibility.html", {"institution": Institution.current()})


@require_safe
def privacy_notice(request):
    """The privacy notice (tietosuojaseloste): what the portal processes, why, for how long,
    and the data subject's rights (GDPR articles 13 and 14)."""
    context = {"institution": Institution.current(), "retention_years": settings.KUMPPANI_RETENTION_YEARS}
    return render(request, "core/privacy.html", context)


@require_GET
@staff_required
def background_status(request):
    """Loaded by htmx after each page for coordinators and for whoever has just queued work,
    and again every 30 s while they are there; empty while the heartbeat is fresh."""
    watching = can_coordinate(request.user) or queued_recently(request)
    stall = None
    if watching:
        stall = background_stall()
    return render(request, "core/_background_status.html", {"stall": stall, "poll": watching})

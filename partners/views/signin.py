"""Signing in and out: the link request, the link itself, choosing the employer."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.background import say_queued
from core.forms import form_error
from core.permissions import staff_required
from core.ratelimit import client_address, rate_limit_hit
from partnerships.views.access import _get_contact_person_for_view

from ..forms.signin import EmployerChoiceForm, LinkRequestForm
from ..selectors import employers_for_address
from ..services.signin import (
    LINK_MINUTES,
    LinkRefused,
    partner_link_check,
    partner_link_redeem,
    partner_link_request,
    partner_link_send,
    partner_link_throttled,
    partner_session_choose,
    partner_session_end,
)
from ..session import current_session, partner_required, session_cookie_delete, session_cookie_set

# Opening links: many guesses from one client are cut off, as the feedback links do.
MISSES_PER_MINUTE = 30


@require_http_methods(["GET", "HEAD", "POST"])
def start(request):
    if request.method != "POST" and current_session(request) is not None:
        return redirect("partners:home")
    form = LinkRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if partner_link_throttled(email=email, client=client_address(request)):
            return render(
                request, "partners/link_refused.html", {"reason": "rate", "minutes": LINK_MINUTES}, status=429
            )
        partner_link_request(email=email)
        # The same answer whether or not the address is known.
        return redirect("partners:sent")
    return render(request, "partners/start.html", {"form": form, "minutes": LINK_MINUTES})


@require_http_methods(["GET", "HEAD"])
def sent(request):
    return render(request, "partners/sent.html", {"minutes": LINK_MINUTES})


def _refused(request, reason: str):
    status = {"unknown": 404, "rate": 429}.get(reason, 410)
    return render(
        request, "partners/link_refused.html", {"reason": reason, "minutes": LINK_MINUTES}, status=status
    )


@require_http_methods(["GET", "HEAD", "POST"])
def link(request, token):
    """GET shows a button, POST signs in: a mail scanner that opens links does not use up a
    single-use link."""
    try:
        if request.method == "POST":
            session, key = partner_link_redeem(token=token)
        else:
            partner_link_check(token=token)
    except LinkRefused as refused:
        if refused.reason == "unknown" and rate_limit_hit(
            "partner-link-miss", client_address(request), limit=MISSES_PER_MINUTE, window=60
        ):
            return _refused(request, "rate")
        return _refused(request, refused.reason)
    if request.method != "POST":
        return render(request, "partners/link.html", {"token": token})
    response = redirect("partners:home" if session.employer_id else "partners:choose")
    session_cookie_set(response, key, session)
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@partner_required(employer=False)
def choose(request):
    employers = employers_for_address(request.partner.email)
    form = EmployerChoiceForm(request.POST or None, employers=employers)
    if request.method == "POST" and form.is_valid():
        try:
            partner_session_choose(session=request.partner, employer=form.cleaned_data["employer"])
        except ValidationError as exc:
            form_error(form, exc)
        else:
            return redirect("partners:home")
    return render(request, "partners/choose.html", {"form": form, "employers": employers})


@require_POST
@partner_required(employer=False)
def sign_out(request):
    partner_session_end(session=request.partner)
    response = redirect("partners:start")
    session_cookie_delete(response)
    messages.success(request, _("You have signed out."))
    return response


@require_POST
@staff_required
def person_send_link(request, pk):
    person = _get_contact_person_for_view(request.user, pk)
    try:  # PermissionDenied (403) when the user may not edit the employer
        message = partner_link_send(person=person, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        text = _("A sign-in link to the partner page is queued for %(name)s: it goes out in a moment.") % {
            "name": person.full_name
        }
        say_queued(request, text, [message])
    return redirect(person.employer.get_absolute_url())

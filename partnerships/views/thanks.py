"""Thank-yous after completed agreements, and the public opt-out link."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from .. import services
from ..models import ContactPerson, ThankYou
from ..services.thanks import thanks_recipients
from .common import staff_required


@require_http_methods(["GET", "POST"])
@staff_required
def thanks_detail(request, pk):
    thank_you = get_object_or_404(
        ThankYou.objects.select_related(
            "agreement__student",
            "agreement__instructor",
            "agreement__responsible_teacher",
            "agreement__workplace__employer__main_contact",
        ),
        pk=pk,
    )
    agreement = thank_you.agreement
    if not services.can_edit_agreement(request.user, agreement):
        raise PermissionDenied
    if request.method == "POST":
        if request.POST.get("action") == "skip":
            services.thanks_skip(thank_you=thank_you, by=request.user)
            messages.success(request, _("The thank-you will not be sent."))
        else:
            count = services.thanks_send(
                thank_you=thank_you,
                by=request.user,
                personal_note=request.POST.get("personal_note", "")[:2000],
            )
            messages.success(
                request,
                ngettext("Thank-you sent to %(count)d person.", "Thank-you sent to %(count)d people.", count)
                % {"count": count},
            )
        return redirect("home")
    context = {"thank_you": thank_you, "agreement": agreement, "recipients": thanks_recipients(agreement)}
    return render(request, "partnerships/thanks_detail.html", context)


@require_http_methods(["GET", "POST"])
def opt_out(request, token):
    person = ContactPerson.objects.select_related("employer").filter(opt_out_token=token).first()
    if person is None:
        return render(request, "partnerships/opt_out.html", {"unknown": True}, status=404)
    if request.method == "POST":
        services.contact_person_opt_out(person=person)
        person.refresh_from_db()
    return render(request, "partnerships/opt_out.html", {"person": person})

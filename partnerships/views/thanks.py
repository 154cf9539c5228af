"""Thank-yous after completed agreements, and the public opt-out link."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from core.background import say_queued
from core.models import OutboxMessage

from .. import services
from ..models import ContactPerson
from ..services.thanks import thanks_outbox_prefix, thanks_recipients
from .access import _get_thank_you_for_send
from .common import staff_required


@require_http_methods(["GET", "POST"])
@staff_required
def thanks_detail(request, pk):
    thank_you = _get_thank_you_for_send(request.user, pk)
    agreement = thank_you.agreement
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
            if not count:
                text = _("No thank-you was queued: it was already handled, or nobody has an e-mail address.")
                messages.warning(request, text)
                return redirect("partnerships:home")
            say_queued(
                request,
                ngettext(
                    "The thank-you to %(count)s person is queued: it goes out in a moment.",
                    "The thank-you to %(count)s people is queued: it goes out in a moment.",
                    count,
                )
                % {"count": count},
                OutboxMessage.objects.filter(key__startswith=thanks_outbox_prefix(agreement)),
            )
        return redirect("partnerships:home")
    context = {"thank_you": thank_you, "agreement": agreement, "recipients": thanks_recipients(agreement)}
    return render(request, "partnerships/thanks_detail.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def opt_out(request, token):
    person = ContactPerson.objects.select_related("employer").filter(opt_out_token=token).first()
    if person is None:
        return render(request, "partnerships/opt_out.html", {"unknown": True}, status=404)
    if request.method == "POST":
        services.contact_person_opt_out(person=person)
        person.refresh_from_db()
    return render(request, "partnerships/opt_out.html", {"person": person})

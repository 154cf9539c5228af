from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.forms import form_error

from ..forms.contact_requests import ContactRequestForm
from ..services.contact_requests import partner_contact_request
from ..session import partner_required


@require_http_methods(["GET", "POST"])
@partner_required()
def contact_request(request):
    form = ContactRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            partner_contact_request(session=request.partner, message=form.cleaned_data["message"])
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(
                request, _("Thank you. Your request is with the institution: we will contact you.")
            )
            return redirect("partners:home")
    return render(request, "partners/contact_request.html", {"form": form})

"""The partner corrects their people's details."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.forms import form_error

from ..forms.people import PersonCorrectionForm
from ..services.corrections import partner_person_correct
from ..session import partner_required
from .access import _get_person_for_partner


@require_http_methods(["GET", "POST"])
@partner_required()
def person_correct(request, pk):
    person = _get_person_for_partner(request.partner, pk)
    initial = {"title": person.title, "email": person.email, "phone": person.phone}
    form = PersonCorrectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            changes = partner_person_correct(session=request.partner, person=person, data=form.cleaned_data)
        except ValidationError as exc:
            form_error(form, exc)
        else:
            if changes:
                messages.success(
                    request, _("Saved. The institution's contact for you has been told of the change.")
                )
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect("partners:home")
    return render(request, "partners/person_correct.html", {"form": form, "person": person})

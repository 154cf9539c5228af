"""The partner corrects their people's details."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.forms import form_error

from ..forms.people import PersonCorrectionForm
from ..services.corrections import partner_person_correct
from ..services.signin import partner_session_end
from ..session import partner_required, session_cookie_delete
from .access import _get_person_for_partner


@require_http_methods(["GET", "POST"])
@partner_required()
def person_correct(request, pk):
    person = _get_person_for_partner(request.partner, pk)
    initial = {"title": person.title, "email": person.email, "phone": person.phone}
    form = PersonCorrectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        old_email = person.email
        try:
            changes = partner_person_correct(session=request.partner, person=person, data=form.cleaned_data)
        except ValidationError as exc:
            form_error(form, exc)
        else:
            if changes and _own_address_changed(request.partner.email, old_email, person.email):
                return _signed_out_after_own_address(request, old_email, person.email)
            if changes:
                messages.success(
                    request, _("Saved. The institution's contact for you has been told of the change.")
                )
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect("partners:home")
    own = person.email.lower() == request.partner.email.lower()
    return render(request, "partners/person_correct.html", {"form": form, "person": person, "own": own})


def _own_address_changed(signed_in_with: str, before: str, after: str) -> bool:
    return before.lower() == signed_in_with.lower() and after.lower() != before.lower()


def _signed_out_after_own_address(request, old_email: str, new_email: str):
    """The partner changed the address they signed in with: the session, which rests on the
    old address, ends, and the next sign-in link goes to the new one (never a session moved
    to an address nobody has proved)."""
    partner_session_end(session=request.partner)
    response = redirect("partners:start")
    session_cookie_delete(response)
    text = _(
        "Saved. Your e-mail address is now %(new)s: your next sign-in link goes there. You have been "
        "signed out. A notice of the change to %(old)s is queued: it goes out in a moment."
    ) % {"new": new_email, "old": old_email}
    messages.success(request, text)
    return response

"""The contact log: logging a contact on the employer's page (htmx or a plain POST), editing
and deleting an entry, closing its follow-up."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from partnerships.forms.contacts import ContactForm

from .. import permissions, services
from .access import _get_contact_for_edit, _get_employer_for_contact
from .common import form_error, form_page, staff_required
from .employers import _employer_detail_context


@require_POST
@staff_required
def contact_create(request, employer_pk):
    """Log a contact: an htmx request gets fragments back, a plain POST a redirect."""
    employer = _get_employer_for_contact(request.user, employer_pk)
    form = ContactForm(request.POST, employer=employer)
    contact = None
    if form.is_valid():
        try:
            contact = services.contact_log(employer=employer, author=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_error(form, exc)
    if request.htmx:
        if contact is None:
            return render(
                request,
                "partnerships/employer_detail.html#contact-form",
                {"employer": employer, "contact_form": form},
            )
        # The new entry as the timeline shows it, from the objects it was logged with: its
        # author, workplace, people and checkpoints (the form read them, in their order).
        contact.people_met = list(form.cleaned_data["persons"])
        contact.checkpoint_tags = list(form.cleaned_data["checkpoints"])
        contact.channel_label = contact.get_channel_display()
        contact_count = employer.contact_count + 1  # counted with the employer, before this one
        context = {
            "employer": employer,
            "contact_form": ContactForm(employer=employer),
            "contact": contact,
            "editable_contacts": {contact.pk}
            if permissions.can_edit_contact(request.user, contact)
            else set(),
            "just_logged": True,
            "was_empty": contact_count == 1,  # the timeline showed "no contacts yet"
            "contact_count": contact_count,
        }
        return render(request, "partnerships/_contact_logged.html", context)
    if contact is None:
        context = _employer_detail_context(request, employer, form)
        return render(request, "partnerships/employer_detail.html", context)
    messages.success(request, _("Contact logged."))
    return redirect(employer)


@require_http_methods(["GET", "POST"])
@staff_required
def contact_edit(request, pk):
    contact = _get_contact_for_edit(request.user, pk)
    return form_page(
        request,
        ContactForm(request.POST or None, instance=contact, employer=contact.employer),
        save=lambda data: services.contact_update(contact=contact, by=request.user, data=data),
        done=lambda contact: contact.employer,
        message=_("Changes saved."),
        template="partnerships/contact_form.html",
        context={"contact": contact},
    )


@require_POST
@staff_required
def contact_delete(request, pk):
    contact = _get_contact_for_edit(request.user, pk)
    employer = contact.employer
    services.contact_delete(contact=contact, by=request.user)
    messages.success(request, _("Contact deleted."))
    return redirect(employer)


@require_POST
@staff_required
def follow_up_done(request, pk):
    contact = _get_contact_for_edit(request.user, pk)
    services.follow_up_complete(contact=contact, by=request.user)
    if request.htmx:
        return render(request, "partnerships/home.html#follow-up-done", {"contact": contact})
    messages.success(request, _("Follow-up marked done."))
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        return redirect(next_url)
    return redirect("partnerships:home")

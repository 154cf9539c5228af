"""A new instructor and someone who left: the partner asks, the account owner decides."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.forms import form_error
from core.permissions import can_coordinate, staff_required

from ..forms.changes import DecisionForm, NewInstructorForm
from ..models import PartnerChange
from ..permissions import can_decide_partner_change
from ..services.changes import partner_change_decide, partner_instructor_propose, partner_person_left_propose
from ..session import partner_required
from .access import _get_person_for_partner

WAITING = gettext_noop(
    "The institution's contact for your workplace confirms it; until then it shows as waiting."
)


@require_http_methods(["GET", "POST"])
@partner_required()
def instructor_add(request):
    form = NewInstructorForm(request.POST or None, employer=request.partner.employer)
    if request.method == "POST" and form.is_valid():
        try:
            partner_instructor_propose(session=request.partner, data=form.cleaned_data)
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("The new instructor is sent for confirmation.") + " " + _(WAITING))
            return redirect("partners:home")
    return render(request, "partners/instructor_add.html", {"form": form})


@require_POST
@partner_required()
def person_left(request, pk):
    person = _get_person_for_partner(request.partner, pk)
    partner_person_left_propose(session=request.partner, person=person)
    messages.success(
        request,
        _("%(name)s is marked as left, for confirmation.") % {"name": person.full_name} + " " + _(WAITING),
    )
    return redirect("partners:home")


def _changes_for(user):
    queryset = PartnerChange.objects.select_related("employer", "person", "workplace", "decided_by")
    if can_coordinate(user):
        return queryset
    return queryset.filter(employer__account_owner=user)


@require_GET
@staff_required
def change_list(request):
    changes = _changes_for(request.user)
    context = {
        "pending": changes.pending().order_by("requested_at")[:200],
        "decided": changes.exclude(status="pending").order_by("-decided_at")[:50],
    }
    return render(request, "partners/change_list.html", context)


@require_POST
@staff_required
def change_decide(request, pk):
    change = get_object_or_404(PartnerChange.objects.select_related("employer", "person"), pk=pk)
    if not can_decide_partner_change(request.user, change):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether to confirm or reject the change."))
        return redirect("partners:change_list")
    confirm = form.cleaned_data["decision"] == "confirm"
    try:
        partner_change_decide(change=change, by=request.user, confirm=confirm)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        text = _("Confirmed: %(change)s.") if confirm else _("Rejected: %(change)s.")
        messages.success(request, text % {"change": change})
    return redirect("partners:change_list")

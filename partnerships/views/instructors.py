"""A workplace instructor's page: contact details, inductions and trainings, and the periods
they instruct now and before."""

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.phones import is_finnish_mobile

from .. import permissions, services
from ..forms.instructors import InstructorTrainingForm
from ..models import Agreement, AgreementStatus, ContactPerson, WorkPeriod
from ..rules import induction_notices
from .access import _get_contact_person_for_edit, _get_contact_person_for_view
from .common import form_page, staff_required


def _instructed(user, person: ContactPerson):
    """The agreements `person` instructs that the user may read, newest periods first."""
    return (
        Agreement.objects.visible_to(user)
        .filter(instructor=person)
        .select_related("student", "workplace")
        .prefetch_related(Prefetch("work_periods", queryset=WorkPeriod.objects.select_related("unit")))
    )


def _record(request, person: ContactPerson, data: dict):
    training = services.instructor_training_record(by=request.user, person=person, **data)
    if training.agreement is not None:
        for notice in induction_notices(training.agreement, training.date):
            messages.warning(request, notice)
    return training


@require_GET
@staff_required
def instructor_detail(request, pk):
    person = _get_contact_person_for_view(request.user, pk)
    today = timezone.localdate()
    now, before = [], []
    for agreement in _instructed(request.user, person).with_dates().order_by("-last_day"):
        ended = agreement.status in (AgreementStatus.CANCELLED, AgreementStatus.ENDED_EARLY)
        past = agreement.last_day is not None and agreement.last_day < today
        (before if ended or past else now).append(agreement)
    context = {
        "person": person,
        # The national survey's text message goes only to a Finnish mobile (core/phones.py).
        "phone_takes_sms": is_finnish_mobile(person.phone),
        "trainings": person.trainings.select_related("agreement__student", "recorded_by"),
        "now": now,
        "before": before,
        "today": today,
    }
    return render(request, "partnerships/instructor_detail.html", context)


@require_http_methods(["GET", "POST"])
@staff_required
def instructor_training_create(request, pk):
    person = _get_contact_person_for_edit(request.user, pk)
    agreements = _instructed(request.user, person).exclude(
        status__in=[AgreementStatus.CANCELLED, AgreementStatus.ENDED_EARLY]
    )
    agreements = [a for a in agreements if permissions.can_edit_agreement(request.user, a)]
    queryset = Agreement.objects.filter(pk__in=[a.pk for a in agreements]).select_related("student")
    initial = {}
    if request.GET.get("agreement", "").isdigit():
        initial = {"agreement": int(request.GET["agreement"]), "kind": "induction"}
    return form_page(
        request,
        InstructorTrainingForm(request.POST or None, initial=initial, person=person, agreements=queryset),
        save=lambda data: _record(request, person, data),
        done=lambda training: person,
        message=_("Induction or training recorded."),
        template="partnerships/instructor_training_form.html",
        context={"person": person},
    )

"""Skills demonstrations: plan and schedule them, and export one's own to a calendar."""

import datetime

from django.contrib import messages
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from icalendar import Calendar, Event

from .. import services
from ..forms import DemonstrationForm
from ..models import Demonstration, Student
from ..services.agreements import ERASED_STUDENT
from .common import form_page, staff_required


def _get_demonstration(user, pk: int) -> Demonstration:
    visible = Student.objects.visible_to(user)
    queryset = Demonstration.objects.select_related("student", "unit").filter(student__in=visible)
    return get_object_or_404(queryset, pk=pk)


@require_http_methods(["GET", "POST"])
@staff_required
def demonstration_create(request, student_pk):
    student = get_object_or_404(Student.objects.visible_to(request.user), pk=student_pk)
    if student.is_erased:
        messages.error(request, ERASED_STUDENT)
        return redirect(student)
    initial = {"teacher_assessor": request.user.pk}
    if request.GET.get("agreement", "").isdigit():
        initial["agreement"] = int(request.GET["agreement"])
    return form_page(
        request,
        DemonstrationForm(request.POST or None, initial=initial, student=student),
        save=lambda data: services.demonstration_save(by=request.user, student=student, data=data),
        done=lambda demonstration: student,
        message=_("Skills demonstration saved."),
        template="partnerships/demonstration_form.html",
        context={"student": student},
    )


@require_http_methods(["GET", "POST"])
@staff_required
def demonstration_edit(request, pk):
    demonstration = _get_demonstration(request.user, pk)
    student = demonstration.student
    return form_page(
        request,
        DemonstrationForm(request.POST or None, instance=demonstration, student=student),
        save=lambda data: services.demonstration_save(
            by=request.user, demonstration=demonstration, data=data
        ),
        done=lambda demonstration: student,
        message=_("Changes saved."),
        template="partnerships/demonstration_form.html",
        context={"student": student, "demonstration": demonstration},
    )


@require_GET
@staff_required
def demonstration_calendar(request):
    """The signed-in teacher's dated demonstrations as an iCalendar file (RFC 5545)."""
    user = request.user
    demonstrations = (
        Demonstration.objects.filter(Q(teacher_assessor=user) | Q(second_teacher_assessor=user))
        .exclude(date__isnull=True)
        .exclude(status="cancelled")
        .select_related("student", "unit", "workplace__employer", "worklife_assessor")
    )
    calendar = Calendar()
    calendar.add("prodid", "-//Kumppani//Skills demonstrations//FI")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Skills demonstrations"))
    stamp = timezone.now()
    for demonstration in demonstrations:
        event = Event()
        event.add("uid", f"demonstration-{demonstration.pk}@kumppani")
        event.add("dtstamp", stamp)
        event.add("dtstart", demonstration.date)
        event.add("dtend", demonstration.date + datetime.timedelta(days=1))
        event.add(
            "summary",
            _("Skills demonstration: %(student)s – %(unit)s")
            % {"student": demonstration.student.full_name, "unit": demonstration.unit.name},
        )
        where = demonstration.place or (
            f"{demonstration.workplace.employer.name}, {demonstration.workplace.name}"
            if demonstration.workplace
            else ""
        )
        if where:
            event.add("location", where)
        if demonstration.worklife_assessor:
            event.add(
                "description",
                _("Working-life assessor: %(name)s") % {"name": demonstration.worklife_assessor.full_name},
            )
        event.add("status", "CONFIRMED" if demonstration.status == "scheduled" else "TENTATIVE")
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kumppani-demonstrations.ics"'
    return response

"""Skills demonstrations: plan and schedule them, and export one's own to a calendar."""

import datetime
import zoneinfo

from django.conf import settings
from django.contrib import messages
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from icalendar import Calendar, Event, vCalAddress, vText

from .. import services
from ..forms.demonstrations import DemonstrationForm
from ..models import Demonstration
from ..rules import demonstration_warnings
from ..services.agreements import ERASED_STUDENT
from .access import _get_demonstration_for_edit, _get_student_for_demonstration
from .common import form_page, staff_required


def _save_and_warn(request, **kwargs) -> Demonstration:
    """Save, then say what to look at twice: the warnings never block saving."""
    demonstration = services.demonstration_save(by=request.user, **kwargs)
    for warning in demonstration_warnings(demonstration, timezone.localdate()):
        messages.warning(request, warning)
    return demonstration


@require_http_methods(["GET", "POST"])
@staff_required
def demonstration_create(request, student_pk):
    student = _get_student_for_demonstration(request.user, student_pk)
    if student.is_erased:
        messages.error(request, ERASED_STUDENT)
        return redirect(student)
    initial = {"teacher_assessor": request.user.pk}
    if request.GET.get("agreement", "").isdigit():
        initial["agreement"] = int(request.GET["agreement"])
    return form_page(
        request,
        DemonstrationForm(request.POST or None, initial=initial, student=student),
        save=lambda data: _save_and_warn(request, student=student, data=data),
        done=lambda demonstration: student,
        message=_("Skills demonstration saved."),
        template="partnerships/demonstration_form.html",
        context={"student": student},
    )


@require_http_methods(["GET", "POST"])
@staff_required
def demonstration_edit(request, pk):
    demonstration = _get_demonstration_for_edit(request.user, pk)
    student = demonstration.student
    return form_page(
        request,
        DemonstrationForm(request.POST or None, instance=demonstration, student=student),
        save=lambda data: _save_and_warn(request, demonstration=demonstration, data=data),
        done=lambda demonstration: student,
        message=_("Changes saved."),
        template="partnerships/demonstration_form.html",
        context={
            "student": student,
            "demonstration": demonstration,
            "warnings": demonstration_warnings(demonstration, timezone.localdate()),
        },
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
    )
    return demonstrations_ics_response(demonstrations, filename="kumppani-demonstrations.ics")


def demonstrations_ics_response(demonstrations, *, filename: str) -> HttpResponse:
    """Dated demonstrations as an iCalendar file (RFC 5545): the teacher's calendar here, a
    workplace's on the partner page."""
    demonstrations = demonstrations.select_related(
        "student",
        "unit",
        "workplace__employer",
        "teacher_assessor",
        "second_teacher_assessor",
        "worklife_assessor",
    )
    local = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    calendar = Calendar()
    calendar.add("prodid", "-//Kumppani//Skills demonstrations//FI")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Skills demonstrations"))
    stamp = timezone.now()
    for demonstration in demonstrations:
        event = Event()
        event.add("uid", f"demonstration-{demonstration.pk}@kumppani")
        event.add("dtstamp", stamp)
        start, end = demonstration.span()
        if demonstration.start_time is None:
            event.add("dtstart", demonstration.date)
            event.add("dtend", demonstration.date + datetime.timedelta(days=1))
        else:
            event.add("dtstart", start.replace(tzinfo=local))
            event.add("dtend", end.replace(tzinfo=local))
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
        assessors = _assessors(demonstration)
        for name, email in assessors:
            if email:
                attendee = vCalAddress(f"mailto:{email}")
                attendee.params["cn"] = vText(name)
                attendee.params["role"] = vText("REQ-PARTICIPANT")
                event.add("attendee", attendee, encode=0)
        # Assessors without an e-mail address cannot be attendees: the description names all.
        event.add("description", _("Assessors: %(names)s") % {"names": ", ".join(n for n, _e in assessors)})
        event.add("status", "CONFIRMED" if demonstration.status == "scheduled" else "TENTATIVE")
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _assessors(demonstration: Demonstration) -> list[tuple[str, str]]:
    """Every assessor's name and e-mail address: the teachers and the working-life assessor."""
    people = []
    for teacher in (demonstration.teacher_assessor, demonstration.second_teacher_assessor):
        if teacher is not None:
            people.append((str(teacher), teacher.email))
    if demonstration.worklife_assessor is not None:
        people.append((demonstration.worklife_assessor.full_name, demonstration.worklife_assessor.email))
    return people

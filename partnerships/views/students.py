"""Students: the list the user may see, the student's page with their path, the forms.
A teacher sees the students of the groups they teach (need to know): `access.py` answers
404 for any other."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from partnerships.forms.students import StudentForm
from partnerships.selectors.feedback_risk import feedback_warnings
from partnerships.selectors.timeline import student_agreements, student_path

from .. import exports, permissions, services
from ..filters import StudentFilter
from ..models import Student
from .access import _get_student_for_edit, _get_student_for_view
from .common import form_page, querystring_without_page, staff_required

STUDENTS_PER_PAGE = 50


@require_GET
@staff_required
def student_list(request):
    queryset = Student.objects.visible_to(request.user).select_related("group", "qualification")
    student_filter = StudentFilter(request.GET or None, queryset=queryset, user=request.user)
    ordered = student_filter.qs.order_by("last_name", "first_name", "pk")
    if fmt := exports.wants_export(request):
        return exports.export_response(ordered, exports.STUDENT_COLUMNS, fmt, "students")
    paginator = Paginator(ordered, STUDENTS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "filter": student_filter,
        "page": page,
        "querystring": querystring_without_page(request),
        "sees_all_students": permissions.can_view_all_students(request.user),
    }
    return render(request, "partnerships/student_list.html", context)


@require_http_methods(["GET", "POST"])
@staff_required
def student_create(request):
    return form_page(
        request,
        StudentForm(request.POST or None, user=request.user),
        save=lambda data: services.student_create(data=data, by=request.user),
        done=lambda student: student,
        message=lambda student: _("Student %(name)s added.") % {"name": student.full_name},
        template="partnerships/student_form.html",
    )


@require_GET
@staff_required
def student_detail(request, pk):
    student = _get_student_for_view(request.user, pk)
    # Read once for the list and the path: the agreements with their periods, interruptions
    # and items, and the demonstrations.
    agreements = list(student_agreements(student))
    timeline = sorted(  # by the first day; the newest first where two begin on the same day
        agreements,
        key=lambda a: (
            min((p.start for p in a.work_periods.all()), default=a.created_at.date()),
            -a.created_at.timestamp(),
        ),
    )
    feedback_warnings([p for a in timeline for p in a.work_periods.all()])
    demonstrations = list(
        student.demonstrations.select_related(
            "unit", "teacher_assessor", "worklife_assessor", "second_teacher_assessor", "workplace__employer"
        )
    )
    context = {
        "student": student,
        "agreements": timeline,
        "demonstrations": demonstrations,
        "path": student_path(
            student, timezone.localdate(), agreements=agreements, demonstrations=demonstrations
        ),
        "can_view_history": permissions.can_view_history(request.user, student),
    }
    return render(request, "partnerships/student_detail.html", context)


@require_http_methods(["GET", "POST"])
@staff_required
def student_edit(request, pk):
    student = _get_student_for_edit(request.user, pk)
    if student.is_erased:
        # Editing would bring personal data back into an anonymised record.
        messages.error(
            request, _("This student's personal data has been erased: the record cannot be edited.")
        )
        return redirect(student)
    return form_page(
        request,
        StudentForm(request.POST or None, instance=student, user=request.user),
        save=lambda data: services.student_update(student=student, data=data, by=request.user),
        done=lambda student: student,
        message=_("Changes saved."),
        template="partnerships/student_form.html",
        context={"student": student},
    )

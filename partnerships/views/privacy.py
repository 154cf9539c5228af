"""A student's data protection page for coordinators: download everything held about the
student (GDPR art. 15 and 20) and erase it (art. 17)."""

from django.conf import settings
from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.http import pdf_response
from core.models import Institution

from .. import services
from ..forms.students import StudentErasureForm
from ..models import Student
from ..selectors.privacy import as_json, erasure_result, student_data
from .access import _get_student_for_privacy
from .common import coordinator_required, form_error


def _filename(student: Student, extension: str) -> str:
    return f"kumppani-{slugify(student.student_number) or student.pk}.{extension}"


@require_http_methods(["GET", "POST"])
@coordinator_required
def student_privacy(request, pk):
    student = _get_student_for_privacy(request.user, pk)
    if request.method == "POST" and student.is_erased:
        messages.error(request, _("This student's personal data has already been erased."))
        return redirect("partnerships:student_privacy", pk=student.pk)
    form = StudentErasureForm(request.POST or None, student=student)
    if request.method == "POST" and form.is_valid():
        try:
            services.erase_student(student, by=request.user, reason=form.cleaned_data["reason"])
        except services.AlreadyErased as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("The student's personal data was erased."))
            return redirect("partnerships:student_privacy", pk=student.pk)
    context = {
        "student": student,
        "form": form,
        "retention_years": settings.KUMPPANI_RETENTION_YEARS,
        "erasure": erasure_result(student) if student.is_erased else None,
    }
    return render(request, "partnerships/student_privacy.html", context)


@require_GET
@coordinator_required
def student_export_json(request, pk):
    student = _get_student_for_privacy(request.user, pk)
    response = JsonResponse(
        as_json(student_data(student)),
        encoder=DjangoJSONEncoder,
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(student, "json")}"'
    return response


@require_GET
@coordinator_required
def student_export_pdf(request, pk):
    student = _get_student_for_privacy(request.user, pk)
    context = {"student": student, "data": student_data(student), "institution": Institution.current()}
    return pdf_response(
        request,
        "pdf/student_data.html",
        context,
        filename=_filename(student, "pdf"),
        fallback=reverse("partnerships:student_privacy", args=[student.pk]),
        attachment=True,
    )

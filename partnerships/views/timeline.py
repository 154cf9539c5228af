"""The student's path, printable: the same months as on the student's page, as a PDF."""

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.http import pdf_response
from core.models import Institution

from ..selectors.timeline import student_path
from .access import _get_student_for_view
from .common import staff_required


@require_GET
@staff_required
def student_path_pdf(request, pk):
    student = _get_student_for_view(request.user, pk)
    today = timezone.localdate()
    context = {
        "student": student,
        "path": student_path(student, today),
        "today": today,
        "institution": Institution.current(),
    }
    word = _("path")
    filename = slugify(f"{student.full_name} {word}") or "path"
    return pdf_response(
        request, "pdf/student_path.html", context, filename=f"{filename}.pdf", fallback=student
    )

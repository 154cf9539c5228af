"""The self-assessment workbook (coordinators)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.models import Institution, Unit
from core.pdf import PdfRenderError, render_pdf
from core.permissions import coordinator_required

from . import services
from .models import LevelQuestion, PartnershipLevel, SelfAssessment, ServicePromise


class OpenForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2017, max_value=2100)
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Unit"),
        queryset=Unit.objects.all(),
        required=False,
        empty_label=gettext_lazy("The whole institution"),
    )


@require_http_methods(["GET", "POST"])
@coordinator_required
def self_assessment_list(request):
    form = OpenForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        assessment = services.self_assessment_open(by=request.user, **form.cleaned_data)
        return redirect("self_assessment", pk=assessment.pk)
    context = {"form": form, "assessments": SelfAssessment.objects.select_related("unit", "updated_by")}
    return render(request, "checkpoints/self_assessment_list.html", context)


def _workbook(assessment: SelfAssessment) -> list[dict]:
    """Each level with its questions, this year's answers and last year's beside them."""
    previous = assessment.previous()
    now = {a.question_id: a for a in assessment.answers.all()}
    before = {a.question_id: a for a in previous.answers.all()} if previous else {}
    questions = Prefetch("questions", queryset=LevelQuestion.objects.order_by("number"))
    return [
        {
            "level": level,
            "questions": [
                {"question": q, "answer": now.get(q.pk), "previous": before.get(q.pk)}
                for q in level.questions.all()
            ],
        }
        for level in PartnershipLevel.objects.prefetch_related(questions, "tools")
    ]


@require_http_methods(["GET", "POST"])
@coordinator_required
def self_assessment(request, pk):
    assessment = get_object_or_404(SelfAssessment.objects.select_related("unit"), pk=pk)
    error = None
    if request.method == "POST":
        answers = {}
        for key, value in request.POST.items():
            if key.startswith("text-") and key[5:].isdigit():
                question_id = int(key[5:])
                raw = request.POST.get(f"rating-{question_id}", "")
                answers[question_id] = (value[:4000], int(raw) if raw.isdigit() else None)
        try:
            services.self_assessment_save(
                assessment=assessment,
                by=request.user,
                answers=answers,
                cherished=request.POST.get("cherished", "")[:6000],
                to_develop=request.POST.get("to_develop", "")[:6000],
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Self-assessment saved."))
            return redirect("self_assessment", pk=assessment.pk)
    context = {
        "assessment": assessment,
        "previous": assessment.previous(),
        "workbook": _workbook(assessment),
        "promise": ServicePromise.objects.filter(key="reciprocal").first(),
        "error": error,
        "ratings": range(1, 6),
    }
    return render(request, "checkpoints/self_assessment.html", context)


@require_GET
@coordinator_required
def self_assessment_pdf(request, pk):
    assessment = get_object_or_404(SelfAssessment.objects.select_related("unit"), pk=pk)
    context = {
        "assessment": assessment,
        "previous": assessment.previous(),
        "workbook": _workbook(assessment),
        "institution": Institution.current(),
    }
    try:
        pdf = render_pdf("pdf/self_assessment.html", context, language=get_language())
    except PdfRenderError as exc:
        messages.error(request, str(exc))
        return redirect("self_assessment", pk=assessment.pk)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="self-assessment-{assessment.year}.pdf"'
    return response

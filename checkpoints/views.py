"""The self-assessment workbook (coordinators)."""

import calendar
import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods
from icalendar import Calendar, Event, vCalAddress, vText

from core.http import pdf_response
from core.models import Institution, Unit, staff_members
from core.permissions import coordinator_required, staff_required

from . import permissions, services
from .annual_plan import (
    INSTRUCTOR_SURVEY_DAYS,
    INSTRUCTOR_SURVEY_REMINDER_DAYS,
    next_instructor_survey,
    year_clock,
)
from .evidence import evidence_for
from .forms import CheckpointPromiseFormSet
from .models import (
    ActivityKind,
    AnnualActivity,
    Checkpoint,
    LevelQuestion,
    PartnershipLevel,
    SelfAssessment,
    ServicePromise,
)
from .summary import develop_link, self_assessment_summary


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
        return redirect("checkpoints:self_assessment", pk=assessment.pk)
    context = {"form": form, "assessments": SelfAssessment.objects.select_related("unit", "updated_by")}
    return render(request, "checkpoints/self_assessment_list.html", context)


def _workbook(assessment: SelfAssessment) -> list[dict]:
    """Each level with its questions, this year's answers and last year's beside them, and
    the evidence the other apps register for the level (checkpoints/evidence.py)."""
    previous = assessment.previous()
    now = {a.question_id: a for a in assessment.answers.all()}
    before = {a.question_id: a for a in previous.answers.all()} if previous else {}
    questions = Prefetch("questions", queryset=LevelQuestion.objects.order_by("number"))
    return [
        {
            "level": level,
            "evidence": evidence_for(level.key, assessment),
            "questions": [
                {"question": q, "answer": now.get(q.pk), "previous": before.get(q.pk)}
                for q in level.questions.all()
            ],
        }
        for level in PartnershipLevel.objects.prefetch_related(questions, "tools")
    ]


def _get_self_assessment_for_edit(user, pk: int) -> SelfAssessment:
    """A self-assessment by pk (every one exists for whoever may edit them): 404 if none, 403
    for anyone but a coordinator. The helpers of this module follow `core/permissions.py`."""
    assessment = get_object_or_404(SelfAssessment.objects.select_related("unit"), pk=pk)
    if not permissions.can_edit_self_assessment(user, assessment):
        raise PermissionDenied
    return assessment


def _get_annual_activity_for_edit(user, pk: int) -> AnnualActivity:
    activity = get_object_or_404(AnnualActivity, pk=pk)
    if not permissions.can_edit_annual_plan(user, activity):
        raise PermissionDenied
    return activity


@require_http_methods(["GET", "POST"])
@coordinator_required
def self_assessment(request, pk):
    assessment = _get_self_assessment_for_edit(request.user, pk)
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
            return redirect("checkpoints:self_assessment", pk=assessment.pk)
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
def self_assessment_summary_page(request, pk):
    """The year's ratings per level beside the previous year's, as a chart and a table, and
    a way to start developing the level with most to develop."""
    assessment = _get_self_assessment_for_edit(request.user, pk)
    summary = self_assessment_summary(assessment)
    most = summary.most_to_develop
    context = {
        "assessment": assessment,
        "summary": summary,
        "develop_url": develop_link(assessment, most.level) if most else "",
    }
    return render(request, "checkpoints/self_assessment_summary.html", context)


@require_GET
@coordinator_required
def self_assessment_pdf(request, pk):
    assessment = _get_self_assessment_for_edit(request.user, pk)
    context = {
        "assessment": assessment,
        "previous": assessment.previous(),
        "workbook": _workbook(assessment),
        "institution": Institution.current(),
    }
    return pdf_response(
        request,
        "pdf/self_assessment.html",
        context,
        filename=f"self-assessment-{assessment.year}.pdf",
        fallback=reverse("checkpoints:self_assessment", args=[assessment.pk]),
    )


def _in_a_year(month: int, day: int) -> datetime.date:
    """A recurring day of the year as a date the date picker can show: this year's, or the
    next leap year's for 29 February."""
    year = timezone.localdate().year
    while not calendar.isleap(year) and (month, day) == (2, 29):
        year += 1
    return datetime.date(year, month, day)


class ActivityForm(forms.ModelForm):
    """The dates come from date pickers; only their day and month are kept, since the
    activity recurs on the same dates every year."""

    start = forms.DateField(
        label=gettext_lazy("Starts"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("Only the day and month are kept: the activity recurs every year."),
    )
    end = forms.DateField(
        label=gettext_lazy("Ends"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("An activity may run across the turn of the year."),
    )

    class Meta:
        model = AnnualActivity
        fields = ["kind", "title", "start", "end", "responsible", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = staff_members()
        if self.instance.pk:
            activity = self.instance
            self.initial["start"] = _in_a_year(activity.start_month, activity.start_day)
            self.initial["end"] = _in_a_year(activity.end_month, activity.end_day)
            if activity.responsible_text:
                self.fields["responsible"].help_text = _(
                    "Written earlier as “%(name)s”; it is kept until you pick a staff member."
                ) % {"name": activity.responsible_text}

    def clean(self):
        data = super().clean()
        for name in ("start", "end"):
            if data.get(name):
                setattr(self.instance, f"{name}_month", data[name].month)
                setattr(self.instance, f"{name}_day", data[name].day)
        if data.get("responsible"):
            self.instance.responsible_text = ""  # the staff member replaces the old text
        return data


@require_http_methods(["GET", "POST"])
@staff_required
def annual_plan(request):
    """Everyone reads the year clock; coordinators add activities."""
    form = ActivityForm(request.POST or None)
    if request.method == "POST":
        if not permissions.can_edit_annual_plan(request.user):
            raise PermissionDenied
        if form.is_valid():
            services.annual_activity_save(by=request.user, activity=form.save(commit=False))
            messages.success(request, _("Activity added to the annual plan."))
            return redirect("checkpoints:annual_plan")
    activities = list(AnnualActivity.objects.select_related("responsible"))
    today = timezone.localdate()
    clock = year_clock(activities, today)
    context = {
        "form": form,
        "arcs": clock["arcs"],
        "clock": clock,
        "survey_windows": [a for a in activities if a.kind == ActivityKind.NATIONAL_SURVEY],
        "instructor_survey": {
            "days": INSTRUCTOR_SURVEY_DAYS,
            "next": next_instructor_survey(today),
            "reminder_days": INSTRUCTOR_SURVEY_REMINDER_DAYS,
        },
        "can_edit": permissions.can_edit_annual_plan(request.user),
    }
    return render(request, "checkpoints/annual_plan.html", context)


@require_http_methods(["GET", "POST"])
@coordinator_required
def annual_activity_edit(request, pk):
    activity = _get_annual_activity_for_edit(request.user, pk)
    if request.method == "POST" and request.POST.get("delete"):
        services.annual_activity_delete(by=request.user, activity=activity)
        messages.success(request, _("Activity removed from the annual plan."))
        return redirect("checkpoints:annual_plan")
    form = ActivityForm(request.POST or None, instance=activity)
    if request.method == "POST" and form.is_valid():
        services.annual_activity_save(by=request.user, activity=form.save(commit=False))
        messages.success(request, _("Changes saved."))
        return redirect("checkpoints:annual_plan")
    return render(request, "checkpoints/annual_activity_form.html", {"form": form, "activity": activity})


def _add_responsible(event: Event, activity: AnnualActivity) -> None:
    """The responsible person in the description, which every calendar shows, and, with an
    e-mail address, as the event's ORGANIZER (RFC 5545 3.8.4.3: a cal-address with CN). Not an
    ATTENDEE: that would make calendars ask them to accept a meeting of a published plan."""
    user = activity.responsible
    name = str(user) if user else activity.responsible_text
    lines = [_("Responsible: %(name)s") % {"name": name}] if name else []
    if activity.description:
        lines.append(activity.description)
    if lines:
        event.add("description", "\n\n".join(lines))
    if user and user.email:
        organizer = vCalAddress(f"mailto:{user.email}")
        organizer.params["cn"] = vText(name)
        event.add("organizer", organizer, encode=False)


@require_GET
@staff_required
def annual_plan_ics(request):
    """The annual plan as yearly repeating calendar events (RFC 5545)."""
    calendar = Calendar()
    calendar.add("prodid", "-//Kumppani//Annual plan//FI")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Annual plan"))
    year = timezone.localdate().year
    for activity in AnnualActivity.objects.select_related("responsible"):
        start = datetime.date(
            year, activity.start_month, min(activity.start_day, 28 if activity.start_month == 2 else 31)
        )
        end_year = year + (
            1 if (activity.end_month, activity.end_day) < (activity.start_month, activity.start_day) else 0
        )
        end = datetime.date(
            end_year, activity.end_month, min(activity.end_day, 28 if activity.end_month == 2 else 31)
        )
        event = Event()
        event.add("uid", f"annual-{activity.pk}@kumppani")
        event.add("dtstamp", timezone.now())
        event.add("summary", activity.label)
        event.add("dtstart", start)
        event.add("dtend", end + datetime.timedelta(days=1))
        event.add("rrule", {"freq": "yearly"})
        _add_responsible(event, activity)
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kumppani-annual-plan.ics"'
    return response


@require_http_methods(["GET", "POST"])
@coordinator_required
def checkpoint_promises(request):
    """The eight checkpoints, each with the service promise the institution makes at it, in
    fi, sv and en; every page that names a checkpoint shows its promise beside it."""
    if not permissions.can_edit_checkpoint_promises(request.user):
        raise PermissionDenied
    formset = CheckpointPromiseFormSet(request.POST or None, queryset=Checkpoint.objects.all())
    if request.method == "POST" and formset.is_valid():
        services.checkpoint_promises_save(by=request.user, checkpoints=formset.save(commit=False))
        messages.success(request, _("Service promises saved."))
        return redirect("checkpoints:checkpoint_promises")
    return render(request, "checkpoints/checkpoint_promises.html", {"formset": formset})

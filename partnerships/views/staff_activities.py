"""Staff in working life: the list with its export, one activity, its form, and the
coordinator's yearly summary per unit (with its CSV).

A member of staff records and reads their own working-life periods, forums and development
days; coordinators record, edit and read everyone's."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from core.permissions import role_required

from .. import exports, permissions, services
from ..forms.staff_activities import StaffActivityFilterForm, StaffActivityForm, StaffSummaryFilterForm
from ..models import StaffActivityKind
from ..selectors.staff_activities import activities_filtered, summary_by_unit
from .access import _get_staff_activity_for_edit, _get_staff_activity_for_view, _staff_activities
from .common import form_page, querystring_without_page, staff_required

PER_PAGE = 25

COLUMNS = [
    exports.Column(gettext_lazy("starts on"), lambda a: a.starts_on),
    exports.Column(gettext_lazy("ends on"), lambda a: a.ends_on),
    exports.Column(gettext_lazy("days"), lambda a: a.days),
    exports.Column(gettext_lazy("kind"), lambda a: a.get_kind_display()),
    exports.Column(gettext_lazy("title"), lambda a: a.title),
    exports.Column(gettext_lazy("staff member"), lambda a: str(a.staff_member)),
    exports.Column(gettext_lazy("unit"), lambda a: a.unit.name if a.unit else ""),
    exports.Column(gettext_lazy("employer"), lambda a: a.employer.name if a.employer else ""),
    exports.Column(gettext_lazy("business ID"), lambda a: a.employer.business_id if a.employer else ""),
    exports.Column(gettext_lazy("other organisation"), lambda a: a.organisation_name),
    exports.Column(gettext_lazy("what was learnt or agreed"), lambda a: a.notes),
]


@require_GET
@staff_required
def staff_activity_list(request):
    everyone = permissions.can_record_staff_activity_for_others(request.user)
    form = StaffActivityFilterForm(request.GET or None, everyone=everyone)
    activities = _staff_activities(request.user)
    if form.is_valid():
        activities = activities_filtered(activities, form.cleaned_data)
    if fmt := exports.wants_export(request):
        return exports.export_response(activities, COLUMNS, fmt, "staff-in-working-life")
    page = Paginator(activities, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "partnerships/staff_activity_list.html",
        {
            "form": form,
            "page": page,
            "everyone": everyone,
            "querystring": querystring_without_page(request),
            "can_record": permissions.can_record_staff_activity(request.user),
            "can_view_summary": permissions.can_view_staff_activity_summary(request.user),
        },
    )


@require_GET
@staff_required
def staff_activity_detail(request, pk):
    activity = _get_staff_activity_for_view(request.user, pk)
    return render(
        request,
        "partnerships/staff_activity_detail.html",
        {
            "activity": activity,
            "can_edit": permissions.can_edit_staff_activity(request.user, activity),
            "can_view_history": permissions.can_view_history(request.user, activity),
        },
    )


def _form(request, **kwargs) -> StaffActivityForm:
    return StaffActivityForm(
        request.POST or None,
        for_others=permissions.can_record_staff_activity_for_others(request.user),
        **kwargs,
    )


@require_http_methods(["GET", "POST"])
@staff_required
def staff_activity_create(request):
    initial = {"starts_on": timezone.localdate(), "ends_on": timezone.localdate()}
    employer = request.GET.get("employer", "")
    if employer.isdigit():
        initial["employer"] = int(employer)
    if request.GET.get("kind") in StaffActivityKind.values:
        initial["kind"] = request.GET["kind"]
    return form_page(
        request,
        _form(request, initial=initial),
        save=lambda data: services.staff_activity_create(by=request.user, data=data),
        done=lambda activity: activity,
        message=lambda activity: _("“%(title)s” recorded.") % {"title": activity.title},
        template="partnerships/staff_activity_form.html",
    )


@require_http_methods(["GET", "POST"])
@staff_required
def staff_activity_edit(request, pk):
    activity = _get_staff_activity_for_edit(request.user, pk)
    return form_page(
        request,
        _form(request, instance=activity),
        save=lambda data: services.staff_activity_update(activity=activity, by=request.user, data=data),
        done=lambda activity: activity,
        message=_("Changes saved."),
        template="partnerships/staff_activity_form.html",
        context={"activity": activity},
    )


@require_GET
@role_required(permissions.can_view_staff_activity_summary)
def staff_activity_summary(request):
    this_year = timezone.localdate().year
    form = StaffSummaryFilterForm(request.GET or None, initial={"year": this_year})
    year = form.cleaned_data["year"] if form.is_valid() else this_year
    summary = summary_by_unit(year)
    if request.GET.get("format") == "csv":
        header = [
            _("Unit"),
            *[str(label) for _value, label in summary.kinds],
            _("Staff taking part"),
            _("Days in working-life periods"),
            _("Total"),
        ]
        rows = [
            [row.label or _("No unit"), *row.counts, row.staff, row.period_days, row.total]
            for row in summary.rows
        ]
        rows.append([_("Total"), *summary.totals, summary.staff, summary.period_days, summary.total])
        return exports.csv_response(f"staff-in-working-life-{year}", header, rows)
    return render(
        request,
        "partnerships/staff_activity_summary.html",
        {"form": form, "summary": summary, "year": year},
    )

"""Agreements: lists, the form with its work periods, the page, status, items, interruptions."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from checkpoints.models import Checkpoint
from core.http import pdf_response
from core.models import Institution

from .. import exports, permissions, services
from ..filters import AgreementFilter
from ..forms.agreements import (
    AgreementForm,
    InterruptionForm,
    ItemForm,
    QualificationUnitForm,
    StatusForm,
    WorkPeriodFormSet,
    WorkplaceCheckForm,
)
from ..models import Agreement, AgreementType, ItemKind, QualificationUnit, Workplace
from ..rules import induction_notices
from ..selectors.feedback_risk import feedback_warnings
from ..selectors.overdue import item_states, with_agreement_dates
from .access import (
    _agreements,
    _get_agreement_for_edit,
    _get_agreement_for_view,
    _get_interruption_for_edit,
    _get_work_period_for_edit,
    _get_workplace_for_edit,
)
from .common import (
    coordinator_required,
    form_error,
    form_page,
    pk_urls,
    querystring_without_page,
    staff_required,
)

AGREEMENTS_PER_PAGE = 25
# Each type's name by its key: get_type_display() builds the dictionary anew for every row.
_TYPE_NAMES = dict(AgreementType.choices)


def _agreement_rows(ids: list[int]):
    """The agreements of one page of the list with what its rows show, in no order."""
    queryset = Agreement.objects.filter(pk__in=ids).select_related("student", "workplace__employer")
    return with_agreement_dates(queryset.prefetch_related("work_periods", "items"), per_row=True)


@require_GET
@staff_required
def agreement_list(request):
    def make_filter() -> AgreementFilter:
        return AgreementFilter(request.GET or None, queryset=_agreements(request.user), user=request.user)

    if fmt := exports.wants_export(request):
        return exports.export_response(make_filter().qs, exports.AGREEMENT_COLUMNS, fmt, "agreements")

    agreement_filter = make_filter()
    # The page is chosen by a narrow query (each agreement's id sorted by its latest day
    # before the LIMIT); only its 25 agreements are then read with what the rows show, by
    # their ids: the filters are not applied a second time around them.
    page = Paginator(agreement_filter.qs.values_list("pk", flat=True), AGREEMENTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    ids = list(page.object_list)
    by_pk = {agreement.pk: agreement for agreement in _agreement_rows(ids)}
    today = timezone.localdate()
    rows = []
    # An agreement deleted between the two queries is left out rather than a 500.
    for agreement in pk_urls([by_pk[pk] for pk in ids if pk in by_pk], "partnerships:agreement_detail"):
        states = item_states(agreement, today)
        rows.append(
            {
                "agreement": agreement,
                "type": _TYPE_NAMES.get(agreement.type, agreement.type),
                "total": len(states),
                "settled": sum(1 for s in states if s.settled),
                "overdue": sum(1 for s in states if s.overdue),
            }
        )
    context = {
        "filter": agreement_filter,
        "page": page,
        "rows": rows,
        "today": today,
        "querystring": querystring_without_page(request),
    }
    return render(request, "partnerships/agreement_list.html", context)


def _period_data(formset) -> list[dict]:
    return [
        {key: value for key, value in form.cleaned_data.items() if key != "DELETE"}
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


def _agreement_form_page(request, agreement: Agreement | None):
    initial = {}
    if agreement is None:
        initial = {"responsible_teacher": request.user.pk}
        for name in ("student", "workplace"):
            if request.GET.get(name, "").isdigit():
                initial[name] = int(request.GET[name])
    if request.GET.get("type") in AgreementType.values:
        initial["type"] = request.GET["type"]  # the type chosen on the page (htmx) or in a link
    data = request.POST if request.method == "POST" else None
    form = AgreementForm(data, instance=agreement or Agreement(), initial=initial, user=request.user)
    period_initial = (
        [
            {
                "id": p.pk,
                "unit": p.unit_id,
                "start": p.start,
                "end": p.end,
                "part_time_percent": p.part_time_percent,
            }
            for p in agreement.work_periods.all()
        ]
        if agreement
        else [{"part_time_percent": 100}]
    )
    formset = WorkPeriodFormSet(data, initial=period_initial, prefix="periods")
    if data is not None and "add_period" in data:
        # Another empty work period: re-show what was typed with one more row, saving nothing.
        data = data.copy()
        data["periods-TOTAL_FORMS"] = str(int(data.get("periods-TOTAL_FORMS", 1)) + 1)
        form = AgreementForm(data, instance=agreement or Agreement(), user=request.user)
        formset = WorkPeriodFormSet(data, prefix="periods")
    elif data is not None and form.is_valid() and formset.is_valid():
        try:
            if agreement is None:
                agreement = services.agreement_create(
                    by=request.user, data=form.cleaned_data, periods=_period_data(formset)
                )
                messages.success(request, _("Agreement saved as a draft."))
            else:
                services.agreement_update(
                    agreement=agreement,
                    by=request.user,
                    data=form.cleaned_data,
                    periods=_period_data(formset),
                )
                messages.success(request, _("Changes saved."))
            return redirect(agreement)
        except services.AgreementInvalid as exc:
            form_error(form, exc)
            live_forms = [f for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
            for index, period_exc in exc.period_errors.items():
                form_error(live_forms[index], period_exc)
    template = "partnerships/agreement_form.html"
    if request.htmx and request.htmx.target == "type-fields":
        template += "#type-fields"
    context = {
        "form": form,
        "formset": formset,
        "agreement": agreement,
        "workplace_warning": _unchecked(form),
    }
    return render(request, template, context)


def _unchecked(form) -> Workplace | None:
    """The chosen workplace, when no passed check is on file for it (shown as a warning)."""
    value = form["workplace"].value()
    if not value:
        return None
    # The field's own cleaning: only a workplace the form offers, and any malformed id
    # (unicode digits, 100,000 zeros) is no workplace rather than a 500.
    try:
        workplace = form.fields["workplace"].clean(value)
    except ValidationError:
        return None
    latest = workplace.checks.order_by("-checked_on", "-pk").first()
    return None if latest and latest.passed else workplace


@require_http_methods(["GET", "POST"])
@staff_required
def agreement_create(request):
    return _agreement_form_page(request, None)


@require_http_methods(["GET", "POST"])
@staff_required
def agreement_edit(request, pk):
    return _agreement_form_page(request, _get_agreement_for_edit(request.user, pk))


@require_GET
@staff_required
def agreement_detail(request, pk):
    agreement = _get_agreement_for_view(request.user, pk)
    today = timezone.localdate()
    periods = list(
        agreement.work_periods.select_related("unit", "ehoks_entered_by").prefetch_related("interruptions")
    )
    feedback_warnings(periods, today)
    states = item_states(agreement, today, promises=Checkpoint.objects.promises())
    latest_check = agreement.workplace.checks.order_by("-checked_on", "-pk").first()
    context = {
        "agreement": agreement,
        "periods": periods,
        "states": states,
        "total": len(states),
        "settled": sum(1 for state in states if state.settled),
        "overdue": sum(1 for state in states if state.overdue),
        "can_edit": permissions.can_edit_agreement(request.user, agreement),
        "can_view_history": permissions.can_view_history(request.user, agreement),
        "status_form": StatusForm(),
        "item_form": ItemForm(),
        "latest_check": latest_check,
        "today": today,
    }
    return render(request, "partnerships/agreement_detail.html", context)


@require_POST
@staff_required
def agreement_status(request, pk):
    agreement = _get_agreement_for_edit(request.user, pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        signed = {
            name: data[name]
            for name in (
                "student_signed_on",
                "employer_signed_on",
                "provider_signed_on",
                "student_informed_on",
            )
        }
        try:
            services.agreement_change_status(
                agreement=agreement,
                by=request.user,
                status=data["status"],
                signed=signed,
                ended_on=data["ended_on"],
                end_reason=data["end_reason"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Status changed."))
    else:
        messages.error(request, _("Choose a status and give valid dates."))
    return redirect(agreement)


@require_POST
@staff_required
def agreement_item(request, pk):
    agreement = _get_agreement_for_edit(request.user, pk)
    form = ItemForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
        return redirect(agreement)
    data = form.cleaned_data
    try:
        if data["clear"]:
            services.agreement_item_clear(agreement=agreement, by=request.user, kind=data["kind"])
        else:
            services.agreement_item_record(
                agreement=agreement,
                by=request.user,
                kind=data["kind"],
                done_on=data["done_on"],
                not_applicable_reason=data["not_applicable_reason"],
                participants=data["participants"],
                note=data["note"],
                induction_form=data["induction_form"],
            )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Checkpoint item recorded."))
        if data["kind"] == ItemKind.INDUCTION and data["done_on"] and not data["clear"]:
            for notice in induction_notices(agreement, data["done_on"]):
                messages.warning(request, notice)
    return redirect(f"{agreement.get_absolute_url()}#items")


@require_http_methods(["GET", "POST"])
@staff_required
def interruption_create(request, period_pk):
    period = _get_work_period_for_edit(request.user, period_pk)
    agreement = period.agreement
    return form_page(
        request,
        InterruptionForm(request.POST or None),
        save=lambda data: services.interruption_record(period=period, by=request.user, data=data),
        done=lambda interruption: agreement,
        message=_("Interruption recorded."),
        template="partnerships/interruption_form.html",
        context={"period": period, "agreement": agreement},
    )


@require_http_methods(["GET", "POST"])
@staff_required
def interruption_edit(request, pk):
    interruption = _get_interruption_for_edit(request.user, pk)
    period = interruption.work_period
    agreement = period.agreement
    return form_page(
        request,
        InterruptionForm(request.POST or None, instance=interruption),
        save=lambda data: services.interruption_update(interruption=interruption, by=request.user, data=data),
        done=lambda interruption: agreement,
        message=_("Interruption saved."),
        template="partnerships/interruption_form.html",
        context={"period": period, "agreement": agreement, "editing": True},
    )


@require_POST
@staff_required
def work_period_ehoks(request, period_pk):
    period = _get_work_period_for_edit(request.user, period_pk)
    raw = request.POST.get("entered_on", "")
    try:
        entered_on = datetime.date.fromisoformat(raw) if raw else timezone.localdate()
    except ValueError:
        messages.error(request, _("Give the date as dd.mm.yyyy."))
    else:
        services.work_period_record_ehoks(period=period, by=request.user, entered_on=entered_on)
        messages.success(request, _("The eHOKS entry is recorded."))
    return redirect(period.agreement)


@require_http_methods(["GET", "POST"])
@staff_required
def workplace_check_create(request, workplace_pk):
    workplace = _get_workplace_for_edit(request.user, workplace_pk)
    return form_page(
        request,
        WorkplaceCheckForm(request.POST or None),
        save=lambda data: services.workplace_check_record(workplace=workplace, by=request.user, **data),
        done=lambda check: request.POST.get("next") if _safe_next(request) else workplace.employer,
        message=_("Workplace check recorded."),
        template="partnerships/workplace_check_form.html",
        context={"workplace": workplace, "checks": workplace.checks.select_related("checked_by")[:10]},
    )


def _safe_next(request) -> bool:
    next_url = request.POST.get("next", "")
    return bool(next_url) and url_has_allowed_host_and_scheme(
        next_url, {request.get_host()}, request.is_secure()
    )


@require_GET
@staff_required
def agreement_pdf(request, pk):
    """The agreement summary to print and sign, in the UI language."""
    agreement = _get_agreement_for_view(request.user, pk)
    states = item_states(agreement, promises=Checkpoint.objects.promises())
    context = {
        "agreement": agreement,
        "periods": agreement.work_periods.all(),
        "institution": Institution.current(),
        # What the institution promises at each checkpoint item, as on the agreement's page.
        "promised": [state for state in states if state.promise],
    }
    filename = slugify(f"{agreement.get_type_display()} {agreement.student.full_name}") or "agreement"
    return pdf_response(
        request, "pdf/agreement.html", context, filename=f"{filename}.pdf", fallback=agreement
    )


@require_http_methods(["GET", "POST"])
@coordinator_required
def unit_list(request):
    """The qualification units agreements can cover; coordinators add local ones here."""
    units = QualificationUnit.objects.select_related("qualification").order_by(
        "qualification__name_fi", "name_fi"
    )
    return form_page(
        request,
        QualificationUnitForm(request.POST or None),
        save=lambda data: services.qualification_unit_add_local(by=request.user, data=data),
        done=lambda unit: "partnerships:unit_list",
        message=lambda unit: _("Unit %(name)s added.") % {"name": unit.name},
        template="partnerships/unit_list.html",
        context={"units": units},
    )

"""Future competence needs: the list with its export, one need with its initiatives, its form,
and the coordinator's summary by sector and horizon.

Every member of staff reads every need and records new ones (from the employer's page or a
logged contact, prefilled); the one who recorded a need and coordinators edit it."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.permissions import role_required

from .. import exports, permissions, services
from ..forms.competence_needs import (
    CompetenceNeedFilterForm,
    CompetenceNeedForm,
    CompetenceNeedLinkForm,
    CompetenceSummaryFilterForm,
)
from ..forms.initiatives import InitiativeForm
from ..models import CompetenceNeed, Contact, Employer
from ..selectors.competence_needs import summary_by_sector
from .access import _get_competence_need_for_edit, _get_competence_need_for_view
from .common import form_page, querystring_without_page, staff_required

PER_PAGE = 25

COLUMNS = [
    exports.Column(gettext_lazy("recorded on"), lambda n: n.recorded_on),
    exports.Column(gettext_lazy("need"), lambda n: n.title),
    exports.Column(gettext_lazy("description"), lambda n: n.description),
    exports.Column(gettext_lazy("employer"), lambda n: n.employer.name if n.employer else ""),
    exports.Column(gettext_lazy("business ID"), lambda n: n.employer.business_id if n.employer else ""),
    exports.Column(
        gettext_lazy("network organisation"), lambda n: n.organisation.name if n.organisation else ""
    ),
    exports.Column(gettext_lazy("other source organisation"), lambda n: n.organisation_name),
    exports.Column(gettext_lazy("sector"), lambda n: n.get_sector_display()),
    exports.Column(gettext_lazy("qualification"), lambda n: n.qualification.name if n.qualification else ""),
    exports.Column(gettext_lazy("time horizon"), lambda n: n.get_horizon_display()),
    exports.Column(gettext_lazy("source"), lambda n: n.get_source_display()),
    exports.Column(gettext_lazy("contact"), lambda n: n.contact.date if n.contact else None),
    exports.Column(
        gettext_lazy("recorded by"), lambda n: n.recorded_by.get_full_name() if n.recorded_by else ""
    ),
    exports.Column(
        gettext_lazy("co-development initiatives"), lambda n: ", ".join(i.title for i in n.initiatives.all())
    ),
]


def _filtered(form: CompetenceNeedFilterForm, user):
    needs = CompetenceNeed.objects.select_related(
        "employer", "organisation", "qualification", "contact", "recorded_by"
    )
    needs = needs.prefetch_related("initiatives")
    if form.is_valid():
        data = form.cleaned_data
        for name in ("sector", "horizon", "qualification"):
            if data[name]:
                needs = needs.filter(**{name: data[name]})
        if data["mine"]:
            needs = needs.filter(recorded_by=user)
        if term := data["q"].strip():
            needs = needs.filter(
                Q(title__icontains=term)
                | Q(description__icontains=term)
                | Q(organisation_name__icontains=term)
                | Q(organisation__name__icontains=term)
                | Q(employer__name__icontains=term)
            )
    return needs


@require_GET
@staff_required
def competence_need_list(request):
    form = CompetenceNeedFilterForm(request.GET or None)
    needs = _filtered(form, request.user)
    if fmt := exports.wants_export(request):
        return exports.export_response(needs, COLUMNS, fmt, "competence-needs")
    page = Paginator(needs, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "partnerships/competence_need_list.html",
        {
            "form": form,
            "page": page,
            "querystring": querystring_without_page(request),
            "can_record": permissions.can_record_competence_need(request.user),
            "can_view_summary": permissions.can_view_competence_summary(request.user),
        },
    )


def _detail(request, need: CompetenceNeed, *, link_form=None, status: int = 200):
    initiatives = list(need.initiatives.select_related("owner").order_by("title"))
    can_edit = permissions.can_edit_competence_need(request.user, need)
    for initiative in initiatives:
        initiative.can_unlink = permissions.can_link_competence_need(request.user, need, initiative)
    if link_form is None:
        link_form = CompetenceNeedLinkForm(need=need)
        if not can_edit:
            # Others link the need to the initiatives they own (can_link_competence_need).
            choices = link_form.fields["initiative"].queryset.filter(owner=request.user)
            link_form.fields["initiative"].queryset = choices
            link_form = link_form if choices.exists() else None
    return render(
        request,
        "partnerships/competence_need_detail.html",
        {
            "need": need,
            "initiatives": initiatives,
            "can_edit": can_edit,
            "link_form": link_form,
            "can_view_history": permissions.can_view_history(request.user, need),
        },
        status=status,
    )


@require_GET
@staff_required
def competence_need_detail(request, pk):
    return _detail(request, _get_competence_need_for_view(request.user, pk))


def _prefill(request) -> dict:
    """From a logged contact (its employer, the employer's sector, the contact as the source)
    or from an employer's page."""
    initial = {}
    contact_pk, employer_pk = request.GET.get("contact", ""), request.GET.get("employer", "")
    employer = None
    if contact_pk.isdigit():
        contact = Contact.objects.select_related("employer").filter(pk=contact_pk).first()
        if contact is not None:
            employer = contact.employer
            initial.update(contact=contact.pk, source="contact", description=contact.summary)
    elif employer_pk.isdigit():
        employer = Employer.objects.filter(pk=employer_pk).first()
    if employer is not None:
        initial.update(employer=employer.pk, sector=employer.sector)
    return initial


@require_http_methods(["GET", "POST"])
@staff_required
def competence_need_create(request):
    return form_page(
        request,
        CompetenceNeedForm(request.POST or None, initial=_prefill(request)),
        save=lambda data: services.competence_need_create(by=request.user, data=data),
        done=lambda need: need,
        message=lambda need: _("Competence need “%(title)s” recorded.") % {"title": need.title},
        template="partnerships/competence_need_form.html",
    )


@require_http_methods(["GET", "POST"])
@staff_required
def competence_need_edit(request, pk):
    need = _get_competence_need_for_edit(request.user, pk)
    return form_page(
        request,
        CompetenceNeedForm(request.POST or None, instance=need),
        save=lambda data: services.competence_need_update(need=need, by=request.user, data=data),
        done=lambda need: need,
        message=_("Changes saved."),
        template="partnerships/competence_need_form.html",
        context={"need": need},
    )


@require_POST
@staff_required
def competence_need_link(request, pk):
    need = _get_competence_need_for_view(request.user, pk)
    return form_page(
        request,
        CompetenceNeedLinkForm(request.POST, need=need),
        invalid=lambda form: _detail(request, need, link_form=form, status=400),
        save=lambda data: services.competence_need_link(need=need, by=request.user, **data),
        message=_("The need is linked to the initiative."),
        done=lambda result: need,
    )


@require_POST
@staff_required
def competence_need_unlink(request, pk):
    need = _get_competence_need_for_view(request.user, pk)
    form = CompetenceNeedLinkForm(request.POST, need=need, unlink=True)
    if form.is_valid():
        services.competence_need_unlink(need=need, by=request.user, **form.cleaned_data)
        messages.success(request, _("The link to the initiative was removed."))
    return redirect(need)


@require_http_methods(["GET", "POST"])
@staff_required
def competence_need_initiative_create(request, pk):
    """Start a co-development initiative from the need: the initiative's form, prefilled."""
    need = _get_competence_need_for_view(request.user, pk)
    initial = {"title": need.title, "starting_point": need.description}
    if need.employer_id:
        initial["employers"] = [need.employer_id]
    return form_page(
        request,
        InitiativeForm(request.POST or None, user=request.user, initial=initial),
        save=lambda data: services.competence_need_start_initiative(need=need, by=request.user, data=data),
        done=lambda initiative: initiative,
        message=lambda initiative: (
            _("Initiative “%(title)s” started from the need.") % {"title": initiative.title}
        ),
        template="partnerships/competence_need_initiative_form.html",
        context={"need": need},
    )


@require_GET
@role_required(permissions.can_view_competence_summary)
def competence_need_summary(request):
    form = CompetenceSummaryFilterForm(request.GET or None)
    needs = CompetenceNeed.objects.all()
    if form.is_valid():
        data = form.cleaned_data
        if data["qualification"]:
            needs = needs.filter(qualification=data["qualification"])
        if data["recorded_from"]:
            needs = needs.filter(recorded_on__gte=data["recorded_from"])
        if data["recorded_to"]:
            needs = needs.filter(recorded_on__lte=data["recorded_to"])
    summary = summary_by_sector(needs)
    if request.GET.get("format") == "csv":
        header = [_("Sector"), *[capfirst(label) for _value, label in summary.horizons], _("Total")]
        rows = [[row.label, *row.counts, row.total] for row in summary.rows]
        rows.append([_("Total"), *summary.totals, summary.total])
        return exports.csv_response("competence-needs-by-sector", header, rows)
    return render(
        request,
        "partnerships/competence_need_summary.html",
        {"form": form, "summary": summary, "querystring": querystring_without_page(request)},
    )

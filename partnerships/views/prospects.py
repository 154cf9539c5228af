"""New partners: the list of prospects with its export, one prospect, its form, and turning it
into an employer. Every member of staff reads them; the owner and coordinators edit."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import exports, permissions, services
from ..forms.prospects import ProspectConvertForm, ProspectFilterForm, ProspectForm
from ..models import Prospect, ProspectStage
from ..selectors.duplicates import employers_like
from .access import _get_prospect_for_edit, _get_prospect_for_view
from .common import form_page, querystring_without_page, staff_required

PER_PAGE = 25

COLUMNS = [
    exports.Column(gettext_lazy("name"), lambda p: p.name),
    exports.Column(gettext_lazy("business ID"), lambda p: p.business_id),
    exports.Column(gettext_lazy("sector"), lambda p: p.get_sector_display() if p.sector else ""),
    exports.Column(gettext_lazy("municipality"), lambda p: p.municipality),
    exports.Column(gettext_lazy("stage"), lambda p: p.get_stage_display()),
    exports.Column(gettext_lazy("reason for dropping"), lambda p: p.dropped_reason),
    exports.Column(gettext_lazy("owner"), lambda p: p.owner.get_full_name()),
    exports.Column(gettext_lazy("contact person"), lambda p: p.contact_name),
    exports.Column(gettext_lazy("e-mail"), lambda p: p.contact_email),
    exports.Column(gettext_lazy("phone"), lambda p: p.contact_phone),
    exports.Column(gettext_lazy("employer"), lambda p: p.employer.name if p.employer else ""),
    exports.Column(gettext_lazy("updated"), lambda p: p.updated_at),
]


@require_GET
@staff_required
def prospect_list(request):
    form = ProspectFilterForm(request.GET or None)
    prospects = Prospect.objects.select_related("owner", "employer")
    if form.is_valid():
        data = form.cleaned_data
        if data["stage"]:
            prospects = prospects.filter(stage=data["stage"])
        if data["mine"]:
            prospects = prospects.owned_by(request.user)
        if data["sector"]:
            prospects = prospects.filter(sector=data["sector"])
        if term := data["q"].strip():
            prospects = prospects.filter(
                Q(name__icontains=term) | Q(business_id__icontains=term) | Q(municipality__icontains=term)
            )
    if fmt := exports.wants_export(request):
        return exports.export_response(prospects, COLUMNS, fmt, "prospects")
    page = Paginator(prospects, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "partnerships/prospect_list.html",
        {"form": form, "page": page, "querystring": querystring_without_page(request)},
    )


def _stage_changes(prospect: Prospect) -> list:
    """The history rows where the stage changed, oldest first."""
    changes, previous = [], None
    for record in prospect.history.select_related("history_user").order_by("history_date", "history_id"):
        if record.stage != previous:
            changes.append(record)
            previous = record.stage
    return changes


def _detail(request, prospect: Prospect, status: int = 200, error: str = ""):
    can_edit = permissions.can_edit_prospect(request.user, prospect)
    candidates = []
    if can_edit and not prospect.employer_id and prospect.stage != ProspectStage.DROPPED:
        candidates = employers_like(
            name=prospect.name, municipality=prospect.municipality, business_id=prospect.business_id
        )
    return render(
        request,
        "partnerships/prospect_detail.html",
        {
            "prospect": prospect,
            "can_edit": can_edit,
            "can_view_history": permissions.can_view_history(request.user, prospect),
            "candidates": candidates,
            "stage_changes": _stage_changes(prospect),
            "convert_error": error,
        },
        status=status,
    )


@require_GET
@staff_required
def prospect_detail(request, pk):
    return _detail(request, _get_prospect_for_view(request.user, pk))


@require_http_methods(["GET", "POST"])
@staff_required
def prospect_create(request):
    return form_page(
        request,
        ProspectForm(request.POST or None, user=request.user),
        save=lambda data: services.prospect_create(by=request.user, data=data),
        done=lambda prospect: prospect,
        message=lambda prospect: _("Prospect “%(name)s” added.") % {"name": prospect.name},
        template="partnerships/prospect_form.html",
    )


@require_http_methods(["GET", "POST"])
@staff_required
def prospect_edit(request, pk):
    prospect = _get_prospect_for_edit(request.user, pk)
    return form_page(
        request,
        ProspectForm(request.POST or None, instance=prospect, user=request.user),
        save=lambda data: services.prospect_update(prospect=prospect, by=request.user, data=data),
        done=lambda prospect: prospect,
        message=_("Changes saved."),
        template="partnerships/prospect_form.html",
        context={"prospect": prospect},
    )


@require_POST
@staff_required
def prospect_convert(request, pk):
    prospect = _get_prospect_for_edit(request.user, pk)
    candidates = employers_like(
        name=prospect.name, municipality=prospect.municipality, business_id=prospect.business_id
    )
    form = ProspectConvertForm(request.POST, candidates=candidates)
    if not form.is_valid():
        return _detail(request, prospect, status=400, error=_("Choose one of the employers offered."))
    link_to = form.cleaned_data["link_to"]
    if candidates and link_to is None and request.POST.get("confirm_new") != "1":
        # The duplicates were found after the page was shown: show them before creating one.
        return _detail(request, prospect, status=409, error=_("Similar employers exist: check them first."))
    return form_page(
        request,
        form,
        save=lambda data: services.prospect_convert(prospect=prospect, by=request.user, link_to=link_to),
        done=lambda employer: employer,
        message=lambda employer: (
            _("%(name)s is now linked to this prospect.") % {"name": employer.name}
            if link_to
            else _("Employer %(name)s created from the prospect.") % {"name": employer.name}
        ),
        invalid=lambda form: _detail(
            request, prospect, status=400, error=" ".join(form.non_field_errors()) or _("Nothing was saved.")
        ),
    )

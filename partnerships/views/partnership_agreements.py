"""Partnership agreements: the list with its export, one agreement, its form and its document.

Every member of staff reads them and downloads the document; coordinators record and edit
them. The document is never served from a public URL: it is read from the storage here,
after the permission check."""

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from .. import exports, permissions, services
from ..forms.partnership_agreements import PartnershipAgreementFilterForm, PartnershipAgreementForm
from ..models import PartnershipAgreement
from .access import _get_partnership_agreement_for_edit, _get_partnership_agreement_for_view
from .common import coordinator_required, form_page, querystring_without_page, staff_required

PER_PAGE = 25


def _business_ids(agreement) -> str:
    return ", ".join(e.business_id for e in agreement.employers.all() if e.business_id)


COLUMNS = [
    exports.Column(gettext_lazy("title"), lambda a: a.title),
    exports.Column(gettext_lazy("parties"), lambda a: ", ".join(e.name for e in a.employers.all())),
    exports.Column(gettext_lazy("business IDs"), _business_ids),
    exports.Column(gettext_lazy("network"), lambda a: a.network_name),
    exports.Column(gettext_lazy("scope"), lambda a: a.scope),
    exports.Column(gettext_lazy("signed on"), lambda a: a.signed_on),
    exports.Column(gettext_lazy("valid until"), lambda a: a.valid_until),
    exports.Column(gettext_lazy("validity"), lambda a: a.validity_label),
    exports.Column(
        gettext_lazy("responsible person"), lambda a: a.responsible.get_full_name() if a.responsible else ""
    ),
    exports.Column(gettext_lazy("document"), lambda a: bool(a.document)),
]


def _filtered(form: PartnershipAgreementFilterForm):
    agreements = (
        PartnershipAgreement.objects.with_validity()
        .select_related("responsible")
        .prefetch_related("employers")
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["validity"]:
            agreements = agreements.filter(validity=data["validity"])
        if data["responsible"]:
            agreements = agreements.filter(responsible=data["responsible"])
        if data["sector"]:
            agreements = agreements.with_party_in_sector(data["sector"])
        if term := data["q"].strip():
            matching = PartnershipAgreement.objects.filter(
                Q(title__icontains=term)
                | Q(network_name__icontains=term)
                | Q(employers__name__icontains=term)
                | Q(employers__business_id__icontains=term)
            )
            agreements = agreements.filter(pk__in=matching.values("pk"))
    return agreements


@require_GET
@staff_required
def partnership_agreement_list(request):
    form = PartnershipAgreementFilterForm(request.GET or None)
    agreements = _filtered(form)
    if fmt := exports.wants_export(request):
        return exports.export_response(agreements, COLUMNS, fmt, "partnership-agreements")
    page = Paginator(agreements, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "partnerships/partnership_agreement_list.html",
        {
            "form": form,
            "page": page,
            "querystring": querystring_without_page(request),
            "can_edit": permissions.can_edit_partnership_agreement(request.user),
        },
    )


@require_GET
@staff_required
def partnership_agreement_detail(request, pk):
    agreement = _get_partnership_agreement_for_view(request.user, pk)
    return render(
        request,
        "partnerships/partnership_agreement_detail.html",
        {
            "agreement": agreement,
            "parties": agreement.employers.all(),
            "renewal_days": settings.KUMPPANI_PARTNERSHIP_RENEWAL_DAYS,
            "can_edit": permissions.can_edit_partnership_agreement(request.user, agreement),
            "can_view_history": permissions.can_view_history(request.user, agreement),
        },
    )


@require_http_methods(["GET", "POST"])
@coordinator_required
def partnership_agreement_create(request):
    initial = {"responsible": request.user.pk}
    employer = request.GET.get("employer", "")
    if employer.isdigit():
        initial["employers"] = [int(employer)]
    form = PartnershipAgreementForm(request.POST or None, request.FILES or None, initial=initial)

    def save(data):
        document = data.pop("document", None)
        return services.partnership_agreement_create(by=request.user, data=data, document=document)

    return form_page(
        request,
        form,
        save=save,
        done=lambda agreement: agreement,
        message=lambda agreement: (
            _("Partnership agreement “%(title)s” recorded.") % {"title": agreement.title}
        ),
        template="partnerships/partnership_agreement_form.html",
    )


@require_http_methods(["GET", "POST"])
@coordinator_required
def partnership_agreement_edit(request, pk):
    agreement = _get_partnership_agreement_for_edit(request.user, pk)
    form = PartnershipAgreementForm(request.POST or None, request.FILES or None, instance=agreement)

    def save(data):
        document = data.pop("document", None)
        return services.partnership_agreement_update(
            agreement=agreement, by=request.user, data=data, document=document
        )

    return form_page(
        request,
        form,
        save=save,
        done=lambda agreement: agreement,
        message=_("Changes saved."),
        template="partnerships/partnership_agreement_form.html",
        context={"agreement": agreement},
    )


@require_GET
@staff_required
def partnership_agreement_document(request, pk):
    agreement = _get_partnership_agreement_for_view(request.user, pk)
    if not agreement.document or not default_storage.exists(agreement.document.name):
        raise Http404
    return FileResponse(
        default_storage.open(agreement.document.name, "rb"),
        as_attachment=True,
        filename=agreement.document_name or "agreement.pdf",
        content_type="application/pdf",
    )

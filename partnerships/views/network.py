"""The strategic network: the organisations and the cooperation with them, each with its list
(filters, CSV/XLSX export), detail page and form. Every member of staff reads them;
coordinators record and edit them."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from .. import exports, permissions, services
from ..forms.network import (
    NetworkCooperationFilterForm,
    NetworkCooperationForm,
    NetworkOrganisationFilterForm,
    NetworkOrganisationForm,
)
from ..selectors import network
from .access import (
    _get_network_cooperation_for_edit,
    _get_network_cooperation_for_view,
    _get_network_organisation_for_edit,
    _get_network_organisation_for_view,
)
from .common import coordinator_required, form_page, querystring_without_page, staff_required

PER_PAGE = 25

ORGANISATION_COLUMNS = [
    exports.Column(gettext_lazy("name"), lambda o: o.name),
    exports.Column(gettext_lazy("kind"), lambda o: o.get_kind_display()),
    exports.Column(gettext_lazy("description"), lambda o: o.description),
    exports.Column(gettext_lazy("website"), lambda o: o.website),
    exports.Column(gettext_lazy("contact people"), lambda o: ", ".join(o.contact_names.splitlines())),
    exports.Column(gettext_lazy("active"), lambda o: o.is_active),
    exports.Column(gettext_lazy("cooperation"), lambda o: o.cooperation_count),
]

COOPERATION_COLUMNS = [
    exports.Column(gettext_lazy("date"), lambda c: c.date),
    exports.Column(gettext_lazy("kind"), lambda c: c.get_kind_display()),
    exports.Column(gettext_lazy("title"), lambda c: c.title),
    exports.Column(gettext_lazy("organisations"), lambda c: ", ".join(o.name for o in c.organisations.all())),
    exports.Column(
        gettext_lazy("staff taking part"), lambda c: ", ".join(u.get_full_name() for u in c.staff.all())
    ),
    exports.Column(
        gettext_lazy("taking part from the organisations"), lambda c: ", ".join(c.contact_names.splitlines())
    ),
    exports.Column(gettext_lazy("notes"), lambda c: c.notes),
]


def _list_page(request, form, *, rows, columns, filename: str, template: str):
    """A filtered list, exported if asked, else paginated; `rows(cleaned_filters)` queries."""
    rows = rows(form.cleaned_data if form.is_valid() else {})
    if fmt := exports.wants_export(request):
        return exports.export_response(rows, columns, fmt, filename)
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "querystring": querystring_without_page(request),
            "can_edit": permissions.can_edit_network(request.user),
        },
    )


def _detail_page(request, obj, *, template: str, context: dict):
    return render(
        request,
        template,
        {
            **context,
            "can_edit": permissions.can_edit_network(request.user, obj),
            "can_view_history": permissions.can_view_history(request.user, obj),
        },
    )


@require_GET
@staff_required
def network_organisation_list(request):
    return _list_page(
        request,
        NetworkOrganisationFilterForm(request.GET or None),
        rows=network.organisations_filtered,
        columns=ORGANISATION_COLUMNS,
        filename="network-organisations",
        template="partnerships/network_organisation_list.html",
    )


@require_GET
@staff_required
def network_organisation_detail(request, pk):
    organisation = _get_network_organisation_for_view(request.user, pk)
    return _detail_page(
        request,
        organisation,
        template="partnerships/network_organisation_detail.html",
        context={
            "organisation": organisation,
            "cooperation": organisation.cooperation.prefetch_related("staff")[:50],
            "competence_needs": organisation.competence_needs.order_by("-recorded_on", "-pk")[:50],
        },
    )


@require_http_methods(["GET", "POST"])
@coordinator_required
def network_organisation_create(request):
    form = NetworkOrganisationForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda data: services.network_organisation_create(by=request.user, data=data),
        done=lambda organisation: organisation,
        message=lambda organisation: (
            _("Organisation “%(name)s” added to the network.") % {"name": organisation.name}
        ),
        template="partnerships/network_organisation_form.html",
    )


@require_http_methods(["GET", "POST"])
@coordinator_required
def network_organisation_edit(request, pk):
    organisation = _get_network_organisation_for_edit(request.user, pk)
    form = NetworkOrganisationForm(request.POST or None, instance=organisation)
    return form_page(
        request,
        form,
        save=lambda data: services.network_organisation_update(
            organisation=organisation, by=request.user, data=data
        ),
        done=lambda organisation: organisation,
        message=_("Changes saved."),
        template="partnerships/network_organisation_form.html",
        context={"organisation": organisation},
    )


@require_GET
@staff_required
def network_cooperation_list(request):
    return _list_page(
        request,
        NetworkCooperationFilterForm(request.GET or None),
        rows=network.cooperation_filtered,
        columns=COOPERATION_COLUMNS,
        filename="network-cooperation",
        template="partnerships/network_cooperation_list.html",
    )


@require_GET
@staff_required
def network_cooperation_detail(request, pk):
    cooperation = _get_network_cooperation_for_view(request.user, pk)
    return _detail_page(
        request,
        cooperation,
        template="partnerships/network_cooperation_detail.html",
        context={
            "cooperation": cooperation,
            "organisations": cooperation.organisations.all(),
            "staff": cooperation.staff.all(),
        },
    )


@require_http_methods(["GET", "POST"])
@coordinator_required
def network_cooperation_create(request):
    initial = {"staff": [request.user.pk]}
    organisation = request.GET.get("organisation", "")
    if organisation.isdigit():
        initial["organisations"] = [int(organisation)]
    form = NetworkCooperationForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        save=lambda data: services.network_cooperation_create(by=request.user, data=data),
        done=lambda cooperation: cooperation,
        message=lambda cooperation: _("Cooperation “%(title)s” recorded.") % {"title": cooperation.title},
        template="partnerships/network_cooperation_form.html",
    )


@require_http_methods(["GET", "POST"])
@coordinator_required
def network_cooperation_edit(request, pk):
    cooperation = _get_network_cooperation_for_edit(request.user, pk)
    form = NetworkCooperationForm(request.POST or None, instance=cooperation)
    return form_page(
        request,
        form,
        save=lambda data: services.network_cooperation_update(
            cooperation=cooperation, by=request.user, data=data
        ),
        done=lambda cooperation: cooperation,
        message=_("Changes saved."),
        template="partnerships/network_cooperation_form.html",
        context={"cooperation": cooperation},
    )

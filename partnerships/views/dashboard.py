"""The review dashboard: the institution's for coordinators, a teacher's own for teachers."""

import csv

from django import forms
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from core import freshness
from core.models import Unit

from .. import dashboard
from ..forms import DateInput
from ..models import Sector
from .common import staff_required


class DashboardFilterForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Unit"),
        queryset=Unit.objects.all(),
        required=False,
        empty_label=gettext_lazy("All units"),
    )
    sector = forms.ChoiceField(label=gettext_lazy("Sector"), required=False)
    start = forms.DateField(label=gettext_lazy("From"), required=False, widget=DateInput)
    end = forms.DateField(label=gettext_lazy("Until"), required=False, widget=DateInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [("", gettext_lazy("All sectors")), *Sector.choices]


def _csv(name: str, header: list, rows: list) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response


@require_GET
@staff_required
def review_dashboard(request):
    form = DashboardFilterForm(request.GET or None)
    own = not request.user.is_coordinator
    filters = dashboard.Filters(
        owner_id=request.user.pk if own else None, viewer=request.user if own else None
    )
    if form.is_valid():
        data = form.cleaned_data
        filters.unit_id = data["unit"].pk if data["unit"] else None
        filters.sector, filters.start, filters.end = data["sector"], data["start"], data["end"]
    wanted = request.GET.get("csv")
    if wanted in CSV_TABLES:
        return _csv_answer(filters, wanted)
    # The figures come from the cache until any data changes (core/freshness.py).
    return freshness.render_page(
        request,
        "partnerships/dashboard.html",
        {},
        name="dashboard",
        build=lambda: _dashboard_context(request, form, filters),
    )


CSV_TABLES = ("levels", "coverage", "channels", "checkpoints")


def _csv_answer(filters, wanted: str) -> HttpResponse:
    if wanted == "levels":
        return _csv(
            "levels",
            [_("Partnership level"), _("Employers"), _("Level changes")],
            [
                [r["name"] or _("Not recorded yet."), r["employers"], r["changes"]]
                for r in dashboard.levels(filters)
            ],
        )
    if wanted == "coverage":
        return _csv(
            "checkpoint-coverage",
            [_("Checkpoint"), _("Item"), _("Done"), _("Agreements"), _("Share %"), _("Overdue")],
            [
                [r["checkpoint"], r["label"], r["done"], r["total"], r["share"], r["overdue"]]
                for r in dashboard.checkpoint_coverage(filters)
            ],
        )
    months, table = dashboard.contacts_per_month(filters, "channel" if wanted == "channels" else "checkpoint")
    return _csv(f"contacts-by-{wanted}", ["", *months], [[r["name"], *r["values"]] for r in table])


def _dashboard_context(request, form, filters) -> dict:
    levels = dashboard.levels(filters)
    coverage = dashboard.checkpoint_coverage(filters)
    months, by_channel = dashboard.contacts_per_month(filters, "channel")
    _months, by_checkpoint = dashboard.contacts_per_month(filters, "checkpoint")
    charts = {
        "levels": {
            "kind": "bars",
            "labels": [r["name"] or _("Not recorded yet.") for r in levels],
            "values": [r["employers"] for r in levels],
        },
        "coverage": {
            "kind": "bars",
            "suffix": " %",
            "max": 100,
            "labels": [f"{r['checkpoint']}. {r['label']}" for r in coverage],
            "values": [r["share"] or 0 for r in coverage],
        },
        "channels": {"kind": "lines", "labels": months, "series": by_channel},
        "checkpoints": {"kind": "lines", "labels": months, "series": by_checkpoint},
    }
    context = {
        "charts": charts,
        "form": form,
        "own_view": not request.user.is_coordinator,
        "levels": levels,
        "coverage": coverage,
        "reachability": dashboard.reachability(filters),
        "months": months,
        "by_channel": by_channel,
        "by_checkpoint": by_checkpoint,
        "attention": dashboard.attention(filters),
        "initiatives": dashboard.initiatives(filters),
        "partnership_agreements": dashboard.partnership_agreements(filters),
        "prospects": dashboard.prospects(filters),
        "querystring": request.GET.urlencode(),
    }
    return context

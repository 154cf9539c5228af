"""The review dashboard: the institution's for coordinators, a teacher's own for teachers."""

import hashlib
import logging
from dataclasses import asdict

from django import forms
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from checkpoints.models import Checkpoint, PartnershipLevel
from core.models import Unit

from .. import permissions
from ..exports import csv_response
from ..forms.common import DateInput
from ..models import Sector
from ..selectors import dashboard
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


@require_GET
@staff_required
def review_dashboard(request):
    form = DashboardFilterForm(request.GET or None)
    own = not permissions.can_review_institution(request.user)
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
    return render(request, "partnerships/dashboard.html", _dashboard_context(request, form, filters))


CSV_TABLES = ("levels", "coverage", "channels", "checkpoints")


def _csv_answer(filters, wanted: str) -> HttpResponse:
    if wanted == "levels":
        return csv_response(
            "levels",
            [_("Partnership level"), _("Employers"), _("Level changes")],
            [
                [r["name"] or _("Not recorded yet."), r["employers"], r["changes"]]
                for r in dashboard.levels(filters)
            ],
        )
    if wanted == "coverage":
        return csv_response(
            "checkpoint-coverage",
            [_("Checkpoint"), _("Item"), _("Done"), _("Agreements"), _("Share %"), _("Overdue")],
            [
                [r["checkpoint"], r["label"], r["done"], r["total"], r["share"], r["overdue"]]
                for r in dashboard.checkpoint_coverage(filters)
            ],
        )
    months, table = dashboard.contacts_per_month(filters, "channel" if wanted == "channels" else "checkpoint")
    return csv_response(f"contacts-by-{wanted}", ["", *months], [[r["name"], *r["values"]] for r in table])


# The figures are aggregates over every live agreement and employer: counted anew at most
# this often for the same filters, viewer and language (the page says when they were counted).
FIGURES_SECONDS = 60
logger = logging.getLogger(__name__)


def _figures(filters: dashboard.Filters) -> dict:
    def count() -> dict:
        # Read once for every figure that needs them: the checkpoints (the coverage's promises,
        # the contacts' checkpoint names, the initiatives' rows) and the levels (the level
        # table's rows and their contact intervals, as `contact_intervals()` gives them).
        checkpoints = list(Checkpoint.objects.all())
        partnership_levels = list(PartnershipLevel.objects.all())
        intervals = {
            level.pk: level.contact_interval_days
            for level in partnership_levels
            if level.contact_interval_days is not None
        }
        employers = dashboard.employer_figures(filters, intervals=intervals)
        months, by_channel = dashboard.contacts_per_month(filters, "channel")
        _months, by_checkpoint = dashboard.contacts_per_month(filters, "checkpoint", checkpoints=checkpoints)
        return {
            "levels": dashboard.levels(
                filters, employers=employers["levels"], partnership_levels=partnership_levels
            ),
            "coverage": dashboard.checkpoint_coverage(filters, checkpoints=checkpoints),
            "reachability": employers["reachability"],
            "months": months,
            "by_channel": by_channel,
            "by_checkpoint": by_checkpoint,
            "attention": dashboard.attention(filters, quiet=employers["quiet"]),
            "initiatives": dashboard.initiatives(filters, checkpoints=checkpoints),
            "partnership_agreements": dashboard.partnership_agreements(filters),
            "prospects": dashboard.prospects(filters),
            "network": dashboard.network(filters),
            "staff_activities": dashboard.staff_activities(filters),
            "competence_needs": dashboard.competence_needs(filters),
            "counted_at": timezone.now(),
        }

    # The day is in the key too: overdue and "quiet" are counted against today.
    vary = repr((sorted(asdict(filters).items()), get_language(), timezone.localdate()))
    key = f"kumppani:dashboard:{hashlib.sha256(vary.encode()).hexdigest()[:32]}"
    try:
        figures = cache.get(key)
    except Exception:
        logger.warning("The cache is unavailable: counting the dashboard anew", exc_info=True)
        return count()
    if figures is None:
        figures = _plain(count())
        try:
            cache.set(key, figures, FIGURES_SECONDS)
        except Exception:
            logger.warning("The cache is unavailable: the dashboard's figures not kept", exc_info=True)
    return figures


def _plain(value):
    """The figures with their lazy labels (choices' `label`) translated: the language is in
    the cache key, and each lazy string read back from the cache built a class of its own
    (22 of them for every dashboard served from the cache)."""
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if type(value) in (list, tuple):  # not a named tuple, whose fields are its arguments
        return type(value)(_plain(item) for item in value)
    return value


def _url(name: str, **query) -> str:
    """A list's address (a namespaced URL name) with the given filters, those without a value
    left out."""
    return f"{reverse(name)}?{urlencode({k: v for k, v in query.items() if v})}"


def _prospects_url(filters: dashboard.Filters, stage: str) -> str:
    return _url(
        "partnerships:prospect_list",
        stage=stage,
        sector=filters.sector,
        mine="on" if filters.owner_id else "",
    )


def _validity_url(filters: dashboard.Filters, validity: str) -> str:
    return _url("partnerships:partnership_agreement_list", validity=validity, sector=filters.sector)


def _employers_at_level_url(filters: dashboard.Filters, level_id: int | None) -> str:
    """The employer list narrowed as the dashboard's level count is: the same unit, sector
    and (in a teacher's own view) account owner."""
    from ..filters import NO_LEVEL

    return _url(
        "partnerships:employer_list",
        level=level_id or NO_LEVEL,
        unit=filters.unit_id,
        sector=filters.sector,
        account_owner=filters.owner_id,
    )


def _overdue_url(filters: dashboard.Filters, kind: str) -> str | None:
    """The agreement list narrowed as the dashboard's overdue count is. A teacher's own view
    counts the agreements at the employers they own, among them students' they may not see:
    no list shows those, so the count there links nowhere."""
    if filters.owner_id:
        return None
    return _url(
        "partnerships:agreement_list",
        scope="all",
        overdue_item=kind,
        unit=filters.unit_id,
        sector=filters.sector,
    )


def _competence_needs_url(filters: dashboard.Filters, sector: str, horizon: str = "") -> str:
    """The competence need list narrowed as the dashboard's count is (`selectors.dashboard.
    competence_needs`): the sector, the horizon, and in a teacher's own view their own."""
    return _url(
        "partnerships:competence_need_list",
        sector=sector,
        horizon=horizon,
        mine="on" if filters.owner_id else "",
    )


def _competence_need_cells(filters: dashboard.Filters, summary) -> dict:
    return {
        "horizons": summary.horizons,
        "total": summary.total,
        "rows": [
            {
                "label": row.label,
                "cells": [
                    {"count": n, "url": _competence_needs_url(filters, row.sector, horizon)}
                    for horizon, n in row.cells
                ],
                "total": row.total,
                "url": _competence_needs_url(filters, row.sector),
            }
            for row in summary.rows
        ],
    }


def _dashboard_context(request, form, filters) -> dict:
    figures = _figures(filters)
    levels, coverage, months = figures["levels"], figures["coverage"], figures["months"]
    charts = {
        "levels": {
            "kind": "bars",
            "labels": [r["name"] or _("Not recorded yet.") for r in levels],
            "values": [r["employers"] for r in levels],
        },
        "coverage": {
            "kind": "bars",
            "suffix": " %",
            "limit": 100,  # a share: the axis ends at 100 %
            "labels": [f"{r['checkpoint']}. {r['label']}" for r in coverage],
            "values": [r["share"] or 0 for r in coverage],
        },
        "channels": {"kind": "lines", "labels": months, "series": figures["by_channel"]},
        "checkpoints": {"kind": "lines", "labels": months, "series": figures["by_checkpoint"]},
    }
    return {
        **figures,
        "levels": [{**row, "url": _employers_at_level_url(filters, row["pk"])} for row in levels],
        "coverage": [{**row, "url": _overdue_url(filters, row["kind"])} for row in coverage],
        "prospects": [
            {
                **row,
                "url": _url(
                    "partnerships:prospect_list",
                    stage=row["value"],
                    sector=filters.sector,
                    mine=filters.owner_id and "on",
                ),
            }
            for row in figures["prospects"]
        ],
        "partnership_agreements": {
            **figures["partnership_agreements"],
            # A teacher's own count includes agreements of the employers they own, which the
            # list's filters cannot select: that count links nowhere.
            "rows": [
                {
                    **row,
                    "url": None
                    if filters.owner_id
                    else _url(
                        "partnerships:partnership_agreement_list",
                        validity=row["value"],
                        sector=filters.sector,
                    ),
                }
                for row in figures["partnership_agreements"]["rows"]
            ],
        },
        "competence_needs": _competence_need_cells(filters, figures["competence_needs"]),
        "can_view_competence_summary": permissions.can_view_competence_summary(request.user),
        "charts": charts,
        "form": form,
        "own_view": not permissions.can_review_institution(request.user),
        "querystring": request.GET.urlencode(),
    }

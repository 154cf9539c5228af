"""The work periods at the partner's workplaces, current and coming, and their demonstrations
as a calendar file."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from partnerships.views.demonstrations import demonstrations_ics_response

from ..selectors import WORKPLACE_ITEMS, demonstrations_for_employer, work_periods_for_employer
from ..session import partner_required


@require_GET
@partner_required()
def work_periods(request):
    today = timezone.localdate()
    periods = list(work_periods_for_employer(request.partner.employer, today))
    for period in periods:
        # An item is recorded only once done or not needed: a missing one is still to do.
        recorded = {item.kind: item for item in period.agreement.workplace_items}
        period.steps = [(kind.label, recorded.get(kind)) for kind in WORKPLACE_ITEMS]
    return render(request, "partners/work_periods.html", {"periods": periods, "today": today})


@require_GET
@partner_required()
def demonstrations_ics(request):
    demonstrations = demonstrations_for_employer(request.partner.employer)
    return demonstrations_ics_response(demonstrations, filename="kumppani-nayttoja.ics")

"""The partner's own page: their employer, its workplaces and people."""

from django.db.models import Prefetch
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from partnerships.models import ContactPerson

from ..models import PartnerChange
from ..selectors import employers_for_address, readiness_notes
from ..session import partner_required


@require_http_methods(["GET", "HEAD"])
@partner_required()
def home(request):
    employer = request.partner.employer
    people = ContactPerson.objects.filter(employer=employer, is_active=True).select_related("workplace")
    workplaces = employer.workplaces.prefetch_related(
        Prefetch("people", queryset=people.order_by("last_name", "first_name"), to_attr="active_people")
    ).order_by("name")
    waiting = list(
        PartnerChange.objects.pending()
        .filter(employer=employer)
        .select_related("person", "workplace")
        .order_by("requested_at")
    )
    context = {
        "employer": employer,
        "workplaces": workplaces,
        "unplaced": people.filter(workplace__isnull=True),
        "waiting": waiting,
        "notes": readiness_notes(employer, timezone.localdate()),
        "leaving": {change.person_id for change in waiting if change.kind == "left"},
        # Someone at several employers may switch between them.
        "can_switch": employers_for_address(request.partner.email)[1:2].exists(),
    }
    return render(request, "partners/home.html", context)

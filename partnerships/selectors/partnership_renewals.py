"""The partnership agreements due for a renewal reminder (the sweep: services/partnership_renewals.py)."""

import datetime

from django.utils import timezone

from ..models import PartnershipAgreement


def due_renewals(today: datetime.date | None = None) -> list[dict]:
    """Agreements valid today that end within the lead time and have a responsible person."""
    rows = (
        PartnershipAgreement.objects.expiring(today=today or timezone.localdate())
        .filter(responsible__isnull=False)
        .order_by("valid_until", "pk")
        .values("pk", "title", "network_name", "valid_until", "responsible_id")
    )
    return list(rows)

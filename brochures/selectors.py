"""Brochures' reads: how often each brochure and checklist was downloaded, and the own
colour's changes."""

import datetime

from django.db.models import Sum
from django.utils import timezone

from .models import BrochureColourChange, BrochureDownload


def download_totals(days: int = 365) -> dict:
    """Downloads per kind, audience and language over the last `days` days, and the total."""
    since = timezone.localdate() - datetime.timedelta(days=days - 1)
    rows = (
        BrochureDownload.objects.filter(day__gte=since)
        .values("kind", "audience", "language")
        .annotate(total=Sum("count"))
    )
    table = {(r["kind"], r["audience"], r["language"]): r["total"] for r in rows}
    return {"table": table, "total": sum(table.values())}


def colour_changes(limit: int = 20) -> list[BrochureColourChange]:
    """The latest changes of the own colour, newest first, with who made them (one query)."""
    return list(BrochureColourChange.objects.select_related("changed_by")[:limit])

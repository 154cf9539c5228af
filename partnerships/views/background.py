"""The banner that says background work has stopped (core/background.py)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.background import background_stall, queued_recently
from core.permissions import can_coordinate, staff_required


@require_GET
@staff_required
def background_status(request):
    """Loaded by htmx after each page for coordinators and for whoever has just queued work,
    and again every 30 s while they are there; empty while the heartbeat is fresh."""
    watching = can_coordinate(request.user) or queued_recently(request)
    stall = None
    if watching:
        stall = background_stall()
    return render(request, "core/_background_status.html", {"stall": stall, "poll": watching})

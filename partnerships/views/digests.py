"""The coordinator's digests page: when the weekly digests and the daily thank-yous go out, how
often each level needs contact, and a preview of what would be sent, built by the very
functions that send (`*_build`), without queueing anything."""

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_replace
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_http_methods

from checkpoints import services as checkpoint_services
from checkpoints.forms import LevelIntervalFormSet
from checkpoints.models import PartnershipLevel

from ..forms.digests import DigestScheduleForm
from ..models import DigestSchedule
from ..permissions import can_manage_digests
from ..services.digests import (
    coordinator_digests_build,
    digest_schedule_save,
    next_digest_day,
    upkeep_digests_build,
)
from ..services.thanks import thanks_pending_build
from .common import coordinator_required

# Enough to check what the messages say; the page says how many there are in all.
PREVIEW_LIMIT = 20


def _levels():
    return PartnershipLevel.objects.filter(cross_cutting=False)


def _previews(day) -> dict:
    upkeep = upkeep_digests_build(day)
    coordinator = coordinator_digests_build(day)
    thanks_count, thanks = thanks_pending_build(limit=PREVIEW_LIMIT)
    return {
        "upkeep": upkeep[:PREVIEW_LIMIT],
        "upkeep_count": len(upkeep),
        "coordinator": coordinator[:PREVIEW_LIMIT],
        "coordinator_count": len(coordinator),
        # One entry per message, as digest_preview counts them: a thank-you may go to two people.
        "thanks": [(thank_you, message) for thank_you, sent in thanks for message in sent],
        "thanks_count": thanks_count,
    }


@require_http_methods(["GET", "POST"])
@coordinator_required
def digest_settings(request):
    if not can_manage_digests(request.user):
        raise PermissionDenied
    schedule = DigestSchedule.current()
    data = request.POST or None
    form = DigestScheduleForm(data, instance=schedule, prefix="schedule")
    intervals = LevelIntervalFormSet(data, queryset=_levels(), prefix="levels")
    if request.method == "POST":
        # Both or neither: a bad interval keeps the schedule as it was too.
        if form.is_valid() and intervals.is_valid():
            digest_schedule_save(by=request.user, schedule=form.save(commit=False))
            checkpoint_services.level_contact_intervals_save(
                by=request.user, levels=intervals.save(commit=False)
            )
            messages.success(request, _("The schedule and the contact intervals are saved."))
            return redirect("partnerships:digest_settings")
        schedule.refresh_from_db()
    day = next_digest_day(schedule)
    context = {
        "form": form,
        "intervals": intervals,
        "day": day,
        "default_days": settings.KUMPPANI_DEFAULT_CONTACT_INTERVAL_DAYS,
        **_previews(day),
    }
    return render(request, "partnerships/digest_settings.html", context)


@require_GET
@coordinator_required
@xframe_options_sameorigin
@csp_replace({"frame-ancestors": [SELF], "style-src": [SELF, UNSAFE_INLINE]})
def digest_preview(request, kind: str, index: int):
    """One previewed message's HTML part as it would be sent, for the page's frame (the e-mail
    templates style with inline attributes, which only this response allows)."""
    if not can_manage_digests(request.user):
        raise PermissionDenied
    if kind not in ("upkeep", "coordinator", "thanks") or index >= PREVIEW_LIMIT:
        raise Http404
    day = next_digest_day(DigestSchedule.current())
    if kind == "thanks":
        found = [
            message for _thank_you, sent in thanks_pending_build(limit=PREVIEW_LIMIT)[1] for message in sent
        ]
    else:
        found = (upkeep_digests_build if kind == "upkeep" else coordinator_digests_build)(day)
    if index >= len(found):
        raise Http404
    return HttpResponse(found[index]["body_html"])

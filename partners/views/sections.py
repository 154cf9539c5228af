"""The partner's view of the partnership: the feedback about their workplaces (aggregates
only) with the institution's reactions, and the partnership itself: its level, the service
promises, the thanks received and the brochures."""

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from checkpoints.models import Checkpoint, ServicePromise
from core.i18n import active_language

from ..feedback import MIN_ANSWERS, feedback_summary
from ..selectors import current_level_record, shared_reactions, thanks_received, thanks_text
from ..session import partner_required

# The brochures are linked by URL name, never imported (the app arrows: partners does not
# import brochures). The employer's brochure in the first of the standard colours.
BROCHURE_COLOUR = "blue"


def _choice(value: str) -> int | None:
    """A filter's value from the query string: a number, or None for "all" (anything else
    is treated as "all" too: a filter never narrows by a value it cannot read)."""
    return int(value) if value.isdigit() else None


@require_safe
@partner_required()
def feedback(request):
    employer = request.partner.employer
    summary = feedback_summary(
        employer,
        year=_choice(request.GET.get("vuosi", "")),
        workplace=_choice(request.GET.get("toimipaikka", "")),
    )
    context = {
        "summary": summary,
        "min_answers": MIN_ANSWERS,
        "reactions": shared_reactions(employer),
    }
    return render(request, "partners/feedback.html", context)


@require_safe
@partner_required()
def partnership(request):
    employer = request.partner.employer
    language = active_language()
    thanks = thanks_received(employer)
    for message in thanks:
        message.shown_text = thanks_text(message.body_text)
    context = {
        "employer": employer,
        "level": current_level_record(employer, timezone.localdate()),
        "reciprocal": ServicePromise.objects.filter(key="reciprocal").first(),
        "checkpoints": [c for c in Checkpoint.objects.order_by("number") if c.service_promise],
        "thanks": thanks,
        "brochure_url": reverse("brochures:brochure_download", args=["employer", language, BROCHURE_COLOUR]),
        "checklist_url": reverse("brochures:checklist_download", args=["instructor", language]),
    }
    return render(request, "partners/partnership.html", context)

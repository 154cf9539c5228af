"""Possible duplicate employers, and merging two into one (services.merge)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .. import services
from ..selectors.duplicates import merge_counts, possible_duplicates
from .access import _get_employer_for_merge
from .common import coordinator_required


@require_GET
@coordinator_required
def duplicate_list(request):
    groups = possible_duplicates()
    return render(request, "partnerships/duplicate_list.html", {"groups": groups})


@require_http_methods(["GET", "POST"])
@coordinator_required
def employer_merge(request, pk):
    """Merge two employers: the one in the URL and `other`; the user picks which is kept."""
    first = _get_employer_for_merge(request.user, pk)
    other_pk = request.POST.get("other") or request.GET.get("other", "")
    other = _get_employer_for_merge(request.user, int(other_pk)) if other_pk.isdigit() else None
    if request.method == "POST" and other is not None:
        keep, remove = (first, other) if request.POST.get("keep") == str(first.pk) else (other, first)
        try:
            kept = services.employer_merge(keep=keep, remove=remove, by=request.user)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, _("The employers were merged into %(name)s.") % {"name": kept.name})
            return redirect(kept)
    candidates = [e for group in possible_duplicates() if first in group for e in group if e != first]
    context = {
        "first": first,
        "other": other,
        "candidates": candidates,
        "sides": [(e, merge_counts(e)) for e in (first, other) if e is not None],
    }
    return render(request, "partnerships/employer_merge.html", context)

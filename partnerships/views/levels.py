"""Correcting or withdrawing a partnership level record (issue 21): by a coordinator, or by
the one who recorded it on the same day. The reason goes into the record's history."""

import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import services
from ..forms.levels import LevelCorrectionForm, LevelReasonForm
from .access import _get_level_record_for_correction
from .common import form_error, staff_required


@require_http_methods(["GET", "POST"])
@staff_required
def level_record_edit(request, pk):
    record = _get_level_record_for_correction(request.user, pk)
    withdrawing = request.method == "POST" and request.POST.get("action") == "withdraw"
    data = request.POST if request.method == "POST" else None
    # A copy for the form, which writes what was typed onto its instance: the page's summary
    # keeps showing the record as saved.
    form = LevelCorrectionForm(None if withdrawing else data, instance=copy.copy(record), prefix="level")
    withdraw_form = LevelReasonForm(data if withdrawing else None, prefix="withdraw")
    bound, save = (
        (withdraw_form, lambda d: services.level_record_withdraw(record=record, by=request.user, **d))
        if withdrawing
        else (form, lambda d: services.level_record_correct(record=record, by=request.user, **d))
    )
    if data is not None and bound.is_valid():
        try:
            save(bound.cleaned_data)
        except ValidationError as exc:
            form_error(bound, exc)
        else:
            messages.success(
                request, _("Level record withdrawn.") if withdrawing else _("Level record corrected.")
            )
            return redirect(f"{record.employer.get_absolute_url()}#level")
    history = record.history.select_related("history_user").order_by("-history_date", "-history_id")
    context = {"record": record, "form": form, "withdraw_form": withdraw_form, "history": history}
    return render(request, "partnerships/level_record_form.html", context)

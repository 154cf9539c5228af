"""Partnership level records and their corrections."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from checkpoints.models import PartnershipLevel
from core.forms import list_choices

from ..models import (
    LevelRecord,
)
from .common import date_field


class LevelForm(forms.ModelForm):
    """A level as assessed on a day up to today (the model refuses a future date)."""

    date = date_field(_("Date"), required=True, initial=timezone.localdate)

    class Meta:
        model = LevelRecord
        fields = ["level", "date", "rationale"]
        widgets = {"rationale": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].queryset = PartnershipLevel.objects.filter(cross_cutting=False)
        list_choices(self, "level")
        self.fields["date"].widget.attrs["max"] = timezone.localdate().isoformat()


class LevelReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=100,
        help_text=_("Kept in the history, for example “the date was mistyped”."),
    )


class LevelCorrectionForm(LevelForm):
    reason = LevelReasonForm.base_fields["reason"]

    class Meta(LevelForm.Meta):
        fields = ["level", "date", "rationale", "reason"]

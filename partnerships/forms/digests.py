"""The digests' and thank-yous' schedule, set on the digests page."""

from django import forms

from ..models import DigestSchedule

HOURS = [(hour, f"{hour:02d}:00") for hour in range(24)]


class DigestScheduleForm(forms.ModelForm):
    class Meta:
        model = DigestSchedule
        fields = ["digest_weekday", "digest_hour", "thanks_hour"]
        widgets = {"digest_hour": forms.Select(choices=HOURS), "thanks_hour": forms.Select(choices=HOURS)}

"""Forms of the quality framework that stand on their own page."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from .models import Checkpoint, PartnershipLevel

PROMISE_MAX_LENGTH = 1000


class CheckpointPromiseForm(forms.ModelForm):
    """One checkpoint's service promise in the three languages. Each may wait to be written,
    but a Swedish or English promise needs the Finnish one: it is what a missing language
    falls back to."""

    class Meta:
        model = Checkpoint
        fields = ["service_promise_fi", "service_promise_sv", "service_promise_en"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.max_length = PROMISE_MAX_LENGTH
            field.widget.attrs["maxlength"] = PROMISE_MAX_LENGTH
            field.validators.append(MaxLengthValidator(PROMISE_MAX_LENGTH))

    def clean(self):
        data = super().clean()
        given = {lang for lang in ("fi", "sv", "en") if (data.get(f"service_promise_{lang}") or "").strip()}
        if given and "fi" not in given:
            self.add_error(
                "service_promise_fi",
                _("Write the promise in Finnish too: it is shown wherever the other language is missing."),
            )
        return data


# edit_only: a tampered form count adds no checkpoint; there are eight, loaded by migration.
CheckpointPromiseFormSet = forms.modelformset_factory(
    Checkpoint, form=CheckpointPromiseForm, extra=0, edit_only=True, max_num=8, validate_max=True
)


# Three years: a longer interval would mean no regular contact, which an empty value says.
MAX_INTERVAL_DAYS = 1095


class LevelIntervalForm(forms.ModelForm):
    """A level's contact interval: whole days, from one day to three years, or empty for a
    level that asks for no regular contact."""

    class Meta:
        model = PartnershipLevel
        fields = ["contact_interval_days"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["contact_interval_days"]
        field.widget.attrs.update({"min": 1, "max": MAX_INTERVAL_DAYS})
        field.label = _("Contact interval in days: %(level)s") % {"level": self.instance.name}

    def clean_contact_interval_days(self):
        days = self.cleaned_data["contact_interval_days"]
        if days is not None and not 1 <= days <= MAX_INTERVAL_DAYS:
            raise forms.ValidationError(
                _("Give a number of days from 1 to %(max)s, or leave it empty.") % {"max": MAX_INTERVAL_DAYS}
            )
        return days


class PartnershipLevelAdminForm(forms.ModelForm):
    """The admin's level page holds the interval to the same rule as the coordinators' page."""

    class Meta:
        model = PartnershipLevel
        fields = ["contact_interval_days"]  # the admin names the rest of its fields itself

    clean_contact_interval_days = LevelIntervalForm.clean_contact_interval_days


# edit_only: a tampered form count adds no level; the levels are loaded by migration.
LevelIntervalFormSet = forms.modelformset_factory(
    PartnershipLevel, form=LevelIntervalForm, extra=0, edit_only=True, max_num=10, validate_max=True
)

"""The forms of partnership agreements: the agreement itself and the list's filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..documents import validate_pdf
from ..models import AgreementValidity, Employer, PartnershipAgreement, Sector
from .common import DATE_INPUT_FORMATS, DateInput, staff_choices


class PartnershipAgreementForm(forms.ModelForm):
    class Meta:
        model = PartnershipAgreement
        fields = ["title", "employers", "network_name", "scope", "signed_on", "valid_until", "responsible"]
        widgets = {
            "scope": forms.Textarea(attrs={"rows": 4}),
            "employers": forms.SelectMultiple(attrs={"size": 8}),
            "signed_on": DateInput,
            "valid_until": DateInput,
        }

    document = forms.FileField(
        label=_("Agreement document (PDF)"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "application/pdf"}),
        validators=[validate_pdf],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("signed_on", "valid_until"):
            self.fields[name].input_formats = DATE_INPUT_FORMATS
        # Active employers, and the parties already named even if one was deactivated since.
        chosen = self.instance.employers.all() if self.instance.pk else Employer.objects.none()
        self.fields["employers"].queryset = (
            Employer.objects.filter(is_active=True) | Employer.objects.filter(pk__in=chosen)
        ).distinct()
        self.fields["responsible"].queryset = staff_choices()
        self.fields["responsible"].required = True
        if self.instance.document:
            self.fields["document"].help_text = _(
                "Now on file: %(name)s. Choose a file only to replace it."
            ) % {"name": self.instance.document_name}


class PartnershipAgreementFilterForm(forms.Form):
    validity = forms.ChoiceField(label=_("Validity"), required=False)
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    responsible = forms.ModelChoiceField(
        label=_("Responsible person"), queryset=None, required=False, empty_label=_("Anyone")
    )
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=[("", _("All sectors")), *Sector.choices]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["validity"].choices = [("", _("All")), *AgreementValidity.choices]
        self.fields["responsible"].queryset = staff_choices()

"""The forms of new-partner prospects: the prospect itself, the list's filters, the conversion."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import PIPELINE, Employer, Prospect, Sector
from ..permissions import can_reassign_prospect
from .common import BusinessIdMixin, staff_choices


class ProspectForm(BusinessIdMixin, forms.ModelForm):
    class Meta:
        model = Prospect
        fields = [
            "name",
            "business_id",
            "sector",
            "municipality",
            "contact_name",
            "contact_email",
            "contact_phone",
            "stage",
            "dropped_reason",
            "owner",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff_choices()
        if not self.instance.pk:
            self.initial.setdefault("owner", user.pk)
        if not can_reassign_prospect(user, self.instance):
            # A teacher's prospects are their own; a coordinator may give one to someone else.
            self.fields["owner"].disabled = True
        self.fields["dropped_reason"].help_text = _("Required when the stage is “dropped”.")

    def clean_business_id(self):
        return super().clean_business_id() or ""


class ProspectFilterForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), required=False)
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    mine = forms.BooleanField(label=_("Only my prospects"), required=False)
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=[("", _("All sectors")), *Sector.choices]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [("", _("All")), *[(s.value, s.label) for s in PIPELINE]]


class ProspectConvertForm(forms.Form):
    """Create a new employer, or link to one of the duplicates found (their ids)."""

    link_to = forms.ModelChoiceField(queryset=Employer.objects.none(), required=False)

    def __init__(self, *args, candidates: list[Employer], **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        self.fields["link_to"].queryset = Employer.objects.filter(pk__in=[e.pk for e in candidates])

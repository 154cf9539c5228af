"""The forms of the strategic network: an organisation, a piece of cooperation, and the lists'
filters."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import User

from ..models import CooperationKind, NetworkCooperation, NetworkOrganisation, OrganisationKind
from .common import DATE_INPUT_FORMATS, DateInput, staff_choices


class NetworkOrganisationForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = NetworkOrganisation
        fields = ["name", "kind", "description", "website", "contact_names", "is_active"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "contact_names": forms.Textarea(attrs={"rows": 3}),
        }


class NetworkCooperationForm(forms.ModelForm):
    class Meta:
        model = NetworkCooperation
        fields = ["date", "kind", "title", "organisations", "staff", "contact_names", "notes"]
        widgets = {
            "date": DateInput,
            "organisations": forms.SelectMultiple(attrs={"size": 6}),
            "staff": forms.SelectMultiple(attrs={"size": 6}),
            "contact_names": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].input_formats = DATE_INPUT_FORMATS
        # Active organisations and staff, and those already named even if no longer active.
        organisations = Q(is_active=True)
        staff = Q(pk__in=staff_choices().values("pk"))
        if self.instance.pk is not None:
            organisations |= Q(pk__in=self.instance.organisations.values("pk"))
            staff |= Q(pk__in=self.instance.staff.values("pk"))
        self.fields["organisations"].queryset = NetworkOrganisation.objects.filter(organisations)
        self.fields["staff"].queryset = User.objects.filter(staff).order_by("last_name", "first_name")


class NetworkOrganisationFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    active = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Active")), ("all", _("All")), ("inactive", _("Inactive"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All")), *OrganisationKind.choices]


class NetworkCooperationFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=None, required=False, empty_label=_("Any")
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    q = forms.CharField(label=_("Search"), required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All")), *CooperationKind.choices]
        self.fields["organisation"].queryset = NetworkOrganisation.objects.all()
        self.fields["year"].widget.attrs["placeholder"] = str(timezone.localdate().year)

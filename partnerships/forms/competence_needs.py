"""Future competence needs: the need itself, the list's filters, and the link to an initiative."""

from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from ..models import (
    CompetenceNeed,
    Contact,
    Employer,
    Horizon,
    Initiative,
    NetworkOrganisation,
    Qualification,
    Sector,
)
from .common import DATE_INPUT_FORMATS, DateInput

CONTACT_CHOICES = 50  # the employer's latest contacts offered as the source


class CompetenceNeedForm(forms.ModelForm):
    class Meta:
        model = CompetenceNeed
        fields = [
            "title",
            "description",
            "employer",
            "organisation",
            "organisation_name",
            "sector",
            "qualification",
            "horizon",
            "source",
            "contact",
            "recorded_on",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "recorded_on": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recorded_on"].input_formats = DATE_INPUT_FORMATS
        # Active employers, and the one already named even if it was deactivated since.
        chosen = [self.instance.employer_id] if self.instance.employer_id else []
        self.fields["employer"].queryset = (
            Employer.objects.filter(is_active=True) | Employer.objects.filter(pk__in=chosen)
        ).order_by("name")
        chosen = [self.instance.organisation_id] if self.instance.organisation_id else []
        organisations = NetworkOrganisation.objects
        self.fields["organisation"].queryset = (
            organisations.filter(is_active=True) | organisations.filter(pk__in=chosen)
        ).order_by("name")
        # The source contact comes from the employer's log (as posted, prefilled or saved).
        employer = self["employer"].value()
        employer = employer if str(employer).isdigit() else None
        contacts = Contact.objects.filter(employer_id=employer).order_by("-date", "-created_at")
        chosen_contacts = [self.instance.contact_id] if self.instance.contact_id else []
        recent = list(contacts.values_list("pk", flat=True)[:CONTACT_CHOICES])
        self.fields["contact"].queryset = Contact.objects.filter(pk__in=[*recent, *chosen_contacts]).order_by(
            "-date", "-created_at"
        )
        self.fields["contact"].label_from_instance = lambda c: (
            f"{c.date:%d.%m.%Y} · {c.get_channel_display()} · {Truncator(c.summary).chars(60)}"
        )
        if employer is None:
            self.fields["contact"].help_text = _(
                "Choose the employer and save to list its logged contacts, or start from the contact "
                "on the employer's page."
            )


class CompetenceNeedFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    horizon = forms.ChoiceField(label=_("Time horizon"), required=False)
    qualification = forms.ModelChoiceField(
        label=_("Qualification"), queryset=Qualification.objects.all(), required=False, empty_label=_("All")
    )
    mine = forms.BooleanField(label=_("Only those I recorded"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [("", _("All")), *Sector.choices]
        self.fields["horizon"].choices = [("", _("All")), *Horizon.choices]


class CompetenceNeedLinkForm(forms.Form):
    """Link the need to an initiative in progress, or (`unlink`) remove one of its links."""

    initiative = forms.ModelChoiceField(label=_("Initiative"), queryset=Initiative.objects.none())

    def __init__(self, *args, need: CompetenceNeed, unlink: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        linked = Initiative.objects.filter(competence_needs=need)
        self.fields["initiative"].queryset = (
            linked if unlink else Initiative.objects.in_progress().exclude(pk__in=linked.values("pk"))
        ).order_by("title")


class CompetenceSummaryFilterForm(forms.Form):
    qualification = forms.ModelChoiceField(
        label=_("Qualification"), queryset=Qualification.objects.all(), required=False, empty_label=_("All")
    )
    recorded_from = forms.DateField(
        label=_("Recorded from"), required=False, widget=DateInput, input_formats=DATE_INPUT_FORMATS
    )
    recorded_to = forms.DateField(
        label=_("Recorded until"), required=False, widget=DateInput, input_formats=DATE_INPUT_FORMATS
    )

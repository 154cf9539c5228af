"""Employers, their workplaces and contact people."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.models import User

from ..models import (
    ContactPerson,
    Employer,
    Workplace,
)
from ..permissions import can_leave_employer_without_owner
from .common import BusinessIdMixin, PhoneMixin, date_field, staff_choices


class EmployerForm(BusinessIdMixin, forms.ModelForm):
    # Longer than the stored form, so that a mistyped ID gets the format message, not a length one.
    business_id = forms.CharField(label=_("Business ID (Y-tunnus)"), max_length=30, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Employer
        fields = ["name", "business_id", "sector", "website", "account_owner", "main_contact", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["business_id"].widget.attrs.update(
            {"placeholder": "1234567-8", "inputmode": "numeric", "autocomplete": "off"}
        )
        owner = self.fields["account_owner"]
        owner.queryset = staff_choices()
        if self.instance.pk and not can_leave_employer_without_owner(by, self.instance):
            if self.instance.account_owner_id == by.pk:
                # The owner may hand the employer over, not leave it without an owner.
                owner.required = True
                owner.empty_label = None
            else:
                owner.disabled = True
                owner.help_text = _("Only a coordinator or the account owner can change the account owner.")
        if "main_contact" in self.fields:
            self.fields["main_contact"].queryset = self.instance.people.filter(is_active=True)

    def clean_account_owner(self):
        owner = self.cleaned_data.get("account_owner")
        field = self.fields["account_owner"]
        # A disabled field keeps its value whatever is posted: say so to a forged POST
        # rather than pretend the change was saved.
        posted = self.data.get(self.add_prefix("account_owner"))
        if field.disabled and posted is not None and posted != str(self.instance.account_owner_id or ""):
            raise forms.ValidationError(
                _("Only a coordinator or the current account owner can change the account owner.")
            )
        return owner


class EmployerCreateForm(EmployerForm):
    """A new employer together with its first workplace (every employer has at least one)."""

    street_address = forms.CharField(label=_("Street address"), max_length=200, required=False)
    postal_code = forms.CharField(label=_("Postal code"), max_length=10, required=False)
    municipality = forms.CharField(label=_("Municipality"), max_length=100)

    class Meta(EmployerForm.Meta):
        fields = ["name", "business_id", "sector", "website", "account_owner", "notes"]


class WorkplaceForm(forms.ModelForm):
    class Meta:
        model = Workplace
        fields = ["name", "street_address", "postal_code", "municipality", "sector"]


class ContactPersonForm(PhoneMixin, forms.ModelForm):
    induction_date = date_field(_("Inducted on"))
    instructor_training_date = date_field(_("Training completed on"))

    class Meta:
        model = ContactPerson
        fields = [
            "first_name",
            "last_name",
            "title",
            "workplace",
            "email",
            "phone",
            "language",
            "is_instructor",
            "induction_date",
            "instructor_training",
            "instructor_training_date",
            "is_active",
        ]

    def __init__(self, *args, employer: Employer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workplace"].queryset = employer.workplaces.all()
        if not self.instance.pk:
            del self.fields["is_active"]

    def clean(self):
        data = super().clean()
        if not data.get("is_instructor"):
            for field in ("induction_date", "instructor_training", "instructor_training_date"):
                if data.get(field):
                    self.add_error(
                        field, _("Only workplace instructors have an induction or instructor training.")
                    )
        return data

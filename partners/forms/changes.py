from django import forms
from django.utils.translation import gettext_lazy as _

from partnerships.forms.common import PhoneMixin

from ..models import PartnerChange


class NewInstructorForm(PhoneMixin, forms.ModelForm):
    class Meta:
        model = PartnerChange
        fields = ["first_name", "last_name", "title", "workplace", "email", "phone"]
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
            "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
        }

    def __init__(self, *args, employer, **kwargs):
        super().__init__(*args, **kwargs)
        for field in ("first_name", "last_name"):
            self.fields[field].required = True
        self.fields["workplace"].queryset = employer.workplaces.order_by("name")
        self.fields["phone"].help_text = _(
            "The national feedback reaches an instructor by e-mail or a Finnish mobile number: give one."
        )

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("phone"):
            raise forms.ValidationError(_("Give the instructor's e-mail or mobile number."))
        return data


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("confirm", _("Confirm")), ("reject", _("Reject"))])

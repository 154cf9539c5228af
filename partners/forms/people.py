from django import forms
from django.utils.translation import gettext_lazy as _

from core.phones import validate_phone
from partnerships.forms.common import PhoneMixin


class PersonCorrectionForm(PhoneMixin, forms.Form):
    """What a partner corrects at once: the details the national feedback reaches people by."""

    title = forms.CharField(label=_("Title"), max_length=150, required=False)
    email = forms.EmailField(
        label=_("E-mail"), required=False, widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        required=False,
        validators=[validate_phone],
        help_text=_("A mobile number lets the national feedback reach an instructor by text message."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )

from django import forms
from django.utils.translation import gettext_lazy as _

from ..services.contact_requests import MAX_LENGTH


class ContactRequestForm(forms.Form):
    message = forms.CharField(
        label=_("What would you like to talk about?"),
        max_length=MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

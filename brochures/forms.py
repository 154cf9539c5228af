from django import forms
from django.utils.translation import gettext_lazy as _

from partnerships.models import ContactPerson

from .content import COLOURS, LANGUAGES
from .models import BrochureText


def colour_choices(language: str) -> list[tuple[str, str]]:
    return [(colour.slug, colour.name.get(language)) for colour in COLOURS]


class BrochureTextForm(forms.ModelForm):
    class Meta:
        model = BrochureText
        fields = [
            "introduction_employer",
            "introduction_student",
            "introduction_teacher",
            "links",
            "local_practice",
            "funding_note",
        ]
        widgets = {field: forms.Textarea(attrs={"rows": 3}) for field in fields}


class ShareForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("Send to"),
        queryset=ContactPerson.objects.none(),
        help_text=_("The brochure goes out in this person's language."),
    )
    colour = forms.ChoiceField(label=_("Colour"), widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Personal note (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, employer, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = (
            ContactPerson.objects.filter(employer=employer, is_active=True)
            .exclude(email="")
            .order_by("last_name", "first_name")
        )
        self.fields["colour"].choices = colour_choices(language if language in LANGUAGES else "fi")
        self.fields["colour"].initial = COLOURS[0].slug

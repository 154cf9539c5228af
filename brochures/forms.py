from django import forms
from django.utils.translation import gettext_lazy as _

from partnerships.models import ContactPerson

from . import content, texts
from .content import COLOURS, LANGUAGES, OWN_COLOUR, OWN_COLOUR_NAME
from .contrast import hex_normalise
from .models import BrochureText, readable_colour
from .rendering import own_colour


def colour_choices(language: str) -> list[tuple[str, str]]:
    choices = [(colour.slug, colour.name.get(language)) for colour in COLOURS]
    if dark := own_colour():
        choices.append((OWN_COLOUR, f"{OWN_COLOUR_NAME.get(language)} ({dark})"))
    return choices


class OwnColourForm(forms.Form):
    dark = forms.CharField(
        label=_("Own colour"),
        max_length=20,
        validators=[readable_colour],
        help_text=_(
            "A hex code such as #1b4f80. The brochure prints white text on it and uses it for "
            "headings, so it must be dark enough for a contrast of at least 4.5:1 (WCAG AA)."
        ),
        widget=forms.TextInput(attrs={"placeholder": "#1b4f80", "autocomplete": "off"}),
    )

    def clean_dark(self) -> str:
        return hex_normalise(self.cleaned_data["dark"])


class BrochureTextForm(forms.ModelForm):
    """The institution's own parts of one language's brochures. Each field's length is what
    still fits the one-page PDF with every other text at its maximum (tests/brochures)."""

    class Meta:
        model = BrochureText
        fields = list(BrochureText.EDITABLE)
        widgets = {field: forms.Textarea(attrs={"rows": 3}) for field in fields}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            limit = _("At most %(max)s characters.") % {"max": field.max_length}
            field.help_text = f"{field.help_text} {limit}" if field.help_text else limit
            field.error_messages["max_length"] = _(
                "This text is %(show_value)d characters long; at most %(limit_value)d fit on the "
                "one-page brochure. Shorten it."
            )


class WordingForm(forms.Form):
    """The institution's wording of one audience's brochure or checklist in one language: one
    field per rewordable text (brochures/texts.py), filled with what prints now."""

    def __init__(self, *args, document: str, audience: str, wording, **kwargs):
        super().__init__(*args, **kwargs)
        for text in texts.editable(document, audience):
            widget = forms.Textarea(attrs={"rows": 2}) if text.multiline else forms.TextInput()
            self.fields[text.key] = forms.CharField(
                label=text.label,
                required=False,
                max_length=text.max_length,
                initial=wording.get(text.key, audience),
                widget=widget,
                help_text=_("At most %(max)s characters. Blank: our default text.")
                % {"max": text.max_length},
            )


class PreviewForm(forms.Form):
    """Which version an editing page previews, where it edits several: the audience (the
    colour and the texts are on every audience's brochure) and the colour."""

    prefix = "preview"
    audience = forms.ChoiceField(label=_("Audience to preview"))
    colour = forms.ChoiceField(label=_("Colour to preview"))

    def __init__(self, *args, audiences=(), colours=(), language: str, **kwargs):
        super().__init__(*args, **kwargs)
        if audiences:
            names = content.AUDIENCE_NAMES
            self.fields["audience"].choices = [(a, names[a].get(language)) for a in audiences]
            self.fields["audience"].initial = audiences[0]
        else:
            del self.fields["audience"]
        if colours:
            self.fields["colour"].choices = colours
            self.fields["colour"].initial = colours[0][0]
        else:
            del self.fields["colour"]


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

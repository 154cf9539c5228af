"""Feedback: the respondent's form, reactions, national results and the analysis filter."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.models import Unit

from ..models import (
    QUESTIONS,
    NationalResult,
    Sector,
)
from .common import date_field

SCORE_CHOICES = [("5", "5"), ("4", "4"), ("3", "3"), ("2", "2"), ("1", "1"), ("", _("Cannot say"))]


class FeedbackForm(forms.Form):
    """The public feedback form: each question a 1–5 scale and free text, and a contact tick."""

    contact_me = forms.BooleanField(
        label=_("Please contact me about this."),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    comment = forms.CharField(
        label=_("Anything else?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, _checkpoint, text in QUESTIONS:
            self.fields[f"score_{key}"] = forms.ChoiceField(
                label=text,
                choices=SCORE_CHOICES,
                required=False,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
            )
            self.fields[f"text_{key}"] = forms.CharField(
                label=_("Comment (optional)"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
            )

    def questions(self):
        return [(text, self[f"score_{key}"], self[f"text_{key}"]) for key, _checkpoint, text in QUESTIONS]

    def scores(self) -> dict[str, int | None]:
        return {
            key: int(self.cleaned_data[f"score_{key}"]) if self.cleaned_data.get(f"score_{key}") else None
            for key, _c, _t in QUESTIONS
        }

    def texts(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(f"text_{key}", "") for key, _c, _t in QUESTIONS}


class ReactionForm(forms.Form):
    text = forms.CharField(label=_("What we did"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    send_note = forms.BooleanField(
        label=_("Send a “you said, we did” note to the respondent"), required=False
    )
    shared_with_partner = forms.BooleanField(
        label=_("Show it on the employer's partner page (“you said, we did”)"),
        required=False,
        help_text=_(
            "The employer's people see this text and its date, nothing of the answer or who gave it: "
            "write it so that it names no one."
        ),
    )


class NationalResultForm(forms.ModelForm):
    period_start = date_field(_("Period starts"), required=True)
    period_end = date_field(_("Period ends"), required=True)

    class Meta:
        model = NationalResult
        fields = [
            "period",
            "period_start",
            "period_end",
            "checkpoint",
            "theme",
            "average",
            "respondents",
            "unit",
        ]

    def clean(self):
        data = super().clean()
        if data.get("period_start") and data.get("period_end") and data["period_end"] < data["period_start"]:
            self.add_error("period_end", _("The period cannot end before it starts."))
        return data


class AnalysisFilterForm(forms.Form):
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    unit = forms.ModelChoiceField(
        label=_("Unit"), required=False, queryset=Unit.objects.all(), empty_label=_("All units")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [("", _("All sectors")), *Sector.choices]

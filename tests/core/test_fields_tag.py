"""`|as_field` (core/templatetags/fields.py) writes crispy-forms' Bootstrap 5 markup for the
fields it supports, and hands every other field to crispy: the same HTML either way."""

import pytest
from crispy_forms.helper import FormHelper
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms
from django.test.html import parse_html

from core.templatetags.fields import _supported, as_field


class SampleForm(forms.Form):
    required_css_class = "required"
    error_css_class = "has-error"

    name = forms.CharField(label="Nimi & <titteli>", max_length=20, help_text="Koko <em>nimi</em>")
    search = forms.CharField(
        label="Hae", required=False, widget=forms.TextInput(attrs={"type": "search", "placeholder": "Nimi"})
    )
    email = forms.EmailField(label="Sähköposti", required=False)
    days = forms.IntegerField(label="Päivää", min_value=1, max_value=10, required=False)
    day = forms.DateField(label="Päivä", widget=forms.DateInput(attrs={"type": "date", "class": "own"}))
    channel = forms.ChoiceField(
        label="Kanava", choices=[("", "–"), ("phone", "Puhelin"), ("visit", "Käynti")]
    )
    tags = forms.MultipleChoiceField(label="Tunnisteet", required=False, choices=[("a", "A"), ("b", "B")])
    summary = forms.CharField(label="Yhteenveto", widget=forms.Textarea(attrs={"rows": 3}))
    agree = forms.BooleanField(label="Hyväksyn", help_text="Pakollinen")
    optional = forms.BooleanField(label="Valinnainen", required=False)
    secret = forms.CharField(widget=forms.HiddenInput, required=False)
    unlabelled = forms.CharField(label="", required=False)
    # Delegated to crispy:
    persons = forms.MultipleChoiceField(
        label="Henkilöt", required=False, choices=[("1", "Aino")], widget=forms.CheckboxSelectMultiple
    )
    kind = forms.ChoiceField(label="Laji", required=False, choices=[("x", "X")], widget=forms.RadioSelect)
    upload = forms.FileField(label="Tiedosto", required=False)
    when = forms.SplitDateTimeField(label="Milloin", required=False)


BOUND = {"name": "x" * 30, "days": "0", "day": "eilen", "channel": "visit", "tags": ["b"], "optional": "on"}


def crispy_html(field):
    """crispy's own rendering on a fresh form, so that the widget classes start the same."""
    return parse_html(str(as_crispy_field(field)))


@pytest.mark.parametrize("data", [None, {}, BOUND], ids=["unbound", "empty", "invalid"])
@pytest.mark.parametrize("name", list(SampleForm.base_fields))
def test_every_field_renders_as_crispy_renders_it(name, data):
    ours = SampleForm(data, auto_id="id_%s")
    theirs = SampleForm(data, auto_id="id_%s")
    if data is not None:
        ours.is_valid(), theirs.is_valid()
    assert parse_html(str(as_field(ours[name]))) == crispy_html(theirs[name])


def test_the_fields_a_list_page_shows_are_built_here_the_rest_by_crispy():
    form = SampleForm()
    built = [name for name in form.fields if _supported(form[name])]
    assert built == [
        "name", "search", "email", "days", "day", "channel", "tags", "summary", "agree", "optional",
        "secret", "unlabelled",
    ]  # fmt: skip


def test_errors_and_help_texts_are_described_and_escaped():
    form = SampleForm(BOUND)
    form.is_valid()
    html = str(as_field(form["name"]))
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert "Nimi &amp; &lt;titteli&gt;" in html
    assert "Koko <em>nimi</em>" in html  # help texts are the form's own HTML, as in crispy
    assert 'class="textinput form-control is-invalid"' in html


def test_a_form_with_a_crispy_helper_keeps_crispy():
    form = SampleForm()
    form.helper = FormHelper()
    form.helper.form_show_labels = False
    assert not _supported(form["name"])
    assert parse_html(str(as_field(form["name"]))) == crispy_html(form["name"])

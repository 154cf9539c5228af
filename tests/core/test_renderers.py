"""Form widgets rendered by Jinja2 (core/renderers.py) give the same HTML as the Django engine;
the rest of a form, and widgets that exist only as Django templates, stay with Django."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.test.html import parse_html

from core.renderers import _IN_PYTHON, WidgetRenderer


class SampleForm(forms.Form):
    name = forms.CharField(label="Nimi", max_length=20, help_text="Koko nimi")
    channel = forms.ChoiceField(choices=[("phone", "Puhelin"), ("visit", "Käynti & kahvi")])
    persons = forms.MultipleChoiceField(
        choices=[("1", "Aino"), ("2", "Eero")], widget=forms.CheckboxSelectMultiple
    )
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))


def test_the_portal_renders_widgets_with_jinja2_and_the_rest_with_django():
    renderer = get_default_renderer()
    assert isinstance(renderer, WidgetRenderer)
    assert type(renderer.get_template("django/forms/widgets/select.html")).__module__.endswith("jinja2")
    assert type(renderer.get_template("django/forms/div.html")).__module__.endswith("django")
    assert renderer.get_template("admin/widgets/related_widget_wrapper.html") is not None


def test_a_form_renders_the_same_html_with_either_engine():
    data = {"name": "O'Brien <b>", "channel": "visit", "persons": ["2"], "day": "2026-12-01"}
    ours = SampleForm(data, renderer=WidgetRenderer()).as_div()
    django = SampleForm(data, renderer=DjangoTemplates()).as_div()
    assert parse_html(ours) == parse_html(django)  # the same elements, attributes and text
    assert 'value="visit" selected' in ours and "O&#39;Brien &lt;b&gt;" in ours


class EveryWidgetForm(forms.Form):
    text = forms.CharField(widget=forms.TextInput(attrs={"placeholder": 'Nimi "tai" <Y-tunnus>'}))
    search = forms.CharField(widget=forms.TextInput(attrs={"type": "search"}), required=False)
    number = forms.IntegerField(min_value=1, max_value=10, required=False)
    email = forms.EmailField(required=False)
    url = forms.URLField(required=False, assume_scheme="https")
    password = forms.CharField(widget=forms.PasswordInput(render_value=True), required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), required=False)
    at = forms.DateTimeField(required=False)
    time = forms.TimeField(required=False)
    agree = forms.BooleanField(required=False)
    colour = forms.CharField(widget=forms.TextInput(attrs={"type": "color"}), required=False)
    phone = forms.CharField(widget=forms.TextInput(attrs={"type": "tel"}), required=False)
    channel = forms.ChoiceField(choices=[("", "Any"), ("phone", "Puhelin"), ("visit", "Käynti & kahvi")])
    grouped = forms.ChoiceField(
        choices=[("Joukko <1>", [("a", "A's"), ("b", "B")]), ("c", "C")], required=False
    )
    many = forms.MultipleChoiceField(choices=[("1", "Aino"), ("2", "Eero")], required=False)
    disabled = forms.ChoiceField(choices=[("1", "Yksi")], disabled=True, required=False)


class JinjaOnly(WidgetRenderer):
    """Every widget by its Jinja2 template, as before the Python functions."""

    def render(self, template_name, context, request=None):
        return self.get_template(template_name).render(context, request=request).strip()


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"text": "O'Brien & <b>", "number": "3", "agree": "on", "channel": "visit", "grouped": "b"},
        {"text": "", "number": "x", "channel": "nope", "many": ["1", "2"], "hidden": '"', "password": "p<"},
        {"day": "2026-12-01", "at": "2026-12-01 10:00", "time": "10:00", "colour": "#ff0000"},
    ],
)
def test_the_widgets_written_in_python_give_what_their_jinja2_templates_give(data):
    ours = EveryWidgetForm(data, renderer=WidgetRenderer())
    theirs = EveryWidgetForm(data, renderer=JinjaOnly())
    for field, expected in zip(ours, theirs, strict=True):
        assert field.field.widget.template_name in _IN_PYTHON
        assert str(field) == str(expected)  # byte for byte, not only the same elements


def test_a_custom_option_template_is_rendered_by_its_template():
    class Options(forms.Select):
        option_template_name = "django/forms/widgets/select_option.html"

    class Custom(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    choices = [("1", "Yksi")]
    assert "<option" in Options(choices=choices).render("x", "1", renderer=WidgetRenderer())
    assert "<option" not in Custom(choices=choices).render("x", "1", renderer=WidgetRenderer())

"""Form widgets rendered by Jinja2 (core/renderers.py) give the same HTML as the Django engine;
the rest of a form, and widgets that exist only as Django templates, stay with Django."""

from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.test.html import parse_html

from core.renderers import WidgetRenderer


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

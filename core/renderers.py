"""The form renderer: Django's own widget templates (every <input>, <select> and <option>)
rendered by Jinja2, which renders an option list or a row of inputs in about half the time of
the Django template engine (the filter forms of the employer list, the agreement list and the
dashboard, the employer page's contact form). Everything else, error lists, labels and field
layouts included, and any widget template that exists only for the Django engine (the admin's
related-object wrapper), is rendered by the Django engine as before.

The commonest widgets, a select and a single input, are written by the functions below
instead, with the same markup as Django's Jinja2 templates for them (the same escaping, by
markupsafe, as Jinja2's autoescape): a select of 25 options took Jinja2 a template call per
option, and the two list pages' filter forms half their rendering time.
`tests/core/test_renderers.py` holds each function to its template."""

from django.forms.renderers import DjangoTemplates, Jinja2
from django.utils.functional import cached_property
from markupsafe import escape

WIDGETS = "django/forms/widgets/"


def _attrs(attrs: dict) -> str:
    """`attrs.html`: ` name="value"` each, the name alone for True, nothing for False."""
    return "".join(
        f" {name}" if value is True else f' {name}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: dict) -> str:
    value = "" if widget["value"] is None else f' value="{escape(widget["value"])}"'
    attrs = _attrs(widget["attrs"])
    return f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"{value}{attrs}>'


def _select(widget: dict) -> str:
    parts = [f'<select name="{escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{escape(group_name)}">')
        for option in options:
            if option["template_name"] != WIDGETS + "select_option.html":
                return ""  # a custom option template: rendered by its own template instead
            parts.append(
                f'\n  <option value="{escape(option["value"])}"{_attrs(option["attrs"])}>'
                f"{escape(option['label'])}</option>"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


# The templates that are `input.html` and nothing else, and the select.
_IN_PYTHON = {
    **{
        f"{WIDGETS}{name}.html": _input
        for name in (
            "checkbox", "color", "date", "datetime", "email", "hidden", "number",
            "password", "search", "tel", "text", "time", "url",
        )
    },
    f"{WIDGETS}select.html": _select,
}  # fmt: skip


class WidgetRenderer(DjangoTemplates):
    @cached_property
    def jinja2(self) -> Jinja2:
        return Jinja2()

    def get_template(self, template_name):
        if template_name.startswith(WIDGETS):
            return self.jinja2.get_template(template_name)
        return super().get_template(template_name)

    def render(self, template_name, context, request=None):
        if (write := _IN_PYTHON.get(template_name)) and (html := write(context["widget"])):
            return html
        return super().render(template_name, context, request)

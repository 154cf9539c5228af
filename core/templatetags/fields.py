"""`{{ form.field|as_field }}`: one form field in crispy-forms' Bootstrap 5 markup, built in
Python instead of through crispy's field template.

crispy's `bootstrap5/field.html` is a Django template of some forty tags and five includes,
rendered anew for every field: on the employer list the ten filter fields took about half of
the page's rendering time (issue 19's profile). For the fields a page shows most (text-like
inputs, selects, text areas and single checkboxes) this filter writes the same markup directly,
with the widget itself still rendered by the form renderer (`core/renderers.py`); every other
field (radio buttons, checkbox lists, files, widgets of several parts, a form with a crispy
helper) goes to crispy's `as_crispy_field` unchanged. `tests/core/test_fields_tag.py` holds the
two to the same HTML for every supported kind, with and without errors, help texts and
required marks."""

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms, template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

# Widgets whose markup crispy builds in ways this filter does not repeat.
_DELEGATED = (forms.RadioSelect, forms.CheckboxSelectMultiple, forms.FileInput, forms.MultiWidget)


def _supported(field) -> bool:
    widget = field.field.widget
    return (
        getattr(field.form, "helper", None) is None
        and not isinstance(widget, _DELEGATED)
        and not getattr(widget, "use_fieldset", False)
        and not hasattr(widget, "widget")  # a wrapper such as the admin's related-object one
    )


def _widget(field, bootstrap_class: str) -> str:
    """The widget with crispy's classes: its own, its class name, then Bootstrap's."""
    widget = field.field.widget
    class_name = widget.__class__.__name__.lower()
    classes = widget.attrs.get("class", "")
    if not classes:
        classes = class_name
    elif class_name not in classes:
        classes += f" {class_name}"
    wanted = bootstrap_class + (" is-invalid" if field.errors else "")
    present = classes.split()
    classes = " ".join([*present, *(c for c in wanted.split() if c not in present)])
    widget.attrs["class"] = classes  # crispy leaves them on the widget too
    return str(field)


def _label_text(field):
    if field.field.required:
        return format_html('{}<span class="asteriskField">*</span>', field.label)
    return field.label


def _help_and_errors(field):
    parts = []
    if field.errors:
        parts.append(
            format_html(
                '<div id="{}_error" class="invalid-feedback">{}</div>',
                field.errors.field_id,
                format_html_join(
                    "",
                    '<p id="error_{}_{}"><strong>{}</strong></p>',
                    ((i, field.auto_id, error) for i, error in enumerate(field.errors, start=1)),
                ),
            )
        )
    if field.help_text:
        helptext = mark_safe(field.help_text)  # crispy marks it safe as well
        if field.auto_id:
            parts.append(
                format_html('<div id="{}_helptext" class="form-text">{}</div>', field.auto_id, helptext)
            )
        else:
            parts.append(format_html('<div class="form-text">{}</div>', helptext))
    return mark_safe("".join(parts))


def _wrapper_classes(base: str, field) -> str:
    css = field.css_classes()
    return f"{base} {css}" if css else base


@register.filter(name="as_field")
def as_field(field):
    if field.is_hidden:
        return mark_safe(str(field))
    if not _supported(field):
        return as_crispy_field(field)
    required = " requiredField" if field.field.required else ""
    if isinstance(field.field.widget, forms.CheckboxInput):
        return format_html(
            '<div class="mb-3"><div id="div_{}" class="{}">{}'
            '<label for="{}" class="form-check-label{}">{}</label>{}</div></div>',
            field.auto_id,
            _wrapper_classes("form-check", field),
            mark_safe(_widget(field, "form-check-input")),
            field.id_for_label,
            required,
            _label_text(field),
            _help_and_errors(field),
        )
    bootstrap_class = "form-select" if isinstance(field.field.widget, forms.Select) else "form-control"
    label = ""
    if field.label:
        label = format_html(
            '<label {}class="form-label{}">{}</label>',
            format_html('for="{}" ', field.id_for_label) if field.id_for_label else "",
            required,
            _label_text(field),
        )
    return format_html(
        '<div id="div_{}" class="{}">{}{}{}</div>',
        field.auto_id,
        _wrapper_classes("mb-3", field),
        label,
        mark_safe(_widget(field, bootstrap_class)),
        _help_and_errors(field),
    )

"""The form renderer: Django's own widget templates (every <input>, <select> and <option>)
rendered by Jinja2, which renders an option list or a row of inputs in about half the time of
the Django template engine (the filter forms of the employer list, the agreement list and the
dashboard, the employer page's contact form). Everything else, error lists, labels and field
layouts included, and any widget template that exists only for the Django engine (the admin's
related-object wrapper), is rendered by the Django engine as before."""

from django.forms.renderers import DjangoTemplates, Jinja2
from django.utils.functional import cached_property

WIDGETS = "django/forms/widgets/"


class WidgetRenderer(DjangoTemplates):
    @cached_property
    def jinja2(self) -> Jinja2:
        return Jinja2()

    def get_template(self, template_name):
        if template_name.startswith(WIDGETS):
            return self.jinja2.get_template(template_name)
        return super().get_template(template_name)

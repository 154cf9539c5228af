"""Admin inlines whose every input has a name a screen reader can say.

A tabular inline names each column once, in its header; the inputs below it have no label,
so a screen reader on the third row's text box hears only "edit text" (axe: `label`). Every
inline of ours gives each visible input an aria-label: the field's label and its row."""

from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext as _


class LabelledInlineFormSet(BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)  # adds the DELETE box and the hidden id
        for field in form.fields.values():
            if field.widget.is_hidden:
                continue
            label = str(field.label or "")
            if index is None:  # the empty form the admin's script copies for "Add another"
                text = _("%(field)s, new row") % {"field": label}
            else:
                text = _("%(field)s, row %(row)s") % {"field": label, "row": index + 1}
            field.widget.attrs["aria-label"] = text


class LabelledTabularInline(admin.TabularInline):
    formset = LabelledInlineFormSet

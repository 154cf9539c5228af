"""Workplace instructors' training and induction."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import (
    ContactPerson,
    InstructorTraining,
    TrainingKind,
)
from .common import date_field


class InstructorTrainingForm(forms.ModelForm):
    """An induction or a training of a workplace instructor; an induction may be for one of
    the agreements they instruct, and then settles its checkpoint 4 item as well."""

    date = date_field(_("Date"), required=True, initial=timezone.localdate)

    class Meta:
        model = InstructorTraining
        fields = ["kind", "form", "date", "agreement", "note"]

    def __init__(self, *args, person: ContactPerson, agreements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = agreements
        self.fields["agreement"].label_from_instance = lambda a: (
            f"{a.student.full_name}, {a.get_type_display()}"
        )
        self.fields["agreement"].help_text = _(
            "An induction for an agreement also settles its checkpoint 4 item."
        )

    def clean(self):
        data = super().clean()
        if data.get("agreement") and data.get("kind") != TrainingKind.INDUCTION:
            self.add_error("agreement", _("Only an induction is recorded for an agreement."))
        return data

    def _post_clean(self):
        pass  # the service validates the record with its person

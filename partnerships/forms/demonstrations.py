"""Skills demonstrations."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import (
    ContactPerson,
    Demonstration,
    QualificationUnit,
    Student,
    Workplace,
)
from ..services.demonstrations import DEMONSTRATION_FIELDS
from .common import date_field, staff_choices


class DemonstrationForm(forms.ModelForm):
    date = date_field(_("Date"))
    start_time = forms.TimeField(
        label=_("Start time"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        input_formats=["%H:%M", "%H.%M"],
    )
    worklife_assessor_inducted_on = date_field(_("Working-life assessor inducted on"))

    class Meta:
        model = Demonstration
        fields = list(DEMONSTRATION_FIELDS)
        widgets = {"two_teachers_reason": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, student: Student, **kwargs):
        super().__init__(*args, **kwargs)
        agreements = student.agreements.select_related("workplace__employer")
        self.fields["agreement"].queryset = agreements
        self.fields["agreement"].label_from_instance = lambda a: (
            f"{a.get_type_display()}: {a.workplace.employer.name}"
        )
        units = QualificationUnit.objects.select_related("qualification")
        if student.qualification_id:
            units = units.filter(qualification_id=student.qualification_id)
        self.fields["unit"].queryset = units
        self.fields["workplace"].queryset = (
            Workplace.objects.filter(agreements__student=student).select_related("employer").distinct()
        )
        self.fields["teacher_assessor"].queryset = staff_choices()
        self.fields["second_teacher_assessor"].queryset = staff_choices()
        # Working-life assessors come from the employers where the student has agreements.
        self.fields["worklife_assessor"].queryset = (
            ContactPerson.objects.filter(is_active=True, employer__workplaces__agreements__student=student)
            .select_related("employer")
            .distinct()
        )
        self.fields["worklife_assessor"].label_from_instance = lambda p: f"{p.full_name} ({p.employer.name})"

    def _post_clean(self):
        pass  # the assessor rules need the student: the service runs them

"""Students, and the erasure of one."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import StudentGroup, User

from ..choices import ErasureReason
from ..models import (
    Student,
)
from ..permissions import can_view_all_students
from .common import date_field


class StudentForm(forms.ModelForm):
    date_of_birth = date_field(_("Date of birth"))

    class Meta:
        model = Student
        fields = [
            "first_name",
            "last_name",
            "student_number",
            "learner_oid",
            "email",
            "phone",
            "date_of_birth",
            "qualification",
            "group",
            "language",
        ]

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["learner_oid"].widget.attrs["placeholder"] = "1.2.246.562.24.12345678901"
        groups = StudentGroup.objects.select_related("unit")
        if not can_view_all_students(user):
            # A teacher files students only into the groups they teach (need to know).
            groups = groups.filter(teachers=user)
            self.fields["group"].required = True
        self.fields["group"].queryset = groups

    def validate_unique(self):
        # A taken student number is judged by the service, which knows who is asking and
        # must not confirm that a student they may not see exists.
        exclude = {*self._get_validation_exclusions(), "student_number"}
        try:
            self.instance.validate_unique(exclude=exclude)
        except forms.ValidationError as exc:
            self._update_errors(exc)

    def clean_date_of_birth(self):
        value = self.cleaned_data.get("date_of_birth")
        if value and value >= timezone.localdate():
            raise forms.ValidationError(_("The date of birth must be in the past."))
        return value


class StudentErasureForm(forms.Form):
    """The coordinator confirms an erasure: the reason, and the student number typed again."""

    reason = forms.ChoiceField(
        label=_("Reason"), choices=[c for c in ErasureReason.choices if c[0] != ErasureReason.RETENTION]
    )
    student_number = forms.CharField(
        label=_("Type the student number to confirm"),
        max_length=30,
        help_text=_("Erasure cannot be undone."),
    )

    def __init__(self, *args, student: Student, **kwargs):
        super().__init__(*args, **kwargs)
        self.student = student

    def clean_student_number(self):
        value = self.cleaned_data["student_number"].strip()
        if value != self.student.student_number:
            raise forms.ValidationError(_("The student number does not match this student."))
        return value

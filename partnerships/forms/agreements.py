"""Agreements of both types: work periods, status, interruptions, workplace checks, checkpoint items."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import User

from ..models import (
    Agreement,
    AgreementStatus,
    AgreementType,
    ContactPerson,
    Interruption,
    ItemKind,
    Participant,
    QualificationUnit,
    Student,
    TrainingForm,
    WorkPeriod,
    Workplace,
    WorkplaceCheck,
)
from ..permissions import can_assign_responsible_teacher
from ..rules import item_errors
from ..services.agreements import AGREEMENT_FIELDS
from .common import date_field, staff_choices

TYPE_FIELDS = {
    AgreementType.APPRENTICESHIP: (
        "is_entrepreneur",
        "hours_per_week",
        "other_employment_hours",
        "wage_confirmed",
        "training_compensation",
        "age_confirmed",
    ),
    AgreementType.TRAINING: (
        "days_per_week",
        "days_outside_guidance_confirmed",
        "special_support",
        "training_compensation",
        "special_support_reason",
    ),
}


class AgreementForm(forms.ModelForm):
    """The agreement itself. Only the fields of the chosen type are shown and kept."""

    class Meta:
        model = Agreement
        fields = list(AGREEMENT_FIELDS)
        widgets = {
            "type": forms.RadioSelect,
            "special_support_reason": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["type"].choices = AgreementType.choices
        # No new agreements for an erased student; an existing one keeps its student.
        students = Student.objects.visible_to(user).filter(
            models.Q(erased_at__isnull=True) | models.Q(pk=self.instance.student_id)
        )
        self.fields["student"].queryset = students.order_by("last_name", "first_name")
        self.fields["workplace"].queryset = Workplace.objects.select_related("employer").filter(
            employer__is_active=True
        )
        self.fields["workplace"].label_from_instance = lambda w: (
            f"{w.employer.name} – {w.name}, {w.municipality}"
        )
        self.fields["instructor"].queryset = ContactPerson.objects.filter(is_active=True).select_related(
            "employer"
        )
        self.fields["instructor"].label_from_instance = lambda p: f"{p.full_name} ({p.employer.name})"
        self.fields["responsible_teacher"].queryset = staff_choices()
        if not can_assign_responsible_teacher(user, self.instance):
            self.fields["responsible_teacher"].disabled = True
            self.initial["responsible_teacher"] = self.instance.responsible_teacher_id or user.pk
        # The fields of the other type are not shown; absent from the POST they clear to
        # empty values, so switching the type leaves nothing of the old one behind.
        self.chosen_type = self._chosen_type()

    def _chosen_type(self) -> str:
        value = self.data.get(self.add_prefix("type")) if self.is_bound else None
        value = value or self.initial.get("type") or self.instance.type or AgreementType.TRAINING
        return value if value in AgreementType.values else AgreementType.TRAINING

    def type_fields(self):
        return [self[name] for name in TYPE_FIELDS.get(self.chosen_type, ())]

    def other_type_fields(self) -> set[str]:
        every = set(TYPE_FIELDS[AgreementType.APPRENTICESHIP]) | set(TYPE_FIELDS[AgreementType.TRAINING])
        return every - set(TYPE_FIELDS.get(self.chosen_type, ()))

    def clean(self):
        data = super().clean()
        # What belongs to the other type is cleared, whatever was posted: a training agreement
        # cannot carry an apprentice's wage through this form.
        for name in self.other_type_fields():
            data[name] = self.fields[name].to_python(None) if name in data else None
            if isinstance(self.fields[name], forms.BooleanField):
                data[name] = False
        return data

    def unshown_errors(self) -> list[str]:
        """Errors on fields this form does not show (from the rules), to list at the top."""
        hidden = self.other_type_fields()
        return [message for name in hidden for message in self.errors.get(name, [])]

    def _post_clean(self):
        """Skip the model's validation here: the rules need the work periods as well, and the
        service runs them on everything at once."""


class WorkPeriodForm(forms.ModelForm):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    start = date_field(_("Start"), required=True)
    end = date_field(_("End"), help_text=_("Leave empty while the interruption continues."))

    class Meta:
        model = WorkPeriod
        fields = ["unit", "start", "end", "part_time_percent", "for_summer"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = QualificationUnit.objects.select_related("qualification")
        self.fields["unit"].label_from_instance = lambda u: f"{u.name} ({u.qualification.name})"

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("A work period cannot end before it starts."))
        return data

    def _post_clean(self):
        pass  # validated with its agreement in the service


WorkPeriodFormSet = forms.formset_factory(
    WorkPeriodForm, extra=0, min_num=1, validate_min=True, can_delete=True
)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=AgreementStatus.choices)
    student_signed_on = date_field(_("Student signed on"))
    employer_signed_on = date_field(_("Employer signed on"))
    provider_signed_on = date_field(_("Education provider signed on"))
    student_informed_on = date_field(_("Student informed on"))
    ended_on = date_field(_("Ended on"))
    end_reason = forms.CharField(
        label=_("Reason for ending"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class InterruptionForm(forms.ModelForm):
    start = date_field(_("Start"), required=True)
    end = date_field(_("End"), help_text=_("Leave empty while the interruption continues."))

    class Meta:
        model = Interruption
        fields = ["start", "end", "reason", "note", "communicated"]

    def _post_clean(self):
        pass  # the service checks it against its work period


class WorkplaceCheckForm(forms.ModelForm):
    class Meta:
        model = WorkplaceCheck
        fields = ["matching_tasks", "enough_activity", "tools", "competent_staff", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("matching_tasks", "enough_activity", "tools", "competent_staff"):
            self.fields[name].required = False


class ItemForm(forms.Form):
    """Record one checkpoint item: done on a date, or not applicable with a reason."""

    kind = forms.ChoiceField(choices=ItemKind.choices, widget=forms.HiddenInput)
    done_on = date_field(_("Done on"))
    not_applicable_reason = forms.CharField(label=_("Not applicable because"), required=False, max_length=500)
    participants = forms.MultipleChoiceField(
        label=_("Who took part"),
        choices=Participant.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=1000)
    induction_form = forms.ChoiceField(
        label=_("Form of the induction"), choices=[("", ""), *TrainingForm.choices], required=False
    )
    clear = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean_done_on(self):
        value = self.cleaned_data.get("done_on")
        errors = item_errors(value, kind=self.cleaned_data.get("kind", "")).errors.get("done_on")
        if errors:
            raise forms.ValidationError(errors)
        return value


class QualificationUnitForm(forms.ModelForm):
    class Meta:
        model = QualificationUnit
        fields = ["qualification", "name_fi", "name_sv", "name_en", "extent", "national_code"]

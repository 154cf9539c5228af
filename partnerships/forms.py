"""Forms validate what people type; the services in services.py do the writing."""

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from checkpoints.models import Checkpoint, PartnershipLevel
from core.models import StudentGroup, Unit, User
from core.phones import normalize_phone

from .models import (
    QUESTIONS,
    Agreement,
    AgreementStatus,
    AgreementType,
    Contact,
    ContactPerson,
    Demonstration,
    Employer,
    Initiative,
    InitiativeEntry,
    InitiativePhase,
    InstructorTraining,
    Interruption,
    ItemKind,
    LevelRecord,
    NationalResult,
    Participant,
    QualificationUnit,
    Sector,
    Student,
    TrainingForm,
    TrainingKind,
    WorkPeriod,
    Workplace,
    WorkplaceCheck,
)
from .models.initiatives import LOG_KINDS
from .rules import item_errors
from .services.agreements import AGREEMENT_FIELDS
from .services.demonstrations import DEMONSTRATION_FIELDS
from .services.privacy import ErasureReason
from .validators import normalize_business_id, validate_business_id

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _date_field(label, required=False, **kwargs):
    return forms.DateField(
        label=label, required=required, widget=DateInput, input_formats=DATE_INPUT_FORMATS, **kwargs
    )


def staff_choices():
    return User.objects.filter(is_active=True, groups__name__in=["Teacher", "Coordinator"]).distinct()


class BusinessIdMixin:
    def clean_business_id(self):
        value = normalize_business_id(self.cleaned_data.get("business_id") or "")
        if value:
            validate_business_id(value)
        return value or None


class EmployerForm(BusinessIdMixin, forms.ModelForm):
    # Longer than the stored form, so that a mistyped ID gets the format message, not a length one.
    business_id = forms.CharField(label=_("Business ID (Y-tunnus)"), max_length=30, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Employer
        fields = ["name", "business_id", "sector", "website", "account_owner", "main_contact", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["business_id"].widget.attrs.update(
            {"placeholder": "1234567-8", "inputmode": "numeric", "autocomplete": "off"}
        )
        owner = self.fields["account_owner"]
        owner.queryset = staff_choices()
        if self.instance.pk and not by.is_coordinator:
            if self.instance.account_owner_id == by.pk:
                # The owner may hand the employer over, not leave it without an owner.
                owner.required = True
                owner.empty_label = None
            else:
                owner.disabled = True
                owner.help_text = _("Only a coordinator or the account owner can change the account owner.")
        if "main_contact" in self.fields:
            self.fields["main_contact"].queryset = self.instance.people.filter(is_active=True)

    def clean_account_owner(self):
        owner = self.cleaned_data.get("account_owner")
        field = self.fields["account_owner"]
        # A disabled field keeps its value whatever is posted: say so to a forged POST
        # rather than pretend the change was saved.
        posted = self.data.get(self.add_prefix("account_owner"))
        if field.disabled and posted is not None and posted != str(self.instance.account_owner_id or ""):
            raise forms.ValidationError(
                _("Only a coordinator or the current account owner can change the account owner.")
            )
        return owner


class EmployerCreateForm(EmployerForm):
    """A new employer together with its first workplace (every employer has at least one)."""

    street_address = forms.CharField(label=_("Street address"), max_length=200, required=False)
    postal_code = forms.CharField(label=_("Postal code"), max_length=10, required=False)
    municipality = forms.CharField(label=_("Municipality"), max_length=100)

    class Meta(EmployerForm.Meta):
        fields = ["name", "business_id", "sector", "website", "account_owner", "notes"]


class WorkplaceForm(forms.ModelForm):
    class Meta:
        model = Workplace
        fields = ["name", "street_address", "postal_code", "municipality", "sector"]


class PhoneMixin:
    """The phone as typed (040 123 4567, +358 40 123 4567) is stored in E.164."""

    def clean_phone(self):
        return normalize_phone(self.cleaned_data.get("phone", ""))


class ContactPersonForm(PhoneMixin, forms.ModelForm):
    induction_date = _date_field(_("Inducted on"))
    instructor_training_date = _date_field(_("Training completed on"))

    class Meta:
        model = ContactPerson
        fields = [
            "first_name",
            "last_name",
            "title",
            "workplace",
            "email",
            "phone",
            "language",
            "is_instructor",
            "induction_date",
            "instructor_training",
            "instructor_training_date",
            "is_active",
        ]

    def __init__(self, *args, employer: Employer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workplace"].queryset = employer.workplaces.all()
        if not self.instance.pk:
            del self.fields["is_active"]

    def clean(self):
        data = super().clean()
        if not data.get("is_instructor"):
            for field in ("induction_date", "instructor_training", "instructor_training_date"):
                if data.get(field):
                    self.add_error(
                        field, _("Only workplace instructors have an induction or instructor training.")
                    )
        return data


class StudentForm(forms.ModelForm):
    date_of_birth = _date_field(_("Date of birth"))

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
        if not user.is_coordinator:
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


class ContactForm(forms.ModelForm):
    """Log a contact: date (prefilled), channel and summary are all that is required."""

    date = _date_field(_("Date"), required=True, initial=timezone.localdate)
    follow_up_date = _date_field(_("Follow-up date"))

    class Meta:
        model = Contact
        fields = [
            "date",
            "channel",
            "summary",
            "workplace",
            "persons",
            "checkpoints",
            "follow_up_date",
            "follow_up_note",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "persons": forms.CheckboxSelectMultiple,
            "checkpoints": forms.CheckboxSelectMultiple,
        }
        error_messages = {
            "summary": {"required": _("Write a few words on what was discussed.")},
            "channel": {"required": _("Choose how you were in contact.")},
        }

    def __init__(self, *args, employer: Employer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workplace"].queryset = employer.workplaces.all()
        self.fields["persons"].queryset = employer.people.filter(is_active=True)
        self.fields["checkpoints"].queryset = Checkpoint.objects.all()
        self.fields["channel"].choices = [("", _("Choose…")), *list(self.fields["channel"].choices)[1:]]

    def clean(self):
        data = super().clean()
        date, follow_up = data.get("date"), data.get("follow_up_date")
        if date and follow_up and follow_up < date:
            self.add_error("follow_up_date", _("The follow-up date cannot be before the contact date."))
        if data.get("follow_up_note") and not follow_up:
            self.add_error("follow_up_date", _("Give a date for the follow-up."))
        return data


# Agreements -------------------------------------------------------------------------------

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
        if not user.is_coordinator:
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
    start = _date_field(_("Start"), required=True)
    end = _date_field(_("End"), help_text=_("Leave empty while the interruption continues."))

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
    student_signed_on = _date_field(_("Student signed on"))
    employer_signed_on = _date_field(_("Employer signed on"))
    provider_signed_on = _date_field(_("Education provider signed on"))
    student_informed_on = _date_field(_("Student informed on"))
    ended_on = _date_field(_("Ended on"))
    end_reason = forms.CharField(
        label=_("Reason for ending"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class InterruptionForm(forms.ModelForm):
    start = _date_field(_("Start"), required=True)
    end = _date_field(_("End"), help_text=_("Leave empty while the interruption continues."))

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
    done_on = _date_field(_("Done on"))
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
        errors = item_errors(value).errors.get("done_on")
        if errors:
            raise forms.ValidationError(errors)
        return value


class InstructorTrainingForm(forms.ModelForm):
    """An induction or a training of a workplace instructor; an induction may be for one of
    the agreements they instruct, and then settles its checkpoint 4 item as well."""

    date = _date_field(_("Date"), required=True, initial=timezone.localdate)

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


class DemonstrationForm(forms.ModelForm):
    date = _date_field(_("Date"))
    start_time = forms.TimeField(
        label=_("Start time"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        input_formats=["%H:%M", "%H.%M"],
    )
    worklife_assessor_inducted_on = _date_field(_("Working-life assessor inducted on"))

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


class QualificationUnitForm(forms.ModelForm):
    class Meta:
        model = QualificationUnit
        fields = ["qualification", "name_fi", "name_sv", "name_en", "extent", "national_code"]


SCORE_CHOICES = [("5", "5"), ("4", "4"), ("3", "3"), ("2", "2"), ("1", "1"), ("", _("Cannot say"))]


class FeedbackForm(forms.Form):
    """The public feedback form: each question a 1–5 scale and free text, and a contact tick."""

    contact_me = forms.BooleanField(
        label=_("Please contact me about this."),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    comment = forms.CharField(
        label=_("Anything else?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, _checkpoint, text in QUESTIONS:
            self.fields[f"score_{key}"] = forms.ChoiceField(
                label=text,
                choices=SCORE_CHOICES,
                required=False,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
            )
            self.fields[f"text_{key}"] = forms.CharField(
                label=_("Comment (optional)"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
            )

    def questions(self):
        return [(text, self[f"score_{key}"], self[f"text_{key}"]) for key, _checkpoint, text in QUESTIONS]

    def scores(self) -> dict[str, int | None]:
        return {
            key: int(self.cleaned_data[f"score_{key}"]) if self.cleaned_data.get(f"score_{key}") else None
            for key, _c, _t in QUESTIONS
        }

    def texts(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(f"text_{key}", "") for key, _c, _t in QUESTIONS}


class ReactionForm(forms.Form):
    text = forms.CharField(label=_("What we did"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    send_note = forms.BooleanField(
        label=_("Send a “you said, we did” note to the respondent"), required=False
    )


class NationalResultForm(forms.ModelForm):
    period_start = _date_field(_("Period starts"), required=True)
    period_end = _date_field(_("Period ends"), required=True)

    class Meta:
        model = NationalResult
        fields = [
            "period",
            "period_start",
            "period_end",
            "checkpoint",
            "theme",
            "average",
            "respondents",
            "unit",
        ]

    def clean(self):
        data = super().clean()
        if data.get("period_start") and data.get("period_end") and data["period_end"] < data["period_start"]:
            self.add_error("period_end", _("The period cannot end before it starts."))
        return data


class AnalysisFilterForm(forms.Form):
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    unit = forms.ModelChoiceField(
        label=_("Unit"), required=False, queryset=Unit.objects.all(), empty_label=_("All units")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [("", _("All sectors")), *Sector.choices]


class LevelForm(forms.ModelForm):
    """A level as assessed on a day up to today (the model refuses a future date)."""

    date = _date_field(_("Date"), required=True, initial=timezone.localdate)

    class Meta:
        model = LevelRecord
        fields = ["level", "date", "rationale"]
        widgets = {"rationale": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].queryset = PartnershipLevel.objects.filter(cross_cutting=False)
        self.fields["date"].widget.attrs["max"] = timezone.localdate().isoformat()


class LevelReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=100,
        help_text=_("Kept in the history, for example “the date was mistyped”."),
    )


class LevelCorrectionForm(LevelForm):
    reason = LevelReasonForm.base_fields["reason"]

    class Meta(LevelForm.Meta):
        fields = ["level", "date", "rationale", "reason"]


# Co-development initiatives ----------------------------------------------------------------


class InitiativeForm(forms.ModelForm):
    """Start or edit an initiative. Once it exists, its definition (goal, need, scope) changes
    only through the redefinition form, which records the decision."""

    class Meta:
        model = Initiative
        fields = [
            "title",
            "starting_point",
            "goal",
            "need",
            "scope",
            "checkpoints",
            "employers",
            "representatives",
            "owner",
            "staff",
            "resources",
            "start_date",
            "end_date",
            "metrics",
        ]
        widgets = {
            "starting_point": forms.Textarea(attrs={"rows": 3}),
            "goal": forms.Textarea(attrs={"rows": 2}),
            "need": forms.Textarea(attrs={"rows": 2}),
            "scope": forms.Textarea(attrs={"rows": 2}),
            "resources": forms.Textarea(attrs={"rows": 2}),
            "metrics": forms.Textarea(attrs={"rows": 2}),
            "checkpoints": forms.CheckboxSelectMultiple,
            "employers": forms.SelectMultiple(attrs={"size": 8}),
            "representatives": forms.CheckboxSelectMultiple,
            "staff": forms.SelectMultiple(attrs={"size": 6}),
            "start_date": DateInput,
            "end_date": DateInput,
        }

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in ("goal", "need", "scope"):
                del self.fields[name]
        for name in ("start_date", "end_date"):
            self.fields[name].input_formats = DATE_INPUT_FORMATS
        self.fields["employers"].queryset = Employer.objects.filter(is_active=True).order_by("name")
        self.fields["owner"].queryset = staff_choices()
        if not self.instance.pk:
            self.initial.setdefault("owner", user.pk)
            self.initial["owner"] = self.initial["owner"] or user.pk
        if not user.is_coordinator:
            # A teacher starts initiatives for themself; a coordinator may name another owner.
            self.fields["owner"].disabled = True
        self.fields["staff"].queryset = staff_choices()
        # The representatives come from the employers taking part (as posted, or as saved).
        employers = self["employers"].value() or []
        self.fields["representatives"].queryset = (
            ContactPerson.objects.filter(
                is_active=True, employer__in=[e for e in employers if str(e).isdigit()]
            )
            .select_related("employer")
            .order_by("employer__name", "last_name", "first_name")
        )
        self.fields["representatives"].label_from_instance = lambda p: (
            f"{p.full_name}{', ' + p.title if p.title else ''} ({p.employer.name})"
        )
        self.fields["representatives"].help_text = _(
            "The people of the employers taking part. Choose the employers and save to list their people."
        )


class InitiativeRedefineForm(forms.ModelForm):
    decision = forms.CharField(
        label=_("Decision"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why the definition changes, and who decided. Everyone involved is told."),
        max_length=8000,
    )

    class Meta:
        model = Initiative
        fields = ["goal", "need", "scope"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in ("goal", "need", "scope")}


class InitiativePhaseForm(forms.Form):
    to_phase = forms.ChoiceField(label=_("Move to"), choices=InitiativePhase.choices)
    decision = forms.CharField(
        label=_("Decision"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What was decided, and on what grounds, before changing the phase."),
        max_length=8000,
    )

    def __init__(self, *args, initiative: Initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_phase"].choices = [
            (value, label) for value, label in InitiativePhase.choices if value != initiative.phase
        ]
        order = list(InitiativePhase.values)
        following = order.index(initiative.phase) + 1
        if following < len(order):
            self.fields["to_phase"].initial = order[following]


class InitiativeEntryForm(forms.ModelForm):
    class Meta:
        model = InitiativeEntry
        fields = ["kind", "date", "text"]
        widgets = {"date": DateInput, "text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(kind.value, kind.label) for kind in LOG_KINDS]
        self.fields["date"].input_formats = DATE_INPUT_FORMATS


class InitiativeEvaluationForm(forms.ModelForm):
    class Meta:
        model = InitiativeEntry
        fields = ["date", "measured", "result", "text"]
        labels = {"text": _("What changed because of it")}
        widgets = {"date": DateInput, "text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].input_formats = DATE_INPUT_FORMATS
        self.fields["measured"].required = True


class InitiativeFilterForm(forms.Form):
    phase = forms.ChoiceField(label=_("Phase"), required=False)
    checkpoint = forms.ModelChoiceField(
        label=_("Checkpoint"),
        queryset=Checkpoint.objects.all(),
        required=False,
        empty_label=_("All checkpoints"),
    )
    mine = forms.BooleanField(label=_("Only those I take part in"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].choices = [("", _("All in progress")), *InitiativePhase.choices]


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

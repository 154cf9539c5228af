"""Co-development initiatives."""

from django import forms
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from checkpoints.models import Checkpoint, LevelQuestion, PartnershipLevel, SelfAssessment
from checkpoints.permissions import can_edit_self_assessment
from checkpoints.summary import self_assessment_summary
from core.models import User

from ..models import (
    ConsentMethod,
    ContactPerson,
    Employer,
    Initiative,
    InitiativeEntry,
    InitiativePhase,
    Student,
    StudentParticipant,
)
from ..models.initiatives import LOG_KINDS
from ..permissions import can_assign_initiative_owner
from .common import DATE_INPUT_FORMATS, DateInput, staff_choices


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
        if not can_assign_initiative_owner(user, self.instance):
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


def initial_from_self_assessment(*, user: User, level_key: str, assessment_pk: str = "") -> dict:
    """The new initiative's title and starting point for developing a partnership level, from
    the self-assessment summary's "where is most to develop": the level's name, its questions
    and, for whoever may read the self-assessment, its year and the level's mean. {} for an
    unknown level."""
    level = PartnershipLevel.objects.filter(key=level_key).first()
    if level is None:
        return {}
    lines = []
    assessment = (
        SelfAssessment.objects.select_related("unit").filter(pk=assessment_pk).first()
        if assessment_pk.isdigit() and can_edit_self_assessment(user)
        else None
    )
    if assessment is not None:
        row = next(r for r in self_assessment_summary(assessment).rows if r.level.pk == level.pk)
        lines.append(
            gettext("Self-assessment %(year)s (%(unit)s): the mean rating of the level is %(mean)s (1–5).")
            % {
                "year": assessment.year,
                "unit": assessment.unit or gettext("The whole institution"),
                "mean": number_format(row.mean, 2) if row.mean is not None else "–",
            }
        )
    lines.append(gettext("The level's self-assessment questions:"))
    questions = LevelQuestion.objects.filter(level=level).order_by("number")
    lines.extend(f"{q.number}. {q.text}" for q in questions)
    return {
        "title": gettext("Developing the partnership level: %(level)s") % {"level": level.name},
        "starting_point": "\n".join(lines)[:4000],
    }


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
    explanation = forms.CharField(
        label=_("Why skip a phase or go back"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed only when the move is not to the following phase."),
        max_length=4000,
        required=False,
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
    students = forms.BooleanField(label=_("Only those with students taking part"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].choices = [("", _("All in progress")), *InitiativePhase.choices]


class StudentParticipantForm(forms.ModelForm):
    """A student or a student representative joining the initiative, with their consent. The
    service decides who is under 18 (the date of birth where it is known)."""

    class Meta:
        model = StudentParticipant
        fields = [
            "student",
            "name",
            "role",
            "consent_on",
            "consent_method",
            "consent_scope",
            "under_18",
            "guardian_name",
            "guardian_consent_on",
            "guardian_consent_method",
        ]
        labels = {
            "student": _("Student of the institution"),
            "name": _("Or a student representative's name"),
            "under_18": _("The student is under 18"),
        }
        help_texts = {
            "student": _("Only the students you may see are listed."),
            "name": _("E.g. a representative of the student union who is not chosen above."),
            "under_18": _(
                "Where Kumppani knows the student's date of birth, it decides; "
                "otherwise tick this for anyone under 18."
            ),
        }
        widgets = {
            "consent_on": DateInput,
            "guardian_consent_on": DateInput,
            "consent_method": forms.RadioSelect,
            "consent_scope": forms.RadioSelect,
        }

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["student"].queryset = (
            Student.objects.visible_to(user).not_erased().order_by("last_name", "first_name")
        )
        self.fields["student"].label_from_instance = lambda s: f"{s.full_name} ({s.student_number})"
        self.fields["consent_method"].choices = ConsentMethod.choices
        self.fields["guardian_consent_method"].choices = [("", "–"), *ConsentMethod.choices]
        for name in ("consent_on", "guardian_consent_on"):
            self.fields[name].input_formats = DATE_INPUT_FORMATS

    def validate_unique(self):
        # The service checks the person against every earlier participation, withdrawn ones
        # included, and says why.
        pass


class StudentWithdrawForm(forms.Form):
    withdrawn_on = forms.DateField(
        label=_("Consent withdrawn on"), widget=DateInput, input_formats=DATE_INPUT_FORMATS
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["withdrawn_on"].initial = timezone.localdate

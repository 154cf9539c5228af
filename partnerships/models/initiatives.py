"""Co-development initiatives: "Ymmärrä, suunnittele ja toteuta yhdessä" (domain.md).

An initiative starts from a problem or a wish, addresses some of the eight checkpoints and
involves employers (and their people) and staff from the start. It moves through the three
phases of the workbook's model; every phase keeps a dated log of what was done and decided,
and continuous evaluation runs alongside all of them. The definition (goal, need, scope)
changes only through a recorded redefinition decision, which tells everyone involved."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from checkpoints.models import Checkpoint

from .employers import ContactPerson, Employer


class InitiativePhase(models.TextChoices):
    UNDERSTAND = "understand", _("1 Understanding and definition")
    IDEATE = "ideate", _("2 Ideation and solutions")
    IMPLEMENT = "implement", _("3 Implementation and roll-out")
    COMPLETED = "completed", _("Completed")


# The three phases of the model in their order; COMPLETED closes the initiative.
PHASE_ORDER = [InitiativePhase.UNDERSTAND, InitiativePhase.IDEATE, InitiativePhase.IMPLEMENT]


def is_phase_jump(from_phase: str, to_phase: str) -> bool:
    """Anything but the step to the following phase (completion following implementation):
    skipping a phase or going back, which the workbook's gates ("shared understanding before
    moving on") let happen only with an explanation."""
    order = [*PHASE_ORDER, InitiativePhase.COMPLETED]
    return order.index(to_phase) != order.index(from_phase) + 1


class InitiativeQuerySet(models.QuerySet):
    def in_progress(self):
        return self.exclude(phase=InitiativePhase.COMPLETED)

    def involving(self, user):
        return self.filter(Q(owner=user) | Q(staff=user)).distinct()

    def with_students(self):
        """With a student taking part: a consent in force (an erased student's too)."""
        from .student_participants import StudentParticipant

        return self.filter(
            models.Exists(
                StudentParticipant.objects.filter(initiative=models.OuterRef("pk"), withdrawn_on__isnull=True)
            )
        )


class Initiative(models.Model):
    title = models.CharField(_("title"), max_length=200)
    starting_point = models.TextField(
        _("starting point"),
        max_length=4000,
        help_text=_(
            "The problem or wish the initiative starts from, in the customers' words where possible."
        ),
    )
    # The definition: changed only through initiative_redefine(), which records the decision.
    goal = models.TextField(_("goal"), max_length=4000, blank=True)
    need = models.TextField(_("need"), max_length=4000, blank=True)
    scope = models.TextField(_("scope"), max_length=4000, blank=True)
    checkpoints = models.ManyToManyField(
        Checkpoint, verbose_name=_("checkpoints addressed"), related_name="initiatives", blank=True
    )
    employers = models.ManyToManyField(
        Employer, verbose_name=_("employers taking part"), related_name="initiatives", blank=True
    )
    representatives = models.ManyToManyField(
        ContactPerson,
        verbose_name=_("employer representatives"),
        related_name="initiatives",
        blank=True,
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="+"
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("staff involved"), related_name="initiatives", blank=True
    )
    resources = models.TextField(_("resources"), max_length=4000, blank=True)
    start_date = models.DateField(_("starts"), default=timezone.localdate)
    end_date = models.DateField(_("ends"), null=True, blank=True)
    metrics = models.TextField(
        _("metrics of success"),
        max_length=4000,
        blank=True,
        help_text=_(
            "What will show that the initiative succeeded, e.g. “feedback score on induction ≥ 4.0”."
        ),
    )
    phase = models.CharField(
        _("phase"), max_length=12, choices=InitiativePhase.choices, default=InitiativePhase.UNDERSTAND
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[checkpoints, employers, representatives, staff])

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("development initiative")
        verbose_name_plural = _("development initiatives")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="initiative_ends_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("partnerships:initiative_detail", args=[self.pk])

    def clean(self):
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})


class EntryKind(models.TextChoices):
    """What a log entry records. The first ones are what the workbook names for the phases."""

    INTERVIEW = "interview", _("Interview or observation")
    SURVEY = "survey", _("Survey")
    WORKSHOP = "workshop", _("Workshop")
    PROTOTYPE = "prototype", _("Prototype tried")
    PROCESS = "process", _("Process description")
    PRIORITISATION = "prioritisation", _("Final prioritisation")
    ROLLOUT = "rollout", _("Roll-out plan")
    REMOVAL = "removal", _("Old solution removed")
    DECISION = "decision", _("Decision")
    NOTE = "note", _("Note")
    # Written by the services, not chosen in the log form:
    PHASE_CHANGE = "phase", _("Phase change")
    REDEFINITION = "redefinition", _("Redefinition")
    EVALUATION = "evaluation", _("Evaluation")
    STUDENT_JOINED = "student", _("Student taking part")
    CONSENT_WITHDRAWN = "withdrawn", _("Consent withdrawn")


# The kinds a person picks in the log form; the others come from their own forms.
LOG_KINDS = [
    EntryKind.INTERVIEW,
    EntryKind.SURVEY,
    EntryKind.WORKSHOP,
    EntryKind.PROTOTYPE,
    EntryKind.PROCESS,
    EntryKind.PRIORITISATION,
    EntryKind.ROLLOUT,
    EntryKind.REMOVAL,
    EntryKind.DECISION,
    EntryKind.NOTE,
]


class InitiativeEntry(models.Model):
    """One dated line of an initiative's log, in the phase it was written in."""

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="entries"
    )
    phase = models.CharField(_("phase"), max_length=12, choices=InitiativePhase.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=EntryKind.choices, default=EntryKind.NOTE)
    date = models.DateField(_("date"), default=timezone.localdate)
    text = models.TextField(_("what was done or decided"), max_length=8000)
    # Evaluation entries: what was measured, and what changed because of it.
    measured = models.CharField(_("what was measured"), max_length=300, blank=True)
    result = models.CharField(_("result"), max_length=300, blank=True)
    # Phase changes: from where to where. Redefinitions: the definition before and after.
    from_phase = models.CharField(_("from phase"), max_length=12, choices=InitiativePhase.choices, blank=True)
    to_phase = models.CharField(_("to phase"), max_length=12, choices=InitiativePhase.choices, blank=True)
    # A phase change that skips a phase or goes back: why (services/initiatives.py).
    explanation = models.TextField(_("why the jump"), max_length=4000, blank=True)
    # A student joining or withdrawing: the text is written from the participant when shown,
    # so that a withdrawal hides the name in the earlier entries too.
    participant = models.ForeignKey(
        "partnerships.StudentParticipant",
        verbose_name=_("student taking part"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="entries",
    )
    before = models.JSONField(_("before"), default=dict, blank=True)
    after = models.JSONField(_("after"), default=dict, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-created_at", "-pk"]
        verbose_name = _("initiative log entry")
        verbose_name_plural = _("initiative log entries")

    def __str__(self):
        return f"{self.initiative}: {self.get_kind_display()} ({self.date:%d.%m.%Y})"

    def changes(self) -> list[tuple[str, str, str]]:
        """A redefinition's changed fields as (label, before, after)."""
        labels = {name: Initiative._meta.get_field(name).verbose_name for name in ("goal", "need", "scope")}
        return [(labels[name], self.before.get(name, ""), self.after.get(name, "")) for name in self.after]


class InitiativeNotice(models.Model):
    """A message in the portal to a member of staff involved in an initiative."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("staff member"), on_delete=models.CASCADE, related_name="+"
    )
    entry = models.ForeignKey(
        InitiativeEntry, verbose_name=_("log entry"), on_delete=models.CASCADE, related_name="notices"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("initiative notice")
        verbose_name_plural = _("initiative notices")
        constraints = [
            models.UniqueConstraint(fields=["user", "entry"], name="one_notice_per_user_and_entry")
        ]

    def __str__(self):
        return f"{self.user}: {self.entry}"

"""Students taking part in co-development initiatives, with their consent (issue 22, item 6).

A participant is a student of the institution (a Student row) or a named student
representative, e.g. of the student union, who need not be one. Taking part rests on a
consent recorded by a member of staff: when it was given, how, and what it covers. A student
under 18 also needs their guardian's consent (the Student's date of birth decides where it is
known; otherwise the member of staff says so). Consent is withdrawn, never deleted: after
withdrawal the participant is "a student representative" everywhere, and coming back needs a
new consent, given after the withdrawal (services/student_participants.py)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .initiatives import Initiative
from .students import Student

# How a participant is shown when they may not be named: consent withdrawn, not covering
# being named, or the student's personal data erased.
UNNAMED = _("A student representative")


class ConsentMethod(models.TextChoices):
    WRITTEN = "written", _("Written consent form")
    EMAIL = "email", _("E-mail")
    IN_PERSON = "in_person", _("In person")


class ConsentScope(models.TextChoices):
    NAMED = "named", _("Taking part, and being named in the initiative's log and the steering group's report")
    UNNAMED = "unnamed", _("Taking part only, without being named")


class StudentParticipantQuerySet(models.QuerySet):
    def in_force(self):
        """Consent not withdrawn."""
        return self.filter(withdrawn_on__isnull=True)


class StudentParticipant(models.Model):
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="student_participants",
    )
    # Either a student of the institution, or a representative known by name and role.
    student = models.ForeignKey(
        Student,
        verbose_name=_("student"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="initiative_participations",
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    role = models.CharField(
        _("group or role"),
        max_length=200,
        blank=True,
        help_text=_("E.g. “student union board”, “class representative, electricians 2025”."),
    )
    consent_on = models.DateField(_("consent given on"))
    consent_method = models.CharField(_("consent given"), max_length=12, choices=ConsentMethod.choices)
    consent_scope = models.CharField(
        _("the consent covers"), max_length=8, choices=ConsentScope.choices, default=ConsentScope.NAMED
    )
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("consent recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Under 18 on the day of consent: the guardian's consent is needed as well.
    under_18 = models.BooleanField(_("under 18"), default=False)
    guardian_name = models.CharField(_("guardian"), max_length=200, blank=True)
    guardian_consent_on = models.DateField(_("guardian's consent given on"), null=True, blank=True)
    guardian_consent_method = models.CharField(
        _("guardian's consent given"), max_length=12, choices=ConsentMethod.choices, blank=True
    )
    withdrawn_on = models.DateField(_("consent withdrawn on"), null=True, blank=True)
    withdrawal_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawal recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Set by the student's erasure: the row stays so that the initiative keeps "a student
    # took part", with nothing that identifies them.
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    objects = StudentParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["consent_on", "pk"]
        verbose_name = _("student taking part")
        verbose_name_plural = _("students taking part")
        constraints = [
            models.CheckConstraint(
                condition=Q(student__isnull=False) | ~Q(name="") | Q(anonymised_at__isnull=False),
                name="student_participant_is_someone",
                violation_error_message=_("Choose a student or give the representative's name."),
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=models.F("consent_on")),
                name="student_consent_withdrawn_after_given",
                violation_error_message=_("Consent cannot be withdrawn before it was given."),
            ),
            models.CheckConstraint(
                condition=Q(under_18=False) | Q(guardian_consent_on__isnull=False),
                name="student_under_18_has_guardian_consent",
                violation_error_message=_("A student under 18 also needs their guardian's consent."),
            ),
            # One participation in force per student and initiative; a new one only after a
            # withdrawal.
            models.UniqueConstraint(
                fields=["initiative", "student"],
                condition=Q(withdrawn_on__isnull=True, student__isnull=False),
                name="one_consent_in_force_per_student",
                violation_error_message=_("This student already takes part in the initiative."),
            ),
        ]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return f"{self.initiative.get_absolute_url()}#student-participant-{self.pk}"

    @property
    def in_force(self) -> bool:
        return self.withdrawn_on is None

    @property
    def is_anonymous(self) -> bool:
        return self.anonymised_at is not None or (self.student is not None and self.student.is_erased)

    @property
    def is_named(self) -> bool:
        """Shown by name: consent in force that covers being named, and nothing erased."""
        return self.in_force and self.consent_scope == ConsentScope.NAMED and not self.is_anonymous

    @property
    def real_name(self) -> str:
        """The name whatever the consent: only for those who manage the consent, while it is
        in force (templates/partnerships/_student_participants.html)."""
        if self.is_anonymous:
            return str(UNNAMED)
        return self.student.full_name if self.student else self.name

    @property
    def display_name(self) -> str:
        return self.real_name if self.is_named else str(UNNAMED)

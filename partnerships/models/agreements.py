"""Work-based learning agreements under the Act on Vocational Education and Training
(531/2017, chapter 7): training agreements (koulutussopimus) and apprenticeships
(oppisopimus), their work periods (työpaikkajaksot) and interruptions, and the workplace
check that comes before the first agreement at a workplace.

The rules that decide what is valid live in `partnerships/rules.py`; `clean()` here calls
them so that forms, the admin and the services refuse the same things with the same words.
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..choices import (
    ITEM_CHECKPOINT,
    AgreementPhase,
    AgreementStatus,
    AgreementType,
    InterruptionReason,
    ItemKind,
)
from ..rules import agreement_errors, interruption_errors, item_errors, work_period_errors
from .employers import ContactPerson, Workplace
from .instructors import InstructorTraining, TrainingKind
from .students import QualificationUnit, Student


class AgreementQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Teachers read the agreements of students they may see; coordinators all."""
        if not user.is_authenticated or not user.is_teacher:
            return self.none()
        if user.is_coordinator:
            return self
        # The students of the groups they teach as a list read once through the indexes on
        # the group and the teacher (a hashed subplan), not a join with every student per
        # agreement: the list's count then reads only the agreements, and with "mine" only
        # the teacher's, by the index on the responsible teacher.
        taught = Student.objects.filter(group__teachers=user.pk).values("pk")
        return self.filter(Q(responsible_teacher=user) | Q(student__in=taught))

    def with_instructor_never_inducted(self, today: datetime.date):
        """Live agreements with a period still to come or running whose instructor has never
        been inducted (checkpoint 4: the instructor is inducted before the student starts)."""
        inducted = InstructorTraining.objects.filter(
            person_id=OuterRef("instructor_id"), kind=TrainingKind.INDUCTION
        )
        running = WorkPeriod.objects.filter(agreement_id=OuterRef("pk"), end__gte=today)
        return self.filter(
            Exists(running),
            instructor__isnull=False,
            instructor__induction_date__isnull=True,
            status__in=[AgreementStatus.DRAFT, AgreementStatus.SIGNED],
        ).exclude(Exists(inducted))

    def for_summer(self):
        """Agreements for the summer, or with a work period for the summer."""
        summer_periods = WorkPeriod.objects.filter(agreement_id=OuterRef("pk"), for_summer=True)
        return self.filter(Q(for_summer=True) | Exists(summer_periods))

    def with_dates(self):
        return self.annotate(
            first_day=models.Min("work_periods__start"), last_day=models.Max("work_periods__end")
        )


class Agreement(models.Model):
    """A training agreement or an apprenticeship of one student at one workplace."""

    type = models.CharField(_("type"), max_length=20, choices=AgreementType.choices)
    is_entrepreneur = models.BooleanField(
        _("entrepreneur's apprenticeship"),
        default=False,
        help_text=_("The student trains in their own company: no employer and no wage rule."),
    )
    student = models.ForeignKey(
        Student, verbose_name=_("student"), on_delete=models.PROTECT, related_name="agreements"
    )
    workplace = models.ForeignKey(
        Workplace, verbose_name=_("workplace"), on_delete=models.PROTECT, related_name="agreements"
    )
    instructor = models.ForeignKey(
        ContactPerson,
        verbose_name=_("responsible workplace instructor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="instructed_agreements",
    )
    responsible_teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible teacher"),
        on_delete=models.PROTECT,
        related_name="responsible_agreements",
    )
    hoks_reference = models.CharField(
        _("HOKS reference"),
        max_length=100,
        help_text=_("The identifier of the student's personal competence development plan (HOKS)."),
    )
    hours_per_week = models.DecimalField(
        _("average working hours per week"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(80)],
    )
    other_employment_hours = models.DecimalField(
        _("hours per week in another apprenticeship not entered yet"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(80)],
        help_text=_(
            "The student's concurrent apprenticeship with another employer, until it is entered here: "
            "its weeks then count its own hours instead."
        ),
    )
    days_per_week = models.DecimalField(
        _("days per week at the workplace"),
        max_digits=2,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(7)],
    )
    days_outside_guidance_confirmed = models.BooleanField(
        _("I confirm the days per week outside the usual 1–5"), default=False
    )
    wage_confirmed = models.BooleanField(
        _("wage under the collective agreement (TES) confirmed"), default=False
    )
    training_compensation = models.DecimalField(
        _("training compensation (€ per month)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    special_support = models.BooleanField(_("the student needs demanding special support"), default=False)
    special_support_reason = models.TextField(_("reason for compensation"), blank=True, max_length=2000)
    age_confirmed = models.BooleanField(
        _("I confirm the student is at least 15 on the start date"), default=False
    )
    young_workers_considered = models.BooleanField(
        _("young workers' rules considered (no hazardous work without the required arrangements)"),
        default=False,
    )
    overlap_confirmed = models.BooleanField(
        _("I confirm the same unit is covered by another agreement at the same time"), default=False
    )
    for_summer = models.BooleanField(
        _("for the summer"),
        default=False,
        help_text=_("A summer agreement (kesän ajalle), e.g. a summer job as an apprenticeship."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    student_signed_on = models.DateField(_("student signed on"), null=True, blank=True)
    employer_signed_on = models.DateField(_("employer signed on"), null=True, blank=True)
    provider_signed_on = models.DateField(_("education provider signed on"), null=True, blank=True)
    student_informed_on = models.DateField(_("student informed on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.TextField(_("reason for ending"), blank=True, max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = AgreementQuerySet.as_manager()

    # The audit trail: who changed what, with the values before and after (issue 7).
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        # A teacher's newest agreements in index order: the home page's instructors to induct
        # stop at the first 20 instead of sorting all of the teacher's agreements (10 → 2 ms).
        indexes = [
            models.Index(fields=["responsible_teacher", "-created_at"], name="agreement_teacher_newest")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_entrepreneur=False) | Q(type="apprenticeship"),
                name="agreement_entrepreneur_only_apprenticeship",
            ),
            models.CheckConstraint(
                condition=~Q(status="ended_early") | (Q(ended_on__isnull=False) & ~Q(end_reason="")),
                name="agreement_ended_early_has_date_and_reason",
            ),
        ]

    def __str__(self):
        return f"{self.get_type_display()}: {self.student} – {self.workplace.employer}"

    def get_absolute_url(self):
        return reverse("partnerships:agreement_detail", args=[self.pk])

    def clean(self):
        agreement_errors(self).raise_if_any()

    @property
    def is_apprenticeship(self) -> bool:
        return self.type == AgreementType.APPRENTICESHIP

    @property
    def is_for_summer(self) -> bool:
        """The agreement or one of its (prefetched) work periods is for the summer."""
        return self.for_summer or any(p.for_summer for p in self.work_periods.all())

    def phase(self, today: datetime.date | None = None) -> str:
        """Draft, upcoming, active, completed, ended early or cancelled, as of `today`."""
        if self.status != AgreementStatus.SIGNED:
            return self.status
        today = today or timezone.localdate()
        periods = list(self.work_periods.all())
        if not periods:
            return AgreementPhase.UPCOMING
        if today < min(p.start for p in periods):
            return AgreementPhase.UPCOMING
        if today > max(p.end for p in periods):
            return AgreementPhase.COMPLETED
        return AgreementPhase.ACTIVE

    def get_phase_display(self, today: datetime.date | None = None) -> str:
        return AgreementPhase(self.phase(today)).label


class WorkPeriod(models.Model):
    """One stretch of an agreement for one qualification unit (työpaikkajakso).

    The national working-life feedback, its readiness check and interruptions attach here.
    """

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="work_periods"
    )
    unit = models.ForeignKey(
        QualificationUnit, verbose_name=_("qualification unit"), on_delete=models.PROTECT, related_name="+"
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    part_time_percent = models.PositiveSmallIntegerField(
        _("part-time percentage"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("1–100. The national feedback needs it."),
    )
    for_summer = models.BooleanField(_("for the summer"), default=False)
    ehoks_entered_on = models.DateField(_("entered in eHOKS on"), null=True, blank=True)
    ehoks_entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered in eHOKS by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("work period")
        verbose_name_plural = _("work periods")
        # The lists of periods at risk (home page, dashboard) walk the periods in this order
        # and stop at the first 30 instead of sorting every live period.
        indexes = [
            models.Index(fields=["end", "id"], name="work_period_by_end"),
            # An agreement's latest period in one index-only step: the agreement list sorts
            # every visible agreement by it before its LIMIT (with_agreement_dates, per row).
            models.Index(fields=["agreement", "-end"], name="work_period_latest_end"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="work_period_end_not_before_start"
            ),
            models.CheckConstraint(
                condition=Q(part_time_percent__isnull=True)
                | Q(part_time_percent__gte=1, part_time_percent__lte=100),
                name="work_period_part_time_1_to_100",
            ),
        ]

    def __str__(self):
        return f"{self.unit} {self.start:%d.%m.%Y}–{self.end:%d.%m.%Y}"

    def clean(self):
        work_period_errors(self).raise_if_any()


class Interruption(models.Model):
    """A dated break in a work period. An apprenticeship is suspended during a layoff.

    An interruption without an end is still going on (eHOKS: a keskeytymisajanjakso without
    `loppu`); partnerships/selectors/feedback_risk.py reads what it means for the national feedback."""

    work_period = models.ForeignKey(
        WorkPeriod, verbose_name=_("work period"), on_delete=models.CASCADE, related_name="interruptions"
    )
    start = models.DateField(_("start"))
    end = models.DateField(
        _("end"), null=True, blank=True, help_text=_("Leave empty while the interruption continues.")
    )
    reason = models.CharField(_("reason"), max_length=20, choices=InterruptionReason.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    communicated = models.CharField(
        _("how it was communicated"),
        max_length=500,
        blank=True,
        help_text=_("Who was told, and how (checkpoint 5)."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["start"]
        verbose_name = _("interruption")
        verbose_name_plural = _("interruptions")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="interruption_end_not_before_start",
            )
        ]

    def __str__(self):
        if self.end is None:
            return _("%(reason)s from %(start)s, continues") % {
                "reason": self.get_reason_display(),
                "start": f"{self.start:%d.%m.%Y}",
            }
        return f"{self.get_reason_display()} {self.start:%d.%m.%Y}–{self.end:%d.%m.%Y}"

    def clean(self):
        interruption_errors(self).raise_if_any()


class AgreementItem(models.Model):
    """One checkpoint item of an agreement: done (by whom, when) or not applicable (why)."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="items"
    )
    kind = models.CharField(_("item"), max_length=20, choices=ItemKind.choices)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    not_applicable_reason = models.CharField(_("not applicable because"), max_length=500, blank=True)
    participants = models.JSONField(_("participants"), default=list, blank=True)
    note = models.CharField(_("note"), max_length=1000, blank=True)

    class Meta:
        ordering = ["agreement", "kind"]
        verbose_name = _("checkpoint item")
        verbose_name_plural = _("checkpoint items")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "kind"], name="one_item_of_a_kind_per_agreement"),
            models.CheckConstraint(
                condition=Q(done_on__isnull=False) | ~Q(not_applicable_reason=""),
                name="item_done_or_not_applicable",
            ),
        ]

    def __str__(self):
        return self.get_kind_display()

    def clean(self):
        item_errors(self.done_on).raise_if_any()

    @property
    def checkpoint_number(self) -> int:
        return ITEM_CHECKPOINT[self.kind]

"""Skills demonstrations (näytöt). A demonstration belongs to the student and a qualification
unit, not to the work period (domain.md: "osaamisen osoittaminen ei kuulu
työpaikkajaksoon"); it often takes place at the workplace of an agreement.

Two assessors named by the provider: a teacher and a working-life representative, or two
teachers only for a special reason, which is recorded (531/2017, chapter 8). An assessor must
not be disqualified (Administrative Procedure Act 434/2003, 27–29 §), e.g. a relative of the
student. The grade is decided and recorded in the student information system, never here.
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..choices import (
    DemonstrationStatus,
)
from ..rules import demonstration_errors
from .agreements import Agreement
from .employers import ContactPerson, Workplace
from .students import QualificationUnit, Student


class Demonstration(models.Model):
    student = models.ForeignKey(
        Student, verbose_name=_("student"), on_delete=models.PROTECT, related_name="demonstrations"
    )
    unit = models.ForeignKey(
        QualificationUnit, verbose_name=_("qualification unit"), on_delete=models.PROTECT, related_name="+"
    )
    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="demonstrations",
    )
    workplace = models.ForeignKey(
        Workplace,
        verbose_name=_("workplace"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="demonstrations",
    )
    date = models.DateField(_("date"), null=True, blank=True)
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(15), MaxValueValidator(12 * 60)],
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    teacher_assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("teacher assessor"),
        on_delete=models.PROTECT,
        related_name="assessed_demonstrations",
    )
    worklife_assessor = models.ForeignKey(
        ContactPerson,
        verbose_name=_("working-life assessor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assessed_demonstrations",
    )
    second_teacher_assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("second teacher assessor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="second_assessed_demonstrations",
    )
    two_teachers_reason = models.TextField(
        _("special reason for two teacher assessors"), blank=True, max_length=2000
    )
    worklife_assessor_inducted_on = models.DateField(
        _("working-life assessor inducted on"), null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=DemonstrationStatus.choices, default=DemonstrationStatus.PLANNED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("skills demonstration")
        verbose_name_plural = _("skills demonstrations")

    def __str__(self):
        return f"{self.student}: {self.unit}"

    def get_absolute_url(self):
        return reverse("partnerships:demonstration_edit", args=[self.pk])

    def clean(self):
        demonstration_errors(self).raise_if_any()

    def span(self) -> tuple[datetime.datetime, datetime.datetime] | None:
        """When it takes place, as naive local datetimes; a demonstration without a start
        time takes the whole day. None when it has no date yet."""
        if not self.date:
            return None
        if self.start_time is None:
            start = datetime.datetime.combine(self.date, datetime.time.min)
            return start, start + datetime.timedelta(days=1)
        start = datetime.datetime.combine(self.date, self.start_time)
        return start, start + datetime.timedelta(minutes=self.duration_minutes or 60)


class StudentRelation(models.Model):
    """A person marked as related to the student (e.g. a parent at the workplace): disqualified
    as the student's assessor (Administrative Procedure Act 434/2003, 28 §)."""

    student = models.ForeignKey(
        Student, verbose_name=_("student"), on_delete=models.CASCADE, related_name="relations"
    )
    person = models.ForeignKey(
        ContactPerson, verbose_name=_("contact person"), null=True, blank=True, on_delete=models.CASCADE
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
    )
    note = models.CharField(_("relation"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("relation to the student")
        verbose_name_plural = _("relations to the student")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | models.Q(staff__isnull=False),
                name="relation_names_a_person",
            )
        ]

    def __str__(self):
        return f"{self.student} – {self.person or self.staff}"

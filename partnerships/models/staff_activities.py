"""Staff in working life (the workbook, developing partnership): a member of staff's
working-life period (työelämäjakso), a working-life forum they took part in, or a joint
development or training day with working life.

Each record is one staff member's: they record their own, coordinators record and read
everyone's. The unit is kept as it was when the activity happened, so a later move to another
unit does not rewrite last year's summary."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import Unit

from .employers import Employer

# A working-life period longer than this is not one period but several (or a typing error).
MAX_ACTIVITY_DAYS = 366


class StaffActivityKind(models.TextChoices):
    WORK_PERIOD = "work_period", _("working-life period")
    FORUM = "forum", _("working-life forum")
    DEVELOPMENT_DAY = "development_day", _("joint development or training day")


class StaffActivityQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A member of staff sees their own; coordinators see everyone's."""
        if user.is_coordinator:
            return self
        return self.filter(staff_member=user.pk)


class StaffActivity(models.Model):
    staff_member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.CASCADE,
        related_name="working_life_activities",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff_activities",
        help_text=_("The staff member's unit at the time; their current unit when left empty."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=StaffActivityKind.choices)
    title = models.CharField(
        _("title"), max_length=200, help_text=_("E.g. “Two weeks in heat pump installation”.")
    )
    employer = models.ForeignKey(
        Employer,
        verbose_name=_("employer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff_activities",
        help_text=_("Where the period was, or the employer that hosted or took part."),
    )
    organisation_name = models.CharField(
        _("other organisation"),
        max_length=200,
        blank=True,
        help_text=_("When not with an employer: a forum's organiser, a network…"),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    notes = models.TextField(
        _("what was learnt or agreed"),
        max_length=4000,
        blank=True,
        help_text=_("What the staff member brought back: competence, contacts, changes in teaching."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = StaffActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("staff working-life activity")
        verbose_name_plural = _("staff working-life activities")
        indexes = [models.Index(fields=["starts_on"], name="staff_activity_starts_on")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="staff_activity_dates"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("partnerships:staff_activity_detail", args=[self.pk])

    @property
    def days(self) -> int:
        """Calendar days from the first to the last, both included."""
        return (self.ends_on - self.starts_on).days + 1

    @property
    def with_whom(self) -> str:
        return self.employer.name if self.employer_id else self.organisation_name

    def clean(self):
        errors = {}
        if not self.employer_id and not self.organisation_name.strip():
            errors["employer"] = _("Name the employer, or the other organisation it was with.")
        if self.starts_on and self.ends_on:
            if self.ends_on < self.starts_on:
                errors["ends_on"] = _("The end cannot be before the start.")
            elif self.days > MAX_ACTIVITY_DAYS:
                errors["ends_on"] = _("One record covers at most a year: record a longer period in parts.")
            elif self.kind != StaffActivityKind.WORK_PERIOD and self.days > 3:
                errors["ends_on"] = _("A forum or a development day lasts at most three days.")
        if self.starts_on and self.starts_on > timezone.localdate() + datetime.timedelta(days=365):
            errors["starts_on"] = _("The start is more than a year ahead.")
        if errors:
            raise ValidationError(errors)

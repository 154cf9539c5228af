"""An employer's partnership level as people record it, with the whole history kept."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from checkpoints.models import PartnershipLevel

from .employers import Employer


class LevelRecordQuerySet(models.QuerySet):
    def current(self, today: datetime.date | None = None):
        """The records that count: not withdrawn, and not dated after today (a future date is
        refused when recording; this keeps any older such row from overriding today's)."""
        return self.filter(withdrawn_at__isnull=True, date__lte=today or timezone.localdate())


class LevelRecord(models.Model):
    """One assessment of an employer's level. The latest current record is the employer's
    level; a wrong one is corrected or withdrawn with a reason (kept in the history), never
    deleted."""

    employer = models.ForeignKey(
        Employer, verbose_name=_("employer"), on_delete=models.CASCADE, related_name="level_records"
    )
    level = models.ForeignKey(
        PartnershipLevel,
        verbose_name=_("level"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"cross_cutting": False},
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    rationale = models.TextField(_("rationale"), max_length=4000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
    )

    objects = LevelRecordQuerySet.as_manager()

    # The audit trail: who changed what, with the values before and after (issue 7).
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = _("partnership level record")
        verbose_name_plural = _("partnership level records")

    def __str__(self):
        return f"{self.employer}: {self.level} ({self.date:%d.%m.%Y})"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def is_current(self) -> bool:
        """What LevelRecordQuerySet.current() selects, for a record already fetched."""
        return not self.is_withdrawn and self.date <= timezone.localdate()

    def clean(self):
        if self.date and self.date > timezone.localdate():
            raise ValidationError({"date": _("A level cannot be dated in the future.")})

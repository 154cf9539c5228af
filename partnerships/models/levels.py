"""An employer's partnership level as people record it, with the whole history kept."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from checkpoints.models import PartnershipLevel

from .employers import Employer


class LevelRecord(models.Model):
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

    # The audit trail: who changed what, with the values before and after (issue 7).
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = _("partnership level record")
        verbose_name_plural = _("partnership level records")

    def __str__(self):
        return f"{self.employer}: {self.level} ({self.date:%d.%m.%Y})"

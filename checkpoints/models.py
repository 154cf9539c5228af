"""The quality framework of the workbook: the eight critical checkpoints (kriittiset pisteet)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.i18n import localized


class Checkpoint(models.Model):
    """One of the eight nationally defined critical checkpoints of the service process.

    Source: Parasta Palvelua workbook, part 1 ("Mitkä ovat työelämän ja
    oppilaitosyhteistyön kriittiset pisteet?"); loaded by a data migration.
    """

    number = models.PositiveSmallIntegerField(
        _("number"), unique=True, validators=[MinValueValidator(1), MaxValueValidator(8)]
    )
    name_fi = models.CharField(_("name (Finnish)"), max_length=100)
    name_sv = models.CharField(_("name (Swedish)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    topics_fi = models.CharField(_("topics (Finnish)"), max_length=300)
    topics_sv = models.CharField(_("topics (Swedish)"), max_length=300)
    topics_en = models.CharField(_("topics (English)"), max_length=300)

    class Meta:
        ordering = ["number"]
        verbose_name = _("critical checkpoint")
        verbose_name_plural = _("critical checkpoints")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=8), name="checkpoint_number_1_to_8"
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.name}"

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def topics(self) -> str:
        return localized(self, "topics")

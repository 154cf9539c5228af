"""Workplace instructors' inductions and trainings (työpaikkaohjaajan perehdytys ja koulutus).

531/2017 ch. 7 and checkpoint 4 of the workbook: the provider makes sure the responsible
workplace instructor is inducted before the student starts, and offers training (e.g. the
national ohjaan.fi online course). An induction given for one agreement is one record, shared
by the instructor's page and the agreement's checkpoint 4 item.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..rules import instructor_training_errors
from .employers import ContactPerson


class TrainingKind(models.TextChoices):
    INDUCTION = "induction", _("Induction")
    TRAINING = "training", _("Instructor training")


class TrainingForm(models.TextChoices):
    OHJAAN_FI = "ohjaan_fi", _("ohjaan.fi online course")
    COURSE = "course", _("Course")
    ONE_TO_ONE = "one_to_one", _("One-to-one")


class InstructorTraining(models.Model):
    person = models.ForeignKey(
        ContactPerson,
        verbose_name=_("workplace instructor"),
        on_delete=models.CASCADE,
        related_name="trainings",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=TrainingKind.choices)
    form = models.CharField(_("form"), max_length=20, choices=TrainingForm.choices)
    date = models.DateField(_("date"))
    agreement = models.ForeignKey(
        "partnerships.Agreement",  # by name: agreements.py imports this module
        verbose_name=_("for the agreement"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="inductions",
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("instructor induction or training")
        verbose_name_plural = _("instructor inductions and trainings")
        constraints = [
            # One induction per agreement: the checkpoint 4 item and this record are one fact.
            models.UniqueConstraint(
                fields=["agreement"],
                condition=models.Q(kind="induction", agreement__isnull=False),
                name="one_induction_per_agreement",
            ),
            models.CheckConstraint(
                condition=models.Q(agreement__isnull=True) | models.Q(kind="induction"),
                name="only_an_induction_belongs_to_an_agreement",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%d.%m.%Y}"

    def clean(self):
        instructor_training_errors(self).raise_if_any()

"""The quality framework of the workbook: the eight critical checkpoints (kriittiset pisteet)."""

import calendar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.i18n import localized


class CheckpointQuerySet(models.QuerySet):
    def promises(self) -> dict[int, str]:
        """Each checkpoint's service promise in the active language, by number (one query):
        what the pages that name a checkpoint show beside it; unwritten ones are left out."""
        return {c.number: c.service_promise for c in self if c.service_promise}


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
    # The workbook's part 2 defines a promise per checkpoint; each institution writes its own.
    service_promise_fi = models.TextField(_("service promise (Finnish)"), blank=True)
    service_promise_sv = models.TextField(_("service promise (Swedish)"), blank=True)
    service_promise_en = models.TextField(_("service promise (English)"), blank=True)

    objects = CheckpointQuerySet.as_manager()

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

    @property
    def service_promise(self) -> str:
        return localized(self, "service_promise")


class ServicePromise(models.Model):
    """The service promise of reciprocal partnership (one row, key "reciprocal")."""

    key = models.SlugField(_("key"), unique=True)
    text_fi = models.TextField(_("text (Finnish)"))
    text_sv = models.TextField(_("text (Swedish)"))
    text_en = models.TextField(_("text (English)"))

    class Meta:
        verbose_name = _("service promise")
        verbose_name_plural = _("service promises")

    def __str__(self):
        return self.text

    @property
    def text(self) -> str:
        return localized(self, "text")


class PartnershipLevel(models.Model):
    """A level of partnership (minimum, everyday, developing, strategic), or the cross-cutting
    practice of continuous monitoring and analysis, as the workbook describes them."""

    key = models.SlugField(_("key"), unique=True)
    order = models.PositiveSmallIntegerField(_("order"))
    cross_cutting = models.BooleanField(
        _("cross-cutting practice"),
        default=False,
        help_text=_("Runs through every level; not a level itself."),
    )
    contact_interval_days = models.PositiveSmallIntegerField(
        _("contact interval (days)"),
        null=True,
        blank=True,
        help_text=_("An employer at this level needs contact at least this often."),
    )
    name_fi = models.CharField(_("name (Finnish)"), max_length=100)
    name_sv = models.CharField(_("name (Swedish)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    description_fi = models.TextField(_("description (Finnish)"))
    description_sv = models.TextField(_("description (Swedish)"))
    description_en = models.TextField(_("description (English)"))

    class Meta:
        ordering = ["order"]
        verbose_name = _("partnership level")
        verbose_name_plural = _("partnership levels")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def description(self) -> str:
        return localized(self, "description")


class LevelTool(models.Model):
    """A solution model or tool for a level ("Ratkaisumalleja ja työkaluja")."""

    level = models.ForeignKey(
        PartnershipLevel, verbose_name=_("level"), on_delete=models.CASCADE, related_name="tools"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    text_fi = models.CharField(_("text (Finnish)"), max_length=300)
    text_sv = models.CharField(_("text (Swedish)"), max_length=300)
    text_en = models.CharField(_("text (English)"), max_length=300)
    url = models.URLField(_("link"), blank=True)

    class Meta:
        ordering = ["level", "order"]
        verbose_name = _("solution model or tool")
        verbose_name_plural = _("solution models and tools")

    def __str__(self):
        return self.text

    @property
    def text(self) -> str:
        return localized(self, "text")


class LevelQuestion(models.Model):
    """A self-assessment question of a level ("Kysymyksiä, joilla voit määritellä kumppanuutta")."""

    level = models.ForeignKey(
        PartnershipLevel, verbose_name=_("level"), on_delete=models.CASCADE, related_name="questions"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text_fi = models.CharField(_("text (Finnish)"), max_length=300)
    text_sv = models.CharField(_("text (Swedish)"), max_length=300)
    text_en = models.CharField(_("text (English)"), max_length=300)

    class Meta:
        ordering = ["level", "number"]
        verbose_name = _("self-assessment question")
        verbose_name_plural = _("self-assessment questions")
        constraints = [
            models.UniqueConstraint(fields=["level", "number"], name="one_question_number_per_level")
        ]

    def __str__(self):
        return self.text

    @property
    def text(self) -> str:
        return localized(self, "text")


class SelfAssessment(models.Model):
    """The workbook's self-assessment for one year, for the whole institution or one unit."""

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2017), MaxValueValidator(2100)]
    )
    unit = models.ForeignKey(
        "core.Unit", verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cherished = models.TextField(_("which partnerships we cherish"), blank=True, max_length=6000)
    to_develop = models.TextField(_("where there is most to develop"), blank=True, max_length=6000)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-year", "unit__name"]
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        constraints = [
            models.UniqueConstraint(fields=["year", "unit"], name="one_self_assessment_per_year_and_unit"),
            models.UniqueConstraint(
                fields=["year"],
                condition=models.Q(unit__isnull=True),
                name="one_institution_self_assessment_per_year",
            ),
        ]

    def __str__(self):
        return f"{self.year} {self.unit or ''}".strip()

    def previous(self) -> "SelfAssessment | None":
        return SelfAssessment.objects.filter(year=self.year - 1, unit=self.unit).first()


class SelfAssessmentAnswer(models.Model):
    assessment = models.ForeignKey(
        SelfAssessment, verbose_name=_("self-assessment"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        LevelQuestion, verbose_name=_("question"), on_delete=models.PROTECT, related_name="answers"
    )
    text = models.TextField(_("answer"), blank=True, max_length=4000)
    rating = models.PositiveSmallIntegerField(
        _("rating (1–5)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        verbose_name = _("self-assessment answer")
        verbose_name_plural = _("self-assessment answers")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "question"], name="one_answer_per_question_a_year")
        ]

    def __str__(self):
        return f"{self.assessment}: {self.question}"


class ActivityKind(models.TextChoices):
    NATIONAL_SURVEY = "national_survey", _("National workplace survey (työpaikkakysely)")
    EVENT = "event", _("Event")
    INSTRUCTOR_TRAINING = "instructor_training", _("Instructor training")
    FEEDBACK_ANALYSIS = "feedback_analysis", _("Feedback analysis")
    THANKS = "thanks", _("Thanking partners")
    SELF_ASSESSMENT = "self_assessment", _("Self-assessment")
    OTHER = "other", _("Other")


class AnnualActivity(models.Model):
    """A recurring activity of the annual plan (vuosikello), the same dates every year."""

    kind = models.CharField(_("kind"), max_length=30, choices=ActivityKind.choices)
    title = models.CharField(_("name"), max_length=200, blank=True)
    start_month = models.PositiveSmallIntegerField(
        _("start month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    start_day = models.PositiveSmallIntegerField(
        _("start day"), validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    end_month = models.PositiveSmallIntegerField(
        _("end month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    end_day = models.PositiveSmallIntegerField(
        _("end day"), validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    description = models.TextField(_("description"), blank=True, max_length=2000)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who is responsible"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # What was typed before the staff picker, kept where no staff member's name matched it
    # (migration 0010); cleared once someone is picked.
    responsible_text = models.CharField(_("responsible, as written earlier"), max_length=200, blank=True)

    class Meta:
        ordering = ["start_month", "start_day", "pk"]
        verbose_name = _("annual plan activity")
        verbose_name_plural = _("annual plan activities")

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return self.title or str(self.get_kind_display())

    def clean(self):
        for month, day, field in (
            (self.start_month, self.start_day, "start_day"),
            (self.end_month, self.end_day, "end_day"),
        ):
            # A month out of range is the field validators' error; 2024, a leap year, allows 29.2.
            if month in range(1, 13) and day and day > calendar.monthrange(2024, month)[1]:
                raise ValidationError({field: _("That month has no such day.")})

"""Students and the qualifications they study. No personal identity code (domain.md)."""

from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.i18n import localized
from core.models import Language, StudentGroup

from ..validators import validate_learner_oid


class Qualification(models.Model):
    """A vocational qualification a student studies (the agreements issue adds its units)."""

    name_fi = models.CharField(_("name (Finnish)"), max_length=200, unique=True)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")


class StudentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Need to know: coordinators see every student; teachers the students of the groups
        they teach and those on agreements they are responsible for."""
        if not user.is_authenticated:
            return self.none()
        if user.is_coordinator:
            return self
        if not user.is_teacher:
            return self.none()
        return self.filter(Q(group__teachers=user) | Q(agreements__responsible_teacher=user)).distinct()

    def not_erased(self):
        return self.filter(erased_at__isnull=True)


class ErasureReport(models.Model):
    """On the history record of an erasure: what it changed in free text (models, fields,
    counts) and the records a coordinator should check, without any personal data."""

    erasure_report = models.JSONField(_("erasure report"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True


class Student(models.Model):
    """A student. Identified by the student number and the learner OID, never a henkilötunnus."""

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    student_number = models.CharField(
        _("student number"),
        max_length=30,
        unique=True,
        error_messages={"unique": _("Another student already has this student number.")},
    )
    learner_oid = models.CharField(
        _("learner number (oppijanumero)"),
        max_length=30,
        blank=True,
        validators=[validate_learner_oid],
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    qualification = models.ForeignKey(
        Qualification,
        verbose_name=_("qualification"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="students",
    )
    group = models.ForeignKey(
        StudentGroup,
        verbose_name=_("group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="students",
    )
    language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.FINNISH
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Set when the personal data was erased (GDPR art. 17, or the retention period ended);
    # the row stays, anonymised, so agreements and statistics keep counting it.
    erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True, editable=False)

    objects = StudentQuerySet.as_manager()

    # The audit trail: who changed what, with the values before and after (issue 7).
    history = HistoricalRecords(excluded_fields=["updated_at"], bases=[ErasureReport])

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("student")
        verbose_name_plural = _("students")

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("partnerships:student_detail", args=[self.pk])

    @property
    def full_name(self) -> str:
        if self.erased_at:
            # Stored names are blank after erasure: the placeholder follows the reader's language.
            return str(ERASED_NAME)
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None


ERASED_NAME = _("Erased student")


national_unit_code = RegexValidator(
    r"^tutkinnonosat_\d+$",
    _("A national unit code looks like tutkinnonosat_123456. Leave it blank if you do not know it."),
)


class QualificationUnit(models.Model):
    """A unit (tutkinnon osa) of a qualification, as named in its qualification requirements.

    The national ePerusteet code is left blank unless it is known: codes are never invented.
    Coordinators may add local units, which are marked as such.
    """

    qualification = models.ForeignKey(
        Qualification, verbose_name=_("qualification"), on_delete=models.CASCADE, related_name="units"
    )
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    extent = models.PositiveSmallIntegerField(
        _("extent (competence points)"), null=True, blank=True, validators=[MaxValueValidator(250)]
    )
    national_code = models.CharField(
        _("national unit code"), max_length=40, blank=True, validators=[national_unit_code]
    )
    is_local = models.BooleanField(_("local unit"), default=False)

    class Meta:
        ordering = ["qualification", "name_fi"]
        verbose_name = _("qualification unit")
        verbose_name_plural = _("qualification units")
        constraints = [
            models.UniqueConstraint(
                fields=["qualification", "name_fi"], name="unique_unit_name_per_qualification"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")

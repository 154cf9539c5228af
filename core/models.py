"""What every app shares: the institution, its units and student groups, and the staff."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    FINNISH = "fi", _("Finnish")
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")


class Role:
    """Names of the auth groups that give staff their role (created by a data migration)."""

    TEACHER = "Teacher"
    COORDINATOR = "Coordinator"


class Institution(models.Model):
    """The education provider (koulutuksen järjestäjä) running this portal: one row."""

    name = models.CharField(_("name"), max_length=200)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")

    def __str__(self):
        return self.name

    @classmethod
    def current(cls) -> "Institution":
        """The provider this installation serves; an unsaved default before set-up."""
        return cls.objects.order_by("pk").first() or cls(name="Kumppani")


class Unit(models.Model):
    """A campus or field of the institution; staff and student groups belong to one."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    code = models.CharField(_("code"), max_length=20, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self):
        return self.name


class User(AbstractUser):
    """A member of staff. Employers and students have no accounts (domain.md)."""

    language = models.CharField(_("preferred language"), max_length=2, choices=Language.choices, blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff",
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta(AbstractUser.Meta):
        ordering = ["first_name", "last_name", "username"]
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")

    def __str__(self):
        return self.get_full_name() or self.username

    @cached_property
    def role_names(self) -> frozenset[str]:
        return frozenset(self.groups.values_list("name", flat=True))

    @property
    def is_coordinator(self) -> bool:
        return self.is_active and (self.is_superuser or Role.COORDINATOR in self.role_names)

    @property
    def is_teacher(self) -> bool:
        return self.is_active and (Role.TEACHER in self.role_names or self.is_coordinator)


class StudentGroup(models.Model):
    """A group of students (e.g. SÄH24A) in a unit, with the teachers who teach it."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="student_groups"
    )
    teachers = models.ManyToManyField(
        User, verbose_name=_("teachers"), blank=True, related_name="taught_groups"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("student group")
        verbose_name_plural = _("student groups")

    def __str__(self):
        return self.name

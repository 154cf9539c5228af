"""Future competence needs (tulevaisuuden osaamistarpeet), defined with working life.

What an employer (or another organisation) says it will need people to know, by sector and
qualification, with a time horizon and where the institution heard it: a logged contact, a
forum, a survey. The coordinator reads them summed up by sector; a need may start, or be
linked to, co-development initiatives that answer it (the workbook, level 4)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .contacts import Contact
from .employers import Employer, Sector
from .initiatives import Initiative
from .network import NetworkOrganisation
from .students import Qualification


class Horizon(models.TextChoices):
    """When the need is expected, counted from when it was recorded."""

    WITHIN_YEAR = "year", _("within a year")
    ONE_TO_THREE = "1-3", _("in 1–3 years")
    OVER_THREE = "3+", _("in over 3 years")


class NeedSource(models.TextChoices):
    CONTACT = "contact", _("a contact with the employer")
    FORUM = "forum", _("a working-life forum or meeting")
    SURVEY = "survey", _("a survey")
    OTHER = "other", _("other")


class CompetenceNeed(models.Model):
    title = models.CharField(
        _("need"), max_length=200, help_text=_("In a few words, e.g. “heat pump installation”.")
    )
    description = models.TextField(
        _("description"),
        max_length=4000,
        help_text=_(
            "What will be needed, by whom, and why: in the working-life partner's words where possible."
        ),
    )
    # The need comes from an employer, an organisation of the strategic network, or (as text)
    # another organisation that is neither.
    employer = models.ForeignKey(
        Employer,
        verbose_name=_("employer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="competence_needs",
    )
    organisation = models.ForeignKey(
        NetworkOrganisation,
        verbose_name=_("network organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="competence_needs",
        help_text=_("When the need comes from an organisation of the strategic network."),
    )
    organisation_name = models.CharField(
        _("other source organisation"),
        max_length=200,
        blank=True,
        help_text=_(
            "When the need comes from an organisation that is neither an employer nor in the "
            "strategic network."
        ),
    )
    sector = models.CharField(_("sector"), max_length=1, choices=Sector.choices)
    qualification = models.ForeignKey(
        Qualification,
        verbose_name=_("qualification"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="competence_needs",
    )
    horizon = models.CharField(_("time horizon"), max_length=4, choices=Horizon.choices)
    source = models.CharField(_("source"), max_length=8, choices=NeedSource.choices)
    contact = models.ForeignKey(
        Contact,
        verbose_name=_("contact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="competence_needs",
        help_text=_("The logged contact where the need came up."),
    )
    recorded_on = models.DateField(_("recorded on"), default=timezone.localdate)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    initiatives = models.ManyToManyField(
        Initiative,
        verbose_name=_("co-development initiatives"),
        related_name="competence_needs",
        blank=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[initiatives], excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-recorded_on", "-pk"]
        verbose_name = _("competence need")
        verbose_name_plural = _("competence needs")
        indexes = [models.Index(fields=["sector", "horizon"], name="competence_need_sector_horizon")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("partnerships:competence_need_detail", args=[self.pk])

    @property
    def source_organisation(self) -> str:
        if self.employer_id:
            return self.employer.name
        if self.organisation_id:
            return self.organisation.name
        return self.organisation_name

    def clean(self):
        errors = {}
        if not self.employer_id and not self.organisation_id and not self.organisation_name.strip():
            errors["employer"] = _(
                "Name the employer, the network organisation or the other organisation the need comes from."
            )
        if self.contact_id:
            if self.source != NeedSource.CONTACT:
                errors["contact"] = _("A logged contact can be linked only when the source is a contact.")
            elif self.employer_id and self.contact.employer_id != self.employer_id:
                errors["contact"] = _("The contact was logged with another employer.")
        if self.recorded_on and self.recorded_on > timezone.localdate():
            errors["recorded_on"] = _("The date cannot be in the future.")
        if errors:
            raise ValidationError(errors)

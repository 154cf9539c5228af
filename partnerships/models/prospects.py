"""Planned acquisition of new partners (suunnitelmallinen uusasiakashankinta): organisations
the institution means to win as employers, before they are employers."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..validators import validate_business_id
from .employers import Employer, Sector


class ProspectStage(models.TextChoices):
    IDENTIFIED = "identified", _("identified")
    CONTACTED = "contacted", _("contacted")
    MEETING = "meeting", _("meeting agreed")
    FIRST_AGREEMENT = "first_agreement", _("first agreement")
    DROPPED = "dropped", _("dropped")


# The pipeline in order, as the dashboard and the list show it.
PIPELINE = [
    ProspectStage.IDENTIFIED,
    ProspectStage.CONTACTED,
    ProspectStage.MEETING,
    ProspectStage.FIRST_AGREEMENT,
    ProspectStage.DROPPED,
]


class ProspectQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(stage__in=[ProspectStage.DROPPED, ProspectStage.FIRST_AGREEMENT])

    def owned_by(self, user):
        return self.filter(owner=user)


class Prospect(models.Model):
    name = models.CharField(_("name"), max_length=200)
    business_id = models.CharField(
        _("business ID (Y-tunnus)"), max_length=9, blank=True, validators=[validate_business_id]
    )
    sector = models.CharField(_("sector"), max_length=1, choices=Sector.choices, blank=True)
    municipality = models.CharField(_("municipality"), max_length=100)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact person's e-mail"), blank=True)
    contact_phone = models.CharField(_("contact person's phone"), max_length=40, blank=True)
    notes = models.TextField(_("notes"), max_length=5000, blank=True)
    stage = models.CharField(
        _("stage"), max_length=20, choices=ProspectStage.choices, default=ProspectStage.IDENTIFIED
    )
    dropped_reason = models.CharField(_("reason for dropping"), max_length=500, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="prospects",
    )
    employer = models.ForeignKey(
        Employer,
        verbose_name=_("employer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="prospects",
        help_text=_("The employer this prospect became."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProspectQuerySet.as_manager()

    # Every stage change, with who made it and when.
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("prospect")
        verbose_name_plural = _("prospects")
        indexes = [models.Index(fields=["stage", "name"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partnerships:prospect_detail", args=[self.pk])

    def clean(self):
        if self.stage == ProspectStage.DROPPED and not self.dropped_reason.strip():
            raise ValidationError({"dropped_reason": _("Say why the prospect was dropped.")})
        if self.stage != ProspectStage.DROPPED:
            self.dropped_reason = ""
        if self.contact_name.strip() and len(self.contact_name.split()) < 2:
            raise ValidationError({"contact_name": _("Give the contact person's first and last name.")})

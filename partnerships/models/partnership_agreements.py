"""Partnership agreements (kumppanuussopimukset): the written agreement with an employer, or
with a network of employers, that a strategic partnership rests on (the workbook, level 4)."""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Case, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .employers import Employer


def document_path(instance, filename: str) -> str:
    """A random name: the file is never found by guessing, only through the download view."""
    return f"partnership-agreements/{uuid.uuid4().hex}.pdf"


class AgreementValidity(models.TextChoices):
    VALID = "valid", _("valid")
    EXPIRING = "expiring", _("expiring soon")
    EXPIRED = "expired", _("expired")


class PartnershipAgreementQuerySet(models.QuerySet):
    def valid_on(self, day: datetime.date):
        """Signed by `day` and not expired: open-ended ones stay valid until ended."""
        return self.filter(signed_on__lte=day).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))

    def expiring(self, *, today: datetime.date | None = None, days: int | None = None):
        """Valid today and ending within `days` (the renewal reminder's lead time by default)."""
        today = today or timezone.localdate()
        days = settings.KUMPPANI_PARTNERSHIP_RENEWAL_DAYS if days is None else days
        return self.valid_on(today).filter(valid_until__lte=today + datetime.timedelta(days=days))

    def expired(self, *, today: datetime.date | None = None):
        return self.filter(valid_until__lt=today or timezone.localdate())

    def with_party_in_sector(self, sector: str):
        """Agreements with at least one party of the sector (the dashboard and the list)."""
        return self.filter(pk__in=self.model.objects.filter(employers__sector=sector).values("pk"))

    def with_validity(self, *, today: datetime.date | None = None, days: int | None = None):
        """Annotate `validity`, one of AgreementValidity, for filtering and showing."""
        today = today or timezone.localdate()
        days = settings.KUMPPANI_PARTNERSHIP_RENEWAL_DAYS if days is None else days
        return self.annotate(
            validity=Case(
                When(valid_until__lt=today, then=Value(AgreementValidity.EXPIRED)),
                When(
                    valid_until__lte=today + datetime.timedelta(days=days),
                    then=Value(AgreementValidity.EXPIRING),
                ),
                default=Value(AgreementValidity.VALID),
                output_field=models.CharField(),
            )
        )


class PartnershipAgreement(models.Model):
    title = models.CharField(_("title"), max_length=200)
    employers = models.ManyToManyField(
        Employer,
        verbose_name=_("parties"),
        related_name="partnership_agreements",
        help_text=_("The employer, or every employer of the network, that signed the agreement."),
    )
    network_name = models.CharField(
        _("network"),
        max_length=200,
        blank=True,
        help_text=_("The network's name, when the agreement is made with a network of employers."),
    )
    scope = models.TextField(
        _("scope"),
        max_length=5000,
        help_text=_("What the parties agree to do together: training places, development, recruiting…"),
    )
    signed_on = models.DateField(_("signed on"))
    valid_until = models.DateField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_("Leave empty if it is valid until further notice."),
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="responsible_partnership_agreements",
    )
    document = models.FileField(_("agreement document"), upload_to=document_path, blank=True, max_length=200)
    document_name = models.CharField(_("file name"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PartnershipAgreementQuerySet.as_manager()

    # The audit trail, the parties included (issue 7).
    history = HistoricalRecords(m2m_fields=[employers], excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-signed_on", "-pk"]
        verbose_name = _("partnership agreement")
        verbose_name_plural = _("partnership agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("signed_on")),
                name="partnership_agreement_valid_after_signing",
            )
        ]
        indexes = [models.Index(fields=["valid_until"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("partnerships:partnership_agreement_detail", args=[self.pk])

    def validity_on(self, today: datetime.date | None = None) -> str:
        """The same rule as `with_validity()`, for one agreement already in memory."""
        today = today or timezone.localdate()
        if self.valid_until is None:
            return AgreementValidity.VALID
        if self.valid_until < today:
            return AgreementValidity.EXPIRED
        if self.valid_until <= today + datetime.timedelta(days=settings.KUMPPANI_PARTNERSHIP_RENEWAL_DAYS):
            return AgreementValidity.EXPIRING
        return AgreementValidity.VALID

    @property
    def validity_label(self) -> str:
        return AgreementValidity(getattr(self, "validity", None) or self.validity_on()).label

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.signed_on and self.valid_until and self.valid_until < self.signed_on:
            raise ValidationError({"valid_until": _("The agreement cannot end before it is signed.")})
        if self.signed_on and self.signed_on > timezone.localdate():
            raise ValidationError({"signed_on": _("The signing date cannot be in the future.")})

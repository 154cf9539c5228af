"""The strategic network (the workbook, level 4): the organisations the institution works with
beyond employers, and the cooperation with them (meetings, joint projects, forums) with who
took part on either side."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class OrganisationKind(models.TextChoices):
    MINISTRY = "ministry", _("ministry or national agency")
    TE_SERVICES = "te_services", _("TE services")
    CHAMBER = "chamber", _("chamber of commerce")
    ELY = "ely", _("ELY centre")
    AMKE = "amke", _("AMKE (vocational education providers' association)")
    EDUCATION_PROVIDER = "education_provider", _("other education provider")
    PROJECT_NETWORK = "project_network", _("project network")
    OTHER = "other", _("other organisation")


class CooperationKind(models.TextChoices):
    MEETING = "meeting", _("meeting")
    JOINT_PROJECT = "joint_project", _("joint project")
    FORUM = "forum", _("forum")
    OTHER = "other", _("other cooperation")


class _Recorded(models.Model):
    """Who recorded it and when, in both of the network's models."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class NetworkOrganisation(_Recorded):
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    description = models.TextField(
        _("description"),
        max_length=3000,
        blank=True,
        help_text=_("What the institution and the organisation do together, and why."),
    )
    website = models.URLField(_("website"), blank=True)
    contact_names = models.TextField(
        _("contact people"),
        max_length=1000,
        blank=True,
        help_text=_("The people on the organisation's side, one a line (name, role, e-mail)."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("network organisation")
        verbose_name_plural = _("network organisations")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partnerships:network_organisation_detail", args=[self.pk])


class NetworkCooperation(_Recorded):
    """One dated piece of cooperation: a meeting, a joint project's milestone, a forum."""

    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=30, choices=CooperationKind.choices)
    title = models.CharField(_("title"), max_length=200)
    notes = models.TextField(_("notes"), max_length=5000, blank=True)
    organisations = models.ManyToManyField(
        NetworkOrganisation,
        verbose_name=_("organisations"),
        related_name="cooperation",
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff taking part"),
        related_name="network_cooperation",
        blank=True,
    )
    contact_names = models.TextField(
        _("taking part from the organisations"),
        max_length=1000,
        blank=True,
        help_text=_("Names of the people on the organisations' side, one a line."),
    )

    # The audit trail, the organisations and staff included.
    history = HistoricalRecords(m2m_fields=[organisations, staff], excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("network cooperation")
        verbose_name_plural = _("network cooperation")
        indexes = [models.Index(fields=["date"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("partnerships:network_cooperation_detail", args=[self.pk])

"""What a partner asks and the account owner decides: a new workplace instructor, or someone
who left. Neither applies before the owner confirms it (issue 24)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.phones import validate_phone


class ChangeKind(models.TextChoices):
    NEW_INSTRUCTOR = "new_instructor", _("new workplace instructor")
    LEFT = "left", _("no longer works here")


class ChangeStatus(models.TextChoices):
    PENDING = "pending", _("waiting for confirmation")
    CONFIRMED = "confirmed", _("confirmed")
    REJECTED = "rejected", _("rejected")


class PartnerChangeQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=ChangeStatus.PENDING)


class PartnerChange(models.Model):
    employer = models.ForeignKey(
        "partnerships.Employer", verbose_name=_("employer"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("change"), max_length=20, choices=ChangeKind.choices)
    # LEFT: the person who left. NEW_INSTRUCTOR: the person created on confirmation.
    person = models.ForeignKey(
        "partnerships.ContactPerson",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    workplace = models.ForeignKey(
        "partnerships.Workplace",
        verbose_name=_("workplace"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    title = models.CharField(_("title"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True, validators=[validate_phone])
    requested_by = models.EmailField(_("asked by"))
    requested_at = models.DateTimeField(_("asked"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=ChangeStatus.choices, default=ChangeStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    objects = PartnerChangeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["requested_at"]
        verbose_name = _("change asked by a partner")
        verbose_name_plural = _("changes asked by partners")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="left") | Q(person__isnull=False), name="partner_change_left_names_person"
            ),
            # One pending "left" per person, however often the button is pressed.
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(kind="left", status="pending"),
                name="partner_change_one_pending_left",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.name}"

    @property
    def name(self) -> str:
        if self.kind == ChangeKind.LEFT and self.person_id:
            return self.person.full_name
        return f"{self.first_name} {self.last_name}".strip()

"""Thanks after a completed agreement (checkpoint 8: thanks and appreciation)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .agreements import Agreement


class ThankYouStatus(models.TextChoices):
    DRAFT = "draft", _("Ready for the teacher to send")
    SENT = "sent", _("Sent")
    SKIPPED = "skipped", _("Not sent")


class ThankYou(models.Model):
    agreement = models.OneToOneField(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="thank_you"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ThankYouStatus.choices, default=ThankYouStatus.DRAFT
    )
    personal_note = models.TextField(_("personal note"), blank=True, max_length=2000)
    prepared_at = models.DateTimeField(_("prepared"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-prepared_at"]
        verbose_name = _("thank-you")
        verbose_name_plural = _("thank-yous")

    def __str__(self):
        return str(self.agreement)

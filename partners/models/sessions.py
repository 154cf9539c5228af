"""A partner's sign-in: a single-use link by e-mail, then a session of its own kind.

Neither holds a secret at rest: both store only the SHA-256 of a random token. The link's
token exists in the e-mail (made by the worker at the moment of sending, services/signin.py),
the session's key in the partner's signed cookie (session.py).
"""

import hashlib
import secrets

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class PartnerSignInLink(models.Model):
    """One sign-in link sent to an address; valid for LINK_MINUTES, used at most once."""

    email = models.EmailField(_("e-mail"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        verbose_name = _("partner sign-in link")
        verbose_name_plural = _("partner sign-in links")
        indexes = [models.Index(fields=["expires_at"])]

    def __str__(self):
        return self.email

    def state(self, now=None) -> str:
        """The link's state: "used", "expired" or "valid"."""
        if self.used_at is not None:
            return "used"
        if self.expires_at <= (now or timezone.now()):
            return "expired"
        return "valid"


class PartnerSessionQuerySet(models.QuerySet):
    def current(self, now=None):
        return self.filter(ended_at__isnull=True, expires_at__gt=now or timezone.now())


class PartnerSession(models.Model):
    """A signed-in partner: an e-mail address proved by a link, and the employer chosen among
    those whose people have that address. Lasts SESSION_HOURS from sign-in, never extended."""

    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    email = models.EmailField(_("e-mail"))
    employer = models.ForeignKey(
        "partnerships.Employer",
        verbose_name=_("employer"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(_("signed in"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    ended_at = models.DateTimeField(_("signed out"), null=True, blank=True)

    objects = PartnerSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner session")
        verbose_name_plural = _("partner sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")), name="partner_session_expires_after_start"
            )
        ]

    def __str__(self):
        return self.email

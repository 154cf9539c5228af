"""What every app shares: the institution, its units and student groups, and the staff."""

import hashlib
import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
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
    ALL = (TEACHER, COORDINATOR)


class Institution(models.Model):
    """The education provider (koulutuksen järjestäjä) running this portal: one row."""

    name = models.CharField(_("name"), max_length=200)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    # Branding for the brochures and printouts; changed only through core.branding.branding_update.
    contact_lines = models.TextField(
        _("contact lines"),
        blank=True,
        max_length=600,
        help_text=_("One per line, for example: Apprenticeship office, tel. 040 123 4567."),
    )
    logo = models.FileField(_("logo"), upload_to="branding/", blank=True, editable=False)
    logo_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    thanks_automatic = models.BooleanField(
        _("send thank-yous automatically"),
        default=False,
        help_text=_(
            "Off: after a completed agreement a thank-you is prepared for the teacher to add a personal "
            "line and send. On: it is sent at once."
        ),
    )
    partner_feedback = models.BooleanField(
        _("ask partners for Kumppani's own feedback"),
        default=False,
        help_text=_(
            "Off by default: the national working-life survey already asks workplace instructors. "
            "On: the instructor and the employer's main contact also get Kumppani's short feedback form."
        ),
    )

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")

    def __str__(self):
        return self.name

    def contact_line_list(self) -> list[str]:
        return [line.strip() for line in self.contact_lines.splitlines() if line.strip()]

    def branding_fingerprint(self) -> str:
        """Changes whenever anything printed from the branding changes (brochure cache keys)."""
        parts = [
            self.name,
            self.website,
            self.email,
            self.phone,
            self.street_address,
            self.postal_code,
            self.city,
            self.contact_lines,
            self.logo.name if self.logo else "",
            self.logo_sha256,
        ]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()

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
        """The roles (`Role`) among the user's groups. The signed-in user of a request comes
        with them already read (core.backends.StaffBackend)."""
        return frozenset(self.groups.filter(name__in=Role.ALL).values_list("name", flat=True))

    @property
    def is_coordinator(self) -> bool:
        return self.is_active and (self.is_superuser or Role.COORDINATOR in self.role_names)

    @property
    def is_teacher(self) -> bool:
        return self.is_active and (Role.TEACHER in self.role_names or self.is_coordinator)


def staff_members():
    """The active teachers and coordinators: whom a form offers as a responsible person."""
    return User.objects.filter(is_active=True, groups__name__in=[Role.TEACHER, Role.COORDINATOR]).distinct()


def coordinators_to_notify():
    """The active coordinators with an e-mail address: who is told what needs a coordinator."""
    return User.objects.filter(is_active=True, groups__name=Role.COORDINATOR).exclude(email="").distinct()


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


def new_message_id() -> str:
    """A Message-ID fixed when the message is queued, so every attempt carries the same one and
    a receiving server can drop a repeat (RFC 5322, 3.6.4)."""
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ") or "kumppani.local"
    return f"<{uuid.uuid4().hex}@{domain}>"


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


class OutboxMessageQuerySet(models.QuerySet):
    def visible_to(self, user: "User") -> "OutboxMessageQuerySet":
        """The messages whose status `user` may follow: their own, or any for a coordinator."""
        return self if user.is_coordinator else self.filter(responsible=user)

    def manageable_by(self, user: "User") -> "OutboxMessageQuerySet":
        """The messages `user` may send again or cancel: every one for a coordinator, their
        own failed ones for the person responsible (shown on their home page)."""
        if user.is_coordinator:
            return self
        return self.filter(responsible=user, status=OutboxStatus.FAILED)


class OutboxMessage(models.Model):
    """An e-mail Kumppani has promised to send: written in the same transaction as the change
    that causes it, sent after commit by a worker that claims it with a lease.

    `key` (kind, object, period) is unique, so the same reminder is never queued twice.
    A row is queued either rendered (subject and bodies) or to be rendered on delivery
    (template and context), see core.email.
    """

    key = models.CharField(_("key"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=50)
    to_email = models.EmailField(_("recipient"))
    to_name = models.CharField(_("recipient's name"), max_length=200, blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.FINNISH
    )
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    body_text = models.TextField(_("text"), blank=True)
    body_html = models.TextField(_("HTML"), blank=True)
    # Rendered on delivery: a sweep queues the template's name and plain data; the worker that
    # sends the message renders it, fills the three fields above and clears these two.
    template = models.CharField(_("template"), max_length=100, blank=True)
    context = models.JSONField(_("template data"), null=True, blank=True, encoder=DjangoJSONEncoder)
    status = models.CharField(
        _("status"), max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    lease_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    lease_token = models.CharField(max_length=36, blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=255, default=new_message_id, editable=False)
    last_error = models.TextField(_("last error"), blank=True)
    responsible = models.ForeignKey(
        User,
        verbose_name=_("responsible"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outbox_messages",
        help_text=_("Shown a failed message so they can act on it."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    first_failure_at = models.DateTimeField(_("first failure"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    objects = OutboxMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.kind} → {self.to_email}"


class Lock(models.Model):
    """A named row to serialise a job across workers: `Lock.acquire(name)` inside a
    transaction holds the row lock until the transaction ends (SELECT ... FOR UPDATE; SQLite
    serialises write transactions by itself)."""

    name = models.CharField(max_length=100, primary_key=True)

    class Meta:
        verbose_name = _("lock")
        verbose_name_plural = _("locks")

    def __str__(self):
        return self.name

    @classmethod
    def acquire(cls, name: str) -> None:
        cls.objects.bulk_create([cls(name=name)], ignore_conflicts=True)
        cls.objects.select_for_update().get(name=name)


class Heartbeat(models.Model):
    """When the worker last ran the beat's heartbeat task (core/background.py): one row that
    proves the beat, the broker and a worker all run, read by the banner and /healthz."""

    name = models.CharField(max_length=50, primary_key=True)
    beat_at = models.DateTimeField(_("last heartbeat"))

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self):
        return f"{self.name} {self.beat_at:%Y-%m-%d %H:%M:%S}"

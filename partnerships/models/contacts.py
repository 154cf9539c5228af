"""The contact log: every call, visit, e-mail, meeting or event with an employer."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from checkpoints.models import Checkpoint

from .employers import ContactPerson, Employer, Workplace


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("E-mail")
    VISIT = "visit", _("Visit to the workplace")
    MEETING = "meeting", _("Meeting at the institution")
    ONLINE = "online", _("Online meeting")
    EVENT = "event", _("Event")
    OTHER = "other", _("Other")


class ContactQuerySet(models.QuerySet):
    def open_follow_ups(self):
        return self.filter(follow_up_date__isnull=False, follow_up_done_at__isnull=True)

    def for_timeline(self):
        """The entries of the employer's timeline. Their people and checkpoints are not
        prefetched: the employer's page reads them in two reads of the link tables
        (`selectors.contacts.link_timeline`)."""
        return self.select_related("author", "workplace")


FOLLOW_UP_BEFORE_DATE = _("The follow-up date cannot be before the contact date.")


class Contact(models.Model):
    """One entry of the contact log: a call, visit, e-mail, meeting or event with an employer."""

    employer = models.ForeignKey(
        Employer, verbose_name=_("employer"), on_delete=models.CASCADE, related_name="contacts"
    )
    workplace = models.ForeignKey(
        Workplace,
        verbose_name=_("workplace"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contacts",
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("logged by"),
        on_delete=models.PROTECT,
        related_name="contacts",
    )
    persons = models.ManyToManyField(
        ContactPerson, verbose_name=_("people met"), blank=True, related_name="contacts"
    )
    summary = models.TextField(_("summary"), max_length=4000)
    checkpoints = models.ManyToManyField(
        Checkpoint, verbose_name=_("checkpoints"), blank=True, related_name="contacts"
    )
    follow_up_date = models.DateField(_("follow-up date"), null=True, blank=True)
    follow_up_note = models.CharField(_("follow-up note"), max_length=500, blank=True)
    follow_up_done_at = models.DateTimeField(_("follow-up done"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        indexes = [
            # The employer's timeline: its first page is the first rows of this index, not a
            # sort of every contact of an employer logged with for years (the last contact too).
            models.Index(fields=["employer", "-date", "-created_at"], name="contact_employer_latest"),
            # A teacher's open follow-ups on the home page, soonest first: only the open ones,
            # not every follow-up done in the years before.
            models.Index(
                fields=["author", "follow_up_date"],
                condition=Q(follow_up_date__isnull=False, follow_up_done_at__isnull=True),
                name="contact_open_follow_up",
            ),
            # A teacher's latest contacts on the home page: the first rows of this index,
            # not a sort of the thousands an active teacher logs in a few years.
            models.Index(fields=["author", "-date", "-created_at"], name="contact_author_latest"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(follow_up_date__isnull=True) | Q(follow_up_date__gte=models.F("date")),
                name="contact_follow_up_not_before_date",
                violation_error_message=FOLLOW_UP_BEFORE_DATE,
            )
        ]

    def __str__(self):
        return f"{self.date:%d.%m.%Y} {self.employer}: {self.get_channel_display()}"

    def validate_follow_up(self) -> None:
        """The rule of the constraint `contact_follow_up_not_before_date`, checked in Python:
        Django's own check of a constraint asks the database (a savepoint, a SELECT and a
        release)."""
        if self.follow_up_date is not None and self.date is not None and self.follow_up_date < self.date:
            raise ValidationError(FOLLOW_UP_BEFORE_DATE)

    @property
    def follow_up_open(self) -> bool:
        return self.follow_up_date is not None and self.follow_up_done_at is None

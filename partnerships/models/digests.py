"""When the weekly digests and the daily thank-yous go out: one row the coordinator sets on
the digests page. The beat runs one task every hour (its schedule stays in code); the task
reads this row and runs a sweep only in its slot, at most once per slot."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Weekday(models.IntegerChoices):
    """As Python's date.weekday() counts them: Monday is 0."""

    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class DigestSchedule(models.Model):
    digest_weekday = models.PositiveSmallIntegerField(
        _("weekday of the digests"), choices=Weekday.choices, default=Weekday.MONDAY
    )
    digest_hour = models.PositiveSmallIntegerField(
        _("hour of the digests"),
        default=7,
        validators=[MaxValueValidator(23)],
        help_text=_("Helsinki time, 0–23."),
    )
    thanks_hour = models.PositiveSmallIntegerField(
        _("hour of the thank-yous"),
        default=9,
        validators=[MaxValueValidator(23)],
        help_text=_("Every day at this hour, Helsinki time, 0–23."),
    )
    # The slot (the hour, local time) of the last run, claimed with a conditional UPDATE so that
    # a second beat or a retried task in the same slot does nothing.
    digests_last_slot = models.DateTimeField(_("digests last run"), null=True, blank=True, editable=False)
    thanks_last_slot = models.DateTimeField(_("thank-yous last run"), null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["digests_last_slot", "thanks_last_slot", "updated_at"])

    class Meta:
        verbose_name = _("digest schedule")
        verbose_name_plural = _("digest schedules")
        constraints = [
            models.CheckConstraint(condition=models.Q(digest_hour__lte=23), name="digest_hour_0_23"),
            models.CheckConstraint(condition=models.Q(thanks_hour__lte=23), name="thanks_hour_0_23"),
            models.CheckConstraint(condition=models.Q(digest_weekday__lte=6), name="digest_weekday_0_6"),
        ]

    def __str__(self):
        return str(_("Digest schedule"))

    @classmethod
    def current(cls) -> "DigestSchedule":
        """The one row, created with the defaults (Monday 07:00, thanks at 09:00) on first use."""
        schedule, _created = cls.objects.get_or_create(pk=1)
        return schedule

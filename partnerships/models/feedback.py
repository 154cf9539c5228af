"""Kumppani's own feedback (checkpoint 6): the student's feedback on the workplace after each
work period, and optionally the partners' short feedback. The national working-life survey
(työelämäpalaute) asks instructors itself, so Kumppani does not send them a second copy unless
the institution turns its own partner feedback on.

Each respondent gets an unguessable link that expires 30 days after sending. An answer can be
edited for 14 days after it is first given, and is then locked.
"""

import datetime
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import Language

from .agreements import WorkPeriod
from .employers import ContactPerson
from .students import Student

LINK_DAYS = 30
EDIT_DAYS = 14
REMINDER_AFTER_DAYS = 5
NEGATIVE_AT_MOST = 2  # a score of 2 or less needs a reaction

# The questions map to the critical checkpoints: (key, checkpoint, text).
QUESTIONS = [
    ("planning", 3, _("The work period was planned together beforehand.")),
    ("induction", 4, _("Induction and support during the period worked well.")),
    ("readiness", 2, _("The student's readiness and goals were taken into account.")),
    ("demonstration", 7, _("The skills demonstration was well planned and fair.")),
    ("communication", 5, _("Communication, changes and transitions went smoothly.")),
]
QUESTION_CHECKPOINT = {key: number for key, number, _text in QUESTIONS}
QUESTION_TEXT = {key: text for key, _number, text in QUESTIONS}


class Respondent(models.TextChoices):
    STUDENT = "student", _("Student")
    INSTRUCTOR = "instructor", _("Workplace instructor")
    EMPLOYER = "employer", _("Employer")


def new_token() -> str:
    return secrets.token_urlsafe(32)


class FeedbackRequestQuerySet(models.QuerySet):
    def negative(self):
        return self.filter(
            models.Q(contact_me=True) | models.Q(answers__score__lte=NEGATIVE_AT_MOST)
        ).distinct()

    def needing_reaction(self):
        """Answered negatively and not reacted to yet: on the attention list."""
        return self.negative().filter(reactions__isnull=True)

    def visible_to(self, user):
        """Coordinators read all feedback; a teacher the feedback on agreements they are
        responsible for or at employers they own, and only of students they may see: owning
        an employer grants no access to its students (need to know)."""
        if not user.is_authenticated or not user.is_teacher:
            return self.none()
        if user.is_coordinator:
            return self
        return self.filter(
            models.Q(work_period__agreement__responsible_teacher=user)
            | models.Q(work_period__agreement__workplace__employer__account_owner=user),
            work_period__agreement__student__in=Student.objects.visible_to(user).values("pk"),
        )


class FeedbackRequest(models.Model):
    work_period = models.ForeignKey(
        WorkPeriod, verbose_name=_("work period"), on_delete=models.CASCADE, related_name="feedback_requests"
    )
    respondent = models.CharField(_("respondent"), max_length=20, choices=Respondent.choices)
    student = models.ForeignKey(
        Student, verbose_name=_("student"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    person = models.ForeignKey(
        ContactPerson,
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback_requests",
    )
    email = models.EmailField(_("e-mail"))
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.FINNISH
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    answered_at = models.DateTimeField(_("first answered"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last changed"), null=True, blank=True)
    contact_me = models.BooleanField(_("please contact me"), default=False)
    comment = models.TextField(_("comment"), blank=True, max_length=4000)

    objects = FeedbackRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("feedback request")
        verbose_name_plural = _("feedback requests")
        constraints = [
            models.UniqueConstraint(
                fields=["work_period", "respondent"], name="one_feedback_request_per_period_and_respondent"
            )
        ]

    def __str__(self):
        return f"{self.get_respondent_display()}: {self.work_period}"

    @property
    def expires_at(self) -> datetime.datetime:
        return self.sent_at + datetime.timedelta(days=LINK_DAYS)

    @property
    def locks_at(self) -> datetime.datetime | None:
        return self.answered_at + datetime.timedelta(days=EDIT_DAYS) if self.answered_at else None

    def state(self, now: datetime.datetime | None = None) -> str:
        """open, editable (answered, still changeable), locked, or expired."""
        now = now or timezone.now()
        if self.answered_at:
            return "editable" if now < self.locks_at else "locked"
        return "open" if now < self.expires_at else "expired"


class FeedbackAnswer(models.Model):
    request = models.ForeignKey(
        FeedbackRequest, verbose_name=_("feedback request"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.CharField(_("question"), max_length=30)
    checkpoint = models.PositiveSmallIntegerField(_("checkpoint"))
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    text = models.TextField(_("comment"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("feedback answer")
        verbose_name_plural = _("feedback answers")
        constraints = [
            models.UniqueConstraint(fields=["request", "question"], name="one_answer_per_question"),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=1, score__lte=5),
                name="feedback_score_1_to_5",
            ),
        ]

    def __str__(self):
        return f"{self.question}: {self.score}"

    @property
    def question_text(self) -> str:
        """The question as the respondent read it, in the active language (the key of a
        question no longer asked stands in for its text)."""
        return QUESTION_TEXT.get(self.question, self.question)

    @property
    def is_negative(self) -> bool:
        return self.score is not None and self.score <= NEGATIVE_AT_MOST


class FeedbackReaction(models.Model):
    """What we did about a negative answer (checkpoint 6: react to feedback)."""

    request = models.ForeignKey(
        FeedbackRequest,
        verbose_name=_("feedback request"),
        on_delete=models.CASCADE,
        related_name="reactions",
    )
    text = models.TextField(_("what we did"), max_length=4000)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    note_sent_at = models.DateTimeField(_("“you said, we did” note sent"), null=True, blank=True)
    # The employer's partner page shows only the reactions staff chose to share, as text and
    # date alone (partners/views/feedback.py): nothing of the answer or who gave it.
    shared_with_partner = models.BooleanField(_("shown on the employer's partner page"), default=False)

    # The audit trail: who changed what, with the values before and after (issue 7).
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("reaction to feedback")
        verbose_name_plural = _("reactions to feedback")

    def __str__(self):
        return self.text[:60]


class NationalResult(models.Model):
    """A figure from the national working-life feedback (työelämäpalaute) as the institution
    receives it, recorded by a coordinator so it can be read beside Kumppani's own answers."""

    period = models.CharField(_("reporting period"), max_length=40, help_text=_("For example “2026 H1”."))
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))
    checkpoint = models.PositiveSmallIntegerField(
        _("checkpoint"), validators=[MinValueValidator(1), MaxValueValidator(8)]
    )
    theme = models.CharField(_("question theme"), max_length=200, blank=True)
    average = models.DecimalField(
        _("average"), max_digits=3, decimal_places=2, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    respondents = models.PositiveIntegerField(_("respondents"), null=True, blank=True)
    unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["-period_start", "checkpoint"]
        verbose_name = _("national feedback result")
        verbose_name_plural = _("national feedback results")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="national_result_period_order",
            )
        ]

    def __str__(self):
        return f"{self.period} {self.checkpoint}: {self.average}"

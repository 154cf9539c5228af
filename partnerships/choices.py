"""Choices shared by layers that must not import each other, in a module of their own.

The agreement and demonstration choices: the models and rules.py both import them at module
level, so rules.py does not import the models (which call it from their clean()). The
erasure vocabulary: the forms, the selectors and the services all name it, and none of them
has to import another for it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AgreementType(models.TextChoices):
    TRAINING = "training", _("Training agreement")
    APPRENTICESHIP = "apprenticeship", _("Apprenticeship agreement")


class AgreementStatus(models.TextChoices):
    """Stored status. "Active" and "completed" follow from the dates once signed."""

    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed")
    ENDED_EARLY = "ended_early", _("Ended early")
    CANCELLED = "cancelled", _("Cancelled")


class AgreementPhase(models.TextChoices):
    """What a person sees: the stored status read together with today's date."""

    DRAFT = "draft", _("Draft")
    UPCOMING = "upcoming", _("Signed, not started")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    ENDED_EARLY = "ended_early", _("Ended early")
    CANCELLED = "cancelled", _("Cancelled")


class InterruptionReason(models.TextChoices):
    LAYOFF = "layoff", _("Layoff")
    SICKNESS = "sickness", _("Sickness")
    OTHER = "other", _("Other")


class ItemKind(models.TextChoices):
    """What each agreement records for the critical checkpoints 2–8 (workbook, part 1)."""

    READINESS = "readiness", _("The student's readiness discussed")
    PLANNING = "planning", _("Joint advance planning held")
    INDUCTION = "induction", _("The instructor inducted and support agreed")
    TRANSITIONS = "transitions", _("Changes and interruptions recorded and communicated")
    FEEDBACK_DATA = "feedback_data", _("National feedback data complete in time")
    STUDENT_FEEDBACK = "student_feedback", _("The student's feedback on the workplace received")
    DEMONSTRATION = "demonstration", _("Skills demonstration planned and scheduled")
    THANKS = "thanks", _("Thanks given to the workplace")


ITEM_CHECKPOINT = {
    ItemKind.READINESS: 2,
    ItemKind.PLANNING: 3,
    ItemKind.INDUCTION: 4,
    ItemKind.TRANSITIONS: 5,
    ItemKind.FEEDBACK_DATA: 6,
    ItemKind.STUDENT_FEEDBACK: 6,
    ItemKind.DEMONSTRATION: 7,
    ItemKind.THANKS: 8,
}


class Participant(models.TextChoices):
    STUDENT = "student", _("Student")
    TEACHER = "teacher", _("Teacher")
    EMPLOYER = "employer", _("Employer")
    INSTRUCTOR = "instructor", _("Workplace instructor")


class DemonstrationStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class ErasureReason(models.TextChoices):
    """Why a student's personal data was erased (the form offers the first two)."""

    REQUEST = "request", _("The student asked for the data to be erased")
    NOT_NEEDED = "not_needed", _("The data is no longer needed")
    RETENTION = "retention", _("The retention period has ended")


# Why an erasure left a text for a person to review (services/mentions.py finds them, the
# privacy selectors show them): another person's name, or a common word or place name.
OTHER_PERSON = "other_person"
COMMON_WORD = "common_word"

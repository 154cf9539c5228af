"""What the deadline reminders are about today (the table of when each starts: the sweep,
services/reminders.py). The items come from overdue.py and the feedback risk from
feedback_risk.py, so the sweep and the agreement page report the same things."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Agreement, AgreementItem, ItemKind, WorkPeriod
from .feedback_risk import at_risk
from .overdue import LIVE_STATUSES, with_agreement_dates


@dataclass(frozen=True)
class Due:
    key: str
    kind: str
    label: str  # lazy: rendered in the teacher's own language when the message is built
    teacher_id: int
    agreement_id: int
    work_period_id: int | None
    student: str
    employer: str
    due_on: datetime.date


REMINDER_LABELS = {
    "feedback_data": _("The national feedback data is incomplete, or the period is not entered in eHOKS"),
    ItemKind.INDUCTION: _("The workplace instructor has not been inducted"),
    ItemKind.PLANNING: _("The joint advance planning has not been held"),
    ItemKind.DEMONSTRATION: _("The skills demonstration has not been scheduled"),
}


def _item_rule(kind: str, anchor: str, lead_days: int, today: datetime.date) -> list[Due]:
    """Live agreements whose `kind` item is not settled and whose reminder has started."""
    settled = AgreementItem.objects.filter(agreement=OuterRef("pk"), kind=kind)
    limit = today + datetime.timedelta(days=lead_days)
    rows = (
        with_agreement_dates(Agreement.objects.filter(status__in=LIVE_STATUSES))
        .filter(**{f"{anchor}__lte": limit, "last_day__gte": today})
        .exclude(Exists(settled))
        .values_list(
            "pk",
            "responsible_teacher_id",
            "student__first_name",
            "student__last_name",
            "workplace__employer__name",
            anchor,
        )
    )
    return [
        Due(
            key=f"deadline:{kind}:agreement:{pk}",
            kind=kind,
            label=REMINDER_LABELS[kind],
            teacher_id=teacher_id,
            agreement_id=pk,
            work_period_id=None,
            student=f"{first} {last}",
            employer=employer,
            due_on=anchor_day,
        )
        for pk, teacher_id, first, last, employer, anchor_day in rows
    ]


def _feedback_rule(today: datetime.date) -> list[Due]:
    """Work periods ending within N days whose national feedback is at risk."""
    limit = today + datetime.timedelta(days=settings.KUMPPANI_EHOKS_DEADLINE_DAYS)
    rows = (
        at_risk(WorkPeriod.objects.filter(end__lte=limit), today)
        .values_list(
            "pk",
            "agreement_id",
            "agreement__responsible_teacher_id",
            "agreement__student__first_name",
            "agreement__student__last_name",
            "agreement__workplace__employer__name",
            "end",
        )
        .order_by("end", "pk")
    )
    return [
        Due(
            key=f"deadline:feedback_data:period:{pk}",
            kind="feedback_data",
            label=REMINDER_LABELS["feedback_data"],
            teacher_id=teacher_id,
            agreement_id=agreement_id,
            work_period_id=pk,
            student=f"{first} {last}",
            employer=employer,
            due_on=end,
        )
        for pk, agreement_id, teacher_id, first, last, employer, end in rows
    ]


def due_reminders(today: datetime.date | None = None) -> list[Due]:
    """Everything that should be reminded about today (whether or not it already was)."""
    today = today or timezone.localdate()
    before_start = settings.KUMPPANI_REMIND_BEFORE_START_DAYS
    return [
        *_feedback_rule(today),
        *_item_rule(ItemKind.INDUCTION, "first_day", before_start, today),
        *_item_rule(ItemKind.PLANNING, "first_day", before_start, today),
        *_item_rule(ItemKind.DEMONSTRATION, "last_day", settings.KUMPPANI_DEMONSTRATION_DEADLINE_DAYS, today),
    ]

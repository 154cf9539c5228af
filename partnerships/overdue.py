"""When each checkpoint item of an agreement is due, and which work periods put the national
working-life feedback at risk. One readable module: the agreement pages, the lists and the
reminder sweep all ask it, so they report the same overdue items.

Deadlines (workbook part 1, the critical checkpoints; domain.md "What the users are reminded of"):

| item                          | due                                        | checkpoint |
|-------------------------------|--------------------------------------------|------------|
| the student's readiness       | by the first day of the agreement          | 2          |
| joint advance planning        | the day before the first day               | 3          |
| instructor induction          | by the first day                           | 4          |
| national feedback data        | N days before the last day (setting)       | 6          |
| skills demonstration          | scheduled 14 days before the last day      | 7          |
| the student's feedback        | within 14 days after the last day          | 6          |
| thanks to the workplace       | within 14 days after the last day          | 8          |

Changes and interruptions (5) have no deadline: they are recorded when they happen.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, F, Max, Min, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Agreement, AgreementItem, AgreementStatus, ItemKind, WorkPeriod


@dataclass(frozen=True)
class Deadline:
    kind: str
    anchor: str  # "first_day" or "last_day" of the agreement's work periods
    offset_days: int

    def due(self, first_day: datetime.date, last_day: datetime.date) -> datetime.date:
        anchor = first_day if self.anchor == "first_day" else last_day
        return anchor + datetime.timedelta(days=self.offset_days)


def deadlines() -> list[Deadline]:
    return [
        Deadline(ItemKind.READINESS, "first_day", 0),
        Deadline(ItemKind.PLANNING, "first_day", -1),
        Deadline(ItemKind.INDUCTION, "first_day", 0),
        Deadline(ItemKind.FEEDBACK_DATA, "last_day", -settings.KUMPPANI_EHOKS_DEADLINE_DAYS),
        Deadline(ItemKind.DEMONSTRATION, "last_day", -settings.KUMPPANI_DEMONSTRATION_DEADLINE_DAYS),
        Deadline(ItemKind.STUDENT_FEEDBACK, "last_day", settings.KUMPPANI_AFTER_PERIOD_DAYS),
        Deadline(ItemKind.THANKS, "last_day", settings.KUMPPANI_AFTER_PERIOD_DAYS),
    ]


LIVE_STATUSES = (AgreementStatus.DRAFT, AgreementStatus.SIGNED)


@dataclass(frozen=True)
class ItemState:
    kind: str
    label: str
    due: datetime.date | None
    item: AgreementItem | None
    overdue: bool

    @property
    def settled(self) -> bool:
        return self.item is not None


def item_states(agreement: Agreement, today: datetime.date | None = None) -> list[ItemState]:
    """Every checkpoint item of one agreement with its due date; uses prefetched items/periods."""
    today = today or timezone.localdate()
    periods = list(agreement.work_periods.all())
    first = min((p.start for p in periods), default=None)
    last = max((p.end for p in periods), default=None)
    items = {item.kind: item for item in agreement.items.all()}
    due_by_kind = {d.kind: d.due(first, last) for d in deadlines()} if periods else {}
    live = agreement.status in LIVE_STATUSES
    states = []
    for kind in ItemKind:
        due = due_by_kind.get(kind)
        item = items.get(kind)
        overdue = live and item is None and due is not None and due < today
        states.append(ItemState(kind, kind.label, due, item, overdue))
    return states


def with_agreement_dates(queryset: QuerySet, *, per_row: bool = False) -> QuerySet:
    """Annotate each agreement's first and last day.

    By default with one join and GROUP BY: the reminder sweep runs this over every live
    agreement, where that beats a subquery per row. A list page (`per_row=True`) wants the
    opposite: a subquery per agreement through the work periods' index, and no GROUP BY over
    the wide rows select_related brings, so a page of 25 does not aggregate every period."""
    if per_row:
        periods = WorkPeriod.objects.filter(agreement=OuterRef("pk"))
        return queryset.annotate(
            first_day=Subquery(periods.order_by("start").values("start")[:1]),
            last_day=Subquery(periods.order_by("-end").values("end")[:1]),
        )
    return queryset.annotate(first_day=Min("work_periods__start"), last_day=Max("work_periods__end"))


def overdue_condition(today: datetime.date | None = None, kind: str | None = None) -> Q:
    """A filter for agreements (annotated by with_agreement_dates) with any item overdue, or
    the item of `kind` overdue."""
    today = today or timezone.localdate()
    condition = Q()
    for deadline in deadlines():
        if kind and deadline.kind != kind:
            continue
        settled = AgreementItem.objects.filter(agreement=OuterRef("pk"), kind=deadline.kind)
        # due < today  <=>  anchor < today - offset
        limit = today - datetime.timedelta(days=deadline.offset_days)
        condition |= Q(**{f"{deadline.anchor}__lt": limit}) & ~Exists(settled)
    return Q(status__in=LIVE_STATUSES) & condition


def agreements_with_overdue_items(queryset: QuerySet, today: datetime.date | None = None) -> QuerySet:
    return with_agreement_dates(queryset).filter(overdue_condition(today))


# National feedback at risk ---------------------------------------------------------------------

RISK_LABELS = {
    "business_id": _("the employer's business ID"),
    "instructor": _("the workplace instructor"),
    "instructor_email": _("the instructor's e-mail"),
    "instructor_phone": _("the instructor's phone"),
    "part_time": _("the part-time percentage"),
    "ehoks": _("the entry in eHOKS"),
}


def feedback_risk_condition(today: datetime.date | None = None) -> Q:
    """Work periods whose national feedback is at risk: computed from the current data."""
    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=settings.KUMPPANI_EHOKS_DEADLINE_DAYS)
    instructor = "agreement__instructor"
    missing = (
        Q(agreement__workplace__employer__business_id__isnull=True)
        | Q(**{f"{instructor}__isnull": True})
        | Q(**{f"{instructor}__email": ""})
        | Q(**{f"{instructor}__phone": ""})
        | Q(part_time_percent__isnull=True)
        | (Q(ehoks_entered_on__isnull=True) & Q(end__lte=soon))
    )
    return Q(agreement__status__in=LIVE_STATUSES, end__gte=today) & missing


def periods_at_risk(queryset: QuerySet | None = None, today: datetime.date | None = None) -> QuerySet:
    queryset = WorkPeriod.objects.all() if queryset is None else queryset
    return (
        queryset.filter(feedback_risk_condition(today))
        .select_related(
            "agreement__student", "agreement__workplace__employer", "agreement__instructor", "unit"
        )
        .order_by(F("end").asc(), "pk")
    )


def first_periods_at_risk(queryset: QuerySet, today: datetime.date | None = None, *, limit: int) -> list:
    """The first `limit` periods at risk, soonest first, with what a list shows of them.

    In two steps: the ids from a narrow query, then those rows with their relations. Sorting
    every risky period with six joined tables' columns, and planning that one query, cost
    more than both steps together."""
    ids = list(
        queryset.filter(feedback_risk_condition(today))
        .order_by(F("end").asc(), "pk")
        .values_list("pk", flat=True)[:limit]
    )
    return list(periods_at_risk(WorkPeriod.objects.filter(pk__in=ids), today))


def feedback_risks(period: WorkPeriod, today: datetime.date | None = None) -> list[str]:
    """Exactly what is missing for the national feedback of one work period (empty: nothing)."""
    today = today or timezone.localdate()
    agreement = period.agreement
    if agreement.status not in LIVE_STATUSES or period.end < today:
        return []
    instructor = agreement.instructor
    missing = []
    if not agreement.workplace.employer.business_id:
        missing.append("business_id")
    if instructor is None:
        missing.append("instructor")
    else:
        if not instructor.email:
            missing.append("instructor_email")
        if not instructor.phone:
            missing.append("instructor_phone")
    if period.part_time_percent is None:
        missing.append("part_time")
    soon = today + datetime.timedelta(days=settings.KUMPPANI_EHOKS_DEADLINE_DAYS)
    if period.ehoks_entered_on is None and period.end <= soon:
        missing.append("ehoks")
    return [str(RISK_LABELS[key]) for key in missing]

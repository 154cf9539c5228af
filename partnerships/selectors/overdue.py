"""When each checkpoint item of an agreement is due. One readable module: the agreement pages,
the lists and the reminder sweep all ask it, so they report the same overdue items (the
national feedback at risk, a condition of its own: feedback_risk.py).

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
from django.db.models import (
    Exists,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import timezone

from ..choices import ITEM_CHECKPOINT
from ..models import Agreement, AgreementItem, AgreementStatus, ItemKind, WorkPeriod


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
    promise: str = ""  # the service promise of the item's checkpoint, when the page asks for it

    @property
    def settled(self) -> bool:
        return self.item is not None


def item_states(
    agreement: Agreement, today: datetime.date | None = None, *, promises: dict[int, str] | None = None
) -> list[ItemState]:
    """Every checkpoint item of one agreement with its due date; uses prefetched items/periods.
    With `promises` (`Checkpoint.objects.promises()`), each carries its checkpoint's promise."""
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
        promise = (promises or {}).get(ITEM_CHECKPOINT[kind], "")
        states.append(ItemState(kind, kind.label, due, item, overdue, promise))
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

"""A student's path (opintopolku) month by month: the agreements of both types, their work
periods with the part-time percentage, interruptions, summer periods, skills demonstrations
and the checkpoint items due.

"Molempi parempi": a student may combine a training agreement and an apprenticeship as their
path needs, one after the other or at the same time (531/2017 ch. 7; domain.md). The path
says which at a glance. Built from a constant number of queries however long the path is.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from ..models import (
    Agreement,
    AgreementStatus,
    AgreementType,
    Demonstration,
    Interruption,
    Student,
    WorkPeriod,
)
from .overdue import item_states

# A path longer than this shows its most recent months; an apprenticeship lasts a few years.
MAX_MONTHS = 48


class Combination:
    SEQUENCE = "sequence"
    CONCURRENT = "concurrent"
    LABELS = {
        SEQUENCE: _("Molempi parempi: both types, one after the other"),
        CONCURRENT: _("Molempi parempi: both types at the same time"),
    }


@dataclass
class Event:
    day: datetime.date
    kind: str  # period, interruption, demonstration, item
    label: str
    agreement: Agreement | None = None
    end: datetime.date | None = None
    detail: str = ""
    summer: bool = False
    overdue: bool = False
    url: str = ""

    @property
    def type(self) -> str:
        return self.agreement.type if self.agreement else ""


@dataclass
class Month:
    first_day: datetime.date
    events: list[Event] = field(default_factory=list)
    running: list[tuple[Agreement, WorkPeriod]] = field(default_factory=list)  # started earlier

    @property
    def is_empty(self) -> bool:
        return not self.events and not self.running


@dataclass
class StudentPath:
    agreements: list[Agreement]
    months: list[Month]
    combination: str | None
    undated: list[Event]

    @property
    def combination_label(self) -> str:
        return Combination.LABELS.get(self.combination, "")


def _month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def combination(agreements: list[Agreement]) -> str | None:
    """Both types in sequence or at the same time, or None (one type only). Cancelled
    agreements do not count."""
    spans = {AgreementType.TRAINING: [], AgreementType.APPRENTICESHIP: []}
    for agreement in agreements:
        if agreement.status != AgreementStatus.CANCELLED:
            spans[agreement.type].extend((p.start, p.end) for p in agreement.work_periods.all())
    if not (spans[AgreementType.TRAINING] and spans[AgreementType.APPRENTICESHIP]):
        return None
    for start, end in spans[AgreementType.TRAINING]:
        for o_start, o_end in spans[AgreementType.APPRENTICESHIP]:
            if start <= o_end and o_start <= end:
                return Combination.CONCURRENT
    return Combination.SEQUENCE


def student_agreements(student: Student):
    """A student's agreements, oldest first, with what both their page and their path show:
    the workplace and employer, the instructor and the responsible teacher, the work periods
    with their unit and interruptions, and the checkpoint items."""
    periods = WorkPeriod.objects.select_related("unit").prefetch_related(
        Prefetch("interruptions", queryset=Interruption.objects.order_by("start"))
    )
    return (
        student.agreements.select_related("workplace__employer", "instructor", "responsible_teacher")
        .prefetch_related(Prefetch("work_periods", queryset=periods), "items")
        .order_by("created_at")
    )


def student_path(
    student: Student,
    today: datetime.date,
    *,
    agreements: list[Agreement] | None = None,
    demonstrations: list[Demonstration] | None = None,
) -> StudentPath:
    """The student's path; the student's page passes the `agreements` (`student_agreements`)
    and `demonstrations` (with their unit) it has already read, so they are read once."""
    if agreements is None:
        agreements = list(student_agreements(student))
    if demonstrations is None:
        demonstrations = Demonstration.objects.filter(student=student).select_related("unit")
    demonstrations = [d for d in demonstrations if d.status != "cancelled"]
    events: list[Event] = []
    undated: list[Event] = []
    for agreement in agreements:
        for period in agreement.work_periods.all():
            percent = f"{period.part_time_percent} %" if period.part_time_percent else ""
            events.append(
                Event(
                    period.start,
                    "period",
                    period.unit.name,
                    agreement,
                    end=period.end,
                    detail=percent,
                    summer=period.for_summer or agreement.for_summer,
                    url=agreement.get_absolute_url(),
                )
            )
            for interruption in period.interruptions.all():
                events.append(
                    Event(
                        interruption.start,
                        "interruption",
                        interruption.get_reason_display(),
                        agreement,
                        end=interruption.end,
                        detail=interruption.note,
                        url=agreement.get_absolute_url(),
                    )
                )
        if agreement.status in (AgreementStatus.DRAFT, AgreementStatus.SIGNED):
            for state in item_states(agreement, today):
                if state.due and not state.settled:
                    events.append(
                        Event(
                            state.due,
                            "item",
                            str(state.label),
                            agreement,
                            overdue=state.overdue,
                            url=agreement.get_absolute_url() + "#items",
                        )
                    )
    by_id = {a.pk: a for a in agreements}
    for demonstration in demonstrations:
        event = Event(
            demonstration.date or today,
            "demonstration",
            demonstration.unit.name,
            by_id.get(demonstration.agreement_id),
            detail=demonstration.get_status_display(),
            url=demonstration.get_absolute_url(),
        )
        (events if demonstration.date else undated).append(event)
    return StudentPath(agreements, _months(agreements, events), combination(agreements), undated)


def _months(agreements: list[Agreement], events: list[Event]) -> list[Month]:
    if not events:
        return []
    first = _month(min(e.day for e in events))
    last = _month(max(e.end or e.day for e in events))
    starts = []
    day = first
    while day <= last:
        starts.append(day)
        day = _next_month(day)
    starts = starts[-MAX_MONTHS:]
    months = {start: Month(start) for start in starts}
    for event in sorted(events, key=lambda e: (e.day, e.kind != "period")):
        month = months.get(_month(event.day))
        if month is not None:
            month.events.append(event)
    # A period that began in an earlier month is shown as running, so that concurrent
    # agreements are seen side by side in every month they share.
    for agreement in agreements:
        for period in agreement.work_periods.all():
            for start in starts:
                if _month(period.start) < start <= period.end:
                    months[start].running.append((agreement, period))
    return [months[start] for start in starts]

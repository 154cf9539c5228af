"""The coordinator dashboard's figures, each from one aggregate query, filterable by unit,
sector and period. A teacher gets the same figures limited to the employers they own."""

import datetime
from dataclasses import dataclass

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from checkpoints.models import Checkpoint, PartnershipLevel
from core.models import User

from ..choices import ITEM_CHECKPOINT
from ..models import (
    PHASE_ORDER,
    Agreement,
    AgreementItem,
    Channel,
    Contact,
    Employer,
    FeedbackRequest,
    Initiative,
    ItemKind,
    LevelRecord,
    Student,
    WorkPeriod,
)
from .feedback_risk import first_periods_at_risk
from .network import counts as network_counts
from .overdue import LIVE_STATUSES, deadlines, overdue_condition, with_agreement_dates
from .staff_activities import counts as staff_activity_counts


@dataclass
class Filters:
    unit_id: int | None = None
    sector: str = ""
    start: datetime.date | None = None
    end: datetime.date | None = None
    owner_id: int | None = None  # a teacher's own view
    # The teacher whose view it is: the lists naming students keep to the students they may
    # see, since owning an employer grants no access to its students.
    viewer: User | None = None


def _employers(f: Filters):
    employers = Employer.objects.filter(is_active=True)
    if f.sector:
        employers = employers.filter(sector=f.sector)
    if f.unit_id:
        employers = employers.in_unit(f.unit_id)
    if f.owner_id:
        employers = employers.filter(account_owner_id=f.owner_id)
    return employers


def _agreements(f: Filters):
    agreements = Agreement.objects.filter(status__in=LIVE_STATUSES)
    if f.sector:
        agreements = agreements.filter(workplace__employer__sector=f.sector)
    if f.unit_id:
        agreements = agreements.filter(student__group__unit_id=f.unit_id)
    if f.owner_id:
        agreements = agreements.filter(workplace__employer__account_owner_id=f.owner_id)
    return agreements


def levels(f: Filters) -> list[dict]:
    """Employers by their current level (Employer.objects.at_level, as the employer list
    filters them), and the level changes recorded in the period."""
    employers = _employers(f).with_level()
    counts = dict(employers.values_list("level_id").annotate(n=Count("pk")).values_list("level_id", "n"))
    changes = LevelRecord.objects.current().filter(employer__in=_employers(f))
    if f.start:
        changes = changes.filter(date__gte=f.start)
    if f.end:
        changes = changes.filter(date__lte=f.end)
    changed = dict(changes.values("level_id").annotate(n=Count("pk")).values_list("level_id", "n"))
    rows = [
        {
            "pk": level.pk,
            "name": level.name,
            "employers": counts.get(level.pk, 0),
            "changes": changed.get(level.pk, 0),
        }
        for level in PartnershipLevel.objects.filter(cross_cutting=False)
    ]
    rows.append({"pk": None, "name": None, "employers": counts.get(None, 0), "changes": 0})
    return rows


def checkpoint_coverage(
    f: Filters, today: datetime.date | None = None, *, checkpoints: list[Checkpoint] | None = None
) -> list[dict]:
    """For checkpoints 2–8: the share of live and recently ended agreements with the item done
    (one aggregate query), and how many live agreements have it overdue (another); each row
    with its checkpoint's service promise, from `checkpoints` when the caller has them."""
    today = today or timezone.localdate()
    if checkpoints is None:
        checkpoints = list(Checkpoint.objects.all())
    promises = {c.number: c.service_promise for c in checkpoints}
    recent = today - datetime.timedelta(days=90)
    dated = with_agreement_dates(_agreements(f))
    agreements = dated.filter(last_day__gte=recent)
    aggregates = {"total": Count("pk")}
    for kind in ItemKind:
        settled = AgreementItem.objects.filter(agreement=OuterRef("pk"), kind=kind)
        agreements = agreements.annotate(**{f"has_{kind}": Exists(settled)})
        aggregates[f"done_{kind}"] = Count("pk", filter=Q(**{f"has_{kind}": True}))
    totals = agreements.aggregate(**aggregates)
    # Overdue on any live agreement, however long ago it ended, by the very condition of the
    # agreement list's "this item overdue" filter that the count links to.
    kinds = [d.kind for d in deadlines()]
    overdue = dated.annotate(
        **{f"is_overdue_{k}": ExpressionWrapper(overdue_condition(today, k), BooleanField()) for k in kinds}
    ).aggregate(**{f"overdue_{k}": Count("pk", filter=Q(**{f"is_overdue_{k}": True})) for k in kinds})
    rows = []
    for kind in ItemKind:
        total = totals["total"] or 0
        done = totals[f"done_{kind}"] or 0
        rows.append(
            {
                "checkpoint": ITEM_CHECKPOINT[kind],
                "promise": promises.get(ITEM_CHECKPOINT[kind], ""),
                "kind": kind,
                "label": kind.label,
                "done": done,
                "total": total,
                "share": round(100 * done / total) if total else None,
                "overdue": overdue.get(f"overdue_{kind}") or 0,
            }
        )
    return rows


def reachability(
    f: Filters, today: datetime.date | None = None, *, intervals: dict[int, int] | None = None
) -> dict:
    """Checkpoint 1: employers with an account owner, and contacted within their interval
    (the levels' `intervals` from `contact_intervals()` when the caller has them)."""
    employers = _employers(f)
    total = employers.count()
    with_owner = employers.filter(account_owner__isnull=False).count()
    quiet = employers.needing_contact(today=today, intervals=intervals).count()
    return {
        "total": total,
        "with_owner": with_owner,
        "owner_share": round(100 * with_owner / total) if total else None,
        "in_touch": total - quiet,
        "in_touch_share": round(100 * (total - quiet) / total) if total else None,
    }


def _months_before(month: datetime.date, count: int) -> datetime.date:
    """The first day of the month `count` months before `month`."""
    index = month.year * 12 + month.month - 1 - count
    return datetime.date(index // 12, index % 12 + 1, 1)


def _month_starts(start: datetime.date, end: datetime.date):
    """The first day of each month from start's to end's, both included."""
    month = start.replace(day=1)
    while month <= end:
        yield month
        month = _months_before(month, -1)


def contacts_per_month(
    f: Filters, by: str, *, checkpoints: list[Checkpoint] | None = None
) -> tuple[list[str], list[dict]]:
    """Contacts per month by channel (`by="channel"`) or by checkpoint tag (`by="checkpoint"`),
    the checkpoints named from `checkpoints` when the caller has them."""
    contacts = Contact.objects.filter(employer__in=_employers(f))
    end = f.end or timezone.localdate()
    start = f.start or _months_before(end.replace(day=1), 11)
    contacts = contacts.filter(date__gte=start, date__lte=end)
    key = "channel" if by == "channel" else "checkpoints__number"
    if by != "channel":
        contacts = contacts.filter(checkpoints__isnull=False)
    rows = contacts.annotate(month=TruncMonth("date")).values("month", key).annotate(n=Count("pk")).order_by()
    # Every month of the range is a column, those without contacts included.
    months = list(_month_starts(start, end))
    labels = [month.strftime("%m/%Y") for month in months]
    series: dict = {}
    for row in rows:
        series.setdefault(row[key], {})[row["month"]] = row["n"]
    if by == "channel":
        names = dict(Channel.choices)
    else:
        checkpoints = Checkpoint.objects.all() if checkpoints is None else checkpoints
        names = {c.number: f"{c.number}. {c.name}" for c in checkpoints}
    table = [
        {"name": str(names.get(k, k)), "values": [series[k].get(month, 0) for month in months]}
        for k in sorted(series, key=str)
    ]
    return labels, table


def attention(
    f: Filters, today: datetime.date | None = None, *, intervals: dict[int, int] | None = None
) -> dict:
    today = today or timezone.localdate()
    employers = _employers(f)
    feedback = FeedbackRequest.objects.needing_reaction().filter(
        work_period__agreement__workplace__employer__in=employers
    )
    periods = WorkPeriod.objects.filter(agreement__in=_agreements(f))
    if f.viewer is not None:
        feedback = feedback.visible_to(f.viewer)
        periods = periods.filter(agreement__student__in=Student.objects.visible_to(f.viewer).values("pk"))
    # A teacher's own view: only their employers' bundles can hold their periods.
    own = Employer.objects.filter(account_owner_id=f.owner_id).values("pk") if f.owner_id else None
    at_risk = first_periods_at_risk(periods, today, limit=30, employers=own)
    return {
        "quiet": list(
            employers.needing_contact(today=today, intervals=intervals)
            .with_last_contact()
            .select_related("account_owner")[:30]
        ),
        "feedback": list(
            feedback.select_related(
                "work_period__agreement__student", "work_period__agreement__workplace__employer"
            )[:30]
        ),
        "at_risk": at_risk,
    }


def initiatives(f: Filters, *, checkpoints: list[Checkpoint] | None = None) -> dict:
    """Co-development initiatives in progress, by phase and by checkpoint, and those with
    students taking part by phase, in two queries. An
    initiative addressing several checkpoints counts under each of them (and once in a
    phase's total); a teacher's own view counts the initiatives they take part in."""
    rows = Initiative.objects.in_progress()
    if f.owner_id:
        rows = rows.filter(Q(owner_id=f.owner_id) | Q(staff=f.owner_id))
    counts = (
        rows.values("phase", "checkpoints__number")
        .annotate(n=Count("pk", distinct=True))
        .values_list("phase", "checkpoints__number", "n")
    )
    cells: dict[tuple, int] = {}
    for phase, number, n in counts:
        cells[(phase, number)] = n
    # In the same query: those with a student taking part (a consent in force).
    in_force = Q(student_participants__isnull=False, student_participants__withdrawn_on__isnull=True)
    with_students = Count("pk", distinct=True, filter=in_force)
    phase_rows = (
        rows.values_list("phase")
        .annotate(n=Count("pk", distinct=True), s=with_students)
        .values_list("phase", "n", "s")
    )
    totals, students = {}, {}
    for phase, n, s in phase_rows:
        totals[phase], students[phase] = n, s
    checkpoints = list(Checkpoint.objects.all() if checkpoints is None else checkpoints)
    if any(number is None for _phase, number in cells):
        checkpoints.append(None)  # a row for initiatives that name no checkpoint
    return {
        "phases": [
            {
                "value": phase,
                "label": phase.label,
                "total": totals.get(phase, 0),
                "with_students": students.get(phase, 0),
            }
            for phase in PHASE_ORDER
        ],
        "rows": [
            {
                "checkpoint": checkpoint,
                "counts": [
                    cells.get((phase, checkpoint.number if checkpoint else None), 0) for phase in PHASE_ORDER
                ],
            }
            for checkpoint in checkpoints
        ],
        "total": sum(totals.values()),
        "with_students": sum(students.values()),
    }


def partnership_agreements(f: Filters) -> dict:
    """Partnership agreements valid today, ending within the renewal lead time, and expired,
    in one aggregate query; a teacher's own view counts those they are responsible for or
    whose parties they own."""
    from django.conf import settings

    from ..models import AgreementValidity, PartnershipAgreement

    rows = PartnershipAgreement.objects.all()
    if f.sector:
        rows = rows.with_party_in_sector(f.sector)
    if f.owner_id:
        rows = rows.filter(
            pk__in=PartnershipAgreement.objects.filter(
                Q(responsible_id=f.owner_id) | Q(employers__account_owner_id=f.owner_id)
            ).values("pk")
        )
    counts = rows.with_validity().aggregate(
        **{v: Count("pk", filter=Q(validity=v)) for v in AgreementValidity.values},
    )
    return {
        "days": settings.KUMPPANI_PARTNERSHIP_RENEWAL_DAYS,
        "rows": [{"value": v, "label": v.label, "count": counts[v.value]} for v in AgreementValidity],
    }


def network(f: Filters) -> dict:
    """The strategic network's active organisations and this year's cooperation; a teacher's
    own view counts the cooperation they took part in."""
    return network_counts(year=timezone.localdate().year, staff_id=f.owner_id)


def staff_activities(f: Filters) -> dict:
    """This year's working-life periods, forums and development days of the staff (the
    dashboard's unit's); a teacher's own view counts their own."""
    return staff_activity_counts(year=timezone.localdate().year, staff_id=f.owner_id, unit_id=f.unit_id)


def competence_needs(f: Filters):
    """Future competence needs by sector and horizon (selectors/competence_needs.py), in the
    dashboard's sector; a teacher's own view counts the needs they recorded. The needs belong
    to no unit and the period does not narrow them: the competence need list, which each
    count links to, has neither filter either."""
    from ..models import CompetenceNeed
    from .competence_needs import summary_by_sector

    needs = CompetenceNeed.objects.all()
    if f.sector:
        needs = needs.filter(sector=f.sector)
    if f.owner_id:
        needs = needs.filter(recorded_by_id=f.owner_id)
    return summary_by_sector(needs)


def prospects(f: Filters) -> list[dict]:
    """New-partner prospects by stage, in one query; a teacher's own view counts their own."""
    from ..models import PIPELINE, Prospect

    rows = Prospect.objects.all()
    if f.sector:
        rows = rows.filter(sector=f.sector)
    if f.owner_id:
        rows = rows.filter(owner_id=f.owner_id)
    counts = dict(rows.values_list("stage").annotate(n=Count("pk")).values_list("stage", "n"))
    return [{"value": stage.value, "label": stage.label, "count": counts.get(stage, 0)} for stage in PIPELINE]

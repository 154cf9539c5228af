"""The coordinator dashboard's figures, each from one aggregate query, filterable by unit,
sector and period. A teacher gets the same figures limited to the employers they own."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import Count, DateField, Q
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
from ..models.employers import contact_intervals
from .feedback_risk import first_periods_at_risk
from .network import counts as network_counts
from .overdue import LIVE_STATUSES, deadlines
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


def _active(f: Filters, path: str = "") -> Q:
    """The active employers of the filters, reached from a model through `path` (e.g.
    "employer__"), as `_live` the agreements: through the joins of the row, not in a subquery
    of their ids, which PostgreSQL plans as one more join."""
    condition = Q(**{f"{path}is_active": True})
    if f.sector:
        condition &= Q(**{f"{path}sector": f.sector})
    if f.unit_id:
        condition &= Q(**{f"{path}pk__in": Employer.objects.in_unit(f.unit_id).values("pk")})
    if f.owner_id:
        condition &= Q(**{f"{path}account_owner_id": f.owner_id})
    return condition


def _employers(f: Filters):
    employers = Employer.objects.filter(is_active=True)
    if f.sector:
        employers = employers.filter(sector=f.sector)
    if f.unit_id:
        employers = employers.in_unit(f.unit_id)
    if f.owner_id:
        employers = employers.filter(account_owner_id=f.owner_id)
    return employers


def _live(f: Filters, path: str = "") -> Q:
    """The live agreements of the filters, reached from a model through `path` (e.g.
    "agreement__"): its forward relations join one row each, so filtering through them reads
    the agreements once, not again in a subquery of their ids."""
    condition = Q(**{f"{path}status__in": LIVE_STATUSES})
    if f.sector:
        condition &= Q(**{f"{path}workplace__employer__sector": f.sector})
    if f.unit_id:
        condition &= Q(**{f"{path}student__group__unit_id": f.unit_id})
    if f.owner_id:
        condition &= Q(**{f"{path}workplace__employer__account_owner_id": f.owner_id})
    return condition


def _agreements(f: Filters):
    return Agreement.objects.filter(_live(f))


def levels(
    f: Filters,
    *,
    employers: dict[int | None, int] | None = None,
    partnership_levels: list[PartnershipLevel] | None = None,
) -> list[dict]:
    """Employers by their current level (Employer.objects.at_level, as the employer list
    filters them), and the level changes recorded in the period. `employers`, the counts by
    level of `employer_figures`, and `partnership_levels` (every level, in order) spare their
    queries when the caller has them."""
    counts = employer_figures(f, quiet_limit=0)["levels"] if employers is None else employers
    changes = LevelRecord.objects.current().filter(_active(f, "employer__"))
    if f.start:
        changes = changes.filter(date__gte=f.start)
    if f.end:
        changes = changes.filter(date__lte=f.end)
    changed = dict(changes.values("level_id").annotate(n=Count("pk")).values_list("level_id", "n"))
    if partnership_levels is None:
        partnership_levels = list(PartnershipLevel.objects.all())
    rows = [
        {
            "pk": level.pk,
            "name": level.name,
            "employers": counts.get(level.pk, 0),
            "changes": changed.get(level.pk, 0),
        }
        for level in partnership_levels
        if not level.cross_cutting
    ]
    rows.append({"pk": None, "name": None, "employers": counts.get(None, 0), "changes": 0})
    return rows


def checkpoint_coverage(
    f: Filters, today: datetime.date | None = None, *, checkpoints: list[Checkpoint] | None = None
) -> list[dict]:
    """For checkpoints 2–8: the share of live and recently ended agreements with the item done,
    and how many live agreements have it overdue (`coverage_counts`, one query); each row with
    its checkpoint's service promise, from `checkpoints` when the caller has them."""
    today = today or timezone.localdate()
    if checkpoints is None:
        checkpoints = list(Checkpoint.objects.all())
    promises = {c.number: c.service_promise for c in checkpoints}
    counts = coverage_counts(_agreements(f), today)
    rows = []
    for kind in ItemKind:
        total = counts["total"]
        done = counts[f"done_{kind}"]
        rows.append(
            {
                "checkpoint": ITEM_CHECKPOINT[kind],
                "promise": promises.get(ITEM_CHECKPOINT[kind], ""),
                "kind": kind,
                "label": kind.label,
                "done": done,
                "total": total,
                "share": round(100 * done / total) if total else None,
                "overdue": counts.get(f"overdue_{kind}", 0),
            }
        )
    return rows


def coverage_counts(agreements, today: datetime.date) -> dict[str, int]:
    """Over the agreements of `agreements` (live ones: `_agreements`), in one query:
    `total`, those that have a work period ending within the last 90 days or later;
    `done_<kind>`, those of them with the item settled; `overdue_<kind>`, those of all with
    the item overdue, by the very condition of the agreement list's "this item overdue" filter
    (`overdue.overdue_condition`) that the count links to.

    Each table is read once: the agreements' first and last days and their settled items are
    grouped per agreement in two subqueries and joined, instead of a subquery per agreement
    and item kind that the GROUP BY of the first and last day then had to carry. An agreement
    without work periods has no days, so it counts in neither figure."""
    recent = today - datetime.timedelta(days=90)
    ids_sql, ids_params = agreements.order_by().values("pk").query.sql_with_params()
    quote = connection.ops.quote_name
    periods = quote(WorkPeriod._meta.db_table)
    items = quote(AgreementItem._meta.db_table)
    columns, params = ["COUNT(*) FILTER (WHERE d.last_day >= %s) AS total"], [recent]
    flags, flag_params = [], []
    for i, kind in enumerate(ItemKind):
        flags.append(f"MAX(CASE WHEN kind = %s THEN 1 ELSE 0 END) AS has_{i}")
        flag_params.append(kind.value)
        columns.append(f"COUNT(*) FILTER (WHERE d.last_day >= %s AND i.has_{i} = 1) AS done_{i}")
        params.append(recent)
    index = {kind.value: i for i, kind in enumerate(ItemKind)}
    overdue_kinds = []
    for deadline in deadlines():
        # due < today  <=>  anchor < today - offset (overdue_condition)
        i = index[deadline.kind]
        anchor = "d.first_day" if deadline.anchor == "first_day" else "d.last_day"
        columns.append(f"COUNT(*) FILTER (WHERE {anchor} < %s AND COALESCE(i.has_{i}, 0) = 0) AS overdue_{i}")
        params.append(today - datetime.timedelta(days=deadline.offset_days))
        overdue_kinds.append(deadline.kind)
    sql = (
        f"SELECT {', '.join(columns)} FROM ("
        f'SELECT agreement_id, MIN(start) AS first_day, MAX("end") AS last_day FROM {periods} '
        f"WHERE agreement_id IN ({ids_sql}) GROUP BY agreement_id) d "
        f"LEFT JOIN (SELECT agreement_id, {', '.join(flags)} FROM {items} "
        f"WHERE agreement_id IN ({ids_sql}) GROUP BY agreement_id) i ON i.agreement_id = d.agreement_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *ids_params, *flag_params, *ids_params])
        row = cursor.fetchone()
    kinds = list(ItemKind)
    counts = {"total": row[0] or 0}
    counts.update({f"done_{kind}": row[1 + i] or 0 for i, kind in enumerate(kinds)})
    offset = 1 + len(kinds)
    counts.update({f"overdue_{kind}": row[offset + j] or 0 for j, kind in enumerate(overdue_kinds)})
    return counts


def reachability(
    f: Filters, today: datetime.date | None = None, *, intervals: dict[int, int] | None = None
) -> dict:
    """Checkpoint 1: employers with an account owner, and contacted within their interval
    (`employer_figures`; the levels' `intervals` from `contact_intervals()` when the caller
    has them)."""
    return employer_figures(f, today, intervals=intervals, quiet_limit=0)["reachability"]


def employer_figures(
    f: Filters,
    today: datetime.date | None = None,
    *,
    intervals: dict[int, int] | None = None,
    quiet_limit: int = 30,
) -> dict:
    """What the dashboard counts of the filters' employers, in one query that reads each
    employer's level and last contact once: `levels`, the employers by current level id
    (None: no level yet); `reachability`, checkpoint 1's shares; `quiet`, the first
    `quiet_limit` employers by name not contacted within their interval, as
    `Employer.objects.needing_contact` chooses them (each with its pk, name and
    `last_contact` only: what the dashboard shows of them).

    The levels and last contacts are the annotations of `with_level` and `with_last_contact`,
    in a subquery kept whole by OFFSET 0 and named once by a CTE for both the counts and the
    list. Three queries did this before, each with both correlated subqueries for every
    employer (the list's CASE repeating the level's five times)."""
    today = today or timezone.localdate()
    if intervals is None:
        intervals = contact_intervals()
    employers = _employers(f).with_level().with_last_contact()
    inner_sql, inner_params = (
        employers.order_by()
        .values("pk", "name", "account_owner_id", "level_id", "last_contact")
        .query.sql_with_params()
    )
    default = settings.KUMPPANI_DEFAULT_CONTACT_INTERVAL_DAYS
    whens, when_params = ["WHEN e.level_id IS NULL THEN %s"], [today - datetime.timedelta(days=default)]
    for level_id, interval in intervals.items():
        whens.append("WHEN e.level_id = %s THEN %s")
        when_params += [level_id, today - datetime.timedelta(days=interval)]
    # A level without an interval asks for no contact: its cutoff stays NULL.
    # OFFSET 0 keeps PostgreSQL from pulling the subquery up (SQLite knows no OFFSET alone).
    fence = " OFFSET 0" if connection.vendor == "postgresql" else ""
    cutoff = f"CASE {' '.join(whens)} ELSE NULL END"
    quiet = "c.cutoff IS NOT NULL AND (c.last_contact IS NULL OR c.last_contact <= c.cutoff)"
    # Rows of two kinds: 0, the counts of a level; 1, an employer of the list.
    sql = (
        f"WITH c AS (SELECT e.pk, e.name, e.account_owner_id, e.level_id, e.last_contact, "
        f"{cutoff} AS cutoff FROM ({inner_sql}{fence}) e) "
        "SELECT 0, c.level_id, COUNT(*), COUNT(c.account_owner_id), "
        f"COUNT(*) FILTER (WHERE {quiet}), NULL, NULL FROM c GROUP BY c.level_id"
    )
    params = [*when_params, *inner_params]
    if quiet_limit:
        sql += (
            # Numbered after the cut: a top-N sort of the quiet employers, then of 30.
            " UNION ALL SELECT 1, q.pk, ROW_NUMBER() OVER (ORDER BY q.name, q.pk), 0, 0, q.name, "
            f"q.last_contact FROM (SELECT c.pk, c.name, c.last_contact FROM c WHERE {quiet} "
            "ORDER BY c.name, c.pk LIMIT %s) q"
        )
        params.append(quiet_limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    counts, listed = {}, []
    total = with_owner = in_touch = 0
    as_date = DateField().to_python  # SQLite gives the dates as text
    for kind, key, n, owned, quiet_n, name, last_contact in rows:
        if kind == 0:
            counts[key] = n
            total, with_owner, in_touch = total + n, with_owner + owned, in_touch + n - quiet_n
        else:  # n is the employer's place in the list: UNION ALL promises no order
            employer = Employer(pk=key, name=name)
            employer.last_contact = as_date(last_contact)
            listed.append((n, employer))
    listed = [employer for _n, employer in sorted(listed, key=lambda pair: pair[0])]
    return {
        "levels": counts,
        "reachability": {
            "total": total,
            "with_owner": with_owner,
            "owner_share": round(100 * with_owner / total) if total else None,
            "in_touch": in_touch,
            "in_touch_share": round(100 * in_touch / total) if total else None,
        },
        "quiet": listed,
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
    contacts = Contact.objects.filter(_active(f, "employer__"))
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
    f: Filters,
    today: datetime.date | None = None,
    *,
    intervals: dict[int, int] | None = None,
    quiet: list[Employer] | None = None,
) -> dict:
    """The lists needing attention; `quiet`, the employers not contacted within their
    interval (`employer_figures`), when the caller has them."""
    today = today or timezone.localdate()
    if quiet is None:
        quiet = employer_figures(f, today, intervals=intervals)["quiet"]
    feedback = FeedbackRequest.objects.needing_reaction().filter(
        _active(f, "work_period__agreement__workplace__employer__")
    )
    periods = WorkPeriod.objects.filter(_live(f, "agreement__"))
    if f.viewer is not None:
        feedback = feedback.visible_to(f.viewer)
        periods = periods.filter(agreement__student__in=Student.objects.visible_to(f.viewer).values("pk"))
    at_risk = first_periods_at_risk(periods, today, limit=30)
    return {
        "quiet": quiet,
        # Only what the list shows: the query is DISTINCT (a request with several negative
        # answers), and its every column is planned, compared and built (7 → 4 ms planning).
        "feedback": list(
            feedback.select_related(
                "work_period__agreement__student", "work_period__agreement__workplace__employer"
            ).only(
                "sent_at",
                "work_period__agreement__workplace__employer__name",
                *(
                    f"work_period__agreement__student__{name}"
                    for name in ("first_name", "last_name", "erased_at")
                ),
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

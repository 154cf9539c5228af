"""Read-only queries of staff in working life: the list's filters, the yearly summary per unit
(the coordinator's page and its CSV), the dashboard's count and the self-assessment's evidence
beside the developing partnership's questions."""

from dataclasses import dataclass, field

from django.db.models import Count, F, Func, IntegerField, Q, QuerySet, Sum
from django.urls import reverse
from django.utils.http import urlencode

from ..models import StaffActivity, StaffActivityKind


class _CalendarDays(Func):
    """Calendar days from the second date to the first, both ends included. PostgreSQL's
    date - date is an integer; SQLite keeps dates as text, so it counts Julian days."""

    template = "(%(expressions)s + 1)"
    arg_joiner = " - "
    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(
            compiler,
            connection,
            template="(CAST(julianday(%(expressions)s) AS INTEGER) + 1)",
            arg_joiner=") - julianday(",
            **extra,
        )


# Calendar days of an activity, both ends included.
DAYS = _CalendarDays(F("ends_on"), F("starts_on"))


def activities_filtered(activities: QuerySet[StaffActivity], data: dict | None) -> QuerySet[StaffActivity]:
    """`activities` (already what the user may see) by the list's cleaned filters."""
    data = data or {}
    if data.get("year"):
        activities = activities.filter(starts_on__year=data["year"])
    if data.get("kind"):
        activities = activities.filter(kind=data["kind"])
    if data.get("unit"):
        activities = activities.filter(unit=data["unit"])
    if data.get("staff_member"):
        activities = activities.filter(staff_member=data["staff_member"])
    if term := (data.get("q") or "").strip():
        activities = activities.filter(
            Q(title__icontains=term)
            | Q(notes__icontains=term)
            | Q(organisation_name__icontains=term)
            | Q(employer__name__icontains=term)
        )
    return activities


def _figures() -> dict:
    """The aggregates one row of the summary has: per kind the number of activities, the staff
    members who took part, and the working-life periods' days."""
    figures = {kind.value: Count("pk", filter=Q(kind=kind.value)) for kind in StaffActivityKind}
    figures["staff"] = Count("staff_member", distinct=True)
    figures["period_days"] = Sum(DAYS, filter=Q(kind=StaffActivityKind.WORK_PERIOD), default=0)
    figures["total"] = Count("pk")
    return figures


@dataclass
class UnitRow:
    unit_id: int | None
    label: str
    counts: list[int]  # by kind, in StaffActivityKind's order
    staff: int
    period_days: int
    total: int


@dataclass
class UnitSummary:
    year: int
    kinds: list[tuple[str, str]]
    rows: list[UnitRow] = field(default_factory=list)
    totals: list[int] = field(default_factory=list)
    staff: int = 0
    period_days: int = 0
    total: int = 0


def summary_by_unit(year: int, activities: QuerySet[StaffActivity] | None = None) -> UnitSummary:
    """The year's activities per unit, in two grouped queries (the units' rows and the
    institution's totals: a staff member active in two units counts once in the total).
    Only units with activities get a row, by name; those recorded without a unit last."""
    activities = (StaffActivity.objects.all() if activities is None else activities).filter(
        starts_on__year=year
    )
    grouped = activities.order_by().values("unit", "unit__name").annotate(**_figures())
    kinds = list(StaffActivityKind.choices)
    summary = UnitSummary(year=year, kinds=kinds)
    for row in sorted(grouped, key=lambda r: (r["unit"] is None, r["unit__name"] or "")):
        summary.rows.append(
            UnitRow(
                unit_id=row["unit"],
                label=row["unit__name"] or "",
                counts=[row[value] for value, _label in kinds],
                staff=row["staff"],
                period_days=row["period_days"],
                total=row["total"],
            )
        )
    totals = activities.order_by().aggregate(**_figures())
    summary.totals = [totals[value] for value, _label in kinds]
    summary.staff, summary.period_days, summary.total = (
        totals["staff"],
        totals["period_days"],
        totals["total"],
    )
    return summary


def counts(*, year: int, staff_id: int | None = None, unit_id: int | None = None) -> dict:
    """The dashboard's figures in one query: the year's activities and the staff members who
    took part (a teacher's own view: their own), within the dashboard's unit."""
    activities = StaffActivity.objects.filter(starts_on__year=year)
    if staff_id:
        activities = activities.filter(staff_member=staff_id)
    if unit_id:
        activities = activities.filter(unit=unit_id)
    figures = activities.aggregate(
        activities=Count("pk"),
        staff=Count("staff_member", distinct=True),
        period_days=Sum(DAYS, filter=Q(kind=StaffActivityKind.WORK_PERIOD), default=0),
    )
    return {"year": year, **figures}


def self_assessment_evidence(assessment) -> dict:
    """Beside the developing level's questions (registered in apps.py): the staff's working-life
    periods, forums and development days in the assessment's year, in its unit when it has one."""
    activities = StaffActivity.objects.all()
    query = {"year": assessment.year}
    if assessment.unit_id:
        activities = activities.filter(unit=assessment.unit_id)
        query["unit"] = assessment.unit_id
    summary = summary_by_unit(assessment.year, activities)
    list_url = reverse("partnerships:staff_activity_list")
    return {
        "template": "partnerships/_self_assessment_staff_activities.html",
        "context": {
            "year": assessment.year,
            "kinds": [
                {"label": label, "count": count, "url": f"{list_url}?{urlencode({**query, 'kind': value})}"}
                for (value, label), count in zip(summary.kinds, summary.totals, strict=True)
            ],
            "staff": summary.staff,
            "period_days": summary.period_days,
            "total": summary.total,
            "list_url": f"{list_url}?{urlencode(query)}",
            "latest": list(
                activities.filter(starts_on__year=assessment.year).select_related("staff_member", "employer")[
                    :5
                ]
            ),
        },
    }

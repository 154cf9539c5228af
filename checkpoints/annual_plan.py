"""The year clock (vuosikello): each recurring activity as an arc around a 12-month circle,
numbered as in the list beside it, and the national instructor survey's sending days."""

import calendar
import datetime
import math
from dataclasses import dataclass

CENTRE = 180
OUTER = 150
LANE = 18
# An activity's number sits in a circle at the start of its arc. Its radius with the outline;
# two numbers on one lane keep this much apart, so a lane holds an arc only where the previous
# arc's number leaves room, and numbers of activities in the same month never overlap.
MARKER = 8
MARKER_GAP = 2

# The national working-life feedback surveys the responsible workplace instructor after each
# work period: the survey is bundled and sent on the 1st and the 16th of every month, with a
# reminder five days later (ehoks `src/oph/ehoks/palaute/tyoelama.clj`, `next-niputus-date`;
# domain.md). partnerships/selectors/feedback_risk.py computes a period's own bundling date.
INSTRUCTOR_SURVEY_DAYS = (1, 16)
INSTRUCTOR_SURVEY_REMINDER_DAYS = 5


def _angle(month: int, day: int) -> float:
    """Degrees clockwise from the top (1 January) to the given day."""
    days = calendar.monthrange(2023, month)[1]
    return ((month - 1) + (min(day, days) - 1) / days) / 12 * 360


def _point(angle: float, radius: float) -> tuple[float, float]:
    rad = math.radians(angle - 90)
    return round(CENTRE + radius * math.cos(rad), 1), round(CENTRE + radius * math.sin(rad), 1)


def _arc(start: float, end: float, radius: float) -> str:
    if end <= start:
        end += 360  # across the turn of the year
    end = min(end, start + 359.9)
    x1, y1 = _point(start, radius)
    x2, y2 = _point(end, radius)
    large = 1 if end - start > 180 else 0
    return f"M {x1} {y1} A {radius} {radius} 0 {large} 1 {x2} {y2}"


def _marker_degrees(radius: float) -> float:
    """The angle a number's circle (and the gap after it) takes up on a lane of `radius`."""
    return math.degrees((2 * MARKER + MARKER_GAP) / radius)


def _free(taken: list[tuple[float, float]], span: tuple[float, float]) -> bool:
    """Whether `span` (degrees, end possibly past 360) misses every span on the lane, also
    across the turn of the year."""
    return all(span[1] <= a + shift or span[0] >= b + shift for a, b in taken for shift in (-360, 0, 360))


def next_instructor_survey(today: datetime.date) -> datetime.date:
    """The next sending day of the instructor survey on or after `today`."""
    for day in INSTRUCTOR_SURVEY_DAYS:
        if today.day <= day:
            return today.replace(day=day)
    return (today.replace(day=28) + datetime.timedelta(days=4)).replace(day=INSTRUCTOR_SURVEY_DAYS[0])


@dataclass
class Marker:
    number: int
    x: float
    y: float


def year_clock(activities, today: datetime.date | None = None) -> dict:
    """Month labels, one arc and one numbered marker per activity (numbered from 1 in the
    order given), on lanes so that neither overlapping arcs nor their numbers hide each other,
    and a dot on each sending day of the instructor survey."""
    today = today or datetime.date.today()
    months = []
    for month in range(1, 13):
        x, y = _point(_angle(month, 15), OUTER + 18)
        lx1, ly1 = _point(_angle(month, 1), OUTER + 8)
        lx2, ly2 = _point(_angle(month, 1), OUTER - 5 * LANE)
        months.append({"number": month, "x": x, "y": y, "line": (lx1, ly1, lx2, ly2)})
    lanes: list[list[tuple[float, float]]] = []
    arcs = []
    for number, activity in enumerate(activities, start=1):
        start = _angle(activity.start_month, activity.start_day)
        end = _angle(activity.end_month, activity.end_day) + 360 / 365
        end = end if end > start else end + 360
        lane = 0
        while True:
            radius = OUTER - lane * LANE
            # The lane is taken from the arc's start to its end or to where its number ends.
            span = (start - _marker_degrees(radius) / 2, max(end, start + _marker_degrees(radius) / 2))
            if lane == len(lanes):
                lanes.append([])
            if _free(lanes[lane], span):
                lanes[lane].append(span)
                break
            lane += 1
        x, y = _point(start, radius)
        arcs.append(
            {
                "activity": activity,
                "d": _arc(start, end, radius),
                "marker": Marker(number, x, y),
            }
        )
    survey_days = [
        {"month": month, "day": day, "xy": _point(_angle(month, day), OUTER + 8)}
        for month in range(1, 13)
        for day in INSTRUCTOR_SURVEY_DAYS
    ]
    hand = _point(_angle(today.month, today.day), max(OUTER - max(len(lanes), 1) * LANE - 10, 20))
    return {
        "months": months,
        "arcs": arcs,
        "survey_days": survey_days,
        "size": CENTRE * 2,
        "centre": CENTRE,
        "hand": hand,
    }

"""The year clock (vuosikello): each recurring activity as an arc around a 12-month circle."""

import calendar
import datetime
import math

CENTRE = 180
OUTER = 150
LANE = 18


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


def year_clock(activities) -> dict:
    """Month labels and one arc per activity, on lanes so that overlapping ones do not hide
    each other."""
    months = []
    for month in range(1, 13):
        x, y = _point(_angle(month, 15), OUTER + 18)
        lx1, ly1 = _point(_angle(month, 1), OUTER + 8)
        lx2, ly2 = _point(_angle(month, 1), OUTER - 5 * LANE)
        months.append({"number": month, "x": x, "y": y, "line": (lx1, ly1, lx2, ly2)})
    lanes: list[list[tuple[float, float]]] = []
    arcs = []
    for activity in activities:
        start = _angle(activity.start_month, activity.start_day)
        end = _angle(activity.end_month, activity.end_day) + 360 / 365
        span = (start, end if end > start else end + 360)
        for index, taken in enumerate(lanes):
            if all(span[1] <= a or span[0] >= b for a, b in taken):
                taken.append(span)
                lane = index
                break
        else:
            lanes.append([span])
            lane = len(lanes) - 1
        arcs.append({"activity": activity, "d": _arc(start, end, OUTER - lane * LANE)})
    today = datetime.date.today()
    hand = _point(_angle(today.month, today.day), OUTER - max(len(lanes), 1) * LANE - 10)
    return {"months": months, "arcs": arcs, "size": CENTRE * 2, "centre": CENTRE, "hand": hand}

"""Feedback scores per checkpoint and half-year, by sector and by unit, aggregated in SQL,
beside the national results the coordinators record."""

from collections import defaultdict

from django.db.models import Avg, Case, Count, IntegerField, Value, When
from django.db.models.functions import ExtractMonth, ExtractYear

from ..models import FeedbackAnswer, NationalResult
from ..models.feedback import QUESTIONS

CHECKPOINTS = sorted({checkpoint for _key, checkpoint, _text in QUESTIONS})


def half_year(year: int, half: int) -> str:
    return f"{year} H{half}"


def feedback_by_checkpoint(*, sector: str = "", unit_id: int | None = None) -> dict:
    """{"periods": [...], "rows": [{"checkpoint": n, "cells": [{"ours": avg, "n": count,
    "national": avg}, ...]}]}: one query for our answers, one for the national figures."""
    answers = FeedbackAnswer.objects.filter(score__isnull=False, request__answered_at__isnull=False)
    national = NationalResult.objects.all()
    if sector:
        answers = answers.filter(request__work_period__agreement__workplace__employer__sector=sector)
    if unit_id:
        answers = answers.filter(request__work_period__agreement__student__group__unit_id=unit_id)
        national = national.filter(unit_id=unit_id)
    rows = (
        answers.annotate(
            year=ExtractYear("request__answered_at"),
            half=Case(
                When(request__answered_at__month__lte=6, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            ),
        )
        .values("checkpoint", "year", "half")
        .annotate(average=Avg("score"), count=Count("pk"))
        .order_by()
    )
    ours = {(r["checkpoint"], half_year(r["year"], r["half"])): (r["average"], r["count"]) for r in rows}
    theirs: dict[tuple[int, str], list] = defaultdict(list)
    for result in national.annotate(year=ExtractYear("period_start"), month=ExtractMonth("period_start")):
        theirs[(result.checkpoint, half_year(result.year, 1 if result.month <= 6 else 2))].append(
            float(result.average)
        )
    periods = sorted({p for _c, p in ours} | {p for _c, p in theirs})[-6:]
    table = []
    for checkpoint in CHECKPOINTS:
        cells = []
        for period in periods:
            average, count = ours.get((checkpoint, period), (None, 0))
            national_values = theirs.get((checkpoint, period), [])
            cells.append(
                {
                    "ours": round(average, 2) if average is not None else None,
                    "n": count,
                    "national": round(sum(national_values) / len(national_values), 2)
                    if national_values
                    else None,
                }
            )
        table.append({"checkpoint": checkpoint, "cells": cells})
    return {"periods": periods, "rows": table}

"""The self-assessment's yearly summary per level (read-only queries, like a selector).

For one self-assessment (a year, for the institution or one unit) and each partnership level:
the number of rated answers, their mean and spread, and the mean of the same unit's previous
year beside it with the change. The spread is the population standard deviation of the
ratings (1–5), with their minimum and maximum. An answer without a rating is not counted.

"Where is most to develop" is the level with the lowest mean this year (the earlier level on
a tie); the apps above checkpoints register what the summary links to from it, so checkpoints
names none of their URLs (see `develop_link_register`)."""

import statistics
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .models import PartnershipLevel, SelfAssessment, SelfAssessmentAnswer

DECIMALS = 2


@dataclass
class LevelSummary:
    level: PartnershipLevel
    count: int
    mean: float | None
    stdev: float | None
    minimum: int | None
    maximum: int | None
    previous_count: int
    previous_mean: float | None
    change: float | None


@dataclass
class Summary:
    assessment: SelfAssessment
    previous: SelfAssessment | None
    rows: list[LevelSummary]
    most_to_develop: LevelSummary | None
    chart: dict = field(default_factory=dict)


def _stats(ratings: list[int]) -> tuple[float | None, float | None, int | None, int | None]:
    if not ratings:
        return None, None, None, None
    mean = round(statistics.fmean(ratings), DECIMALS)
    return mean, round(statistics.pstdev(ratings), DECIMALS), min(ratings), max(ratings)


def self_assessment_summary(assessment: SelfAssessment) -> Summary:
    """The summary of `assessment` in three queries, however many answers there are."""
    previous = assessment.previous()
    ids = [assessment.pk] + ([previous.pk] if previous else [])
    ratings: dict[tuple[int, int], list[int]] = defaultdict(list)
    answers = SelfAssessmentAnswer.objects.filter(assessment_id__in=ids, rating__isnull=False)
    for assessment_id, level_id, rating in answers.values_list(
        "assessment_id", "question__level_id", "rating"
    ).order_by():
        ratings[(assessment_id, level_id)].append(rating)
    rows = []
    for level in PartnershipLevel.objects.order_by("order"):
        now = ratings.get((assessment.pk, level.pk), [])
        before = ratings.get((previous.pk, level.pk), []) if previous else []
        mean, stdev, minimum, maximum = _stats(now)
        previous_mean = _stats(before)[0]
        change = (
            round(mean - previous_mean, DECIMALS) if mean is not None and previous_mean is not None else None
        )
        rows.append(
            LevelSummary(
                level=level,
                count=len(now),
                mean=mean,
                stdev=stdev,
                minimum=minimum,
                maximum=maximum,
                previous_count=len(before),
                previous_mean=previous_mean,
                change=change,
            )
        )
    rated = [row for row in rows if row.mean is not None]
    most_to_develop = min(rated, key=lambda row: row.mean) if rated else None
    values = [row.mean for row in rows]
    # This year's means, and last year's beside them as a second, striped series.
    series = [{"name": str(assessment.year), "values": values}]
    if previous:
        series.append(
            {"name": str(previous.year), "values": [row.previous_mean for row in rows], "pattern": "stripes"}
        )
    chart = {
        "kind": "bars",
        "labels": [row.level.name for row in rows],
        "values": values,
        "series": series,
        "limit": 5,
    }
    return Summary(assessment, previous, rows, most_to_develop, chart)


DevelopLink = Callable[[SelfAssessment, PartnershipLevel], str]

_DEVELOP_LINKS: list[DevelopLink] = []


def develop_link_register(link: DevelopLink) -> None:
    """Offer `link(assessment, level)`, a URL, as the way to start developing the level with
    most to develop (once, however often it is registered; the first registered is used)."""
    if link not in _DEVELOP_LINKS:
        _DEVELOP_LINKS.append(link)


def develop_link(assessment: SelfAssessment, level: PartnershipLevel | Any) -> str:
    """The registered URL for developing `level`, or "" when no app offers one."""
    return _DEVELOP_LINKS[0](assessment, level) if _DEVELOP_LINKS else ""

"""The self-assessment's summary per level: the ratings' count, mean and spread (population
standard deviation, lowest–highest), the previous year's mean and the change, the chart and
its table, and the link to start developing the level with most to develop."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from checkpoints.models import LevelQuestion, PartnershipLevel, SelfAssessment, SelfAssessmentAnswer
from checkpoints.summary import develop_link, self_assessment_summary
from core.models import Unit


def _rate(assessment, level_key, ratings):
    """Answer the level's first questions with `ratings` (None: a text without a rating)."""
    questions = list(LevelQuestion.objects.filter(level__key=level_key).order_by("number"))
    assert len(questions) >= len(ratings)
    for question, rating in zip(questions, ratings, strict=False):
        SelfAssessmentAnswer.objects.create(assessment=assessment, question=question, text="x", rating=rating)


@pytest.fixture
def years(db):
    this = SelfAssessment.objects.create(year=2026)
    last = SelfAssessment.objects.create(year=2025)
    _rate(this, "minimum", [2, 4, 4, None])
    _rate(this, "everyday", [1, 2])
    _rate(last, "minimum", [3])
    _rate(last, "everyday", [2, 3])
    _rate(last, "strategic", [5])
    # A unit's assessment of the previous year is not the institution's previous year.
    unit_last = SelfAssessment.objects.create(year=2025, unit=Unit.objects.create(name="Tekniikka"))
    _rate(unit_last, "developing", [1, 1])
    return this, last


def _rows(summary):
    return {row.level.key: row for row in summary.rows}


def test_the_numbers_against_a_hand_made_set(years):
    this, last = years
    summary = self_assessment_summary(this)
    assert summary.previous == last
    rows = _rows(summary)
    assert [row.level.key for row in summary.rows] == list(
        PartnershipLevel.objects.order_by("order").values_list("key", flat=True)
    )
    minimum = rows["minimum"]
    # 2, 4, 4: mean 10/3, population variance 8/9; the text without a rating is not counted.
    assert (minimum.count, minimum.mean, minimum.stdev, minimum.minimum, minimum.maximum) == (
        3,
        3.33,
        0.94,
        2,
        4,
    )
    assert (minimum.previous_count, minimum.previous_mean, minimum.change) == (1, 3.0, 0.33)
    everyday = rows["everyday"]
    assert (everyday.count, everyday.mean, everyday.stdev, everyday.minimum, everyday.maximum) == (
        2,
        1.5,
        0.5,
        1,
        2,
    )
    assert (everyday.previous_mean, everyday.change) == (2.5, -1.0)
    strategic = rows["strategic"]
    assert (strategic.count, strategic.mean, strategic.stdev, strategic.previous_mean, strategic.change) == (
        0,
        None,
        None,
        5.0,
        None,
    )
    assert (rows["developing"].count, rows["developing"].previous_mean) == (0, None)
    assert summary.most_to_develop.level.key == "everyday"


def test_without_a_previous_year_nothing_is_compared(years):
    first = SelfAssessment.objects.create(year=2020)
    _rate(first, "minimum", [5, 5])
    summary = self_assessment_summary(first)
    assert summary.previous is None
    minimum = _rows(summary)["minimum"]
    assert (minimum.mean, minimum.stdev, minimum.previous_mean, minimum.change) == (5.0, 0.0, None, None)
    assert self_assessment_summary(SelfAssessment.objects.create(year=2019)).most_to_develop is None


def _page(client, assessment, language="en"):
    url = reverse("checkpoints:self_assessment_summary", args=[assessment.pk])
    return client.get(url, headers={"Accept-Language": language})


def test_the_table_equals_the_chart_data(years, coordinator_client):
    this, _last = years
    page = _page(coordinator_client, this).content.decode()
    chart = json.loads(
        re.search(r'id="chart-self-assessment" type="application/json">(.*?)</script>', page).group(1)
    )
    table = page[page.index('id="self-assessment-summary"') :]
    rows = re.findall(
        r'<tr data-level="([\w-]+)">\s*<th scope="row"[^>]*>([^<]*)</th>(.*?)</tr>', table, re.S
    )
    assert [name for _key, name, _cells in rows] == chart["labels"]
    means = [re.findall(r'<td class="text-end">([^<]*)</td>', cells)[1] for _key, _name, cells in rows]
    assert means == [f"{value:.2f}" if value is not None else "–" for value in chart["values"]]
    assert chart["limit"] == 5
    assert "0.94" in page and "+0.33" in page and "-1.00" in page


@pytest.mark.parametrize(
    ("language", "heading", "button"),
    [
        ("fi", "Itsearvioinnin yhteenveto", "Aloita yhteiskehittämisen hanke"),
        ("sv", "Sammanfattning av självvärderingen", "Starta ett samutvecklingsprojekt"),
        ("en", "Self-assessment summary", "Start a co-development initiative"),
    ],
)
def test_the_page_in_each_language_links_the_level_with_most_to_develop(
    years, coordinator_client, language, heading, button
):
    this, _last = years
    page = _page(coordinator_client, this, language).content.decode()
    assert heading in page and button in page
    assert develop_link(this, PartnershipLevel.objects.get(key="everyday")) in page.replace("&amp;", "&")
    assert f"level=everyday&amp;from_self_assessment={this.pk}" in page


def test_the_list_and_the_workbook_link_the_summary(years, coordinator_client):
    this, _last = years
    url = reverse("checkpoints:self_assessment_summary", args=[this.pk])
    assert url in coordinator_client.get(reverse("checkpoints:self_assessment_list")).content.decode()
    assert (
        url in coordinator_client.get(reverse("checkpoints:self_assessment", args=[this.pk])).content.decode()
    )


def test_only_a_coordinator_sees_the_summary(years, teacher_client):
    this, _last = years
    assert _page(teacher_client, this).status_code == 403


def test_the_query_count_is_constant_in_the_number_of_answers(years, coordinator_client):
    this, last = years

    def count():
        with CaptureQueriesContext(connection) as summary_queries:
            self_assessment_summary(this)
        with CaptureQueriesContext(connection) as page_queries:
            assert _page(coordinator_client, this).status_code == 200
        return len(summary_queries), len(page_queries)

    before = count()
    _rate(this, "developing", [3, 4, 5, 2])
    _rate(this, "strategic", [1, 2, 3])
    _rate(last, "monitoring", [4, 4, 4])
    assert count() == before
    assert before[0] == 3


def test_the_chart_carries_last_years_means_as_a_second_striped_series(years):
    this, _last = years
    summary = self_assessment_summary(this)
    current, previous = summary.chart["series"]
    assert current == {"name": "2026", "values": [row.mean for row in summary.rows]}
    assert previous == {
        "name": "2025",
        "values": [row.previous_mean for row in summary.rows],
        "pattern": "stripes",
    }
    assert any(value is not None for value in previous["values"])


def test_without_a_previous_year_the_chart_has_one_series(db):
    first = SelfAssessment.objects.create(year=2020)
    _rate(first, "minimum", [5, 5])
    assert [s["name"] for s in self_assessment_summary(first).chart["series"]] == ["2020"]

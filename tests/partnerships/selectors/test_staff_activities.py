"""Staff in working life summed up: per unit and kind for the year, the dashboard's count, and
the self-assessment's evidence beside the developing partnership's questions."""

import datetime

import pytest

from checkpoints.models import SelfAssessment
from partnerships import services
from partnerships.selectors.staff_activities import counts, self_assessment_evidence, summary_by_unit

from ...factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def record(by, starts_on, days=1, kind="work_period", **data):
    return services.staff_activity_create(
        by=by,
        data={
            "kind": kind,
            "title": f"{kind} {starts_on}",
            "organisation_name": "Savon Lämpö Oy",
            "starts_on": starts_on,
            "ends_on": starts_on + datetime.timedelta(days=days - 1),
            **data,
        },
    )


@pytest.fixture
def units(teacher, other_teacher):
    kuopio, iisalmi = UnitFactory(name="Kuopion kampus"), UnitFactory(name="Iisalmen kampus")
    teacher.unit, other_teacher.unit = kuopio, iisalmi
    teacher.save()
    other_teacher.save()
    return kuopio, iisalmi


def test_the_summary_counts_each_units_activities_staff_and_period_days(
    teacher, other_teacher, coordinator, units, django_assert_num_queries
):
    record(teacher, datetime.date(2026, 3, 2), days=10)
    record(teacher, datetime.date(2026, 5, 6), kind="forum")
    record(other_teacher, datetime.date(2026, 8, 12), days=5)
    record(other_teacher, datetime.date(2026, 10, 1), kind="development_day", days=2)
    record(coordinator, datetime.date(2026, 11, 3), kind="forum")  # no unit
    record(teacher, datetime.date(2025, 6, 1), days=20)  # another year
    with django_assert_num_queries(2):
        summary = summary_by_unit(2026)
    assert [(row.label, row.counts, row.staff, row.period_days, row.total) for row in summary.rows] == [
        ("Iisalmen kampus", [1, 0, 1], 1, 5, 2),
        ("Kuopion kampus", [1, 1, 0], 1, 10, 2),
        ("", [0, 1, 0], 1, 0, 1),
    ]
    assert (summary.totals, summary.staff, summary.period_days, summary.total) == ([2, 2, 1], 3, 15, 5)


def test_a_staff_member_in_two_units_counts_once_in_the_total(teacher, units):
    kuopio, iisalmi = units
    record(teacher, datetime.date(2026, 3, 2), unit=kuopio)
    record(teacher, datetime.date(2026, 4, 2), unit=iisalmi)
    summary = summary_by_unit(2026)
    assert [row.staff for row in summary.rows] == [1, 1] and summary.staff == 1


def test_the_dashboard_counts_the_year_in_one_query_for_the_institution_a_unit_or_a_teacher(
    teacher, other_teacher, units, django_assert_num_queries
):
    kuopio, _iisalmi = units
    record(teacher, datetime.date(2026, 3, 2), days=3)
    record(other_teacher, datetime.date(2026, 8, 12), kind="forum")
    record(other_teacher, datetime.date(2025, 8, 12))
    with django_assert_num_queries(1):
        assert counts(year=2026) == {"year": 2026, "activities": 2, "staff": 2, "period_days": 3}
    assert counts(year=2026, staff_id=other_teacher.pk)["activities"] == 1
    assert counts(year=2026, unit_id=kuopio.pk) == {
        "year": 2026,
        "activities": 1,
        "staff": 1,
        "period_days": 3,
    }


def test_the_self_assessment_evidence_is_the_years_and_a_units_assessment_its_units(
    teacher, other_teacher, units
):
    kuopio, _iisalmi = units
    record(teacher, datetime.date(2026, 3, 2), days=10, title="Jakso lämpöpumpuissa")
    record(other_teacher, datetime.date(2026, 8, 12), kind="forum", title="Iisalmen foorumi")
    record(teacher, datetime.date(2025, 3, 2), title="Viime vuoden jakso")
    whole = self_assessment_evidence(SelfAssessment(year=2026))
    assert whole["template"] == "partnerships/_self_assessment_staff_activities.html"
    assert (whole["context"]["total"], whole["context"]["staff"], whole["context"]["period_days"]) == (
        2,
        2,
        10,
    )
    assert [item.title for item in whole["context"]["latest"]] == ["Iisalmen foorumi", "Jakso lämpöpumpuissa"]
    unit = self_assessment_evidence(SelfAssessment(year=2026, unit=kuopio))
    assert [item.title for item in unit["context"]["latest"]] == ["Jakso lämpöpumpuissa"]
    assert f"unit={kuopio.pk}" in unit["context"]["list_url"]
    assert [row["count"] for row in unit["context"]["kinds"]] == [1, 0, 0]


def test_nobody_recorded_anything_gives_empty_figures(db):
    assert summary_by_unit(2026).rows == [] and counts(year=2026)["period_days"] == 0
    UserFactory(username="quiet")
    assert self_assessment_evidence(SelfAssessment(year=2026))["context"]["total"] == 0

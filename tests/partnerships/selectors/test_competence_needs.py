"""The summary of competence needs by sector and horizon: the counts, the order, the queries."""

from partnerships import services
from partnerships.models import CompetenceNeed, Horizon
from partnerships.selectors.competence_needs import summary_by_sector

from ...factories import EmployerFactory


def need(by, sector, horizon):
    return services.competence_need_create(
        by=by,
        data={
            "title": "Tarve",
            "description": "Kuvaus",
            "employer": EmployerFactory(),
            "sector": sector,
            "horizon": horizon,
            "source": "survey",
        },
    )


def test_the_summary_counts_by_sector_and_horizon_in_the_classifications_order(teacher):
    need(teacher, "Q", Horizon.OVER_THREE)
    need(teacher, "C", Horizon.WITHIN_YEAR)
    need(teacher, "C", Horizon.WITHIN_YEAR)
    need(teacher, "C", Horizon.ONE_TO_THREE)
    summary = summary_by_sector()
    assert [value for value, _label in summary.horizons] == ["year", "1-3", "3+"]
    assert [(row.sector, row.cells, row.total) for row in summary.rows] == [
        ("C", [("year", 2), ("1-3", 1), ("3+", 0)], 3),
        ("Q", [("year", 0), ("1-3", 0), ("3+", 1)], 1),
    ]
    assert (summary.totals, summary.total) == ([2, 1, 1], 4)


def test_the_summary_of_a_filtered_set_and_of_nothing(teacher):
    need(teacher, "C", Horizon.WITHIN_YEAR)
    assert summary_by_sector(CompetenceNeed.objects.filter(sector="Q")).rows == []
    assert summary_by_sector(CompetenceNeed.objects.none()).total == 0


def test_the_summary_is_one_query_however_many_needs(teacher, django_assert_num_queries):
    for sector in "ABCDEFGHIJ":
        need(teacher, sector, Horizon.ONE_TO_THREE)
    with django_assert_num_queries(1):
        assert summary_by_sector().total == 10

"""The strategic network's queries: the lists' filters, the dashboard's counts and the year's
summary beside the self-assessment's strategic questions."""

import datetime

import pytest

from partnerships import services
from partnerships.selectors import network

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(coordinator, teacher):
    def org(name, kind, **extra):
        return services.network_organisation_create(
            by=coordinator, data={"name": name, "kind": kind, **extra}
        )

    def coop(day, kind, title, organisations, staff=()):
        return services.network_cooperation_create(
            by=coordinator,
            data={"date": day, "kind": kind, "title": title, "organisations": organisations, "staff": staff},
        )

    ely = org("ELY-keskus", "ely")
    te = org("TE-palvelut", "te_services", contact_names="Teppo Työnvälittäjä")
    old = org("Päättynyt hanke", "project_network", is_active=False)
    coop(datetime.date(2026, 2, 1), "meeting", "Alkuvuoden tapaaminen", [ely], [teacher])
    coop(datetime.date(2026, 5, 1), "forum", "Osaamisfoorumi", [ely, te])
    coop(datetime.date(2025, 5, 1), "joint_project", "Vanha hanke", [old], [teacher])
    return {"ely": ely, "te": te, "old": old}


def test_the_organisation_list_keeps_to_active_ones_unless_asked(world):
    assert [o.name for o in network.organisations_filtered({})] == ["ELY-keskus", "TE-palvelut"]
    assert [o.name for o in network.organisations_filtered({"active": "inactive"})] == ["Päättynyt hanke"]
    assert network.organisations_filtered({"active": "all"}).count() == 3
    assert [o.name for o in network.organisations_filtered({"kind": "te_services"})] == ["TE-palvelut"]
    assert [o.name for o in network.organisations_filtered({"q": "teppo"})] == ["TE-palvelut"]
    assert {o.name: o.cooperation_count for o in network.organisations_filtered({})} == {
        "ELY-keskus": 2,
        "TE-palvelut": 1,
    }


def test_the_cooperation_list_filters_by_kind_organisation_year_and_words(world):
    def titles(**data):
        return [c.title for c in network.cooperation_filtered(data)]

    assert titles() == ["Osaamisfoorumi", "Alkuvuoden tapaaminen", "Vanha hanke"]
    assert titles(kind="forum") == ["Osaamisfoorumi"]
    assert titles(organisation=world["ely"]) == ["Osaamisfoorumi", "Alkuvuoden tapaaminen"]
    assert titles(year=2025) == ["Vanha hanke"]
    assert titles(q="te-palv") == ["Osaamisfoorumi"]  # by an organisation's name, once


def test_the_counts_are_of_active_organisations_and_the_years_cooperation(
    world, teacher, django_assert_num_queries
):
    with django_assert_num_queries(1):  # the dashboard's query budget
        network.counts(year=2026)
    assert network.counts(year=2026) == {"year": 2026, "organisations": 2, "cooperation": 2}
    assert network.counts(year=2026, staff_id=teacher.pk)["cooperation"] == 1
    assert network.counts(year=2024)["cooperation"] == 0


def test_the_year_summary_counts_by_kind_with_the_latest_records(world):
    summary = network.year_summary(2026)
    assert summary["organisation_total"] == 2
    assert [(r["label"], r["count"]) for r in summary["organisations"]] == [
        ("TE services", 1),
        ("ELY centre", 1),
    ]
    assert summary["cooperation_total"] == 2
    assert [r["url"].split("?")[1] for r in summary["cooperation"]] == [
        "year=2026&kind=meeting",
        "year=2026&kind=forum",
    ]
    assert [c.title for c in summary["latest"]] == ["Osaamisfoorumi", "Alkuvuoden tapaaminen"]
    assert network.year_summary(2030)["cooperation_total"] == 0

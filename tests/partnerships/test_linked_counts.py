"""Every count on the home page and the dashboard that links to a list: the list it links to
shows exactly that many (issue 21, bug 5). The links are found in the rendered pages, so a new
linked count is checked as soon as it appears."""

import datetime
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from checkpoints.models import Checkpoint, PartnershipLevel
from partnerships import services
from partnerships.models import Employer, LevelRecord, PartnershipAgreement

from ..factories import AgreementFactory, ContactFactory, EmployerFactory, StudentFactory, training_agreement

# The lists a count may link to; each states its total as "<strong>N things</strong>".
LISTS = (
    "partnerships:employer_list",
    "partnerships:agreement_list",
    "partnerships:initiative_list",
    "partnerships:partnership_agreement_list",
    "partnerships:prospect_list",
    "partnerships:competence_need_list",
)
LINKED_COUNT = re.compile(r'<a [^>]*href="([^"]+)"[^>]*>\s*(\d+)\s*</a>')
LIST_TOTAL = re.compile(r"<strong>(\d+) [^<]+</strong>")


@pytest.fixture
def world(teacher, coordinator, teacher_group):
    today = timezone.localdate()
    days = datetime.timedelta
    strategic = PartnershipLevel.objects.get(key="strategic")  # contact every 30 days
    everyday = PartnershipLevel.objects.get(key="everyday")
    # Quiet by its level's 30 days but not by the default 90: the case of the bug.
    quiet_strategic = EmployerFactory(name="Strateginen Oy", account_owner=teacher, sector="F")
    LevelRecord.objects.create(
        employer=quiet_strategic, level=strategic, rationale="x", recorded_by=coordinator
    )
    ContactFactory(employer=quiet_strategic, author=teacher, date=today - days(40))
    in_touch = EmployerFactory(name="Arkinen Oy", account_owner=teacher, sector="I")
    LevelRecord.objects.create(employer=in_touch, level=everyday, rationale="x", recorded_by=coordinator)
    ContactFactory(employer=in_touch, author=teacher, date=today - days(10))
    EmployerFactory(name="Hiljainen Oy", sector="F")  # never contacted, no level
    EmployerFactory(name="Entinen Oy", is_active=False)
    # Overdue items: one live agreement at a unit's student, one that ended long ago (still
    # signed, its feedback never settled), at another unit.
    training_agreement(
        teacher=teacher,
        employer=quiet_strategic,
        student=StudentFactory(group=teacher_group),
        start=today - days(5),
        end=today + days(60),
    )
    AgreementFactory(workplace=in_touch.workplaces.get(), period=(today - days(400), today - days(200)))
    induction = {
        "title": "Perehdytys",
        "starting_point": "s",
        "checkpoints": Checkpoint.objects.filter(number=4),
    }
    initiative = services.initiative_create(by=teacher, data=induction)
    services.initiative_create(by=coordinator, data={"title": "Palaute", "starting_point": "s"})
    agreement = PartnershipAgreement.objects.create(
        title="Kumppanuus", scope="Harjoittelu", signed_on=today, responsible=teacher
    )
    agreement.employers.add(quiet_strategic)
    services.prospect_create(by=teacher, data={"name": "Uusi Oy", "municipality": "Kuopio"})
    services.prospect_create(by=coordinator, data={"name": "Toinen Oy", "municipality": "Kuopio"})
    need = {"description": "d", "organisation_name": "Rakennusteollisuus RT", "source": "forum"}
    for by, title, sector, horizon in (
        (teacher, "Lämpöpumput", "F", "1-3"),
        (teacher, "Puurakentaminen", "F", "3+"),
        (coordinator, "Kiertotalous", "F", "1-3"),
        (coordinator, "Matkailu", "I", "year"),
    ):
        services.competence_need_create(
            by=by, data={**need, "title": title, "sector": sector, "horizon": horizon}
        )
    return {"unit": teacher_group.unit_id, "initiative": initiative}


def linked_counts(html: str) -> list[tuple[str, int]]:
    """(link, count) for each count on the page that links to one of the lists."""
    prefixes = tuple(reverse(name) for name in LISTS)
    return [(unescape(href), int(n)) for href, n in LINKED_COUNT.findall(html) if href.startswith(prefixes)]


def assert_each_list_shows_its_count(client, html: str, expected_links: set[str]) -> None:
    found = linked_counts(html)
    names = {href.split("?")[0] for href, _n in found}
    expected = {reverse(name) for name in expected_links}
    assert expected <= names, found  # none of them went missing
    for href, count in found:
        listing = client.get(href)
        assert listing.status_code == 200, href
        total = LIST_TOTAL.search(listing.content.decode())
        assert total and int(total.group(1)) == count, (href, count, total and total.group(0))


def test_the_home_pages_count_of_employers_to_contact_is_the_lists(world, coordinator_client):
    html = coordinator_client.get(reverse("partnerships:home")).content.decode()
    # Strateginen Oy (40 days, its level asks for 30) and Hiljainen Oy (never): 2, where the
    # old link's fixed 90 days listed 1.
    assert 'data-count="needing_contact">2<' in html
    assert_each_list_shows_its_count(coordinator_client, html, {"partnerships:employer_list"})


def test_the_home_pages_summary_counts_the_employers_as_the_plain_queries(world, coordinator_client):
    """The summary's employer figures come from the dashboard's one query; they are those of
    counting the employers and `needing_contact` apart (with an inactive employer, one
    without an owner, a level's own interval and an employer never contacted)."""
    summary = coordinator_client.get(reverse("partnerships:home")).context["summary"]
    active = Employer.objects.filter(is_active=True)
    assert summary["employers"] == active.count() == 3
    assert summary["without_owner"] == active.filter(account_owner__isnull=True).count() == 1
    assert summary["needing_contact"] == Employer.objects.needing_contact().count() == 2


DASHBOARD_LISTS = {
    "partnerships:employer_list",
    "partnerships:agreement_list",
    "partnerships:initiative_list",
    "partnerships:partnership_agreement_list",
    "partnerships:competence_need_list",
}


@pytest.mark.parametrize(
    "query",
    [{}, {"unit": "unit"}, {"sector": "F"}, {"sector": "I"}, {"start": "2020-01-01"}],
    ids=["unfiltered", "unit", "sector-F", "sector-I", "period"],
)
def test_every_linked_count_on_the_dashboard_is_the_lists(world, coordinator_client, query):
    query = {key: world["unit"] if value == "unit" else value for key, value in query.items()}
    html = coordinator_client.get(reverse("partnerships:review_dashboard"), query).content.decode()
    assert_each_list_shows_its_count(
        coordinator_client,
        html,
        DASHBOARD_LISTS if not query else {"partnerships:employer_list", "partnerships:competence_need_list"},
    )


def test_the_dashboard_links_each_level_and_the_old_overdue_feedback(world, coordinator_client):
    html = coordinator_client.get(reverse("partnerships:review_dashboard")).content.decode()
    levels = [href for href, _n in linked_counts(html) if "level=" in href]
    assert len(levels) == 3  # strategic, everyday, not recorded yet
    overdue = {href: n for href, n in linked_counts(html) if "overdue_item=" in href}
    # The agreement that ended 200 days ago is counted as the list shows it: still overdue.
    assert any(n == 2 for n in overdue.values()), overdue


def test_every_linked_count_on_a_teachers_own_dashboard_is_the_lists(world, teacher_client):
    html = teacher_client.get(reverse("partnerships:review_dashboard")).content.decode()
    assert_each_list_shows_its_count(
        teacher_client,
        html,
        {"partnerships:employer_list", "partnerships:prospect_list", "partnerships:competence_need_list"},
    )


def test_the_dashboards_competence_needs_count_by_sector_and_horizon_as_the_list(world, coordinator_client):
    html = coordinator_client.get(reverse("partnerships:review_dashboard")).content.decode()
    card = html[html.index('id="dashboard-competence-needs"') :]
    card = card[: card.index("</table>")]
    needs = dict(linked_counts(card))
    list_url = reverse("partnerships:competence_need_list")
    assert needs == {
        f"{list_url}?sector=F&horizon=1-3": 2,
        f"{list_url}?sector=F&horizon=3%2B": 1,
        f"{list_url}?sector=F": 3,
        f"{list_url}?sector=I&horizon=year": 1,
        f"{list_url}?sector=I": 1,
    }
    assert f'href="{reverse("partnerships:competence_need_summary")}"' in html
    only_i = coordinator_client.get(reverse("partnerships:review_dashboard"), {"sector": "I"})
    only_i = only_i.content.decode()
    card = only_i[only_i.index('id="dashboard-competence-needs"') :]
    assert {n for _href, n in linked_counts(card[: card.index("</table>")])} == {1}


def test_a_teachers_own_dashboard_counts_the_needs_they_recorded(world, teacher_client):
    html = teacher_client.get(reverse("partnerships:review_dashboard")).content.decode()
    assert "Future competence needs I recorded" in html
    card = html[html.index('id="dashboard-competence-needs"') :]
    needs = dict(linked_counts(card[: card.index("</table>")]))
    list_url = reverse("partnerships:competence_need_list")
    assert needs[f"{list_url}?sector=F&mine=on"] == 2 and len(needs) == 3  # 1-3, 3+ and the total
    assert reverse("partnerships:competence_need_summary") not in html  # the summary is the coordinator's

"""The review dashboard's figures, checked against values counted by hand."""

import datetime
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from checkpoints.models import Checkpoint, PartnershipLevel
from partnerships import services
from partnerships.models import LevelRecord
from partnerships.selectors import dashboard

from ...factories import (
    ContactFactory,
    ContactPersonFactory,
    EmployerFactory,
    QualificationUnitFactory,
    StudentFactory,
)


@pytest.fixture
def small_world(teacher, other_teacher, coordinator, teacher_group):
    today = timezone.localdate()
    mine = [EmployerFactory(name=f"Oma {i} Oy", account_owner=teacher, sector="F") for i in range(3)]
    theirs = EmployerFactory(name="Toisen Oy", account_owner=other_teacher, sector="I")
    EmployerFactory(name="Orpo Oy", sector="F")  # no account owner
    strategic = PartnershipLevel.objects.get(key="strategic")
    everyday = PartnershipLevel.objects.get(key="everyday")
    LevelRecord.objects.create(employer=mine[0], level=strategic, rationale="x", recorded_by=coordinator)
    LevelRecord.objects.create(employer=mine[1], level=everyday, rationale="x", recorded_by=coordinator)
    # Contacts: mine[0] 10 days ago (a visit tagged with checkpoint 4), mine[1] 100 days ago.
    contact = ContactFactory(
        employer=mine[0], author=teacher, channel="visit", date=today - datetime.timedelta(days=10)
    )
    contact.checkpoints.add(Checkpoint.objects.get(number=4))
    ContactFactory(
        employer=mine[1], author=teacher, channel="phone", date=today - datetime.timedelta(days=100)
    )
    ContactFactory(
        employer=theirs, author=other_teacher, channel="phone", date=today - datetime.timedelta(days=5)
    )
    # One live agreement at mine[0] that started 5 days ago with only the induction recorded.
    agreement = services.agreement_create(
        by=teacher,
        data={
            "type": "training",
            "student": StudentFactory(group=teacher_group),
            "workplace": mine[0].workplaces.get(),
            "instructor": ContactPersonFactory(employer=mine[0]),
            "responsible_teacher": teacher,
            "hoks_reference": "H",
            "days_per_week": 3,
        },
        periods=[
            {
                "unit": QualificationUnitFactory(),
                "start": today - datetime.timedelta(days=5),
                "end": today + datetime.timedelta(days=60),
                "part_time_percent": 100,
            }
        ],
    )
    services.agreement_item_record(agreement=agreement, by=teacher, kind="induction", done_on=today)
    return {"mine": mine, "theirs": theirs}


def test_the_figures_match_a_count_by_hand(small_world):
    f = dashboard.Filters()
    levels = {row["name"]: row["employers"] for row in dashboard.levels(f)}
    assert levels["Strategic partnership"] == 1 and levels["Everyday partnership"] == 1 and levels[None] == 3
    reach = dashboard.reachability(f)
    # 5 employers, 4 with an owner; in touch: mine[0] (10 d, strategic 30), theirs (5 d) -> 2.
    assert (reach["total"], reach["with_owner"], reach["in_touch"]) == (5, 4, 2)
    coverage = {row["kind"]: row for row in dashboard.checkpoint_coverage(f)}
    assert coverage["induction"]["done"] == 1 and coverage["induction"]["total"] == 1
    assert coverage["planning"]["overdue"] == 1 and coverage["readiness"]["overdue"] == 1
    assert coverage["demonstration"]["overdue"] == 0
    _months, channels = dashboard.contacts_per_month(f, "channel")
    assert {row["name"]: sum(row["values"]) for row in channels} == {"Phone": 2, "Visit to the workplace": 1}
    _months, tags = dashboard.contacts_per_month(f, "checkpoint")
    assert [(row["name"].split(".")[0], sum(row["values"])) for row in tags] == [("4", 1)]


def test_a_sector_filter_narrows_every_figure(small_world):
    f = dashboard.Filters(sector="I")
    assert dashboard.reachability(f)["total"] == 1
    assert dashboard.checkpoint_coverage(f)[0]["total"] == 0


def test_a_teacher_sees_only_their_own_employers(small_world, teacher_client, coordinator_client):
    mine = teacher_client.get(reverse("partnerships:review_dashboard")).content.decode()
    assert "Toisen Oy" not in mine and "My partners at a glance" in mine
    everyone = coordinator_client.get(reverse("partnerships:review_dashboard")).content.decode()
    assert "The institution" in everyone


def test_the_csv_has_the_same_numbers_as_the_table(small_world, coordinator_client):
    rows = (
        coordinator_client.get(reverse("partnerships:review_dashboard"), {"csv": "levels"})
        .content.decode()
        .splitlines()
    )
    assert "Strategic partnership;1;1" in rows


def test_the_dashboard_runs_a_constant_number_of_queries(
    teacher, coordinator, coordinator_client, django_assert_max_num_queries
):
    today = timezone.localdate()
    for i in range(200):
        employer = EmployerFactory(account_owner=teacher)
        ContactFactory(employer=employer, author=teacher, date=today - datetime.timedelta(days=i % 300))
    # However many rows: a fixed budget, one query more since the strategic network's counts
    # joined the review's figures, one more for staff in working life (one aggregate) and one
    # for the competence needs by sector and horizon; the levels' intervals and the checkpoints
    # are read once each, the coverage is one query (was two) and the reachability one (was
    # three) (issue 19); the level counts, the reachability and the quiet list are one query
    # (were three), the levels and their intervals one (were two).
    with django_assert_max_num_queries(20):
        coordinator_client.get(reverse("partnerships:review_dashboard"))


def test_the_charts_carry_the_same_numbers_as_the_tables(small_world, coordinator_client):
    import json
    import re

    html = coordinator_client.get(reverse("partnerships:review_dashboard")).content.decode()
    levels = json.loads(
        re.search(r'<script id="chart-levels" type="application/json">(.*?)</script>', html).group(1)
    )
    assert dict(zip(levels["labels"], levels["values"], strict=True))["Strategic partnership"] == 1
    assert 'data-chart="chart-channels"' in html and "vendor/chartjs/chart.umd.min.js" in html


@pytest.mark.postgres
def test_with_5000_contacts_the_dashboard_fetches_fewer_than_500_rows(teacher, coordinator_client):
    from django.db import connection

    from partnerships.models import Contact

    today = timezone.localdate()
    employers = [EmployerFactory(account_owner=teacher) for _ in range(50)]
    Contact.objects.bulk_create(
        [
            Contact(
                employer=employers[i % 50],
                author=teacher,
                channel=["phone", "email", "visit", "meeting", "online", "event", "other"][i % 7],
                summary="x",
                date=today - datetime.timedelta(days=i % 360),
            )
            for i in range(5000)
        ]
    )
    fetched = []

    def count_rows(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        cursor = context["cursor"]
        if sql.lstrip().upper().startswith("SELECT") and cursor.rowcount and cursor.rowcount > 0:
            fetched.append(cursor.rowcount)
        return result

    with connection.execute_wrapper(count_rows):
        response = coordinator_client.get(reverse("partnerships:review_dashboard"))
    assert response.status_code == 200
    assert 0 < sum(fetched) < 500, fetched  # rows really counted, and few


def test_each_overdue_count_links_to_the_matching_list(small_world, coordinator_client):
    html = coordinator_client.get(reverse("partnerships:review_dashboard")).content.decode()
    assert "overdue_item=planning" in html
    listing = coordinator_client.get(
        reverse("partnerships:agreement_list"), {"scope": "all", "overdue_item": "planning"}
    )
    assert listing.content.decode().count("kp-progress") == 1
    listing = coordinator_client.get(
        reverse("partnerships:agreement_list"), {"scope": "all", "overdue_item": "induction"}
    )
    assert listing.content.decode().count("kp-progress") == 0  # the induction was recorded


def test_the_figures_are_counted_anew_after_a_minute_and_say_when_they_were_counted(
    teacher, coordinator_client, django_assert_max_num_queries
):
    import re

    import time_machine

    url = reverse("partnerships:review_dashboard")
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 15, tzinfo=datetime.UTC), tick=False):
        first = coordinator_client.get(url).content.decode()
        EmployerFactory(name="Uusi kumppani Oy", account_owner=None)
        with django_assert_max_num_queries(8) as kept:  # the request itself, no aggregate
            again = coordinator_client.get(url).content.decode()
    assert "Uusi kumppani Oy" not in first and "Uusi kumppani Oy" not in again
    assert "(0/1)" not in again  # still the employers counted at 9.15
    assert re.search(r'id="counted-at">[^<]*11[:.]15', again)  # Helsinki time, when they were counted
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 16, 1, tzinfo=datetime.UTC), tick=False):
        later = coordinator_client.get(url).content.decode()
    assert "Uusi kumppani Oy" in later and re.search(r'id="counted-at">[^<]*11[:.]16', later)
    assert len(kept.captured_queries) < 8


def test_the_kept_figures_are_plain_data_in_the_language_they_were_counted_in(small_world):
    from django.core.cache import cache
    from django.utils import translation
    from django.utils.functional import Promise

    from partnerships.views.dashboard import _figures

    def lazy(value) -> list:
        if isinstance(value, Promise):
            return [value]
        if isinstance(value, dict):
            return [found for item in value.values() for found in lazy(item)]
        if isinstance(value, list | tuple):
            return [found for item in value for found in lazy(item)]
        return []

    kept = {}
    for language in ("fi", "sv"):
        with translation.override(language):
            counted = _figures(dashboard.Filters())
            kept[language] = _figures(dashboard.Filters())  # the same, read back from the cache
        assert kept[language] == counted
        assert not lazy(counted)  # a lazy label read back from the cache built a class of its own
    labels = {language: [row["label"] for row in kept[language]["coverage"]] for language in kept}
    assert labels["fi"][0] == "Opiskelijan valmiudet käyty läpi" and labels["sv"][0] != labels["fi"][0]
    cache.clear()


def test_each_filter_choice_and_viewer_gets_figures_of_its_own(
    small_world, teacher_client, coordinator_client
):
    url = reverse("partnerships:review_dashboard")
    everyone = coordinator_client.get(url).content.decode()
    mine = teacher_client.get(url).content.decode()
    narrowed = coordinator_client.get(url, {"sector": "F"}).content.decode()
    assert everyone != mine and everyone != narrowed
    assert coordinator_client.get(url).content.decode().count("<tr>") == everyone.count("<tr>")


def test_every_month_of_the_range_is_a_column_those_without_contacts_included(teacher, coordinator_client):
    employer = EmployerFactory(account_owner=teacher)
    checkpoint = Checkpoint.objects.get(number=4)
    for day in (datetime.date(2026, 1, 15), datetime.date(2026, 4, 2)):
        contact = ContactFactory(employer=employer, author=teacher, channel="phone", date=day)
        contact.checkpoints.add(checkpoint)
    ContactFactory(employer=employer, author=teacher, channel="visit", date=datetime.date(2026, 2, 3))
    f = dashboard.Filters(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 5, 31))
    months, channels = dashboard.contacts_per_month(f, "channel")
    assert months == ["01/2026", "02/2026", "03/2026", "04/2026", "05/2026"]
    assert {row["name"]: row["values"] for row in channels} == {
        "Phone": [1, 0, 0, 1, 0],
        "Visit to the workplace": [0, 1, 0, 0, 0],
    }
    tag_months, tags = dashboard.contacts_per_month(f, "checkpoint")
    assert tag_months == months and [row["values"] for row in tags] == [[1, 0, 0, 1, 0]]
    query = {"start": "2026-01-01", "end": "2026-05-31"}
    html = coordinator_client.get(reverse("partnerships:review_dashboard"), query).content.decode()
    chart = json.loads(
        re.search(r'<script id="chart-checkpoints" type="application/json">(.*?)</script>', html).group(1)
    )
    assert chart["labels"] == months and chart["series"][0]["values"] == [1, 0, 0, 1, 0]
    tables = re.findall(r"<table class=\"table table-sm\">.*?</table>", html, re.S)[-2:]
    for table in tables:  # each row has as many cells as the header has months
        assert table.count('<th scope="col" class="text-end text-nowrap">') == 5
        for row in re.findall(r"<tr><th scope=\"row\".*?</tr>", table, re.S):
            assert row.count("<td") == 5
    csv_rows = coordinator_client.get(
        reverse("partnerships:review_dashboard"), {**query, "csv": "checkpoints"}
    )
    lines = csv_rows.content.decode("utf-8-sig").splitlines()
    assert lines[0] == ";01/2026;02/2026;03/2026;04/2026;05/2026"
    assert lines[1].endswith(";1;0;0;1;0")


def test_without_a_period_the_charts_show_the_last_twelve_whole_months(teacher):
    employer = EmployerFactory(account_owner=teacher)
    ContactFactory(employer=employer, author=teacher, channel="phone", date=datetime.date(2025, 12, 1))
    f = dashboard.Filters(end=datetime.date(2026, 11, 20))
    months, channels = dashboard.contacts_per_month(f, "channel")
    assert months[0] == "12/2025" and months[-1] == "11/2026" and len(months) == 12
    assert channels[0]["values"][0] == 1


@pytest.mark.parametrize("table", ["levels", "coverage", "channels", "checkpoints"])
def test_every_dashboard_csv_opens_in_finnish_excel(small_world, coordinator_client, table):
    response = coordinator_client.get(reverse("partnerships:review_dashboard"), {"csv": table})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    header = body[1:].splitlines()[0]
    assert ";" in header and "," not in header
    assert 'filename="' in response["Content-Disposition"]


def test_a_unit_filter_narrows_levels_reachability_and_both_contact_charts(small_world, teacher_group):
    # Only mine[0] takes on a student of the unit; the others work with no unit's students.
    f = dashboard.Filters(unit_id=teacher_group.unit_id)
    levels = {row["name"]: row["employers"] for row in dashboard.levels(f)}
    assert levels["Strategic partnership"] == 1 and levels["Everyday partnership"] == 0 and levels[None] == 0
    reach = dashboard.reachability(f)
    assert (reach["total"], reach["with_owner"], reach["in_touch"]) == (1, 1, 1)
    _months, channels = dashboard.contacts_per_month(f, "channel")
    assert {row["name"]: sum(row["values"]) for row in channels} == {"Visit to the workplace": 1}
    _months, tags = dashboard.contacts_per_month(f, "checkpoint")
    assert [(row["name"].split(".")[0], sum(row["values"])) for row in tags] == [("4", 1)]


def test_an_employer_belongs_to_its_account_owners_unit_too(small_world, other_teacher):
    from tests.factories import UnitFactory

    other_teacher.unit = UnitFactory(name="Pohjoinen kampus")
    other_teacher.save()
    f = dashboard.Filters(unit_id=other_teacher.unit_id)
    assert dashboard.reachability(f)["total"] == 1  # Toisen Oy
    _months, channels = dashboard.contacts_per_month(f, "channel")
    assert {row["name"]: sum(row["values"]) for row in channels} == {"Phone": 1}


def test_the_unit_filter_applies_to_the_page_its_charts_and_every_csv(
    small_world, teacher_group, coordinator_client
):
    url = reverse("partnerships:review_dashboard")
    query = {"unit": teacher_group.unit_id}
    html = coordinator_client.get(url, query).content.decode()
    assert "(1/1)" in html and "(4/5)" not in html  # reachability
    levels = json.loads(
        re.search(r'<script id="chart-levels" type="application/json">(.*?)</script>', html).group(1)
    )
    assert dict(zip(levels["labels"], levels["values"], strict=True))["Not recorded yet."] == 0
    channels = json.loads(
        re.search(r'<script id="chart-channels" type="application/json">(.*?)</script>', html).group(1)
    )
    assert [(s["name"], sum(s["values"])) for s in channels["series"]] == [("Visit to the workplace", 1)]

    def csv(table):
        return coordinator_client.get(url, {**query, "csv": table}).content.decode("utf-8-sig").splitlines()

    assert "Everyday partnership;0;0" in csv("levels") and "Not recorded yet.;0;0" in csv("levels")
    assert [line.split(";")[0] for line in csv("channels")[1:]] == ["Visit to the workplace"]
    assert sum(int(v) for v in csv("channels")[1].split(";")[1:]) == 1
    assert [line.split(";")[0][:2] for line in csv("checkpoints")[1:]] == ["4."]


@pytest.fixture
def varied_agreements(teacher):
    """Agreements in two units and two sectors, of every status, with zero to two work periods
    whose first and last days fall on each side of every deadline and of the 90 days the
    coverage looks back, and with different items settled."""
    from partnerships.choices import ItemKind
    from partnerships.models import AgreementItem

    from ...factories import AgreementFactory, StudentGroupFactory, WorkplaceFactory

    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    groups = [StudentGroupFactory(name="VAR-A"), StudentGroupFactory(name="VAR-B")]
    workplaces = [
        WorkplaceFactory(employer=EmployerFactory(sector=sector, account_owner=teacher)) for sector in "FI"
    ]
    edges = [
        # (first day, last day) of the agreement's periods
        (today, today + 30 * day),
        (today - day, today + 30 * day),
        (today - 2 * day, today - day),
        (today - 200 * day, today - 90 * day),
        (today - 200 * day, today - 91 * day),
        (today - 30 * day, today + 14 * day),
        (today - 30 * day, today + 13 * day),
        (today - 30 * day, today - 14 * day),
        (today - 30 * day, today - 15 * day),
        (today + 5 * day, today + 60 * day),
    ]
    kinds = list(ItemKind)
    statuses = ["draft", "signed", "signed", "ended_early", "cancelled"]
    n = 0
    for first, last in edges:
        for status in statuses:
            n += 1
            ended = {"ended_on": today - day, "end_reason": "x"} if status == "ended_early" else {}
            agreement = AgreementFactory(
                status=status,
                student=StudentFactory(group=groups[n % 2]),
                workplace=workplaces[(n // 2) % 2],
                **ended,
            )
            unit = QualificationUnitFactory()
            if n % 3 == 0 and last - first > 5 * day:  # two periods: the days from different ones
                agreement.work_periods.create(unit=unit, start=first, end=first + 2 * day)
                agreement.work_periods.create(unit=unit, start=first + 3 * day, end=last)
            else:
                agreement.work_periods.create(unit=unit, start=first, end=last)
            for i, kind in enumerate(kinds):
                if (n + i) % 3 == 0:
                    AgreementItem.objects.create(agreement=agreement, kind=kind, done_on=today)
    AgreementFactory(status="signed", workplace=workplaces[0])  # no work periods at all
    return {"groups": groups}


def _coverage_row_by_row(f: dashboard.Filters, today: datetime.date) -> dict:
    """The coverage counted the plain way: each agreement's item states (`item_states`, what
    the agreement page shows) added up."""
    from partnerships.choices import ItemKind
    from partnerships.models import Agreement
    from partnerships.selectors.overdue import LIVE_STATUSES, item_states

    agreements = Agreement.objects.filter(status__in=LIVE_STATUSES).prefetch_related("work_periods", "items")
    if f.sector:
        agreements = agreements.filter(workplace__employer__sector=f.sector)
    if f.unit_id:
        agreements = agreements.filter(student__group__unit_id=f.unit_id)
    counts = {f"{what}_{kind}": 0 for kind in ItemKind for what in ("done", "overdue")}
    counts["total"] = 0
    for agreement in agreements:
        periods = list(agreement.work_periods.all())
        states = item_states(agreement, today)
        for state in states:
            counts[f"overdue_{state.kind}"] += state.overdue
        if periods and max(p.end for p in periods) >= today - datetime.timedelta(days=90):
            counts["total"] += 1
            for state in states:
                counts[f"done_{state.kind}"] += state.settled
    return counts


def test_the_coverage_aggregate_matches_the_agreements_counted_one_by_one(varied_agreements):
    today = timezone.localdate()
    unit = varied_agreements["groups"][0].unit
    for f in [
        dashboard.Filters(),
        dashboard.Filters(sector="F"),
        dashboard.Filters(unit_id=unit.pk),
        dashboard.Filters(sector="I", unit_id=unit.pk),
    ]:
        expected = _coverage_row_by_row(f, today)
        rows = dashboard.checkpoint_coverage(f, today)
        got = {"total": rows[0]["total"]}
        for row in rows:
            got[f"done_{row['kind']}"] = row["done"]
            got[f"overdue_{row['kind']}"] = row["overdue"]
        assert got == expected, f
    # The data set reaches both sides: something done, overdue and not overdue for each filter.
    everything = _coverage_row_by_row(dashboard.Filters(), today)
    assert everything["total"] and everything["done_readiness"] and everything["overdue_thanks"]


def test_the_reachability_aggregate_matches_the_employers_counted_one_by_one(teacher, coordinator, settings):
    """Employers at every level (one without an interval among them), with and without an
    owner, in two sectors, inactive ones too, last contacted on each side of their cutoff."""
    from partnerships.models import Employer
    from partnerships.models.employers import contact_intervals

    today = timezone.localdate()
    levels = [None, *PartnershipLevel.objects.filter(cross_cutting=False)]
    PartnershipLevel.objects.filter(pk=levels[-1].pk).update(contact_interval_days=None)
    intervals = contact_intervals()
    n = 0
    for level in levels:
        interval = (
            settings.KUMPPANI_DEFAULT_CONTACT_INTERVAL_DAYS if level is None else intervals.get(level.pk, 30)
        )
        for days_ago in [None, interval - 1, interval, interval + 1]:
            n += 1
            employer = EmployerFactory(
                sector="FI"[n % 2], account_owner=teacher if n % 3 else None, is_active=n % 7 != 0
            )
            if level is not None:
                LevelRecord.objects.create(
                    employer=employer, level=level, rationale="x", recorded_by=coordinator
                )
            if days_ago is not None:
                ContactFactory(
                    employer=employer, author=teacher, date=today - datetime.timedelta(days=days_ago)
                )
                ContactFactory(employer=employer, author=teacher, date=today - datetime.timedelta(days=400))
    for f in [dashboard.Filters(), dashboard.Filters(sector="F"), dashboard.Filters(owner_id=teacher.pk)]:
        employers = dashboard._employers(f)
        quiet = set(employers.needing_contact(today=today).values_list("pk", flat=True))
        rows = list(employers)
        expected = {
            "total": len(rows),
            "with_owner": sum(e.account_owner_id is not None for e in rows),
            "in_touch": sum(e.pk not in quiet for e in rows),
        }
        got = dashboard.reachability(f, today)
        assert {k: got[k] for k in expected} == expected, f
        assert 0 < got["in_touch"] < got["total"]
    assert Employer.objects.filter(is_active=False).exists()


def test_the_filters_through_joins_pick_the_rows_of_the_employer_and_agreement_subqueries(
    small_world, varied_agreements, teacher, other_teacher, teacher_group
):
    """`_active` and `_live` narrow through the row's own joins what `employer__in=_employers`
    and `agreement__in=_agreements` narrowed: the same rows for every filter and their mix."""
    from partnerships.models import Contact, FeedbackRequest, WorkPeriod

    ContactFactory(employer=EmployerFactory(sector="F", is_active=False), author=teacher)
    for period in WorkPeriod.objects.all():
        FeedbackRequest.objects.create(
            work_period=period, respondent="student", student=period.agreement.student, email="s@example.fi"
        )
    choices = [
        dashboard.Filters(),
        dashboard.Filters(sector="F"),
        dashboard.Filters(unit_id=teacher_group.unit_id),
        dashboard.Filters(owner_id=teacher.pk),
        dashboard.Filters(owner_id=other_teacher.pk, sector="I"),
        dashboard.Filters(unit_id=teacher_group.unit_id, sector="F", owner_id=teacher.pk),
    ]
    for f in choices:
        employers, agreements = dashboard._employers(f), dashboard._agreements(f)
        for model in (Contact, LevelRecord):
            assert set(model.objects.filter(dashboard._active(f, "employer__"))) == set(
                model.objects.filter(employer__in=employers)
            )
        feedback = FeedbackRequest.objects.filter(
            dashboard._active(f, "work_period__agreement__workplace__employer__")
        )
        assert set(feedback) == set(
            FeedbackRequest.objects.filter(work_period__agreement__workplace__employer__in=employers)
        )
        periods = set(WorkPeriod.objects.filter(dashboard._live(f, "agreement__")))
        assert periods == set(WorkPeriod.objects.filter(agreement__in=agreements))
    assert FeedbackRequest.objects.filter(
        dashboard._active(dashboard.Filters(sector="F"), "work_period__agreement__workplace__employer__")
    ).exists()
    assert WorkPeriod.objects.filter(dashboard._live(dashboard.Filters(sector="F"), "agreement__")).exists()
    assert Contact.objects.filter(
        dashboard._active(dashboard.Filters(unit_id=teacher_group.unit_id), "employer__")
    ).exists()


def test_the_employer_figures_count_and_list_as_the_employer_querysets_do(
    teacher, other_teacher, coordinator
):
    """`employer_figures` reads each employer's level and last contact once for the level
    counts, the reachability and the quiet list: each is the same as the querysets'
    (`at_level`, `needing_contact`), for the filters and with the list cut short."""
    today = timezone.localdate()
    levels = list(PartnershipLevel.objects.filter(cross_cutting=False))
    for i in range(24):
        employer = EmployerFactory(
            name=f"{'ÄBC'[i % 3]}yritys {i % 7} Oy {i}",
            account_owner=[teacher, other_teacher, None][i % 3],
            sector="FI"[i % 2],
            is_active=i % 11 != 5,
        )
        if i % 4:
            LevelRecord.objects.create(
                employer=employer, level=levels[i % len(levels)], rationale="x", recorded_by=coordinator
            )
        if i % 5:
            ContactFactory(employer=employer, author=teacher, date=today - datetime.timedelta(days=17 * i))
    for f in (dashboard.Filters(), dashboard.Filters(sector="F"), dashboard.Filters(owner_id=teacher.pk)):
        employers = dashboard._employers(f)
        for limit in (30, 4):
            figures = dashboard.employer_figures(f, quiet_limit=limit)
            quiet = list(employers.needing_contact().with_last_contact()[:limit])
            assert [(e.pk, e.name, e.last_contact) for e in figures["quiet"]] == [
                (e.pk, e.name, e.last_contact) for e in quiet
            ]
        assert figures["levels"] == {
            level_id: employers.at_level(level_id).count()
            for level_id in {*employers.with_level().values_list("level_id", flat=True)}
        }
        reach = figures["reachability"]
        assert reach["total"] == employers.count()
        assert reach["with_owner"] == employers.filter(account_owner__isnull=False).count()
        assert reach["in_touch"] == reach["total"] - employers.needing_contact().count()
    assert len(dashboard.employer_figures(dashboard.Filters(), quiet_limit=30)["quiet"]) > 4


def test_the_feedback_to_react_to_is_listed_with_its_employer_and_student(coordinator_client):
    from partnerships.models import FeedbackRequest

    from ...factories import AgreementFactory

    today = timezone.localdate()
    erased = StudentFactory(first_name="", last_name="", erased_at=timezone.now())
    for i, student in enumerate([StudentFactory(first_name="Nuhjuinen", last_name="Opiskelija"), erased]):
        agreement = AgreementFactory(
            student=student,
            workplace=EmployerFactory(name=f"Palaute {i} Oy").workplaces.get(),
            period=(today - datetime.timedelta(days=30), today - datetime.timedelta(days=2)),
        )
        FeedbackRequest.objects.create(
            work_period=agreement.work_periods.get(),
            respondent="student",
            student=student,
            email=f"s{i}@example.fi",
            sent_at=timezone.now() - datetime.timedelta(hours=i),
            answered_at=timezone.now(),
            contact_me=True,
        )
    listed = dashboard.attention(dashboard.Filters())["feedback"]
    expected = FeedbackRequest.objects.needing_reaction().order_by("-sent_at")
    assert [
        (f.pk, f.work_period.agreement.workplace.employer.name, f.work_period.agreement.student.full_name)
        for f in listed
    ] == [
        (f.pk, f.work_period.agreement.workplace.employer.name, f.work_period.agreement.student.full_name)
        for f in expected
    ]
    assert len(listed) == 2 and listed[0].work_period.agreement.student.full_name == "Nuhjuinen Opiskelija"
    html = coordinator_client.get(reverse("partnerships:review_dashboard")).content.decode()
    assert "Palaute 0 Oy</a> · Nuhjuinen Opiskelija" in html
    assert f"Palaute 1 Oy</a> · {erased.full_name}" in html

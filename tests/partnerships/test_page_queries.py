"""The query-heavy pages of issue 19 (the teacher's home page, the agreement list, the
dashboard counted anew): the same number of queries for little and for more data, and the
same rows as the plain queries they replaced."""

import datetime
import itertools

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.models import Exists, F, Max, OuterRef, Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.models import Role, StudentGroup
from partnerships.filters import AgreementFilter
from partnerships.models import Agreement, Employer, WorkPeriod
from partnerships.models.employers import contact_intervals
from partnerships.selectors import dashboard
from partnerships.selectors.feedback_risk import at_risk, first_periods_at_risk, periods_at_risk
from partnerships.views.access import _agreements

from ..factories import (
    AgreementFactory,
    ContactFactory,
    ContactPersonFactory,
    EmployerFactory,
    QualificationUnitFactory,
    StudentFactory,
    StudentGroupFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = pytest.mark.postgres


def add_agreements(n: int, teacher, group, *, start_day: int = 0) -> list[Agreement]:
    """`n` signed agreements of `teacher` with one work period each, ending on different days
    within the month, their instructors never inducted and without an e-mail address every
    third time (so some periods are at risk), each at an employer the teacher owns."""
    today = timezone.localdate()
    agreements = []
    for i in range(start_day, start_day + n):
        employer = EmployerFactory(account_owner=teacher)
        ContactFactory(employer=employer, author=teacher, date=today - datetime.timedelta(days=i))
        instructor = ContactPersonFactory(employer=employer, email="" if i % 3 == 0 else f"o{i}@example.fi")
        agreements.append(
            AgreementFactory(
                student=StudentFactory(group=group),
                workplace=employer.workplaces.get(),
                instructor=instructor,
                responsible_teacher=teacher,
                period=(today - datetime.timedelta(days=30), today + datetime.timedelta(days=1 + i % 25)),
            )
        )
    return agreements


def queries_of(client, url: str, data=None) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, data)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_the_home_page_runs_the_same_queries_for_2_and_40_agreements(teacher, teacher_client, teacher_group):
    add_agreements(2, teacher, teacher_group)
    few, _html = queries_of(teacher_client, reverse("partnerships:home"))
    add_agreements(38, teacher, teacher_group, start_day=2)
    many, html = queries_of(teacher_client, reverse("partnerships:home"))
    assert few == many
    risky = at_risk(WorkPeriod.objects.filter(agreement__responsible_teacher=teacher)).count()
    assert risky >= 14  # every third of the 40 instructors has no address
    assert html.count('class="alert alert-danger py-1') == min(risky, 30)
    assert html.count(">Record the induction<") == 20


def test_the_home_pages_follow_ups_link_to_their_employer_and_close_with_the_same_queries(
    teacher, teacher_client
):
    today = timezone.localdate()

    def follow_ups(n: int) -> list:
        return [
            ContactFactory(
                author=teacher,
                date=today - datetime.timedelta(days=3),
                follow_up_date=today + datetime.timedelta(days=i % 5 - 2),
                follow_up_note=f"Soita {i}",
            )
            for i in range(n)
        ]

    follow_ups(1)
    few, _html = queries_of(teacher_client, reverse("partnerships:home"))
    contacts = follow_ups(59)
    many, html = queries_of(teacher_client, reverse("partnerships:home"))
    assert few == many
    assert html.count('id="follow-up-') == 50  # the first 50 by date
    first = min(contacts, key=lambda c: (c.follow_up_date, c.pk))
    done = reverse("partnerships:follow_up_done", args=[first.pk])
    assert f'action="{done}" hx-post="{done}" hx-target="#follow-up-{first.pk}"' in html
    assert f'<a href="{first.employer.get_absolute_url()}">{first.employer.name}</a>' in html


def test_the_coordinators_home_page_runs_the_same_queries_for_2_and_40_agreements(
    coordinator, coordinator_client, teacher_group
):
    add_agreements(2, coordinator, teacher_group)
    few, _html = queries_of(coordinator_client, reverse("partnerships:home"))
    add_agreements(38, coordinator, teacher_group, start_day=2)
    many, html = queries_of(coordinator_client, reverse("partnerships:home"))
    assert few == many
    # The institution summary and the coordinator's own lists are all there.
    assert 'data-count="needing_contact">0<' in html  # each of the 40 was contacted within 40 days
    assert html.count(">Record the induction<") == 20


def test_the_home_pages_lists_are_the_rows_of_the_plain_queries(
    teacher, other_teacher, teacher_client, teacher_group
):
    add_agreements(40, teacher, teacher_group)
    add_agreements(5, other_teacher, None, start_day=40)
    today = timezone.localdate()
    response = teacher_client.get(reverse("partnerships:home"))
    context = response.context
    mine = WorkPeriod.objects.filter(agreement__responsible_teacher=teacher)
    expected = list(at_risk(mine, today).order_by("end", "pk").values_list("pk", flat=True)[:30])
    assert [p.pk for p in context["periods_at_risk"]] == expected
    never_inducted = Agreement.objects.filter(responsible_teacher=teacher).with_instructor_never_inducted(
        today
    )[:20]
    assert [a.pk for a in context["instructors_to_induct"]] == [a.pk for a in never_inducted]


def test_the_bundle_check_of_a_teachers_periods_sees_a_colleagues_period(teacher, other_teacher):
    """A bundle is one instructor's name, one Y-tunnus, one qualification and one bundling
    date, whoever is responsible: a colleague's period with another address for the same
    instructor makes the teacher's period unreachable, and the teacher's list sees it."""
    employer = EmployerFactory()
    end = timezone.localdate() + datetime.timedelta(days=40)
    unit = QualificationUnitFactory()
    periods = []
    for responsible, email in ((teacher, "matti@konepaja.example"), (other_teacher, "m.v@konepaja.example")):
        instructor = ContactPersonFactory(
            employer=employer, first_name="Matti", last_name="Virtanen", email=email
        )
        agreement = AgreementFactory(
            workplace=employer.workplaces.get(), instructor=instructor, responsible_teacher=responsible
        )
        periods.append(
            WorkPeriod.objects.create(
                agreement=agreement,
                unit=unit,
                start=end - datetime.timedelta(days=30),
                end=end,
                part_time_percent=100,
                ehoks_entered_on=timezone.localdate(),
            )
        )
    mine = WorkPeriod.objects.filter(agreement__responsible_teacher=teacher)
    listed = first_periods_at_risk(mine, limit=30)
    assert [p.pk for p in listed] == [periods[0].pk]
    assert [r.key for r in listed[0].feedback_warning.risks] == ["bundle_conflict"]


@pytest.mark.parametrize("scope", ["mine", "all"])
def test_the_agreement_list_runs_the_same_queries_for_3_and_40_agreements(
    scope, teacher, teacher_client, teacher_group
):
    add_agreements(3, teacher, teacher_group)
    few, _html = queries_of(teacher_client, reverse("partnerships:agreement_list"), {"scope": scope})
    add_agreements(37, teacher, teacher_group, start_day=3)
    many, html = queries_of(teacher_client, reverse("partnerships:agreement_list"), {"scope": scope})
    assert few == many
    assert html.count("kp-progress") == 25


def test_the_agreement_lists_pages_are_the_rows_of_the_sorted_list(teacher, teacher_client, teacher_group):
    add_agreements(40, teacher, teacher_group)
    everything = list(
        AgreementFilter(None, queryset=_agreements(teacher), user=teacher).qs.values_list("pk", flat=True)
    )
    shown = []
    for page in (1, 2):
        response = teacher_client.get(reverse("partnerships:agreement_list"), {"page": page})
        shown += [row["agreement"].pk for row in response.context["rows"]]
        assert [row["agreement"].last_day for row in response.context["rows"]] == sorted(
            (row["agreement"].last_day for row in response.context["rows"]), reverse=True
        )
    assert shown == everything


def test_the_dashboard_counted_anew_runs_the_same_queries_for_2_and_30_agreements(
    coordinator_client, teacher, teacher_group
):
    add_agreements(2, teacher, teacher_group)
    few, _html = queries_of(
        coordinator_client, reverse("partnerships:review_dashboard"), {"end": "2099-01-01"}
    )
    add_agreements(28, teacher, teacher_group, start_day=2)
    many, html = queries_of(
        coordinator_client, reverse("partnerships:review_dashboard"), {"end": "2099-01-02"}
    )
    assert few == many
    assert "data-chart" in html


def test_the_dashboard_reads_the_checkpoints_and_the_levels_once(coordinator_client, teacher, teacher_group):
    add_agreements(3, teacher, teacher_group)
    with CaptureQueriesContext(connection) as captured:
        coordinator_client.get(reverse("partnerships:review_dashboard"), {"end": "2099-01-03"})
    sqls = [q["sql"] for q in captured]
    assert sum('FROM "checkpoints_checkpoint" ORDER BY' in sql for sql in sqls) == 1
    # The level table's rows and their contact intervals from one read of the levels.
    assert sum('FROM "checkpoints_partnershiplevel"' in sql for sql in sqls) == 1


def test_needing_contact_with_the_intervals_given_finds_the_same_employers(teacher):
    today = timezone.localdate()
    for days in (5, 50, 400, 1000):
        ContactFactory(employer=EmployerFactory(), author=teacher, date=today - datetime.timedelta(days=days))
    EmployerFactory()  # never contacted
    asked = set(Employer.objects.needing_contact().values_list("pk", flat=True))
    given = set(Employer.objects.needing_contact(intervals=contact_intervals()).values_list("pk", flat=True))
    assert asked == given
    assert len(given) >= 2
    figures = dashboard.reachability(dashboard.Filters(), intervals=contact_intervals())
    assert figures == dashboard.reachability(dashboard.Filters())


def test_a_teachers_own_dashboard_lists_the_same_periods_at_risk_as_the_unnarrowed_check(
    teacher, teacher_client, teacher_group
):
    add_agreements(12, teacher, teacher_group)
    response = teacher_client.get(reverse("partnerships:review_dashboard"), {"end": "2099-01-04"})
    shown = [p.pk for p in response.context["attention"]["at_risk"]]
    periods = WorkPeriod.objects.filter(
        agreement__in=Agreement.objects.filter(
            status__in=["draft", "signed"], workplace__employer__account_owner=teacher
        )
    )
    assert shown == [p.pk for p in first_periods_at_risk(periods, limit=30)]
    assert len(shown) >= 4  # every third instructor has no address


def _seen_the_old_way(user):
    """`Agreement.objects.visible_to` as it was written before the sixth session's agreement
    list work: an EXISTS on the student's group per agreement."""
    if not user.is_teacher:
        return Agreement.objects.none()
    if user.is_coordinator:
        return Agreement.objects.all()
    teaches = StudentGroup.teachers.through.objects.filter(
        studentgroup_id=OuterRef("student__group_id"), user_id=user.pk
    )
    return Agreement.objects.filter(Q(responsible_teacher=user) | Exists(teaches))


def _mixed_agreements(teacher, other_teacher) -> None:
    """Agreements every way a teacher may or may not see them: responsible or not, the
    student in a group they teach, a group a colleague teaches, a group both teach, no group;
    some without a work period and several ending on the same day."""
    today = timezone.localdate()
    mine, theirs, shared = (StudentGroupFactory(name=name) for name in ("MINE", "THEIRS", "SHARED"))
    mine.teachers.add(teacher)
    theirs.teachers.add(other_teacher)
    shared.teachers.add(teacher, other_teacher)
    for i, (group, responsible) in enumerate(
        itertools.product((mine, theirs, shared, None), (teacher, other_teacher, UserFactory()))
    ):
        for j in range(4):
            end = today + datetime.timedelta(days=(i * 4 + j) % 7)  # ties on the last day
            AgreementFactory(
                student=StudentFactory(group=group),
                responsible_teacher=responsible,
                period=None if j == 2 else (end - datetime.timedelta(days=20), end),
            )


def test_the_agreements_a_user_may_see_are_those_of_the_old_exists_condition(
    teacher, other_teacher, coordinator
):
    _mixed_agreements(teacher, other_teacher)
    nobody = UserFactory()  # no role: sees nothing, even as a responsible teacher
    AgreementFactory(responsible_teacher=nobody)
    lone = UserFactory()  # a teacher of no group, responsible for one agreement
    lone.groups.add(Group.objects.get(name=Role.TEACHER))
    AgreementFactory(responsible_teacher=lone)
    for user in (teacher, other_teacher, coordinator, nobody, lone):
        seen = set(Agreement.objects.visible_to(user).values_list("pk", flat=True))
        assert seen == set(_seen_the_old_way(user).values_list("pk", flat=True)), user.username
    assert len(Agreement.objects.visible_to(teacher)) == 32  # 16 responsible, 16 more in two taught groups
    assert len(Agreement.objects.visible_to(lone)) == 1


@pytest.mark.parametrize("scope", ["mine", "all"])
def test_the_agreement_lists_pages_show_the_rows_of_the_old_query(
    scope, teacher, other_teacher, teacher_client
):
    _mixed_agreements(teacher, other_teacher)
    old = _seen_the_old_way(teacher).annotate(latest=Max("work_periods__end"))
    if scope == "mine":
        old = old.filter(responsible_teacher=teacher)
    expected = list(old.order_by(F("latest").desc(nulls_last=True), "-pk").values_list("pk", "latest"))
    assert len(expected) == (16 if scope == "mine" else 32)
    shown = []
    for page in (1, 2):
        response = teacher_client.get(reverse("partnerships:agreement_list"), {"scope": scope, "page": page})
        assert response.context["page"].paginator.count == len(expected)
        shown += [(row["agreement"].pk, row["agreement"].last_day) for row in response.context["rows"]]
        if len(expected) <= 25:
            break
    assert shown == expected


def test_the_agreement_list_reads_its_unit_options_without_a_server_side_cursor(teacher_client):
    """core.forms.ListedChoiceIterator: the units in one plain query, not DECLARE/FETCH/CLOSE."""
    unit = UnitFactory(name="Itäinen yksikkö")
    with CaptureQueriesContext(connection) as queries:
        response = teacher_client.get(reverse("partnerships:agreement_list"))
    assert f'<option value="{unit.pk}">Itäinen yksikkö</option>' in response.content.decode()
    sqls = [q["sql"] for q in queries.captured_queries]
    assert sum('FROM "core_unit"' in sql for sql in sqls) == 1
    assert not [sql for sql in sqls if "DECLARE" in sql]


def test_an_agreement_deleted_between_the_page_and_its_rows_is_left_out(
    teacher, teacher_client, teacher_group, monkeypatch
):
    from partnerships.views import agreements as views

    add_agreements(3, teacher, teacher_group)
    read_rows = views._agreement_rows

    def deleted_first(ids):
        Agreement.objects.filter(pk=ids[0]).delete()  # by another request, in between
        return read_rows(ids)

    monkeypatch.setattr(views, "_agreement_rows", deleted_first)
    response = teacher_client.get(reverse("partnerships:agreement_list"))
    assert response.status_code == 200
    assert len(response.context["rows"]) == 2


def test_the_coordinators_dashboard_lists_the_first_periods_the_rules_put_at_risk(
    coordinator_client, teacher, other_teacher, teacher_group
):
    """The institution's list: the same periods as the rules in SQL (`at_risk`) choose."""
    add_agreements(36, teacher, teacher_group)
    add_agreements(6, other_teacher, None, start_day=36)
    response = coordinator_client.get(reverse("partnerships:review_dashboard"), {"end": "2099-01-05"})
    shown = [p.pk for p in response.context["attention"]["at_risk"]]
    live = WorkPeriod.objects.filter(agreement__status__in=["draft", "signed"])
    assert shown == list(periods_at_risk(live).values_list("pk", flat=True)[:30])
    assert len(shown) == min(at_risk(live).count(), 30) >= 14
    assert all(p.feedback_warning for p in response.context["attention"]["at_risk"])

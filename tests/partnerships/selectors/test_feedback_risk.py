"""The national feedback warning by the national services' rules (partnerships/selectors/feedback_risk.py):
each rule from both sides, the list (SQL) and the page (Python) agreeing, phones stored in
E.164 through the form, the service and the admin."""

import datetime

import pytest
import time_machine
from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import escape

from partnerships import services
from partnerships.models import Agreement, ContactPerson, Interruption, WorkPeriod
from partnerships.selectors.feedback_risk import (
    correction_window_closes,
    feedback_warnings,
    first_periods_at_risk,
    next_niputus_date,
    periods_at_risk,
)

from ...factories import (
    ContactPersonFactory,
    EmployerFactory,
    QualificationUnitFactory,
    StudentFactory,
)

TODAY = datetime.date(2027, 3, 1)


@pytest.fixture
def world(teacher):
    employer = EmployerFactory(name="Konepaja Oy")
    return {
        "teacher": teacher,
        "employer": employer,
        "unit": QualificationUnitFactory(),
        "instructor": ContactPersonFactory(
            employer=employer, first_name="Matti", last_name="Virtanen", email="matti@konepaja.example"
        ),
    }


def make(world, *, end, start=None, instructor="default", status="signed", employer=None, **fields):
    """A work period written straight to the table: the rules of saving are not under test."""
    employer = employer or world["employer"]
    agreement = Agreement.objects.create(
        type="training",
        student=StudentFactory(),
        workplace=employer.workplaces.get(),
        instructor=world["instructor"] if instructor == "default" else instructor,
        responsible_teacher=world["teacher"],
        created_by=world["teacher"],
        hoks_reference="H",
        days_per_week=3,
        status=status,
        ended_on=fields.pop("ended_on", None),
        end_reason=fields.pop("end_reason", ""),
    )
    values = {"part_time_percent": 100, "ehoks_entered_on": datetime.date(2027, 1, 1), **fields}
    return WorkPeriod.objects.create(
        agreement=agreement,
        unit=fields.pop("unit", world["unit"]),
        start=start or end - datetime.timedelta(days=40),
        end=end,
        **values,
    )


def warnings(today=TODAY) -> dict[int, list[str]]:
    """Each warned period's risks, from the page's rules, after checking that the list's query
    picks exactly the same periods."""
    periods = list(
        WorkPeriod.objects.select_related(
            "agreement__workplace__employer", "agreement__instructor", "unit"
        ).order_by("pk")
    )
    feedback_warnings(periods, today)
    found = {p.pk: [r.key for r in p.feedback_warning.risks] for p in periods if p.feedback_warning}
    assert set(periods_at_risk(today=today).values_list("pk", flat=True)) == set(found)
    # The lists' selection (the candidates walked soonest first, the bundles judged in Python)
    # picks them in the same order, for all periods and for some of them.
    in_sql = list(periods_at_risk(today=today).values_list("pk", flat=True))
    everyone = WorkPeriod.objects.all()
    listed = first_periods_at_risk(everyone, today, limit=1000)
    assert [p.pk for p in listed] == in_sql
    # The bundles it groups and hands to `feedback_warnings` give the warnings, word for
    # word, that `feedback_warnings` gives with its own query of the bundles.
    risks = {
        p.pk: [(r.key, r.message, r.url) for r in p.feedback_warning.risks] for p in periods if p.pk in found
    }
    assert {p.pk: [(r.key, r.message, r.url) for r in p.feedback_warning.risks] for p in listed} == risks
    for limit in (1, 2, 3):
        assert [p.pk for p in first_periods_at_risk(everyone, today, limit=limit)] == in_sql[:limit]
    some = WorkPeriod.objects.filter(pk__in=[p.pk for p in periods[::2]])
    some_at_risk = list(periods_at_risk(some, today=today).values_list("pk", flat=True))
    assert [p.pk for p in first_periods_at_risk(some, today, limit=1000)] == some_at_risk
    # The same periods named by a condition instead of a queryset.
    condition = Q(pk__in=[p.pk for p in periods[::2]])
    assert [p.pk for p in first_periods_at_risk(condition, today, limit=1000)] == some_at_risk
    signed = Q(agreement__status="signed")
    assert [p.pk for p in first_periods_at_risk(signed, today, limit=1000)] == list(
        periods_at_risk(WorkPeriod.objects.filter(signed), today=today).values_list("pk", flat=True)
    )
    return found


def warning_of(period, today=TODAY):
    period = WorkPeriod.objects.select_related(
        "agreement__workplace__employer", "agreement__instructor", "unit"
    ).get(pk=period.pk)
    feedback_warnings([period], today)
    return period.feedback_warning


# Phone numbers --------------------------------------------------------------------------


def test_the_form_stores_a_typed_phone_in_e164_and_refuses_an_invalid_one(world, teacher_client):
    person = world["instructor"]
    url = reverse("partnerships:person_edit", args=[person.pk])
    data = {"first_name": "Matti", "last_name": "Virtanen", "email": "", "language": "fi", "is_active": "on"}
    response = teacher_client.post(url, data | {"phone": "0401"})
    assert response.status_code == 200
    assert "Enter a valid phone number" in response.content.decode()
    person.refresh_from_db()
    assert person.email == "matti@konepaja.example"  # nothing saved

    response = teacher_client.post(url, data | {"phone": "040 123 4567"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.phone == "+358401234567"
    html = teacher_client.get(
        reverse("partnerships:employer_detail", args=[world["employer"].pk])
    ).content.decode()
    assert "+358 40 1234567" in html


def test_the_service_and_the_admin_store_phones_in_e164(world, client, coordinator):
    person = services.contact_person_create(
        employer=world["employer"],
        data={"first_name": "Liisa", "last_name": "Laine", "phone": "050 765 4321"},
    )
    assert person.phone == "+358507654321"
    with pytest.raises(Exception, match="valid phone number"):
        services.contact_person_update(person=person, data={"phone": "12"})

    coordinator.is_staff = coordinator.is_superuser = True
    coordinator.save()
    client.force_login(coordinator)
    url = reverse("admin:partnerships_contactperson_change", args=[person.pk])
    post = {
        "employer": world["employer"].pk,
        "first_name": "Liisa",
        "last_name": "Laine",
        "language": "fi",
        "is_active": "on",
    }
    assert "valid phone number" in client.post(url, post | {"phone": "abc"}).content.decode()
    assert client.post(url, post | {"phone": "+358 40 999 8888"}).status_code == 302
    assert ContactPerson.objects.get(pk=person.pk).phone == "+358409998888"


# Reachable instructor --------------------------------------------------------------------


def test_an_e_mail_address_alone_reaches_the_instructor(world):
    period = make(world, end=datetime.date(2027, 3, 20))
    assert warnings() == {}
    ContactPerson.objects.filter(pk=world["instructor"].pk).update(email="")
    assert warnings() == {period.pk: ["instructor_contact"]}


def test_a_finnish_mobile_alone_reaches_the_instructor_and_a_landline_does_not(world):
    period = make(world, end=datetime.date(2027, 3, 20))
    ContactPerson.objects.filter(pk=world["instructor"].pk).update(email="", phone="+358401234567")
    assert warnings() == {}
    ContactPerson.objects.filter(pk=world["instructor"].pk).update(phone="+35891234567")
    assert warnings() == {period.pk: ["instructor_contact"]}
    message = warning_of(period).risks[0].message
    assert "+358 9 1234567 is not a Finnish mobile number" in message
    ContactPerson.objects.filter(pk=world["instructor"].pk).update(phone="+46701234567")
    assert warnings() == {period.pk: ["instructor_contact"]}


# Bundles ---------------------------------------------------------------------------------


def test_the_bundling_date_is_the_16th_or_the_1st_after_the_last_day():
    assert next_niputus_date(datetime.date(2027, 3, 15)) == datetime.date(2027, 3, 16)
    assert next_niputus_date(datetime.date(2027, 3, 16)) == datetime.date(2027, 4, 1)
    assert next_niputus_date(datetime.date(2027, 12, 31)) == datetime.date(2028, 1, 1)


def test_one_instructor_with_two_addresses_in_one_bundle_is_asked_by_nobody(world):
    # The same instructor entered twice at the employer, with an old and a new address.
    twin = ContactPersonFactory(
        employer=world["employer"],
        first_name="Matti",
        last_name="Virtanen",
        email="m.virtanen@konepaja.example",
    )
    first = make(world, end=datetime.date(2027, 3, 3))
    second = make(world, end=datetime.date(2027, 3, 12), instructor=twin)
    assert warnings() == {first.pk: ["bundle_conflict"], second.pk: ["bundle_conflict"]}
    message = warning_of(first).risks[0].message
    assert "m.virtanen@konepaja.example, matti@konepaja.example" in message
    assert date_format(datetime.date(2027, 3, 16), "SHORT_DATE_FORMAT") in message
    assert warning_of(first).risks[0].url == reverse(
        "partnerships:person_edit", args=[world["instructor"].pk]
    )

    # A common Finnish mobile reaches them after all.
    ContactPerson.objects.filter(pk__in=[twin.pk, world["instructor"].pk]).update(phone="+358401112222")
    assert warnings() == {}
    # Two different numbers are no common one.
    ContactPerson.objects.filter(pk=twin.pk).update(phone="+358403334444")
    assert warnings() == {first.pk: ["bundle_conflict"], second.pk: ["bundle_conflict"]}


def test_periods_bundled_on_different_dates_do_not_conflict(world):
    twin = ContactPersonFactory(
        employer=world["employer"],
        first_name="Matti",
        last_name="Virtanen",
        email="m.virtanen@konepaja.example",
    )
    make(world, end=datetime.date(2027, 3, 15))  # bundled on 16.3.
    make(world, end=datetime.date(2027, 3, 16), instructor=twin)  # bundled on 1.4.
    assert warnings() == {}


def test_another_employer_or_qualification_is_another_bundle(world):
    other_employer = EmployerFactory()
    elsewhere = ContactPersonFactory(
        employer=other_employer, first_name="Matti", last_name="Virtanen", email="matti@muualla.example"
    )
    make(world, end=datetime.date(2027, 3, 10))
    make(world, end=datetime.date(2027, 3, 11), instructor=elsewhere, employer=other_employer)
    assert warnings() == {}


def test_namesakes_anywhere_bring_a_name_into_the_bundle_check_and_change_no_bundle(world):
    """The SQL bundle check looks only at names some contact person of which has no address or
    another one (`_unreachable`); names with one address everywhere are left out of it."""
    other_employer = EmployerFactory()
    # One address for the name at both employers: left out of the check, and reachable.
    same = [
        ContactPersonFactory(
            employer=employer, first_name="Liisa", last_name="Laine", email="liisa@x.example"
        )
        for employer in (world["employer"], other_employer)
    ]
    # Another address at the other employer: in the check, but the bundles still have one each.
    ContactPersonFactory(
        employer=other_employer, first_name="Matti", last_name="Virtanen", email="matti@muualla.example"
    )
    # Two addresses at one employer: the bundle has none.
    twin = ContactPersonFactory(
        employer=world["employer"], first_name="Matti", last_name="Virtanen", email="mv@konepaja.example"
    )
    make(world, end=datetime.date(2027, 3, 3), instructor=same[0])
    make(world, end=datetime.date(2027, 3, 4), instructor=same[1], employer=other_employer)
    reached = make(world, end=datetime.date(2027, 3, 20))
    first = make(world, end=datetime.date(2027, 3, 5))
    second = make(world, end=datetime.date(2027, 3, 6), instructor=twin)
    assert warnings() == {first.pk: ["bundle_conflict"], second.pk: ["bundle_conflict"]}
    assert reached.pk not in warnings()


def test_a_bundle_member_without_an_address_is_reached_through_the_others(world):
    twin = ContactPersonFactory(
        employer=world["employer"], first_name="Matti", last_name="Virtanen", email=""
    )
    make(world, end=datetime.date(2027, 3, 3))
    make(world, end=datetime.date(2027, 3, 12), instructor=twin)
    assert warnings() == {}


def test_the_first_periods_at_risk_read_the_candidates_and_their_bundles_only(
    world, django_assert_num_queries
):
    """`first_periods_at_risk` walks the periods at risk by their own row or with an
    instructor the bundle check looks at, soonest first, and judges the latter by their
    bundles, read in one query: the same four queries whether a bundle decides or not."""
    twin = ContactPersonFactory(
        employer=world["employer"], first_name="Matti", last_name="Virtanen", email="mv@konepaja.example"
    )
    no_part_time = make(world, end=datetime.date(2027, 3, 2), part_time_percent=None)
    first = make(world, end=datetime.date(2027, 3, 3))  # the bundle of 16.3. has two addresses
    make(world, end=datetime.date(2027, 3, 6), instructor=twin)
    make(world, end=datetime.date(2027, 3, 20), instructor=ContactPersonFactory(employer=world["employer"]))
    everyone = WorkPeriod.objects.all()
    # The candidates, their bundles, the periods, their interruptions.
    with django_assert_num_queries(4):
        assert [p.pk for p in first_periods_at_risk(everyone, TODAY, limit=1)] == [no_part_time.pk]
    with django_assert_num_queries(4):
        listed = first_periods_at_risk(everyone, TODAY, limit=2)
    assert [p.pk for p in listed] == [no_part_time.pk, first.pk]
    assert [r.key for r in listed[1].feedback_warning.risks] == ["bundle_conflict"]


def test_candidates_their_bundles_reach_are_passed_over_batch_after_batch(world, django_assert_num_queries):
    """An instructor without an e-mail address but with a Finnish mobile is a candidate the
    bundle check looks at, and reachable: when the first batches hold only such periods, the
    walk goes on to the next batch until it has found the periods at risk."""
    by_sms = ContactPersonFactory(employer=world["employer"], email="", phone="+358401234567")
    for day in range(1, 6):
        make(world, end=datetime.date(2027, 3, day), instructor=by_sms)
    later = make(world, end=datetime.date(2027, 3, 20), part_time_percent=None)
    everyone = WorkPeriod.objects.all()
    # A batch is twice the limit: five reachable candidates take three batches of two; their
    # one bundle is read with the first batch, then the periods and their interruptions.
    with django_assert_num_queries(3 + 1 + 2):
        listed = first_periods_at_risk(everyone, TODAY, limit=1)
    assert [p.pk for p in listed] == [later.pk]
    assert list(periods_at_risk(today=TODAY).values_list("pk", flat=True)) == [later.pk]
    assert [r.key for r in listed[0].feedback_warning.risks] == ["part_time"]


# Interruptions ---------------------------------------------------------------------------


def test_an_interruption_covering_the_last_day_means_no_survey_and_no_warning(world):
    period = make(world, end=datetime.date(2027, 3, 20), part_time_percent=None)
    assert warnings() == {period.pk: ["part_time"]}
    interruption = Interruption.objects.create(
        work_period=period,
        start=datetime.date(2027, 3, 10),
        end=datetime.date(2027, 3, 20),
        reason="sickness",
        recorded_by=world["teacher"],
    )
    assert warnings() == {}
    # An earlier interruption only shortens the period: the warning stays.
    Interruption.objects.filter(pk=interruption.pk).update(end=datetime.date(2027, 3, 19))
    assert warnings() == {period.pk: ["part_time"]}
    # One still going on at the last day ends the survey too.
    Interruption.objects.filter(pk=interruption.pk).update(end=None)
    assert warnings() == {}


def test_an_open_interruption_can_be_recorded_and_given_its_end_later(world, teacher_client):
    period = make(world, start=datetime.date(2027, 2, 1), end=datetime.date(2027, 4, 30))
    response = teacher_client.post(
        reverse("partnerships:interruption_create", args=[period.pk]),
        {"start": "2027-03-01", "reason": "layoff"},
    )
    assert response.status_code == 302
    interruption = Interruption.objects.get()
    assert interruption.end is None and "continues" in str(interruption)
    # Nothing may start while it goes on.
    response = teacher_client.post(
        reverse("partnerships:interruption_create", args=[period.pk]),
        {"start": "2027-04-10", "end": "2027-04-12", "reason": "sickness"},
    )
    assert "cannot overlap" in response.content.decode()
    response = teacher_client.post(
        reverse("partnerships:interruption_edit", args=[interruption.pk]),
        {"start": "2027-03-01", "end": "2027-03-31", "reason": "layoff"},
    )
    assert response.status_code == 302
    interruption.refresh_from_db()
    assert interruption.end == datetime.date(2027, 3, 31)
    response = teacher_client.post(
        reverse("partnerships:interruption_edit", args=[interruption.pk]),
        {"start": "2027-03-01", "end": "2027-02-27", "reason": "layoff"},
    )
    assert "cannot end before it starts" in response.content.decode()


# The correction window -------------------------------------------------------------------


@pytest.mark.parametrize(
    "end, last_warned",
    [
        (datetime.date(2027, 6, 15), datetime.date(2027, 6, 30)),
        (datetime.date(2027, 9, 15), datetime.date(2027, 9, 30)),
    ],
)
def test_the_warning_lasts_until_the_survey_population_is_drawn(world, end, last_warned):
    period = make(world, end=end, ehoks_entered_on=None)
    assert correction_window_closes(end) == last_warned
    assert warnings(end + datetime.timedelta(days=1)) == {period.pk: ["ehoks"]}
    assert warnings(last_warned) == {period.pk: ["ehoks"]}
    assert warnings(last_warned + datetime.timedelta(days=1)) == {}
    assert warning_of(period, last_warned).closes == last_warned


def test_the_window_never_crosses_the_funding_season():
    assert correction_window_closes(datetime.date(2027, 6, 30)) == datetime.date(2027, 6, 30)
    assert correction_window_closes(datetime.date(2027, 7, 1)) == datetime.date(2027, 7, 31)


def test_the_page_says_until_when_the_data_can_be_fixed(world, teacher_client):
    period = make(world, end=datetime.date(2027, 3, 10), part_time_percent=None)
    with time_machine.travel(datetime.datetime(2027, 3, 12, 12, 0)):
        teacher_client.force_login(world["teacher"])  # the session of today would have expired
        html = teacher_client.get(period.agreement.get_absolute_url()).content.decode()
    assert "can be fixed until 03/31/2027" in html  # the English page's short date
    assert escape(reverse("partnerships:agreement_edit", args=[period.agreement_id])) in html


# Ended early -----------------------------------------------------------------------------


def test_an_agreement_ended_early_still_gets_a_survey_and_a_reminder_to_fix_the_end_date(world):
    period = make(
        world,
        start=datetime.date(2027, 1, 10),
        end=datetime.date(2027, 5, 31),
        status="ended_early",
        ended_on=datetime.date(2027, 2, 20),
        end_reason="Konkurssi",
        part_time_percent=None,
    )
    day = datetime.date(2027, 2, 25)
    assert warnings(day) == {period.pk: ["part_time", "ended_early"]}
    message = warning_of(period, day).risks[1].message
    assert date_format(datetime.date(2027, 2, 20), "SHORT_DATE_FORMAT") in message
    assert "eHOKS" in message
    # The window follows the day it ended, not the planned end: in March it is over.
    assert warning_of(period, day).closes == datetime.date(2027, 2, 28)
    assert warnings(datetime.date(2027, 3, 1)) == {}


def test_a_period_that_never_began_before_the_agreement_ended_is_not_warned(world):
    make(
        world,
        start=datetime.date(2027, 4, 1),
        end=datetime.date(2027, 5, 31),
        status="ended_early",
        ended_on=datetime.date(2027, 2, 20),
        end_reason="Konkurssi",
        part_time_percent=None,
    )
    assert warnings() == {}


def test_a_cancelled_agreement_is_not_warned(world):
    make(world, end=datetime.date(2027, 3, 20), status="cancelled", part_time_percent=None)
    assert warnings() == {}


# The other data --------------------------------------------------------------------------


def test_business_id_instructor_and_part_time_are_named_with_the_form_that_fixes_them(world):
    employer = EmployerFactory(business_id=None)
    period = make(
        world, end=datetime.date(2027, 3, 20), instructor=None, employer=employer, part_time_percent=None
    )
    warning = warning_of(period)
    assert [(r.key, r.url) for r in warning.risks] == [
        ("business_id", reverse("partnerships:employer_edit", args=[employer.pk])),
        ("instructor", reverse("partnerships:agreement_edit", args=[period.agreement_id])),
        ("part_time", reverse("partnerships:agreement_edit", args=[period.agreement_id])),
    ]
    assert warnings() == {period.pk: ["business_id", "instructor", "part_time"]}


# Pages -----------------------------------------------------------------------------------


def _teacher_periods(world, n, offset=0):
    for i in range(n):
        instructor = ContactPersonFactory(employer=world["employer"], email="", phone="+35891234567")
        make(world, end=datetime.date(2027, 3, 20 + (i + offset) % 8), instructor=instructor)


def test_every_page_shows_the_warning_with_its_link(
    world, teacher_client, coordinator_client, coordinator, teacher_group
):
    ContactPerson.objects.filter(pk=world["instructor"].pk).update(email="")
    period = make(world, end=datetime.date(2027, 3, 20))
    student = period.agreement.student
    student.group = teacher_group
    student.save()
    link = escape(reverse("partnerships:person_edit", args=[world["instructor"].pk]))
    with time_machine.travel(datetime.datetime(2027, 3, 1, 12, 0)):
        teacher_client.force_login(world["teacher"])
        coordinator_client.force_login(coordinator)
        pages = {
            "home": teacher_client.get(reverse("partnerships:home")),
            "agreement": teacher_client.get(period.agreement.get_absolute_url()),
            "student": teacher_client.get(reverse("partnerships:student_detail", args=[student.pk])),
            "dashboard": coordinator_client.get(reverse("partnerships:review_dashboard")),
        }
    for name, response in pages.items():
        html = response.content.decode()
        assert "neither an e-mail address nor a Finnish mobile number" in html, name
        assert link in html, name


def test_the_home_page_lists_warnings_in_a_constant_number_of_queries(
    world, teacher_client, django_assert_num_queries
):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _teacher_periods(world, 2)
    with time_machine.travel(datetime.datetime(2027, 3, 1, 12, 0)):
        teacher_client.force_login(world["teacher"])
        teacher_client.get(reverse("partnerships:home"))
        cache.clear()  # both pages rendered anew
        with CaptureQueriesContext(connection) as few:
            teacher_client.get(reverse("partnerships:home"))
        _teacher_periods(world, 6, offset=2)
        cache.clear()
        with django_assert_num_queries(len(few.captured_queries)):
            html = teacher_client.get(reverse("partnerships:home")).content.decode()
    assert html.count("is not a Finnish mobile number") == 8


def test_the_digest_count_and_the_lists_agree(world):
    _teacher_periods(world, 3)
    make(world, end=datetime.date(2027, 3, 20))  # reachable: not counted
    from partnerships.selectors.feedback_risk import first_periods_at_risk

    listed = first_periods_at_risk(WorkPeriod.objects.all(), TODAY, limit=30)
    assert len(listed) == periods_at_risk(today=TODAY).count() == 3
    assert all(p.feedback_warning for p in listed)


def test_a_second_teacher_sees_no_others_warnings_on_the_home_page(
    world, other_teacher, other_teacher_client
):
    _teacher_periods(world, 1)
    with time_machine.travel(datetime.datetime(2027, 3, 1, 12, 0)):
        other_teacher_client.force_login(other_teacher)
        html = other_teacher_client.get(reverse("partnerships:home")).content.decode()
    assert "is not a Finnish mobile number" not in html


def test_the_agreement_list_filter_picks_the_periods_the_pages_warn_about(world, teacher_client):
    reachable = make(world, end=datetime.date(2027, 3, 20))
    landline = ContactPersonFactory(employer=world["employer"], email="", phone="+35891234567")
    unreachable = make(world, end=datetime.date(2027, 3, 21), instructor=landline)
    with time_machine.travel(datetime.datetime(2027, 3, 1, 12, 0)):
        teacher_client.force_login(world["teacher"])
        everything = teacher_client.get(reverse("partnerships:agreement_list")).content.decode()
        html = teacher_client.get(reverse("partnerships:agreement_list"), {"at_risk": "on"}).content.decode()
    assert reachable.agreement.get_absolute_url() in everything
    assert unreachable.agreement.get_absolute_url() in html
    assert reachable.agreement.get_absolute_url() not in html


def test_the_lists_selection_and_the_sql_rules_agree_on_varied_data(world):
    """Every rule, alone and together, on seeded random periods: `warnings()` checks that the
    page's rules, the SQL list and the Python selection of `first_periods_at_risk` agree."""
    import random

    rng = random.Random(19)
    employers = [world["employer"], EmployerFactory()]
    no_business_id = EmployerFactory(business_id=None)
    units = [world["unit"], QualificationUnitFactory()]
    instructors = [None]
    for employer in [*employers, no_business_id]:
        for n, (email, phone) in enumerate(
            [
                ("", ""),
                ("a@x.example", ""),
                ("", "+358401234567"),  # a Finnish mobile
                ("", "+35891234567"),  # a landline
                ("b@x.example", "+358407654321"),
                ("c@x.example", ""),
                ("d@x.example", ""),
            ]
        ):
            # The first three are twins by name: a bundle at the same employer and unit.
            instructors.append(
                ContactPersonFactory(
                    employer=employer,
                    first_name="Matti",
                    last_name="Virtanen" if n < 3 else f"Ohjaaja {n}",
                    email=email,
                    phone=phone,
                )
            )
    for _ in range(120):
        employer = no_business_id if rng.random() < 0.08 else rng.choice(employers)
        end = TODAY + datetime.timedelta(days=rng.randint(-20, 40))
        status = rng.choice(["signed", "signed", "draft", "ended_early", "cancelled"])
        candidates = [i for i in instructors if i is not None and i.employer_id == employer.pk]
        period = make(
            world,
            end=end,
            employer=employer,
            instructor=None if rng.random() < 0.12 or not candidates else rng.choice(candidates),
            status=status,
            ended_on=end - datetime.timedelta(days=rng.randint(-5, 20)) if status == "ended_early" else None,
            end_reason="Konkurssi" if status == "ended_early" else "",
            part_time_percent=None if rng.random() < 0.1 else rng.choice([50, 100]),
            ehoks_entered_on=None if rng.random() < 0.25 else datetime.date(2027, 1, 1),
        )
        WorkPeriod.objects.filter(pk=period.pk).update(unit=rng.choice(units))
        if rng.random() < 0.15:
            start = end - datetime.timedelta(days=rng.randint(0, 10))
            Interruption.objects.create(
                reason="sickness",
                recorded_by=world["teacher"],
                work_period=period,
                start=start,
                end=rng.choice([None, max(start, end + datetime.timedelta(days=rng.randint(-3, 3)))]),
            )
    found = warnings()
    # Each rule decides some period alone, so a rule lost from one side would show.
    alone = {keys[0] for keys in found.values() if len(keys) == 1}
    assert {"business_id", "instructor", "part_time", "ehoks", "ended_early"} <= alone
    assert alone & {"instructor_contact", "bundle_conflict"}
    assert len(found) < 100  # periods out of risk too

"""Partnership levels: recorded by a coordinator or the account owner with history, suggested
from evidence (each rule from both sides), and used for the contact interval."""

import dataclasses
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from checkpoints.models import Checkpoint, PartnershipLevel
from partnerships.models import Employer, LevelRecord
from partnerships.selectors.level_suggestions import Evidence, suggest

from ...factories import ContactFactory, EmployerFactory


@pytest.mark.parametrize(
    "evidence, expected",
    [
        (Evidence(partnership_agreement=True, contacts=6, agreements=3), "strategic"),
        (Evidence(partnership_agreement=False, contacts=6, agreements=3, feedback_reacted=1), "developing"),
        (Evidence(partnership_agreement=True, contacts=5, agreements=3, instructors_trained=1), "everyday"),
        (Evidence(contacts=6, agreements=2, instructors_trained=1), "developing"),
        (Evidence(contacts=6, agreements=2, checkpoints=4), "developing"),
        (Evidence(contacts=6, agreements=2, checkpoints=3), "everyday"),
        (Evidence(contacts=6, agreements=2, staff_in_working_life=1), "developing"),
        (Evidence(contacts=6, agreements=1, staff_in_working_life=3), "everyday"),
        (Evidence(contacts=5, agreements=2, staff_in_working_life=1), "everyday"),
        (Evidence(contacts=6, agreements=1, instructors_trained=2), "everyday"),
        (Evidence(contacts=3, visits_and_events=1), "everyday"),
        (Evidence(contacts=3), "minimum"),
        (Evidence(contacts=2, agreements=1), "minimum"),
        (Evidence(agreements=1), "minimum"),
        (Evidence(), None),
    ],
)
def test_each_suggestion_rule_from_both_sides(evidence, expected):
    assert suggest(evidence)[0] == expected


def test_the_reasons_are_given_in_words():
    _level, reasons = suggest(Evidence(contacts=4, agreements=3, feedback_reacted=1))
    assert reasons == ["4 contacts in 12 months", "3 agreements hosted", "feedback reacted to"]


def test_staff_in_working_life_at_the_employer_counts_in_its_evidence(teacher):
    from partnerships import services
    from partnerships.selectors.level_suggestions import evidence_for

    employer, other = EmployerFactory(), EmployerFactory()
    today = timezone.localdate()

    def period(at, starts_on, days=5):
        services.staff_activity_create(
            by=teacher,
            data={
                "kind": "work_period",
                "title": "Työelämäjakso",
                "employer": at,
                "starts_on": starts_on,
                "ends_on": starts_on + datetime.timedelta(days=days - 1),
            },
        )

    period(employer, today - datetime.timedelta(days=30))
    period(employer, today - datetime.timedelta(days=368), days=5)  # ended within the 12 months
    period(employer, today - datetime.timedelta(days=500))  # too long ago
    period(employer, today + datetime.timedelta(days=30))  # not yet
    period(other, today - datetime.timedelta(days=30))
    evidence = evidence_for(employer, today)
    assert evidence.staff_in_working_life == 2
    # With the contacts and agreements of the developing rule, they make the difference.
    key, reasons = suggest(dataclasses.replace(evidence, contacts=6, agreements=2))
    assert key == "developing" and "2 staff working-life periods, forums or development days" in reasons


def test_the_employer_page_shows_the_suggestion_and_the_account_owner_records_a_level(
    teacher, teacher_client
):
    employer = EmployerFactory(account_owner=teacher)
    for _ in range(3):
        ContactFactory(employer=employer, author=teacher, channel="visit")
    html = teacher_client.get(employer.get_absolute_url()).content.decode()
    assert "3 contacts in 12 months" in html and "Everyday partnership" in html
    everyday = PartnershipLevel.objects.get(key="everyday")
    response = teacher_client.post(
        reverse("partnerships:employer_level", args=[employer.pk]),
        {
            "level-level": everyday.pk,
            "level-date": timezone.localdate().isoformat(),
            "level-rationale": "Käynnit säännöllisiä.",
        },
    )
    assert response.status_code == 302
    strategic = PartnershipLevel.objects.get(key="strategic")
    teacher_client.post(
        reverse("partnerships:employer_level", args=[employer.pk]),
        {
            "level-level": strategic.pk,
            "level-date": timezone.localdate().isoformat(),
            "level-rationale": "Kumppanuussopimus.",
        },
    )
    assert LevelRecord.objects.filter(employer=employer).count() == 2  # the history is kept
    html = teacher_client.get(employer.get_absolute_url()).content.decode()
    assert "Kumppanuussopimus." in html and "Käynnit säännöllisiä." in html


def test_a_teacher_cannot_record_the_level_of_an_employer_they_do_not_own(
    other_teacher, other_teacher_client
):
    employer = EmployerFactory()
    level = PartnershipLevel.objects.get(key="minimum")
    response = other_teacher_client.post(
        reverse("partnerships:employer_level", args=[employer.pk]),
        {"level-level": level.pk, "level-date": "2026-11-01", "level-rationale": "x"},
    )
    assert response.status_code == 403
    assert not LevelRecord.objects.exists()


def test_the_monitoring_practice_is_not_a_level_to_record(coordinator, coordinator_client):
    employer = EmployerFactory()
    monitoring = PartnershipLevel.objects.get(key="monitoring")
    coordinator_client.post(
        reverse("partnerships:employer_level", args=[employer.pk]),
        {"level-level": monitoring.pk, "level-date": "2026-11-01", "level-rationale": "x"},
    )
    assert not LevelRecord.objects.exists()


def test_the_contact_interval_follows_the_level(coordinator):
    today = timezone.localdate()
    strategic = EmployerFactory(name="Strateginen Oy")
    ContactFactory(employer=strategic, author=coordinator, date=today - datetime.timedelta(days=45))
    LevelRecord.objects.create(
        employer=strategic,
        level=PartnershipLevel.objects.get(key="strategic"),
        rationale="x",
        recorded_by=coordinator,
    )
    unrated = EmployerFactory(name="Tasoton Oy")
    ContactFactory(employer=unrated, author=coordinator, date=today - datetime.timedelta(days=45))
    quiet = set(Employer.objects.needing_contact().values_list("name", flat=True))
    assert quiet == {"Strateginen Oy"}  # 45 days is too long for strategic (30), fine by default (90)


def test_the_employer_list_filters_by_level(coordinator, coordinator_client):
    rated = EmployerFactory(name="Kehittävä Oy")
    EmployerFactory(name="Muu Oy")
    developing = PartnershipLevel.objects.get(key="developing")
    LevelRecord.objects.create(employer=rated, level=developing, rationale="x", recorded_by=coordinator)
    html = coordinator_client.get(
        reverse("partnerships:employer_list"), {"level": developing.pk}
    ).content.decode()
    assert "Kehittävä Oy" in html and "Muu Oy" not in html
    assert Checkpoint.objects.count() == 8


@pytest.mark.parametrize(
    "evidence, expected",
    [
        # Continuous monitoring (regular upkeep and a reaction to feedback) makes up for the
        # second agreement hosted.
        (Evidence(contacts=6, agreements=1, stretches_in_touch=3, feedback_reacted=1), "developing"),
        (Evidence(contacts=6, agreements=1, stretches_in_touch=2, feedback_reacted=1), "everyday"),
        (Evidence(contacts=6, agreements=1, stretches_in_touch=4), "everyday"),  # no reaction
        (Evidence(contacts=5, agreements=1, stretches_in_touch=4, feedback_reacted=1), "everyday"),
        (Evidence(contacts=6, stretches_in_touch=4, feedback_reacted=1), "minimum"),  # nothing hosted
    ],
)
def test_continuous_monitoring_weighs_in_the_suggestion(evidence, expected):
    assert suggest(evidence)[0] == expected


def test_continuous_monitoring_is_given_as_a_reason():
    _level, reasons = suggest(Evidence(contacts=6, agreements=1, stretches_in_touch=3, feedback_reacted=1))
    assert (
        reasons[-1] == "continuous monitoring: in touch in 3 of the last four quarters, feedback reacted to"
    )
    _level, reasons = suggest(Evidence(contacts=6, agreements=1, stretches_in_touch=2, feedback_reacted=1))
    assert not any("monitoring" in reason for reason in reasons)


def test_the_evidence_counts_the_stretches_of_the_year_with_a_contact(teacher):
    import datetime

    from django.utils import timezone

    from partnerships.selectors.level_suggestions import evidence_for

    employer = EmployerFactory(account_owner=teacher)
    today = timezone.localdate()
    # Two contacts in the latest 91 days, one 100 days ago, one 300 days ago: three stretches.
    for days in (1, 30, 100, 300):
        ContactFactory(employer=employer, author=teacher, date=today - datetime.timedelta(days=days))
    assert evidence_for(employer, today=today).stretches_in_touch == 3
    ContactFactory(employer=employer, author=teacher, date=today - datetime.timedelta(days=200))
    assert evidence_for(employer, today=today).stretches_in_touch == 4


def _evidence_the_old_way(employer, today):
    """The evidence as the ORM counted it before EVIDENCE_SQL: one scalar subquery a figure."""
    from django.db.models import Exists, F, Func, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    from partnerships.models import (
        Agreement,
        Contact,
        ContactPerson,
        FeedbackReaction,
        PartnershipAgreement,
        StaffActivity,
    )

    def count(queryset, expression="pk"):
        n = Func(F(expression), function="COUNT", template="%(function)s(DISTINCT %(expressions)s)")
        return Coalesce(Subquery(queryset.order_by().annotate(n=n).values("n")[:1]), 0)

    since = today - datetime.timedelta(days=365)
    pk = OuterRef("pk")
    contacts = Contact.objects.filter(employer=pk, date__gt=since)
    row = (
        Employer.objects.filter(pk=employer.pk)
        .values(
            e_contacts=count(contacts),
            e_visits_and_events=count(contacts.filter(channel__in=["visit", "meeting", "event"])),
            e_checkpoints=count(contacts, "checkpoints"),
            e_agreements=count(
                Agreement.objects.filter(workplace__employer=pk, status="signed", work_periods__end__gt=since)
            ),
            e_instructors_trained=count(
                ContactPerson.objects.filter(
                    employer=pk, is_instructor=True, instructor_training_date__gt=since
                )
            ),
            e_feedback_reacted=count(
                FeedbackReaction.objects.filter(
                    request__work_period__agreement__workplace__employer=pk, created_at__date__gt=since
                )
            ),
            e_staff_in_working_life=count(
                StaffActivity.objects.filter(employer=pk, ends_on__gt=since, starts_on__lte=today)
            ),
            e_partnership_agreement=Exists(PartnershipAgreement.objects.valid_on(today).filter(employers=pk)),
            **{
                f"in_touch_{i}": Exists(
                    contacts.filter(
                        date__gt=today - datetime.timedelta(days=91 * (i + 1)),
                        date__lte=today - datetime.timedelta(days=91 * i),
                    )
                )
                for i in range(4)
            },
        )
        .get()
    )
    stretches = sum(bool(row.pop(f"in_touch_{i}")) for i in range(4))
    return Evidence(
        **{name.removeprefix("e_"): value for name, value in row.items()}, stretches_in_touch=stretches
    )


def test_the_evidence_query_counts_what_the_orm_counted_on_every_side_of_each_limit(teacher, coordinator):
    """EVIDENCE_SQL against the ORM's scalar subqueries it replaced, for several days, with
    rows a day on each side of the 12 months, of each stretch, of a local midnight."""
    from partnerships import services
    from partnerships.models import FeedbackReaction, FeedbackRequest, PartnershipAgreement
    from partnerships.selectors.level_suggestions import evidence_for

    from ...factories import AgreementFactory, ContactPersonFactory, WorkplaceFactory

    today = timezone.localdate()
    employer, other = EmployerFactory(), EmployerFactory()
    workplace = WorkplaceFactory(employer=employer)
    checkpoints = list(Checkpoint.objects.order_by("number"))
    channels = ["phone", "visit", "email", "meeting", "event"]
    for i, days in enumerate((-3, 0, 1, 90, 91, 92, 181, 182, 183, 272, 273, 274, 363, 364, 365, 366, 500)):
        for at in (employer, other):
            contact = ContactFactory(
                employer=at,
                author=teacher,
                date=today - datetime.timedelta(days=days),
                channel=channels[i % 5],
            )
            contact.checkpoints.set(checkpoints[i % 7 : i % 7 + 2])
    for days in (364, 365, 366):
        start = today - datetime.timedelta(days=days + 30)
        for at, status in (
            (workplace, "signed"),
            (workplace, "draft"),
            (WorkplaceFactory(employer=other), "signed"),
        ):
            agreement = AgreementFactory(
                workplace=at, status=status, period=(start, today - datetime.timedelta(days=days))
            )
            agreement.work_periods.create(unit=agreement.work_periods.get().unit, start=start, end=start)
            request = FeedbackRequest.objects.create(
                work_period=agreement.work_periods.order_by("-end").first(), respondent="workplace"
            )
            for minutes in (-1, 0, 1):  # around the local midnight that starts a day of the year
                midnight = timezone.make_aware(
                    datetime.datetime.combine(today - datetime.timedelta(days=days - 1), datetime.time.min)
                )
                reaction = FeedbackReaction.objects.create(request=request, text="Soitettu", by=coordinator)
                FeedbackReaction.objects.filter(pk=reaction.pk).update(
                    created_at=midnight + datetime.timedelta(minutes=minutes)
                )
        for at, instructor in ((employer, True), (employer, False), (other, True)):
            ContactPersonFactory(
                employer=at,
                is_instructor=instructor,
                instructor_training_date=today - datetime.timedelta(days=days),
            )
        services.staff_activity_create(
            by=teacher,
            data={
                "kind": "work_period",
                "title": "Työelämäjakso",
                "employer": employer,
                "starts_on": today - datetime.timedelta(days=days + 5),
                "ends_on": today - datetime.timedelta(days=days),
            },
        )
    for signed, until in ((-400, -100), (-100, None), (-10, 50), (30, None)):
        agreement = PartnershipAgreement.objects.create(
            title="Kumppanuus",
            scope="Harjoittelu",
            signed_on=today + datetime.timedelta(days=signed),
            valid_until=None if until is None else today + datetime.timedelta(days=until),
            responsible=teacher,
        )
        agreement.employers.add(employer if signed != -100 else other)

    seen = set()
    for shift in (0, -1, 1, -91, -150, 60, 100, 120, 400):
        day = today + datetime.timedelta(days=shift)
        for at in (employer, other):
            evidence = evidence_for(at, today=day)
            assert evidence == _evidence_the_old_way(at, day), (at, shift)
            seen.add(repr(evidence))
    assert len(seen) > 8  # the days chosen do tell the figures apart


@pytest.mark.parametrize("n", [1, 20])
def test_the_evidence_is_one_query_however_many_rows(n, teacher, django_assert_num_queries):
    from partnerships.selectors.level_suggestions import evidence_for

    employer = EmployerFactory()
    for i in range(n):
        ContactFactory(
            employer=employer, author=teacher, date=timezone.localdate() - datetime.timedelta(days=i)
        )
    with django_assert_num_queries(1):
        assert evidence_for(employer).contacts == n


@pytest.mark.parametrize(
    "channels, expected", [([], None), (["phone"], "minimum"), (["visit"] * 3, "everyday")]
)
def test_the_employer_page_names_the_suggested_level(channels, expected, teacher, teacher_client):
    employer = EmployerFactory(account_owner=teacher)
    for channel in channels:
        ContactFactory(employer=employer, author=teacher, channel=channel, date=timezone.localdate())
    html = teacher_client.get(employer.get_absolute_url()).content.decode()
    block = html[html.index("border-start border-3") :]
    shown = block[block.index("<strong>") + len("<strong>") : block.index("</strong>")]
    assert shown == (PartnershipLevel.objects.get(key=expected).name if expected else "–")

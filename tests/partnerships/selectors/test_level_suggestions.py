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

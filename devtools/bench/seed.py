"""The page figures' data set: employers, people, students, contacts and agreements at
SCALE, bulk-created, and the World the figures are measured on."""

import datetime
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.utils import timezone

from core.models import Role, StudentGroup, Unit, User
from partnerships.models import (
    Agreement,
    Contact,
    ContactPerson,
    Employer,
    Qualification,
    QualificationUnit,
    Student,
    WorkPeriod,
    Workplace,
)
from partnerships.validators import nth_business_id
from partnerships.views.employers import EMPLOYERS_PER_PAGE

# Defaults at SCALE=1 (issue 8): 5,000 employers, 15,000 contact persons, 20,000 students,
# 50,000 contacts and 20,000 agreements.
SIZES = {"employers": 5_000, "people": 15_000, "students": 20_000, "contacts": 50_000, "agreements": 20_000}
SEARCH_WORD = "Kumppanuuspaja"  # in 1 % of the employers' names
MUNICIPALITIES = [
    "Tampere",
    "Jyväskylä",
    "Oulu",
    "Turku",
    "Vaasa",
    "Kuopio",
    "Lahti",
    "Pori",
    "Espoo",
    "Joensuu",
]
PASSWORD = "bench-only"
TEACHERS = 16  # the mixed figures' teachers, each with a session of their own, and a coordinator


@dataclass
class World:
    teacher: User
    coordinator: User
    employer: Employer
    last_page: int
    teachers: list[User] = field(default_factory=list)
    student: Student | None = None


def bench_unit(name_fi: str) -> QualificationUnit:
    """A local unit of study of the first qualification, for the benchmark's work periods."""
    unit, _created = QualificationUnit.objects.get_or_create(
        qualification=Qualification.objects.order_by("pk").first(),
        name_fi=name_fi,
        defaults={"name_sv": "Bench-del", "name_en": "Bench unit", "is_local": True},
    )
    return unit


def _follow_up(contact: Contact, today: datetime.date, rng: random.Random) -> None:
    """A follow-up one to four weeks after the contact, as every seventh contact of a school's
    log has one: done a few days after it fell due, unless it is not yet a week overdue, so
    each teacher's home lists open follow-ups, some overdue, some today, most ahead."""
    contact.follow_up_date = contact.date + datetime.timedelta(days=rng.randrange(7, 29))
    contact.follow_up_note = "Soitetaan uudelleen: jakson aikataulu."
    if contact.follow_up_date < today - datetime.timedelta(days=7):
        done = contact.follow_up_date + datetime.timedelta(days=rng.randrange(0, 5))
        contact.follow_up_done_at = timezone.make_aware(datetime.datetime.combine(done, datetime.time(15)))


def seed(scale: float, *, log: Callable[[str], None]) -> World:
    sizes = {key: max(int(value * scale), 50) for key, value in SIZES.items()}
    rng = random.Random(2026)
    started = time.monotonic()
    with transaction.atomic():
        teacher = User.objects.create_user(
            "bench-teacher", password=PASSWORD, first_name="Tiina", last_name="Testi"
        )
        colleagues = [
            User.objects.create_user(
                f"bench-teacher-{i:02d}", password=PASSWORD, first_name="Opettaja", last_name=f"{i:02d}"
            )
            for i in range(2, TEACHERS + 1)
        ]
        Group.objects.get(name=Role.TEACHER).user_set.add(teacher, *colleagues)
        coordinator = User.objects.create_user(
            "bench-coordinator", password=PASSWORD, is_staff=True, is_superuser=True, first_name="Kaisa"
        )
        coordinator.groups.add(Group.objects.get(name=Role.COORDINATOR))
        unit = Unit.objects.order_by("pk").first() or Unit.objects.create(name="Bench")
        group = StudentGroup.objects.create(name="BENCH1", unit=unit)
        group.teachers.add(teacher)
        # Each colleague teaches a group of their own: their lists and home pages have rows.
        colleague_groups = []
        for i, colleague in enumerate(colleagues):
            colleague_groups.append(StudentGroup.objects.create(name=f"BENCH{i + 2}", unit=unit))
            colleague_groups[-1].teachers.add(colleague)

        def owner(i: int) -> User:
            """The bench teacher every 4th, a colleague every 4th, the coordinator the rest."""
            return (
                teacher if i % 4 == 0 else colleagues[i // 4 % len(colleagues)] if i % 4 == 2 else coordinator
            )

        employers = Employer.objects.bulk_create(
            [
                Employer(
                    name=f"{SEARCH_WORD} {i} Oy" if i % 100 == 7 else f"Yritys {i:05d} Oy",
                    business_id=nth_business_id(i, start=2_000_000),  # the sweep uses 1,000,000 up
                    sector=rng.choice("CFGHIJMNQ"),
                    account_owner=owner(i),
                )
                for i in range(sizes["employers"])
            ],
            batch_size=2000,
        )
        workplaces = Workplace.objects.bulk_create(
            [
                Workplace(employer=e, name=e.name, municipality=MUNICIPALITIES[i % 10])
                for i, e in enumerate(employers)
            ],
            batch_size=2000,
        )
        people = ContactPerson.objects.bulk_create(
            [
                ContactPerson(
                    employer=employers[i % len(employers)],
                    workplace=workplaces[i % len(employers)],
                    first_name="Henkilö",
                    last_name=f"{i}",
                    email=f"p{i}@bench.example",
                    is_instructor=i % 3 == 0,
                )
                for i in range(sizes["people"])
            ],
            batch_size=2000,
        )
        students = Student.objects.bulk_create(
            [
                Student(
                    first_name="Opiskelija",
                    last_name=f"{i}",
                    student_number=f"P{i}",
                    group=group
                    if i % 5 == 0
                    else colleague_groups[i // 5 % len(colleague_groups)]
                    if i % 5 == 1
                    else None,
                )
                for i in range(sizes["students"])
            ],
            batch_size=2000,
        )
        today = timezone.localdate()
        contacts = [
            Contact(
                employer=employers[i % len(employers)],
                author=(teacher if i % 4 == 1 else colleagues[i // 4 % len(colleagues)])
                if i % 2
                else coordinator,
                channel=rng.choice(["phone", "email", "visit", "meeting"]),
                summary=f"Yhteydenotto {i}: sovittiin seuraavista työpaikkajaksoista.",
                date=today - datetime.timedelta(days=rng.randrange(0, 700)),
            )
            for i in range(sizes["contacts"])
        ]
        follow_ups = random.Random(8)  # its own draws: the data seeded after stays as it was
        for contact in contacts[::7]:  # 7, prime to the 4 of the authors: every author has some
            _follow_up(contact, today, follow_ups)
        Contact.objects.bulk_create(contacts, batch_size=2000)
        unit_of_study = bench_unit("Bench-osa (sivut)")
        instructors = [p for p in people if p.is_instructor]
        by_employer = {p.employer_id: p for p in instructors}
        agreements = []
        for i in range(sizes["agreements"]):
            place = workplaces[(i * 7) % len(workplaces)]
            agreements.append(
                Agreement(
                    type="training",
                    student=students[i % len(students)],
                    workplace=place,
                    instructor=by_employer.get(place.employer_id),
                    responsible_teacher=teacher
                    if i % 10 == 0
                    else colleagues[i // 10 % len(colleagues)]
                    if i % 10 == 2
                    else coordinator,
                    created_by=coordinator,
                    hoks_reference=f"H{i}",
                    days_per_week=Decimal(4),
                    status="signed",
                )
            )
        agreements = Agreement.objects.bulk_create(agreements, batch_size=2000)
        WorkPeriod.objects.bulk_create(
            [
                WorkPeriod(
                    agreement=a,
                    unit=unit_of_study,
                    start=today - datetime.timedelta(days=rng.randrange(0, 200)),
                    end=today + datetime.timedelta(days=rng.randrange(1, 200)),
                    part_time_percent=100,
                )
                for a in agreements
            ],
            batch_size=2000,
        )
    # A production database has planner statistics (autovacuum); fresh bulk inserts do not.
    # The sweep's 100,000 periods, inserted and rolled back before the seeding, left their dead
    # rows at the start of the same tables, and the seeding appended after them: every scan of
    # the work periods and agreements read six times the pages it needs. A plain VACUUM frees
    # that space but keeps the files' size; VACUUM FULL rewrites the tables as a production
    # database's would be. It runs outside a transaction. VACUUM FULL leaves the visibility
    # map empty, so every index-only scan would still read the table's pages; the plain VACUUM
    # after it sets the map as autovacuum keeps it in production (this server runs with
    # autovacuum off, so nothing else would).
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (FULL, ANALYZE)")
        cursor.execute("VACUUM")
    log(f"seeded {sizes} in {time.monotonic() - started:.1f} s")
    return World(
        teacher=teacher,
        coordinator=coordinator,
        # One in the middle that the teacher owns (i % 4 == 0) whatever the scale, so that the
        # page shows the same sections, and runs the same queries, at SCALE=0.1 and 1.
        employer=employers[len(employers) // 8 * 4],
        last_page=max((len(employers) + EMPLOYERS_PER_PAGE - 1) // EMPLOYERS_PER_PAGE - 1, 1),
        teachers=[teacher, *colleagues],
        student=students[0],  # in the bench teacher's group, with an agreement and its period
    )

import datetime

import factory
from django.utils import timezone

from core.models import StudentGroup, Unit, User
from core.phones import normalize_phone
from partnerships.models import (
    Agreement,
    Channel,
    Contact,
    ContactPerson,
    Employer,
    Qualification,
    QualificationUnit,
    Student,
    Workplace,
)
from partnerships.validators import nth_business_id


def valid_business_id(n: int) -> str:
    """The n-th valid Y-tunnus from 1000000 up, computed with the check-digit algorithm."""
    return nth_business_id(n)


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Kampus {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Testi"
    last_name = factory.Sequence(lambda n: f"Käyttäjä{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.fi")
    password = factory.django.Password("secret-password-123")


class StudentGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StudentGroup
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"GRP{n}")
    unit = factory.SubFactory(UnitFactory)


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employer
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Yritys {n} Oy")
    business_id = factory.Sequence(valid_business_id)
    sector = "C"

    @factory.post_generation
    def workplace(self, create, extracted, **kwargs):
        if create:
            WorkplaceFactory(employer=self, name=self.name, municipality=extracted or "Tampere")


class WorkplaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workplace

    employer = factory.SubFactory(EmployerFactory)
    name = factory.Sequence(lambda n: f"Toimipaikka {n}")
    municipality = "Tampere"


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    employer = factory.SubFactory(EmployerFactory)
    first_name = "Pekka"
    last_name = factory.Sequence(lambda n: f"Ohjaaja{n}")
    email = factory.Sequence(lambda n: f"pekka{n}@yritys.example")

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        # Stored as the forms and services store it (E.164), even when written straight to the table.
        if kwargs.get("phone"):
            kwargs["phone"] = normalize_phone(kwargs["phone"])
        return kwargs


class StudentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Student

    first_name = "Aino"
    last_name = factory.Sequence(lambda n: f"Opiskelija{n}")
    student_number = factory.Sequence(lambda n: f"S{100000 + n}")


class PersonalStudentFactory(StudentFactory):
    """A student with every personal field filled, for the export and erasure tests."""

    first_name = "Aino"
    last_name = factory.Sequence(lambda n: f"Poistettavanen{n}")
    student_number = factory.Sequence(lambda n: f"PS{200000 + n}")
    learner_oid = factory.Sequence(lambda n: f"1.2.246.562.24.{10000000000 + n}")
    email = factory.Sequence(lambda n: f"aino.poistettavanen{n}@opiskelija.example")
    phone = factory.Sequence(lambda n: f"040 {1000000 + n}")
    date_of_birth = datetime.date(2006, 5, 17)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    employer = factory.SubFactory(EmployerFactory)
    author = factory.SubFactory(UserFactory)
    channel = Channel.PHONE
    summary = "Soitettiin ja sovittiin seuraavasta jaksosta."
    date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=3))


class QualificationUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QualificationUnit

    qualification = factory.LazyFunction(lambda: Qualification.objects.order_by("pk").first())
    name_fi = factory.Sequence(lambda n: f"Tutkinnon osa {n}")
    name_sv = factory.Sequence(lambda n: f"Examensdel {n}")
    name_en = factory.Sequence(lambda n: f"Qualification unit {n}")
    extent = 30


class AgreementFactory(factory.django.DjangoModelFactory):
    """A signed training agreement written straight to the database, without the service's
    rules: for data as it was years ago. `period=(start, end)` adds one work period."""

    class Meta:
        model = Agreement
        skip_postgeneration_save = True

    type = "training"
    student = factory.SubFactory(StudentFactory)
    workplace = factory.SubFactory(WorkplaceFactory)
    responsible_teacher = factory.SubFactory(UserFactory)
    created_by = factory.SelfAttribute("responsible_teacher")
    hoks_reference = "HOKS-OLD"
    days_per_week = 3
    status = "signed"

    @factory.post_generation
    def period(self, create, extracted, **kwargs):
        if create and extracted:
            start, end = extracted
            self.work_periods.create(unit=QualificationUnitFactory(), start=start, end=end)


def training_agreement(
    *, teacher, start, end, student=None, employer=None, instructor=None, signed=False, **data
):
    """A training agreement with one work period, made through the service like real data;
    the employer, student and instructor are new ones unless given."""
    from partnerships import services

    employer = employer or EmployerFactory()
    agreement = services.agreement_create(
        by=teacher,
        data={
            "type": "training",
            "student": student or StudentFactory(),
            "workplace": employer.workplaces.get(),
            "instructor": instructor or ContactPersonFactory(employer=employer),
            "responsible_teacher": teacher,
            "hoks_reference": "H",
            "days_per_week": 3,
            **data,
        },
        periods=[{"unit": QualificationUnitFactory(), "start": start, "end": end, "part_time_percent": 100}],
    )
    if signed:
        agreement.status = "signed"
        agreement.save(update_fields=["status"])
    return agreement


def thank_you_waiting(*, teacher, student=None):
    """A signed agreement at "Kiitettävä Oy" that ended two days ago, its main contact and
    instructor with e-mail addresses, and its thank-you prepared, waiting for the teacher."""
    from partnerships import services

    today = timezone.localdate()
    employer = EmployerFactory(name="Kiitettävä Oy")
    employer.main_contact = ContactPersonFactory(employer=employer, email="pomo@kiitettava.example")
    employer.save()
    agreement = training_agreement(
        teacher=teacher,
        employer=employer,
        student=student or StudentFactory(first_name="Aino"),
        instructor=ContactPersonFactory(employer=employer, email="ohjaaja@kiitettava.example"),
        start=today - datetime.timedelta(days=40),
        end=today - datetime.timedelta(days=2),
        signed=True,
    )
    services.thanks_prepare()
    return agreement

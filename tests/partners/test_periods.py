"""The work periods at the partner's workplaces: current and coming, with the student's name
only, the unit, dates, instructor, responsible teacher, the workplace's checkpoint items and
the demonstration with its time, as a calendar file too."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from partnerships.models import Agreement, Demonstration

from ..factories import ContactPersonFactory, EmployerFactory, QualificationUnitFactory, StudentFactory

ADDRESS = "ville.ohjaaja@konepaja.example"


@pytest.fixture
def ville(teacher):
    teacher.email, teacher.phone = "tiina@opisto.example", "+358401234567"
    teacher.save()
    return ContactPersonFactory(
        employer=EmployerFactory(name="Konepaja Oy"), first_name="Ville", email=ADDRESS, is_instructor=True
    )


def period_at(employer, teacher, *, start, end, status="signed", first_name="Aino", instructor=None):
    student = StudentFactory(
        first_name=first_name, email=f"{first_name}@opiskelija.example", phone="0509998877"
    )
    agreement = Agreement.objects.create(
        type="training",
        status=status,
        student=student,
        workplace=employer.workplaces.first(),
        instructor=instructor,
        responsible_teacher=teacher,
        created_by=teacher,
        hoks_reference="HOKS-1",
        days_per_week=3,
    )
    return agreement.work_periods.create(unit=QualificationUnitFactory(), start=start, end=end)


@pytest.mark.django_db
def test_a_partner_sees_current_and_coming_periods_and_nothing_else(partner, ville, teacher):
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    current = period_at(ville.employer, teacher, start=today - 5 * day, end=today + 5 * day, instructor=ville)
    period_at(ville.employer, teacher, start=today + 20 * day, end=today + 40 * day, first_name="Tuleva")
    period_at(ville.employer, teacher, start=today - 40 * day, end=today - 20 * day, first_name="Mennyt")
    period_at(ville.employer, teacher, start=today, end=today + 9 * day, first_name="Luonnos", status="draft")
    period_at(EmployerFactory(), teacher, start=today, end=today + 9 * day, first_name="Vieras")
    current.agreement.items.create(kind="planning", done_on=today - 10 * day, note="staff note: tricky")
    current.agreement.items.create(kind="demonstration", not_applicable_reason="staff reason: done elsewhere")
    Demonstration.objects.create(
        student=current.agreement.student,
        unit=current.unit,
        agreement=current.agreement,
        workplace=current.agreement.workplace,
        date=today + 3 * day,
        start_time=datetime.time(9, 30),
        teacher_assessor=teacher,
        created_by=teacher,
    )
    page = partner.get(reverse("partners:work_periods")).content.decode()
    assert "Aino" in page and "Tuleva" in page
    assert "Mennyt" not in page and "Luonnos" not in page and "Vieras" not in page
    assert current.unit.name in page and "Ville" in page
    assert "tiina@opisto.example" in page and "+358 40 1234567" in page
    assert (
        "Joint advance planning held: done" in page
        and "The instructor inducted and support agreed: not yet" in page
    )
    assert "Skills demonstration planned and scheduled: not needed" in page
    assert "09:30" in page
    # Need to know: nothing of the student but the name, no staff notes.
    assert "opiskelija.example" not in page and "050" not in page and "staff note" not in page
    assert "staff reason" not in page


@pytest.mark.django_db
def test_the_demonstrations_download_as_a_calendar_of_this_employer_only(partner, ville, teacher):
    today = timezone.localdate()
    mine = period_at(ville.employer, teacher, start=today, end=today + datetime.timedelta(days=9))
    theirs = period_at(EmployerFactory(), teacher, start=today, end=today + datetime.timedelta(days=9))
    for period in (mine, theirs):
        Demonstration.objects.create(
            student=period.agreement.student,
            unit=period.unit,
            agreement=period.agreement,
            workplace=period.agreement.workplace,
            date=today + datetime.timedelta(days=2),
            start_time=datetime.time(13, 0),
            duration_minutes=90,
            teacher_assessor=teacher,
            created_by=teacher,
        )
    response = partner.get(reverse("partners:demonstrations_ics"))
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 1
    start = events[0].decoded("dtstart")
    assert (start.date(), start.hour, start.minute) == (today + datetime.timedelta(days=2), 13, 0)
    assert mine.agreement.student.full_name in str(events[0]["summary"])


@pytest.mark.django_db
def test_the_periods_page_runs_a_fixed_number_of_queries(partner, ville, teacher, django_assert_num_queries):
    today = timezone.localdate()
    for n in range(6):
        period = period_at(
            ville.employer, teacher, start=today, end=today + datetime.timedelta(days=9), first_name=f"S{n}"
        )
        period.agreement.items.create(kind="planning", done_on=today)
    with django_assert_num_queries(6):
        response = partner.get(reverse("partners:work_periods"))
    assert response.content.decode().count("Joint advance planning held: done") == 6

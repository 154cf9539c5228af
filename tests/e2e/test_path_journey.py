"""Journey: on a phone, a teacher reads a student's path (both agreement types at once, a
summer period, an interruption, a demonstration, the items due), prints it, and records an
instructor's induction on the instructor's page, which settles the agreement's item."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from core.models import Role
from partnerships import services
from partnerships.models import AgreementItem, InstructorTraining

from ..factories import (
    ContactPersonFactory,
    EmployerFactory,
    QualificationUnitFactory,
    StudentFactory,
    StudentGroupFactory,
    UserFactory,
)
from .conftest import assert_page_ok
from .test_teacher_journey import FITS_WIDTH, PASSWORD, log_in, url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE_390 = {"width": 390, "height": 844}


@pytest.fixture
def world(db):
    teacher = UserFactory(username="tiina", first_name="Tiina", last_name="Opettaja", password=PASSWORD)
    teacher.groups.add(Group.objects.get(name=Role.TEACHER))
    group = StudentGroupFactory(name="SÄH24A")
    group.teachers.add(teacher)
    student = StudentFactory(group=group, first_name="Aino", last_name="Polkunen")
    today = timezone.localdate()
    start = today + datetime.timedelta(days=14)
    virtanen, kauppa = EmployerFactory(name="Sähkö-Virtanen Oy"), EmployerFactory(name="Kesäkauppa Oy")
    instructor = ContactPersonFactory(
        employer=virtanen, first_name="Pirjo", last_name="Ohjaaja", is_instructor=True
    )
    training = services.agreement_create(
        by=teacher,
        data={
            "type": "training",
            "student": student,
            "workplace": virtanen.workplaces.get(),
            "instructor": instructor,
            "responsible_teacher": teacher,
            "hoks_reference": "HOKS-1",
            "days_per_week": Decimal(2),
        },
        periods=[
            {
                "unit": QualificationUnitFactory(),
                "start": start,
                "end": start + datetime.timedelta(days=90),
                "part_time_percent": 40,
            }
        ],
    )
    services.agreement_create(
        by=teacher,
        data={
            "type": "apprenticeship",
            "student": student,
            "workplace": kauppa.workplaces.get(),
            "instructor": ContactPersonFactory(employer=kauppa, first_name="Kalle", last_name="Kauppias"),
            "responsible_teacher": teacher,
            "hoks_reference": "HOKS-2",
            "hours_per_week": Decimal(25),
            "wage_confirmed": True,
            "age_confirmed": True,
            "for_summer": True,
        },
        periods=[
            {
                "unit": QualificationUnitFactory(),
                "start": start + datetime.timedelta(days=30),
                "end": start + datetime.timedelta(days=120),
                "part_time_percent": 60,
                "for_summer": True,
            }
        ],
    )
    period = training.work_periods.get()
    services.interruption_record(
        period=period,
        by=teacher,
        data={
            "start": start + datetime.timedelta(days=20),
            "end": start + datetime.timedelta(days=24),
            "reason": "sickness",
        },
    )
    services.demonstration_save(
        by=teacher,
        student=student,
        data={
            "unit": period.unit,
            "agreement": training,
            "teacher_assessor": teacher,
            "date": start + datetime.timedelta(days=80),
            "start_time": datetime.time(9, 0),
            "duration_minutes": 120,
        },
    )
    return {"student": student, "training": training, "instructor": instructor}


def test_a_teacher_reads_a_students_path_and_inducts_the_instructor_on_a_phone(
    page, live_server, world, shot, problems
):
    page.set_viewport_size(PHONE_390)
    log_in(page, live_server)
    problems.clear()

    # The path: both types at once, with the summer period, the interruption and the demonstration.
    page.goto(url(live_server, "partnerships:student_detail", world["student"].pk))
    path = page.locator("section[aria-labelledby=student-path]")
    expect(page.locator(".path-combination")).to_be_visible()
    expect(path.locator(".badge.text-bg-warning").first).to_be_visible()  # summer
    expect(path.locator(".badge.text-bg-danger").first).to_be_visible()  # interruption
    expect(path.locator(".badge.text-bg-info").first).to_be_visible()  # demonstration
    assert page.evaluate(FITS_WIDTH), "the path scrolls sideways on a phone"
    assert_page_ok(page, problems, "the student's path")
    shot(page, "student-path-phone")

    # It prints as a PDF.
    pdf = page.request.get(url(live_server, "partnerships:student_path_pdf", world["student"].pk))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"

    # The instructor page: contact details and the periods they instruct; never inducted yet.
    page.goto(url(live_server, "partnerships:instructor_detail", world["instructor"].pk))
    expect(page.locator("#now-heading")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Polkunen")
    assert page.evaluate(FITS_WIDTH), "the instructor page scrolls sideways on a phone"
    assert_page_ok(page, problems, "the instructor page")

    # Record the induction for the agreement: one act, also the agreement's checkpoint 4 item.
    page.goto(
        url(live_server, "partnerships:instructor_training_create", world["instructor"].pk)
        + f"?agreement={world['training'].pk}"
    )
    page.select_option("#id_form", "ohjaan_fi")
    assert_page_ok(page, problems, "the induction form")
    page.click("main form button[type=submit]")
    page.wait_for_url(url(live_server, "partnerships:instructor_detail", world["instructor"].pk))
    expect(page.locator("section[aria-labelledby=trainings-heading]")).to_contain_text("ohjaan.fi")
    assert_page_ok(page, problems, "the instructor page after the induction")
    shot(page, "instructor-page-phone")
    assert InstructorTraining.objects.filter(agreement=world["training"]).count() == 1
    assert AgreementItem.objects.filter(agreement=world["training"], kind="induction").exists()

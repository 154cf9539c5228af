import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from icalendar import Calendar

from partnerships import services
from partnerships.models import Demonstration, StudentRelation

from ..factories import ContactPersonFactory, EmployerFactory, QualificationUnitFactory, StudentFactory
from .test_agreement_rules import create, training

DAY = datetime.date(2027, 3, 15)


@pytest.fixture
def setting(teacher, teacher_group):
    employer = EmployerFactory()
    return {
        "student": StudentFactory(group=teacher_group),
        "workplace": employer.workplaces.get(),
        "instructor": ContactPersonFactory(employer=employer, is_instructor=True, first_name="Ville"),
        "unit": QualificationUnitFactory(),
        "teacher": teacher,
    }


def save(setting, **data):
    values = {
        "unit": setting["unit"],
        "teacher_assessor": setting["teacher"],
        "worklife_assessor": setting["instructor"],
        "date": DAY,
        "status": "scheduled",
        **data,
    }
    return services.demonstration_save(by=setting["teacher"], student=setting["student"], data=values)


def test_a_teacher_and_a_working_life_representative_assess(setting):
    demonstration = save(setting)
    assert demonstration.status == "scheduled"


def test_a_demonstration_at_an_agreements_workplace_takes_its_place(setting):
    agreement = create(setting, training(setting))
    demonstration = save(setting, agreement=agreement)
    assert demonstration.workplace == setting["workplace"]


def test_two_teachers_need_a_recorded_special_reason(setting, other_teacher):
    with pytest.raises(ValidationError) as excinfo:
        save(setting, worklife_assessor=None, second_teacher_assessor=other_teacher)
    assert "two_teachers_reason" in excinfo.value.message_dict
    demonstration = save(
        setting,
        worklife_assessor=None,
        second_teacher_assessor=other_teacher,
        two_teachers_reason="Työpaikalla ei ole pätevää arvioijaa.",
    )
    assert demonstration.second_teacher_assessor == other_teacher


def test_a_related_working_life_assessor_is_refused(setting):
    StudentRelation.objects.create(student=setting["student"], person=setting["instructor"], note="isä")
    with pytest.raises(ValidationError, match="disqualified"):
        save(setting)
    assert Demonstration.objects.count() == 0


def test_a_related_teacher_assessor_is_refused(setting):
    StudentRelation.objects.create(student=setting["student"], staff=setting["teacher"], note="täti")
    with pytest.raises(ValidationError, match="disqualified"):
        save(setting)


def test_a_scheduled_demonstration_needs_a_date_and_a_second_assessor(setting):
    with pytest.raises(ValidationError) as excinfo:
        save(setting, date=None, worklife_assessor=None)
    assert {"date", "worklife_assessor"} <= set(excinfo.value.message_dict)
    assert save(setting, date=None, worklife_assessor=None, status="planned").pk


def test_a_teacher_cannot_plan_for_a_student_they_may_not_see(setting, other_teacher):
    with pytest.raises(PermissionDenied):
        services.demonstration_save(
            by=other_teacher,
            student=setting["student"],
            data={"unit": setting["unit"], "teacher_assessor": other_teacher, "status": "planned"},
        )


def test_the_teacher_plans_a_demonstration_through_the_form(setting, teacher_client):
    agreement = create(setting, training(setting))
    response = teacher_client.post(
        reverse("partnerships:demonstration_create", args=[setting["student"].pk]),
        {
            "unit": setting["unit"].pk,
            "agreement": agreement.pk,
            "date": DAY.isoformat(),
            "place": "Sähkö-Virtanen, halli 2",
            "teacher_assessor": setting["teacher"].pk,
            "worklife_assessor": setting["instructor"].pk,
            "status": "scheduled",
        },
    )
    assert response.status_code == 302
    html = teacher_client.get(setting["student"].get_absolute_url()).content.decode()
    assert "Sähkö-Virtanen, halli 2" in html


def test_the_calendar_export_parses_and_holds_the_teachers_demonstrations(
    setting, teacher_client, other_teacher
):
    save(setting, place="Halli 2")
    services.demonstration_save(
        by=setting["teacher"],
        student=setting["student"],
        data={
            "unit": QualificationUnitFactory(),
            "teacher_assessor": other_teacher,
            "status": "planned",
            "date": DAY,
        },
    )
    response = teacher_client.get(reverse("partnerships:demonstration_calendar"))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert event.decoded("dtstart") == DAY
    assert setting["student"].full_name in str(event["summary"])
    assert str(event["location"]) == "Halli 2"


def test_scheduling_a_demonstration_settles_the_agreements_checkpoint_7_item(setting):
    from partnerships.models import AgreementItem

    agreement = create(setting, training(setting))
    save(setting, agreement=agreement, status="planned", date=None, worklife_assessor=None)
    assert not AgreementItem.objects.filter(agreement=agreement, kind="demonstration").exists()
    save(setting, agreement=agreement)
    item = AgreementItem.objects.get(agreement=agreement, kind="demonstration")
    assert item.done_by == setting["teacher"]


def warnings_of(demonstration, today=DAY - datetime.timedelta(days=7)) -> list[str]:
    from partnerships.rules import demonstration_warnings

    return [str(w) for w in demonstration_warnings(demonstration, today)]


def test_a_start_time_needs_a_duration_and_a_duration_a_start_time(setting):
    with pytest.raises(ValidationError) as excinfo:
        save(setting, start_time=datetime.time(9, 0))
    assert "duration_minutes" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        save(setting, duration_minutes=90)
    assert "start_time" in excinfo.value.message_dict
    assert save(setting, start_time=datetime.time(9, 0), duration_minutes=90).pk


def test_an_assessors_overlapping_booking_is_warned_about_but_saved(setting):
    save(setting, start_time=datetime.time(9, 0), duration_minutes=120)
    other_student = StudentFactory(group=setting["student"].group)
    clash = services.demonstration_save(
        by=setting["teacher"],
        student=other_student,
        data={
            "unit": setting["unit"],
            "teacher_assessor": setting["teacher"],
            "worklife_assessor": ContactPersonFactory(),
            "date": DAY,
            "start_time": datetime.time(10, 30),
            "duration_minutes": 60,
            "status": "scheduled",
        },
    )
    assert clash.pk
    [warning] = warnings_of(clash)
    assert str(setting["teacher"]) in warning and "09.00–11.00" in warning
    # The other student's name is not told.
    assert setting["student"].full_name not in warning


def test_back_to_back_bookings_do_not_overlap(setting):
    save(setting, start_time=datetime.time(9, 0), duration_minutes=120)
    later = save(
        setting, start_time=datetime.time(11, 0), duration_minutes=60, unit=QualificationUnitFactory()
    )
    assert warnings_of(later) == []


def test_the_students_and_the_working_life_assessors_bookings_count_too(setting, other_teacher):
    save(setting)  # all day: no start time
    second = services.demonstration_save(
        by=setting["teacher"],
        student=setting["student"],
        data={
            "unit": QualificationUnitFactory(),
            "teacher_assessor": other_teacher,
            "worklife_assessor": setting["instructor"],
            "date": DAY,
            "start_time": datetime.time(13, 0),
            "duration_minutes": 60,
            "status": "scheduled",
        },
    )
    [warning] = warnings_of(second)
    assert "student" in warning
    other_student = StudentFactory(group=setting["student"].group)
    third = services.demonstration_save(
        by=setting["teacher"],
        student=other_student,
        data={
            "unit": setting["unit"],
            "teacher_assessor": other_teacher,
            "worklife_assessor": setting["instructor"],
            "date": DAY,
            "status": "planned",
        },
    )
    found = warnings_of(third)
    assert any(setting["instructor"].full_name in w for w in found)


def test_a_cancelled_booking_does_not_clash(setting):
    save(setting, status="cancelled")
    assert warnings_of(save(setting, unit=QualificationUnitFactory())) == []


def test_a_past_date_is_warned_about_unless_the_demonstration_was_held(setting):
    demonstration = save(setting)
    assert warnings_of(demonstration, today=DAY + datetime.timedelta(days=1)) == ["The date is in the past."]
    assert warnings_of(demonstration, today=DAY) == []
    held = save(
        setting, status="held", unit=QualificationUnitFactory(), date=DAY - datetime.timedelta(days=30)
    )
    assert warnings_of(held, today=DAY) == []


def test_a_date_outside_the_agreements_periods_is_warned_about(setting):
    from .test_agreement_rules import END, START

    agreement = create(setting, training(setting))
    inside = save(setting, agreement=agreement, date=START)
    assert warnings_of(inside, today=START) == []
    outside = save(
        setting, agreement=agreement, date=END + datetime.timedelta(days=1), unit=QualificationUnitFactory()
    )
    assert warnings_of(outside, today=START) == ["The date is outside the work periods of the agreement."]


def test_the_form_saves_a_clashing_demonstration_and_says_what_clashes(setting, teacher_client):
    create(setting, training(setting))  # the working-life assessor comes from its employer
    save(setting, start_time=datetime.time(9, 0), duration_minutes=60)
    response = teacher_client.post(
        reverse("partnerships:demonstration_create", args=[setting["student"].pk]),
        {
            "unit": setting["unit"].pk,
            "date": DAY.isoformat(),
            "start_time": "9.30",
            "duration_minutes": "60",
            "teacher_assessor": setting["teacher"].pk,
            "worklife_assessor": setting["instructor"].pk,
            "status": "scheduled",
        },
        follow=True,
    )
    assert Demonstration.objects.count() == 2, response.context["form"].errors
    html = response.content.decode()
    assert "booked at the same time" in html and "Skills demonstration saved." in html
    edit = teacher_client.get(
        reverse("partnerships:demonstration_edit", args=[Demonstration.objects.last().pk])
    )
    assert "booked at the same time" in edit.content.decode()


def test_the_new_demonstration_form_names_the_signed_in_teacher_as_assessor(setting, teacher_client):
    response = teacher_client.get(reverse("partnerships:demonstration_create", args=[setting["student"].pk]))
    assert response.context["form"].initial["teacher_assessor"] == setting["teacher"].pk


def test_the_calendar_lists_every_assessor_as_an_attendee_at_the_booked_time(
    setting, teacher_client, other_teacher
):
    other_teacher.email = "toinen@example.fi"
    other_teacher.save()
    setting["instructor"].email = "ville@example.fi"
    setting["instructor"].save()
    save(setting, start_time=datetime.time(9, 0), duration_minutes=90)
    save(
        setting,
        unit=QualificationUnitFactory(),
        worklife_assessor=None,
        second_teacher_assessor=other_teacher,
        two_teachers_reason="Ei pätevää arvioijaa.",
        date=DAY + datetime.timedelta(days=1),
    )
    calendar = Calendar.from_ical(teacher_client.get(reverse("partnerships:demonstration_calendar")).content)
    timed, all_day = sorted(calendar.walk("VEVENT"), key=lambda e: str(e.decoded("dtstart")))
    start = timed.decoded("dtstart")
    assert (start.hour, start.minute, str(start.tzinfo)) == (9, 0, "Europe/Helsinki")
    assert timed.decoded("dtend") - start == datetime.timedelta(minutes=90)
    attendees = lambda event: {str(a) for a in event.get("attendee", [])}  # noqa: E731
    assert attendees(timed) == {f"mailto:{setting['teacher'].email}", "mailto:ville@example.fi"}
    assert attendees(all_day) == {f"mailto:{setting['teacher'].email}", "mailto:toinen@example.fi"}
    assert setting["instructor"].full_name in str(timed["description"])

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
        reverse("demonstration_create", args=[setting["student"].pk]),
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
    response = teacher_client.get(reverse("demonstration_calendar"))
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

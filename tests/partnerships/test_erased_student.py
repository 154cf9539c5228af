"""After erasure a student's records stay for statistics: nothing new is planned for them, and
the history says what the erasure did without repeating what it erased."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from partnerships import services
from partnerships.models import Demonstration

from ..factories import PersonalStudentFactory, QualificationUnitFactory, training_agreement


@pytest.fixture
def erased(teacher, coordinator, teacher_group):
    student = PersonalStudentFactory(group=teacher_group)
    student.phone = "050 7654321"
    student.save()  # a change before the erasure, in the history
    today = timezone.localdate()
    agreement = training_agreement(
        teacher=teacher,
        student=student,
        start=today - datetime.timedelta(days=60),
        end=today - datetime.timedelta(days=5),
    )
    services.erase_student(student, by=coordinator, reason="request")
    student.refresh_from_db()
    return {"student": student, "agreement": agreement, "number": student.student_number}


def test_an_erased_students_page_offers_no_new_agreement_or_demonstration(erased, coordinator_client):
    html = coordinator_client.get(erased["student"].get_absolute_url()).content.decode()
    assert reverse("partnerships:demonstration_create", args=[erased["student"].pk]) not in html
    assert f"{reverse('partnerships:agreement_create')}?student=" not in html
    agreement_page = coordinator_client.get(erased["agreement"].get_absolute_url()).content.decode()
    assert reverse("partnerships:demonstration_create", args=[erased["student"].pk]) not in agreement_page


def test_a_student_not_erased_is_offered_both(teacher_group, coordinator_client):
    student = PersonalStudentFactory(group=teacher_group)
    html = coordinator_client.get(student.get_absolute_url()).content.decode()
    assert reverse("partnerships:demonstration_create", args=[student.pk]) in html
    assert f"{reverse('partnerships:agreement_create')}?student={student.pk}" in html


def test_planning_a_demonstration_for_an_erased_student_is_refused(erased, teacher, coordinator_client):
    student = erased["student"]
    url = reverse("partnerships:demonstration_create", args=[student.pk])
    response = coordinator_client.get(url, follow=True)
    assert response.redirect_chain[-1][0] == student.get_absolute_url()
    assert "personal data has been erased" in response.content.decode()
    unit = QualificationUnitFactory()
    response = coordinator_client.post(url, {"unit": unit.pk, "teacher_assessor": teacher.pk})
    assert response.status_code == 302 and not Demonstration.objects.filter(unit=unit).exists()
    with pytest.raises(ValidationError):
        services.demonstration_save(by=teacher, student=student, data={"unit": unit})


def test_an_agreement_for_an_erased_student_is_refused_by_the_service(erased, teacher):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as refused:
        training_agreement(
            teacher=teacher,
            student=erased["student"],
            start=today + datetime.timedelta(days=10),
            end=today + datetime.timedelta(days=40),
        )
    assert "student" in refused.value.message_dict


def test_the_erasure_history_entry_says_what_was_erased_without_personal_data(erased, coordinator_client):
    student = erased["student"]
    html = coordinator_client.get(
        reverse("partnerships:history", args=["student", student.pk])
    ).content.decode()
    assert "Erased from the record and from every earlier version of it:" in html
    assert "first name, last name" in html and "date of birth" in html
    assert "Saved without changes to the recorded fields." not in html
    assert "050 7654321" not in html and "Aino" not in html and "Poistettavanen" not in html

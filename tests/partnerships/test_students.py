import pytest
from django.urls import reverse

from core.models import OutboxMessage
from partnerships.models import Qualification, Student

from ..factories import StudentFactory, StudentGroupFactory


@pytest.fixture
def other_group(other_teacher):
    group = StudentGroupFactory(name="RAV25A")
    group.teachers.add(other_teacher)
    return group


def test_teacher_sees_only_the_students_of_the_groups_they_teach(teacher_client, teacher_group, other_group):
    mine = StudentFactory(last_name="Omaryhmä", group=teacher_group)
    theirs = StudentFactory(last_name="Vieraryhmä", group=other_group)
    html = teacher_client.get(reverse("partnerships:student_list")).content.decode()
    assert mine.last_name in html and theirs.last_name not in html
    assert teacher_client.get(theirs.get_absolute_url()).status_code == 404


def test_coordinator_sees_every_student(coordinator_client, teacher_group, other_group):
    StudentFactory(last_name="Omaryhmä", group=teacher_group)
    StudentFactory(last_name="Vieraryhmä", group=other_group)
    StudentFactory(last_name="Ryhmätön", group=None)
    html = coordinator_client.get(reverse("partnerships:student_list")).content.decode()
    assert all(name in html for name in ("Omaryhmä", "Vieraryhmä", "Ryhmätön"))


def test_student_list_runs_a_constant_number_of_queries(
    coordinator_client, teacher_group, django_assert_num_queries
):
    qualification = Qualification.objects.first()
    for i in range(60):
        StudentFactory(group=teacher_group, qualification=qualification, last_name=f"Oppilas{i:02d}")
    with django_assert_num_queries(5):
        response = coordinator_client.get(reverse("partnerships:student_list"))
    assert "Oppilas00" in response.content.decode()


def student_data(group, **overrides):
    data = {
        "first_name": "Aino",
        "last_name": "Ahkera",
        "student_number": "JL24999",
        "learner_oid": "1.2.246.562.24.12345678901",
        "email": "aino@opisto.example",
        "phone": "",
        "date_of_birth": "2008-05-04",
        "qualification": Qualification.objects.first().pk,
        "group": group.pk,
        "language": "fi",
    }
    return {**data, **overrides}


def test_teacher_adds_a_student_to_their_own_group(teacher_client, teacher_group):
    response = teacher_client.post(reverse("partnerships:student_create"), student_data(teacher_group))
    student = Student.objects.get()
    assert response.status_code == 302
    assert student.group == teacher_group
    assert str(student.date_of_birth) == "2008-05-04"


def test_teacher_cannot_add_a_student_to_another_teachers_group(teacher_client, teacher_group, other_group):
    response = teacher_client.post(reverse("partnerships:student_create"), student_data(other_group))
    assert response.status_code == 200
    assert Student.objects.count() == 0


def test_a_finnish_date_format_is_accepted(teacher_client, teacher_group):
    teacher_client.post(
        reverse("partnerships:student_create"), student_data(teacher_group, date_of_birth="4.5.2008")
    )
    assert str(Student.objects.get().date_of_birth) == "2008-05-04"


@pytest.mark.parametrize("oid", ["1.2.246.562.24.123", "010203A123B", "1.2.246.562.10.12345678901"])
def test_a_malformed_learner_number_is_refused(oid, teacher_client, teacher_group):
    response = teacher_client.post(
        reverse("partnerships:student_create"), student_data(teacher_group, learner_oid=oid)
    )
    assert "1.2.246.562.24.12345678901" in response.content.decode()
    assert Student.objects.count() == 0


def test_a_duplicate_student_number_is_refused_and_the_input_kept(teacher_client, teacher_group):
    StudentFactory(student_number="JL24999", group=teacher_group)
    response = teacher_client.post(
        reverse("partnerships:student_create"), student_data(teacher_group, first_name="Säilyvä")
    )
    html = response.content.decode()
    assert "Another student already has this student number." in html
    assert 'value="Säilyvä"' in html
    assert Student.objects.count() == 1


HIDDEN = "This student number cannot be used; ask the coordinator."


@pytest.fixture
def told(coordinator):
    coordinator.email = "kaisa@opisto.example"
    coordinator.save()
    return lambda: OutboxMessage.objects.filter(kind="student-number-hidden")


def test_the_number_of_a_student_the_teacher_may_not_see_is_refused_neutrally_and_a_coordinator_told(
    teacher, teacher_client, teacher_group, other_group, told
):
    hidden = StudentFactory(student_number="JL24999", group=other_group, first_name="Piilo")
    for _attempt in range(2):
        response = teacher_client.post(
            reverse("partnerships:student_create"), student_data(teacher_group, first_name="Säilyvä")
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert HIDDEN in html and "already has" not in html and "Piilo" not in html
        assert 'value="Säilyvä"' in html
    assert Student.objects.count() == 1
    message = told().get()  # once, however often the form is sent
    assert message.to_email == "kaisa@opisto.example"
    assert "Tiina Opettaja" in message.body_text and "JL24999" in message.body_text
    assert reverse("partnerships:student_detail", args=[hidden.pk]) in message.body_text
    assert "Piilo" not in message.body_text


def test_changing_a_students_number_to_a_hidden_students_is_refused_neutrally(
    teacher_client, teacher_group, other_group, told
):
    StudentFactory(student_number="JL24999", group=other_group)
    student = StudentFactory(group=teacher_group, student_number="JL24001")
    response = teacher_client.post(
        reverse("partnerships:student_edit", args=[student.pk]), student_data(teacher_group)
    )
    assert HIDDEN in response.content.decode()
    student.refresh_from_db()
    assert student.student_number == "JL24001"
    assert told().count() == 1


def test_a_student_the_teacher_sees_through_an_agreement_keeps_the_clear_message(
    teacher, teacher_client, teacher_group, other_group, told
):
    import datetime

    from ..factories import training_agreement

    student = StudentFactory(student_number="JL24999", group=other_group)
    today = datetime.date.today()
    training_agreement(teacher=teacher, student=student, start=today, end=today + datetime.timedelta(days=9))
    response = teacher_client.post(reverse("partnerships:student_create"), student_data(teacher_group))
    assert "Another student already has this student number." in response.content.decode()
    assert not told().exists()


def test_a_coordinator_is_told_plainly_that_the_number_is_taken(coordinator_client, other_group, told):
    StudentFactory(student_number="JL24999", group=other_group)
    response = coordinator_client.post(reverse("partnerships:student_create"), student_data(other_group))
    assert "Another student already has this student number." in response.content.decode()
    assert not told().exists()


def test_a_date_of_birth_in_the_future_is_refused(teacher_client, teacher_group):
    response = teacher_client.post(
        reverse("partnerships:student_create"), student_data(teacher_group, date_of_birth="2099-01-01")
    )
    assert "The date of birth must be in the past." in response.content.decode()


def test_teacher_edits_a_student_they_may_see(teacher_client, teacher_group):
    student = StudentFactory(group=teacher_group)
    data = student_data(teacher_group, student_number=student.student_number, phone="040 123 4567")
    assert (
        teacher_client.post(reverse("partnerships:student_edit", args=[student.pk]), data).status_code == 302
    )
    student.refresh_from_db()
    assert student.phone == "040 123 4567"


def test_no_model_or_form_has_a_field_for_a_personal_identity_code():
    import importlib
    import pkgutil

    from django import forms
    from django.apps import apps

    import partnerships.forms

    forbidden = ("hetu", "henkilotunnus", "henkilötunnus", "ssn", "social_security", "identity_code")
    for model in apps.get_models():
        for field in model._meta.get_fields():
            assert not any(word in field.name.lower() for word in forbidden), (model, field.name)
    # forms/ is a package of concept modules: read every one of them.
    modules = [
        importlib.import_module(f"partnerships.forms.{info.name}")
        for info in pkgutil.iter_modules(partnerships.forms.__path__)
    ]
    assert len(modules) > 5
    form_classes = [value for module in modules for value in vars(module).values()]
    for form_class in form_classes:
        if isinstance(form_class, type) and issubclass(form_class, forms.BaseForm):
            for name in form_class.base_fields:
                assert not any(word in name.lower() for word in forbidden), (form_class, name)

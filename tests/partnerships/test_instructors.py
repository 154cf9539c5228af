# ruff: noqa: F811 (the shared `setting` fixture is imported and taken as an argument)
"""A workplace instructor's page, their inductions and trainings, and the induction that is
one record on the instructor and on the agreement's checkpoint 4 item."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from partnerships import services
from partnerships.models import AgreementItem, InstructorTraining

from ..factories import training_agreement
from .test_agreement_rules import create, period, setting, training  # noqa: F401

TODAY = timezone.localdate()


@pytest.fixture
def agreement(setting):
    start = TODAY + datetime.timedelta(days=10)
    return create(
        setting, training(setting), [period(setting, start=start, end=start + datetime.timedelta(days=40))]
    )


def test_recording_the_agreements_induction_item_records_the_instructors_induction(setting, agreement):
    services.agreement_item_record(
        agreement=agreement,
        by=setting["teacher"],
        kind="induction",
        done_on=TODAY,
        induction_form="ohjaan_fi",
    )
    training = InstructorTraining.objects.get()
    assert (training.person, training.agreement, training.form) == (
        setting["instructor"],
        agreement,
        "ohjaan_fi",
    )
    setting["instructor"].refresh_from_db()
    assert setting["instructor"].induction_date == TODAY
    # Recording the item again changes the same record, and undoing it removes it.
    services.agreement_item_record(
        agreement=agreement,
        by=setting["teacher"],
        kind="induction",
        done_on=TODAY - datetime.timedelta(days=1),
    )
    assert InstructorTraining.objects.get().date == TODAY - datetime.timedelta(days=1)
    services.agreement_item_clear(agreement=agreement, by=setting["teacher"], kind="induction")
    assert not InstructorTraining.objects.exists()


def test_recording_the_induction_on_the_instructor_settles_the_agreements_item(setting, agreement):
    services.instructor_training_record(
        by=setting["teacher"],
        person=setting["instructor"],
        kind="induction",
        form="one_to_one",
        date=TODAY,
        agreement=agreement,
    )
    item = AgreementItem.objects.get(agreement=agreement, kind="induction")
    assert item.done_on == TODAY and item.done_by == setting["teacher"]
    assert InstructorTraining.objects.count() == 1


def test_an_induction_is_not_recorded_in_advance_nor_for_another_instructors_agreement(setting, agreement):
    from ..factories import ContactPersonFactory

    with pytest.raises(ValidationError) as excinfo:
        services.instructor_training_record(
            by=setting["teacher"],
            person=setting["instructor"],
            kind="training",
            form="course",
            date=TODAY + datetime.timedelta(days=1),
        )
    assert "date" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        services.instructor_training_record(
            by=setting["teacher"],
            person=ContactPersonFactory(employer=setting["instructor"].employer),
            kind="induction",
            form="course",
            date=TODAY,
            agreement=agreement,
        )
    assert "agreement" in excinfo.value.message_dict
    assert not InstructorTraining.objects.exists()
    assert not AgreementItem.objects.filter(kind="induction").exists()


def test_another_teacher_cannot_record_an_induction_for_an_agreement_they_do_not_edit(
    setting,
    agreement,
    other_teacher,
):
    with pytest.raises(PermissionDenied):
        services.instructor_training_record(
            by=other_teacher,
            person=setting["instructor"],
            kind="induction",
            form="course",
            date=TODAY,
            agreement=agreement,
        )


def test_the_instructor_page_shows_details_trainings_and_periods_now_and_before(
    setting, agreement, teacher_client
):
    past = training_agreement(
        teacher=setting["teacher"],
        student=setting["student"],
        employer=setting["instructor"].employer,
        instructor=setting["instructor"],
        start=TODAY - datetime.timedelta(days=200),
        end=TODAY - datetime.timedelta(days=150),
    )
    services.instructor_training_record(
        by=setting["teacher"],
        person=setting["instructor"],
        kind="training",
        form="ohjaan_fi",
        date=TODAY,
        note="Moduuli 1",
    )
    response = teacher_client.get(reverse("instructor_detail", args=[setting["instructor"].pk]))
    assert response.status_code == 200
    assert response.context["now"] == [agreement] and response.context["before"] == [past]
    html = response.content.decode()
    assert setting["instructor"].email in html and "Moduuli 1" in html and "ohjaan.fi" in html


def test_the_instructor_page_runs_a_constant_number_of_queries(
    setting, teacher_client, django_assert_max_num_queries
):
    for days in range(5):
        training_agreement(
            teacher=setting["teacher"],
            employer=setting["instructor"].employer,
            instructor=setting["instructor"],
            start=TODAY + datetime.timedelta(days=days),
            end=TODAY + datetime.timedelta(days=days + 30),
        )
        services.instructor_training_record(
            by=setting["teacher"], person=setting["instructor"], kind="training", form="course", date=TODAY
        )
    with django_assert_max_num_queries(12):
        teacher_client.get(reverse("instructor_detail", args=[setting["instructor"].pk]))


def test_the_form_records_an_induction_for_an_agreement_once(setting, agreement, teacher_client):
    url = reverse("instructor_training_create", args=[setting["instructor"].pk])
    assert (
        teacher_client.get(url, {"agreement": agreement.pk}).context["form"].initial["agreement"]
        == agreement.pk
    )
    data = {"kind": "induction", "form": "one_to_one", "date": TODAY.isoformat(), "agreement": agreement.pk}
    response = teacher_client.post(url, data)
    assert response.status_code == 302
    teacher_client.post(url, data)
    assert InstructorTraining.objects.count() == 1
    assert AgreementItem.objects.get(agreement=agreement, kind="induction").done_on == TODAY


def test_the_form_keeps_the_input_on_a_future_date(setting, teacher_client):
    url = reverse("instructor_training_create", args=[setting["instructor"].pk])
    future = (TODAY + datetime.timedelta(days=3)).isoformat()
    response = teacher_client.post(
        url, {"kind": "training", "form": "course", "date": future, "note": "Kurssi"}
    )
    assert response.status_code == 200
    assert "not in advance" in response.content.decode() and "Kurssi" in response.content.decode()
    assert not InstructorTraining.objects.exists()


def test_the_form_refuses_the_wrong_method_and_a_visitor(setting, client, teacher_client):
    url = reverse("instructor_training_create", args=[setting["instructor"].pk])
    assert teacher_client.put(url).status_code == 405
    assert client.get(url).status_code == 302  # to the login page


def test_instructors_never_inducted_are_listed_on_the_home_page_and_the_agreement(
    setting, agreement, teacher_client
):
    home = teacher_client.get(reverse("home"))
    assert list(home.context["instructors_to_induct"]) == [agreement]
    assert "never inducted" in teacher_client.get(agreement.get_absolute_url()).content.decode()
    services.agreement_item_record(
        agreement=agreement, by=setting["teacher"], kind="induction", done_on=TODAY
    )
    assert list(teacher_client.get(reverse("home")).context["instructors_to_induct"]) == []
    assert "never inducted" not in teacher_client.get(agreement.get_absolute_url()).content.decode()

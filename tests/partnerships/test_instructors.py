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
from .test_rules_everywhere import admin_client  # noqa: F401

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
    response = teacher_client.get(reverse("partnerships:instructor_detail", args=[setting["instructor"].pk]))
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
        teacher_client.get(reverse("partnerships:instructor_detail", args=[setting["instructor"].pk]))


def test_the_form_records_an_induction_for_an_agreement_once(setting, agreement, teacher_client):
    url = reverse("partnerships:instructor_training_create", args=[setting["instructor"].pk])
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
    url = reverse("partnerships:instructor_training_create", args=[setting["instructor"].pk])
    future = (TODAY + datetime.timedelta(days=3)).isoformat()
    response = teacher_client.post(
        url, {"kind": "training", "form": "course", "date": future, "note": "Kurssi"}
    )
    assert response.status_code == 200
    assert "not in advance" in response.content.decode() and "Kurssi" in response.content.decode()
    assert not InstructorTraining.objects.exists()


def test_the_form_refuses_the_wrong_method_and_a_visitor(setting, client, teacher_client):
    url = reverse("partnerships:instructor_training_create", args=[setting["instructor"].pk])
    assert teacher_client.put(url).status_code == 405
    assert client.get(url).status_code == 302  # to the login page


def test_instructors_never_inducted_are_listed_on_the_home_page_and_the_agreement(
    setting, agreement, teacher_client
):
    home = teacher_client.get(reverse("partnerships:home"))
    assert list(home.context["instructors_to_induct"]) == [agreement]
    assert "never inducted" in teacher_client.get(agreement.get_absolute_url()).content.decode()
    services.agreement_item_record(
        agreement=agreement, by=setting["teacher"], kind="induction", done_on=TODAY
    )
    assert list(teacher_client.get(reverse("partnerships:home")).context["instructors_to_induct"]) == []
    assert "never inducted" not in teacher_client.get(agreement.get_absolute_url()).content.decode()


# One induction, one set of rules, whichever way it is recorded (issue 20).


def _induct(setting, agreement, date, form="one_to_one"):
    """The induction recorded on the instructor's page, for `agreement`."""
    return services.instructor_training_record(
        by=setting["teacher"],
        person=setting["instructor"],
        kind="induction",
        form=form,
        date=date,
        agreement=agreement,
    )


@pytest.fixture
def started(setting):
    """An agreement whose work period started five days ago."""
    start = TODAY - datetime.timedelta(days=5)
    return create(
        setting,
        training(setting, overlap_confirmed=True),
        [period(setting, start=start, end=start + datetime.timedelta(days=40))],
    )


def test_a_future_induction_is_refused_with_the_same_words_from_the_item_and_the_instructor(
    setting, agreement
):
    from partnerships.forms.agreements import ItemForm
    from partnerships.rules import NOT_IN_ADVANCE

    tomorrow = TODAY + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as from_instructor:
        _induct(setting, agreement, tomorrow)
    with pytest.raises(ValidationError) as from_item:
        services.agreement_item_record(
            agreement=agreement, by=setting["teacher"], kind="induction", done_on=tomorrow
        )
    assert from_item.value.messages == from_instructor.value.messages == [str(NOT_IN_ADVANCE)]
    form = ItemForm({"kind": "induction", "done_on": tomorrow.isoformat()})
    assert not form.is_valid() and form.errors["done_on"] == [str(NOT_IN_ADVANCE)]
    # Other items keep their own words.
    other = ItemForm({"kind": "planning", "done_on": tomorrow.isoformat()})
    assert not other.is_valid() and other.errors["done_on"] != [str(NOT_IN_ADVANCE)]
    assert not InstructorTraining.objects.exists()
    assert not AgreementItem.objects.filter(kind="induction").exists()


def test_an_induction_from_the_item_is_validated_as_the_instructor_record(setting, agreement):
    """The item's path writes through the instructor's service: the record is full_clean()ed."""
    services.agreement_item_record(
        agreement=agreement, by=setting["teacher"], kind="induction", done_on=TODAY, note="Puhelimessa"
    )
    training = InstructorTraining.objects.get()
    assert (training.form, training.note, training.recorded_by) == (
        "one_to_one",
        "Puhelimessa",
        setting["teacher"],
    )
    item = AgreementItem.objects.get(agreement=agreement, kind="induction")
    assert (item.done_on, item.note) == (TODAY, "Puhelimessa")
    # Recording the item again keeps the form chosen before.
    _induct(setting, agreement, TODAY, form="ohjaan_fi")
    services.agreement_item_record(
        agreement=agreement, by=setting["teacher"], kind="induction", done_on=TODAY
    )
    assert InstructorTraining.objects.get().form == "ohjaan_fi"


def test_an_induction_after_the_period_started_is_noticed_on_both_pages(setting, started, teacher_client):
    item_url = reverse("partnerships:agreement_item", args=[started.pk])
    response = teacher_client.post(item_url, {"kind": "induction", "done_on": TODAY.isoformat()}, follow=True)
    notices = [str(m) for m in response.context["messages"] if "checkpoint 4" in str(m)]
    assert len(notices) == 1 and AgreementItem.objects.get(kind="induction").done_on == TODAY
    form_url = reverse("partnerships:instructor_training_create", args=[setting["instructor"].pk])
    data = {"kind": "induction", "form": "one_to_one", "date": TODAY.isoformat(), "agreement": started.pk}
    response = teacher_client.post(form_url, data, follow=True)
    assert [str(m) for m in response.context["messages"] if "checkpoint 4" in str(m)] == notices
    assert InstructorTraining.objects.count() == 1


def test_an_induction_before_the_period_starts_is_not_noticed(setting, agreement, started, teacher_client):
    from partnerships.rules import induction_notices

    assert induction_notices(agreement, TODAY) == []
    assert induction_notices(started, TODAY - datetime.timedelta(days=5)) == []
    assert len(induction_notices(started, TODAY - datetime.timedelta(days=4))) == 1
    response = teacher_client.post(
        reverse("partnerships:agreement_item", args=[agreement.pk]),
        {"kind": "induction", "done_on": TODAY.isoformat()},
        follow=True,
    )
    assert not [m for m in response.context["messages"] if "checkpoint 4" in str(m)]


# The admin writes an induction through the same service.


def _admin_data(setting, agreement, date, **overrides):
    data = {
        "person": setting["instructor"].pk,
        "kind": "induction",
        "form": "course",
        "date": date.isoformat(),
        "agreement": agreement.pk if agreement else "",
        "note": "",
    }
    return {**data, **overrides}


def test_an_induction_made_or_changed_in_the_admin_settles_the_agreements_item(
    setting, agreement, started, admin_client, coordinator
):
    add = reverse("admin:partnerships_instructortraining_add")
    response = admin_client.post(add, _admin_data(setting, agreement, TODAY))
    assert response.status_code == 302
    training = InstructorTraining.objects.get()
    item = AgreementItem.objects.get(agreement=agreement, kind="induction")
    assert (item.done_on, item.done_by, training.recorded_by) == (TODAY, coordinator, coordinator)
    setting["instructor"].refresh_from_db()
    assert setting["instructor"].induction_date == TODAY
    change = reverse("admin:partnerships_instructortraining_change", args=[training.pk])
    yesterday = TODAY - datetime.timedelta(days=1)
    assert admin_client.post(change, _admin_data(setting, agreement, yesterday)).status_code == 302
    assert AgreementItem.objects.get(agreement=agreement, kind="induction").done_on == yesterday
    # Moved to another agreement: that one is settled, the first one open again.
    assert admin_client.post(change, _admin_data(setting, started, yesterday)).status_code == 302
    assert list(AgreementItem.objects.filter(kind="induction").values_list("agreement", flat=True)) == [
        started.pk
    ]
    assert InstructorTraining.objects.count() == 1


def test_the_admin_refuses_a_future_induction_with_the_instructor_pages_words(
    setting, agreement, admin_client
):
    response = admin_client.post(
        reverse("admin:partnerships_instructortraining_add"),
        _admin_data(setting, agreement, TODAY + datetime.timedelta(days=1)),
    )
    assert response.status_code == 200 and "not in advance" in response.content.decode()
    assert not InstructorTraining.objects.exists() and not AgreementItem.objects.exists()


def test_deleting_an_induction_in_the_admin_opens_the_agreements_item(setting, agreement, admin_client):
    services.agreement_item_record(
        agreement=agreement, by=setting["teacher"], kind="induction", done_on=TODAY
    )
    training = InstructorTraining.objects.get()
    delete = reverse("admin:partnerships_instructortraining_delete", args=[training.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302
    assert not InstructorTraining.objects.exists()
    assert not AgreementItem.objects.filter(agreement=agreement, kind="induction").exists()


# Whether the national survey's text message reaches the instructor.


@pytest.mark.parametrize(
    ("phone", "email", "sms", "missed"),
    [
        ("040 123 4567", "", True, False),
        ("09 1234 5678", "", False, True),  # a Helsinki landline
        ("+46 70 123 45 67", "", False, True),  # a Swedish mobile
        ("09 1234 5678", "ohjaaja@example.com", False, False),
    ],
)
def test_the_instructor_page_says_whether_the_phone_takes_the_surveys_text_message(
    setting, teacher_client, phone, email, sms, missed
):
    person = setting["instructor"]
    person.phone, person.email = services_phone(phone), email
    person.save()
    response = teacher_client.get(reverse("partnerships:instructor_detail", args=[person.pk]))
    html = response.content.decode()
    assert response.context["phone_takes_sms"] is sms
    assert ("Finnish mobile: the survey" in html) is sms
    assert ("Not a Finnish mobile" in html) is not sms
    assert ("so it would miss this instructor" in html) is missed


def services_phone(value: str) -> str:
    from core.phones import normalize_phone, parse_phone

    assert parse_phone(value) is not None, value
    return normalize_phone(value)

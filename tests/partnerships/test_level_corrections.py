"""A partnership level is never dated in the future, and a wrong record is corrected or
withdrawn with a reason kept in the history; a withdrawn record counts nowhere."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from checkpoints.models import PartnershipLevel
from partnerships import permissions, services
from partnerships.models import Employer, LevelRecord
from partnerships.selectors import dashboard

from ..factories import EmployerFactory, UserFactory


@pytest.fixture
def levels(db):
    return {key: PartnershipLevel.objects.get(key=key) for key in ("strategic", "everyday", "minimum")}


@pytest.fixture
def recorded(teacher, levels):
    """An employer the teacher owns, everyday since a month ago, then strategic today."""
    employer = EmployerFactory(account_owner=teacher)
    today = timezone.localdate()
    earlier = services.level_record(
        employer=employer,
        by=teacher,
        level=levels["everyday"],
        rationale="Käyntejä",
        date=today - datetime.timedelta(days=30),
    )
    latest = services.level_record(
        employer=employer, by=teacher, level=levels["strategic"], rationale="Sopimus"
    )
    return {"employer": employer, "earlier": earlier, "latest": latest}


def _level_of(employer) -> int | None:
    return Employer.objects.with_level().get(pk=employer.pk).level_id


def _strategic_count() -> int:
    rows = dashboard.levels(dashboard.Filters())
    return next(r["employers"] for r in rows if r["name"] == "Strategic partnership")


def test_the_service_refuses_a_future_date(teacher, levels):
    employer = EmployerFactory(account_owner=teacher)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        services.level_record(
            employer=employer, by=teacher, level=levels["strategic"], rationale="x", date=tomorrow
        )
    assert "date" in refused.value.message_dict and not LevelRecord.objects.exists()


def test_the_form_refuses_a_future_date_and_offers_no_later_day(teacher, teacher_client, levels):
    employer = EmployerFactory(account_owner=teacher)
    response = teacher_client.post(
        reverse("partnerships:employer_level", args=[employer.pk]),
        {"level-level": levels["strategic"].pk, "level-date": "2099-06-01", "level-rationale": "x"},
        follow=True,
    )
    assert "A level cannot be dated in the future." in response.content.decode()
    assert not LevelRecord.objects.exists()
    html = teacher_client.get(employer.get_absolute_url()).content.decode()
    assert f'max="{timezone.localdate().isoformat()}"' in html


def test_the_admin_refuses_a_future_date(client, coordinator, levels):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    employer = EmployerFactory()
    response = client.post(
        reverse("admin:partnerships_levelrecord_add"),
        {
            "employer": employer.pk,
            "level": levels["strategic"].pk,
            "date": "2099-06-01",
            "rationale": "x",
            "recorded_by": coordinator.pk,
        },
    )
    assert (
        response.status_code == 200 and "A level cannot be dated in the future." in response.content.decode()
    )
    assert not LevelRecord.objects.exists()


def test_a_future_dated_record_already_stored_does_not_override_todays(teacher, coordinator_client, levels):
    employer = EmployerFactory(account_owner=teacher)
    today = timezone.localdate()
    LevelRecord.objects.create(
        employer=employer, level=levels["everyday"], rationale="x", recorded_by=teacher
    )
    LevelRecord.objects.create(
        employer=employer,
        level=levels["strategic"],
        rationale="x",
        recorded_by=teacher,
        date=today + datetime.timedelta(days=180),
    )
    assert _level_of(employer) == levels["everyday"].pk and _strategic_count() == 0
    listed = coordinator_client.get(reverse("partnerships:employer_list"), {"level": levels["strategic"].pk})
    assert employer.name not in listed.content.decode()


def test_a_coordinator_corrects_a_record_and_the_reason_is_in_its_history(
    recorded, coordinator, coordinator_client, levels
):
    record = recorded["latest"]
    url = reverse("partnerships:level_record_edit", args=[record.pk])
    assert (
        "Correct or withdraw"
        in coordinator_client.get(recorded["employer"].get_absolute_url()).content.decode()
    )
    response = coordinator_client.post(
        url,
        {
            "level-level": levels["minimum"].pk,
            "level-date": record.date.isoformat(),
            "level-rationale": "Ei sopimusta vielä",
            "level-reason": "Sopimus ei ole vielä voimassa",
        },
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.level == levels["minimum"] and record.rationale == "Ei sopimusta vielä"
    latest = record.history.latest()
    assert (
        latest.history_change_reason == "Sopimus ei ole vielä voimassa" and latest.history_user == coordinator
    )
    assert record.history.earliest().level == levels["strategic"]  # the old value is kept
    page = coordinator_client.get(url).content.decode()
    assert "Sopimus ei ole vielä voimassa" in page


def test_a_correction_needs_a_reason_and_a_date_not_in_the_future(recorded, coordinator_client, levels):
    record = recorded["latest"]
    url = reverse("partnerships:level_record_edit", args=[record.pk])
    data = {
        "level-level": levels["minimum"].pk,
        "level-date": record.date.isoformat(),
        "level-rationale": "x",
    }
    response = coordinator_client.post(url, {**data, "level-reason": "  "})
    assert response.status_code == 200 and response.context["form"].errors["reason"]
    assert "Recorded as Strategic partnership" in response.content.decode()  # as saved, not as typed
    future = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = coordinator_client.post(url, {**data, "level-date": future, "level-reason": "Päivä"})
    assert response.status_code == 200 and response.context["form"].errors["date"]
    record.refresh_from_db()
    assert record.level == levels["strategic"] and record.history.count() == 1


def test_withdrawing_a_record_makes_the_previous_one_current_everywhere(
    recorded, teacher, coordinator_client, levels
):
    employer, record = recorded["employer"], recorded["latest"]
    assert _level_of(employer) == levels["strategic"].pk and _strategic_count() == 1
    response = coordinator_client.post(
        reverse("partnerships:level_record_edit", args=[record.pk]),
        {"action": "withdraw", "withdraw-reason": "Kirjattu väärälle työnantajalle"},
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert (
        record.is_withdrawn
        and record.history.latest().history_change_reason == "Kirjattu väärälle työnantajalle"
    )
    assert _level_of(employer) == levels["everyday"].pk and _strategic_count() == 0
    assert dashboard.levels(dashboard.Filters())[0]["changes"] == 0  # withdrawn changes do not count
    listed = coordinator_client.get(
        reverse("partnerships:employer_list"), {"level": levels["strategic"].pk}
    ).content.decode()
    assert employer.name not in listed
    card = coordinator_client.get(employer.get_absolute_url()).content.decode()
    assert "<strong>Everyday partnership</strong>" in card and "withdrawn" in card
    # A withdrawn record is not corrected again.
    assert (
        coordinator_client.get(reverse("partnerships:level_record_edit", args=[record.pk])).status_code == 403
    )


def test_a_withdrawal_without_a_reason_changes_nothing(recorded, coordinator_client):
    record = recorded["latest"]
    response = coordinator_client.post(
        reverse("partnerships:level_record_edit", args=[record.pk]),
        {"action": "withdraw", "withdraw-reason": ""},
    )
    assert response.status_code == 200 and response.context["withdraw_form"].errors["reason"]
    record.refresh_from_db()
    assert not record.is_withdrawn


def test_the_recorder_corrects_on_the_same_day_but_not_the_next(recorded, teacher, teacher_client, levels):
    record = recorded["latest"]
    url = reverse("partnerships:level_record_edit", args=[record.pk])
    assert teacher_client.get(url).status_code == 200
    assert permissions.can_correct_level_record(teacher, record)
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    with time_machine.travel(tomorrow):
        teacher_client.force_login(teacher)  # the session of yesterday has expired
        assert teacher_client.get(url).status_code == 403
        with pytest.raises(PermissionDenied):
            services.level_record_withdraw(record=record, by=teacher, reason="Myöhässä")
        html = teacher_client.get(recorded["employer"].get_absolute_url()).content.decode()
        assert url not in html


def test_another_teacher_can_neither_correct_nor_withdraw(
    recorded, other_teacher, other_teacher_client, levels
):
    record = recorded["latest"]
    response = other_teacher_client.post(
        reverse("partnerships:level_record_edit", args=[record.pk]),
        {"action": "withdraw", "withdraw-reason": "x"},
    )
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        services.level_record_correct(
            record=record,
            by=other_teacher,
            level=levels["minimum"],
            date=record.date,
            rationale="",
            reason="x",
        )
    record.refresh_from_db()
    assert not record.is_withdrawn and record.level == levels["strategic"]

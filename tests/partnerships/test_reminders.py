"""Deadline reminders: each rule from both sides, one digest per teacher, each item once."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import OutboxMessage
from partnerships import services
from partnerships.models import ReminderRecord
from partnerships.overdue import item_states
from partnerships.reminders import due_reminders, send_deadline_reminders

from ..factories import ContactPersonFactory, EmployerFactory, QualificationUnitFactory, StudentFactory

TODAY = datetime.date(2027, 1, 4)


@pytest.fixture
def setting(teacher, teacher_group):
    teacher.email = "tiina@opisto.example"
    teacher.save()
    employer = EmployerFactory(name="Sähkö-Virtanen Oy")
    return {
        "student": StudentFactory(group=teacher_group, first_name="Aino", last_name="Ahkera"),
        "workplace": employer.workplaces.get(),
        "instructor": ContactPersonFactory(employer=employer, phone="040 1", email="o@x.example"),
        "teacher": teacher,
    }


def agreement(setting, start, end, **period):
    return services.agreement_create(
        by=setting["teacher"],
        data={
            "type": "training",
            "student": setting["student"],
            "workplace": setting["workplace"],
            "instructor": setting["instructor"],
            "responsible_teacher": setting["teacher"],
            "hoks_reference": "H",
            "days_per_week": 4,
            "overlap_confirmed": True,
        },
        periods=[
            {
                "unit": QualificationUnitFactory(),
                "start": start,
                "end": end,
                "part_time_percent": 100,
                **period,
            }
        ],
    )


def kinds(today):
    return sorted({d.kind for d in due_reminders(today)})


def test_induction_and_planning_are_reminded_from_7_days_before_the_start(setting):
    agreement(setting, TODAY + datetime.timedelta(days=8), TODAY + datetime.timedelta(days=90))
    assert kinds(TODAY) == []
    assert kinds(TODAY + datetime.timedelta(days=1)) == ["induction", "planning"]


def test_a_recorded_induction_is_not_reminded(setting):
    a = agreement(setting, TODAY + datetime.timedelta(days=3), TODAY + datetime.timedelta(days=90))
    services.agreement_item_record(agreement=a, by=setting["teacher"], kind="induction", done_on=TODAY)
    assert kinds(TODAY) == ["planning"]


def test_the_demonstration_is_reminded_from_14_days_before_the_end(setting):
    a = agreement(setting, TODAY - datetime.timedelta(days=60), TODAY + datetime.timedelta(days=15))
    for kind in ("induction", "planning"):
        services.agreement_item_record(
            agreement=a, by=setting["teacher"], kind=kind, done_on=TODAY, participants=["student"]
        )
    services.work_period_record_ehoks(period=a.work_periods.get(), by=setting["teacher"], entered_on=TODAY)
    assert kinds(TODAY) == []
    assert kinds(TODAY + datetime.timedelta(days=1)) == ["demonstration"]


def test_missing_feedback_data_is_reminded_n_days_before_the_end(setting):
    a = agreement(setting, TODAY - datetime.timedelta(days=60), TODAY + datetime.timedelta(days=8))
    for kind in ("induction", "planning", "demonstration"):
        services.agreement_item_record(
            agreement=a, by=setting["teacher"], kind=kind, done_on=TODAY, participants=["student"]
        )
    assert kinds(TODAY) == []
    assert kinds(TODAY + datetime.timedelta(days=1)) == ["feedback_data"]
    services.work_period_record_ehoks(period=a.work_periods.get(), by=setting["teacher"], entered_on=TODAY)
    assert kinds(TODAY + datetime.timedelta(days=1)) == []


def test_a_cancelled_agreement_is_not_reminded(setting):
    a = agreement(setting, TODAY + datetime.timedelta(days=2), TODAY + datetime.timedelta(days=90))
    services.agreement_change_status(agreement=a, by=setting["teacher"], status="cancelled")
    assert kinds(TODAY) == []


def test_several_items_go_in_one_message_and_each_item_only_once(setting, django_capture_on_commit_callbacks):
    agreement(setting, TODAY + datetime.timedelta(days=2), TODAY + datetime.timedelta(days=9))
    with django_capture_on_commit_callbacks(execute=False), time_machine.travel(TODAY):
        assert send_deadline_reminders(TODAY) == 1
        assert send_deadline_reminders(TODAY) == 0
        assert send_deadline_reminders(TODAY + datetime.timedelta(days=1)) == 0
    message = OutboxMessage.objects.get()
    assert message.to_email == "tiina@opisto.example"
    assert message.body_text.count("Aino Ahkera") >= 3  # induction, planning, demonstration, feedback
    assert ReminderRecord.objects.count() >= 3


def test_the_sweep_and_the_agreement_page_agree_on_what_is_open(setting):
    a = agreement(setting, TODAY + datetime.timedelta(days=2), TODAY + datetime.timedelta(days=9))
    reminded = {d.kind for d in due_reminders(TODAY) if d.agreement_id == a.pk} - {"feedback_data"}
    a.refresh_from_db()
    open_on_page = {s.kind for s in item_states(a, TODAY) if not s.settled}
    assert reminded <= open_on_page


def test_the_sweep_runs_a_constant_number_of_queries(setting, django_capture_on_commit_callbacks):
    def queries_for(n):
        for _ in range(n):
            agreement(setting, TODAY + datetime.timedelta(days=2), TODAY + datetime.timedelta(days=9))
        ReminderRecord.objects.all().delete()
        OutboxMessage.objects.all().delete()
        with django_capture_on_commit_callbacks(execute=False), CaptureQueriesContext(connection) as queries:
            send_deadline_reminders(TODAY)
        return len(queries)

    assert queries_for(1) == queries_for(20)


def test_a_swedish_speaking_teacher_gets_the_reminder_in_swedish(setting, django_capture_on_commit_callbacks):
    teacher = setting["teacher"]
    teacher.language = "sv"
    teacher.save()
    agreement(setting, TODAY + datetime.timedelta(days=2), TODAY + datetime.timedelta(days=90))
    with django_capture_on_commit_callbacks(execute=False):
        send_deadline_reminders(TODAY)
    body = OutboxMessage.objects.get().body_text
    assert "Arbetsplatshandledaren har inte introducerats" in body
    assert "Työpaikkaohjaajaa ei ole perehdytetty" not in body

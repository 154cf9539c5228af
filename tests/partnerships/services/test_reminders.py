"""Deadline reminders: each rule from both sides, one digest per teacher, each item once."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.email import outbox_deliver
from core.models import OutboxMessage
from partnerships import services
from partnerships.models import ReminderRecord
from partnerships.selectors.overdue import item_states
from partnerships.selectors.reminders import due_reminders
from partnerships.services.reminders import deadline_reminders_send

from ...factories import ContactPersonFactory, EmployerFactory, QualificationUnitFactory, StudentFactory

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
    with time_machine.travel(TODAY):  # an item is never done on a day still to come
        services.agreement_item_record(agreement=a, by=setting["teacher"], kind="induction", done_on=TODAY)
    assert kinds(TODAY) == ["planning"]


def test_the_demonstration_is_reminded_from_14_days_before_the_end(setting):
    a = agreement(setting, TODAY - datetime.timedelta(days=60), TODAY + datetime.timedelta(days=15))
    for kind in ("induction", "planning"):
        with time_machine.travel(TODAY):
            services.agreement_item_record(
                agreement=a, by=setting["teacher"], kind=kind, done_on=TODAY, participants=["student"]
            )
    services.work_period_record_ehoks(period=a.work_periods.get(), by=setting["teacher"], entered_on=TODAY)
    assert kinds(TODAY) == []
    assert kinds(TODAY + datetime.timedelta(days=1)) == ["demonstration"]


def test_missing_feedback_data_is_reminded_n_days_before_the_end(setting):
    a = agreement(setting, TODAY - datetime.timedelta(days=60), TODAY + datetime.timedelta(days=8))
    for kind in ("induction", "planning", "demonstration"):
        with time_machine.travel(TODAY):
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
        assert deadline_reminders_send(TODAY) == 1
        assert deadline_reminders_send(TODAY) == 0
        assert deadline_reminders_send(TODAY + datetime.timedelta(days=1)) == 0
    message = OutboxMessage.objects.get()
    assert message.to_email == "tiina@opisto.example"
    assert ReminderRecord.objects.count() >= 3
    with time_machine.travel(TODAY + datetime.timedelta(days=1)):  # the message is due by then
        assert outbox_deliver(message.pk) == "sent"
    [sent] = mail.outbox
    assert sent.body.count("Aino Ahkera") >= 3  # induction, planning, demonstration, feedback
    assert sent.subject == f"Kumppani: {ReminderRecord.objects.count()} määräaikaa lähestyy"


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
            deadline_reminders_send(TODAY)
        return len(queries)

    assert queries_for(1) == queries_for(20)


def test_a_swedish_speaking_teacher_gets_the_reminder_in_swedish(setting, django_capture_on_commit_callbacks):
    teacher = setting["teacher"]
    teacher.language = "sv"
    teacher.save()
    agreement(setting, TODAY + datetime.timedelta(days=2), TODAY + datetime.timedelta(days=90))
    with django_capture_on_commit_callbacks(execute=False):
        deadline_reminders_send(TODAY)
    assert outbox_deliver(OutboxMessage.objects.get().pk) == "sent"
    body = mail.outbox[0].body
    assert "Arbetsplatshandledaren har inte introducerats" in body
    assert "Työpaikkaohjaajaa ei ole perehdytetty" not in body


def test_the_sweep_stores_plain_data_and_the_worker_renders_it(setting, django_capture_on_commit_callbacks):
    """The digest is rendered on delivery: the sweep writes the items as data, the worker that
    sends it writes the text, with a link to each agreement and the date each item is due."""
    a = agreement(setting, TODAY + datetime.timedelta(days=3), TODAY + datetime.timedelta(days=90))
    with django_capture_on_commit_callbacks(execute=False):
        deadline_reminders_send(TODAY)
    message = OutboxMessage.objects.get()
    assert (message.subject, message.body_text, message.template) == ("", "", "deadline-reminders")
    assert message.context["teacher"]["first_name"] == setting["teacher"].first_name
    assert {item["kind"] for item in message.context["items"]} == {"induction", "planning"}
    assert {item["due_on"] for item in message.context["items"]} == {"2027-01-07"}

    assert outbox_deliver(message.pk) == "sent"
    message.refresh_from_db()
    assert (message.template, message.context, message.status) == ("", None, "sent")
    assert message.subject == "Kumppani: 2 määräaikaa lähestyy"
    assert f"Hei {setting['teacher'].first_name}," in message.body_text
    assert "Työpaikkaohjaajaa ei ole perehdytetty" in message.body_text
    assert "7.1.2027" in message.body_text
    assert f"/agreements/{a.pk}/" in message.body_html
    assert "Aino Ahkera, Sähkö-Virtanen Oy" in message.body_html
    assert mail.outbox[0].body == message.body_text


def test_a_digest_that_cannot_be_rendered_is_retried_not_lost(setting, django_capture_on_commit_callbacks):
    agreement(setting, TODAY + datetime.timedelta(days=3), TODAY + datetime.timedelta(days=90))
    with django_capture_on_commit_callbacks(execute=False):
        deadline_reminders_send(TODAY)
    message = OutboxMessage.objects.get()
    broken = {"teacher": {}, "items": [{"kind": "induction"}]}
    OutboxMessage.objects.filter(pk=message.pk).update(context=broken)
    assert outbox_deliver(message.pk) == "failed"
    message.refresh_from_db()
    assert message.status == "pending" and message.attempts == 1 and "KeyError" in message.last_error
    assert message.template == "deadline-reminders" and mail.outbox == []

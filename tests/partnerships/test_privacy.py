"""A student's data protection: the export (GDPR art. 15, 20), the erasure (art. 17) that
reaches the change history too, and the retention sweep (art. 5(1)(e))."""

import datetime
import io
import json

import pytest
import time_machine
from django.core.management import call_command
from django.db.models import Avg, Count
from django.urls import reverse
from django.utils import timezone

from config.celery import app as celery_app
from core.models import OutboxMessage
from partnerships import services, tasks
from partnerships.models import (
    Agreement,
    Demonstration,
    FeedbackAnswer,
    FeedbackReaction,
    FeedbackRequest,
    Student,
    StudentRelation,
    WorkPeriod,
)
from partnerships.selectors import dashboard
from partnerships.selectors.privacy import students_due_for_erasure

from ..brochures.pdfs import text_of
from ..factories import (
    AgreementFactory,
    ContactFactory,
    ContactPersonFactory,
    EmployerFactory,
    PersonalStudentFactory,
    QualificationUnitFactory,
    StudentFactory,
    training_agreement,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 10)


def _world(teacher, coordinator, student=None) -> dict:
    """A student with a changed record, an agreement, a demonstration, a relation, feedback
    they gave with a reaction, and e-mails and a contact note that name them."""
    student = student or PersonalStudentFactory()
    old_phone = student.phone
    student.phone = "050 7654321"
    student.save()  # the history now holds the old phone number too
    employer = EmployerFactory()
    instructor = ContactPersonFactory(employer=employer)
    today = timezone.localdate()
    agreement = training_agreement(
        teacher=teacher,
        student=student,
        employer=employer,
        instructor=instructor,
        start=today - datetime.timedelta(days=60),
        end=today - datetime.timedelta(days=5),
        hoks_reference="HOKS-SECRET-77",
    )
    period = agreement.work_periods.get()
    Demonstration.objects.create(
        student=student, unit=period.unit, teacher_assessor=teacher, created_by=teacher, place="Hall 2"
    )
    StudentRelation.objects.create(student=student, person=instructor, note="the student's mother")
    own = FeedbackRequest.objects.create(
        work_period=period,
        respondent="student",
        student=student,
        email=student.email,
        answered_at=timezone.now(),
        comment="My own comment, signed Aino",
    )
    FeedbackAnswer.objects.create(
        request=own, question="planning", checkpoint=3, score=4, text="Instructor helped me"
    )
    FeedbackAnswer.objects.create(request=own, question="induction", checkpoint=4, score=2, text="")
    FeedbackReaction.objects.create(request=own, text="Called the student back", by=coordinator)
    to_student = OutboxMessage.objects.create(
        key=f"feedback-request:{own.pk}",
        kind="feedback-request",
        to_email=student.email.upper(),
        subject="Palaute",
        body_text="Hei!",
    )
    thanks = OutboxMessage.objects.create(
        key=f"thanks:{agreement.pk}:{instructor.pk}",
        kind="thanks",
        to_email=instructor.email,
        subject="Kiitos",
        body_text=f"Thank you for instructing {student.first_name} at your workplace.",
        body_html=f"<p>Thank you for instructing {student.first_name} at your workplace.</p>",
        status="sent",
    )
    digest = OutboxMessage.objects.create(
        key="deadline-digest:1:x",
        kind="deadline-digest",
        to_email=teacher.email,
        subject="Muistutus",
        body_text=f"- {student.full_name}, {employer.name}: eHOKS",
        body_html=f"<li>{student.full_name}, {employer.name}: eHOKS</li>",
    )
    not_rendered = OutboxMessage.objects.create(
        key="deadline-digest:1:y",
        kind="deadline-digest",
        to_email=teacher.email,
        template="deadline-reminders",
        context={
            "teacher": {"first_name": "Tiina", "username": "tiina"},
            "items": [
                {
                    "kind": "induction",
                    "agreement_id": agreement.pk,
                    "student": student.full_name,
                    "employer": employer.name,
                    "due_on": "2027-01-07",
                }
            ],
        },
    )
    contact = ContactFactory(
        employer=employer, author=teacher, summary=f"Talked about {student.full_name}'s period."
    )
    return {
        "student": student,
        "old_phone": old_phone,
        "employer": employer,
        "agreement": agreement,
        "period": period,
        "own": own,
        "to_student": to_student,
        "thanks": thanks,
        "digest": digest,
        "not_rendered": not_rendered,
        "contact": contact,
    }


def _personal_values(student, old_phone) -> list[str]:
    return [
        student.last_name,
        student.student_number,
        student.learner_oid,
        student.email,
        student.phone,
        old_phone,
        student.date_of_birth.isoformat(),
        "HOKS-SECRET-77",
        "the student's mother",
        "signed Aino",
        "Instructor helped me",
        "Called the student back",
    ]


def _assert_attachment(response, content_type: str, student) -> None:
    extension = content_type.rsplit("/", 1)[-1]
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    expected = f'attachment; filename="kumppani-{student.student_number.lower()}.{extension}"'
    assert response["Content-Disposition"] == expected


def _database_dump() -> str:
    out = io.StringIO()
    call_command("dumpdata", stdout=out)
    return out.getvalue()


# The export ------------------------------------------------------------------------------


def test_the_json_export_holds_the_students_data_agreements_feedback_and_history(
    coordinator_client, teacher, coordinator, django_assert_max_num_queries
):
    world = _world(teacher, coordinator)
    student = world["student"]
    with django_assert_max_num_queries(20):
        response = coordinator_client.get(reverse("partnerships:student_export_json", args=[student.pk]))
    _assert_attachment(response, "application/json", student)
    data = json.loads(response.content)
    assert data["student"]["last_name"] == student.last_name
    assert data["student"]["email"] == student.email
    assert data["student"]["learner_oid"] == student.learner_oid
    assert data["student"]["date_of_birth"] == "2006-05-17"
    [agreement] = data["agreements"]
    assert agreement["fields"]["hoks_reference"] == "HOKS-SECRET-77"
    assert agreement["fields"]["workplace"] == str(world["agreement"].workplace)
    [period] = agreement["work_periods"]
    assert period["fields"]["end"] == world["period"].end.isoformat()
    assert period["fields"]["part_time_percent"] == 100
    assert data["demonstrations"][0]["place"] == "Hall 2"
    assert data["relations"][0]["note"] == "the student's mother"
    [feedback] = data["feedback"]
    assert feedback["fields"]["comment"] == "My own comment, signed Aino"
    assert {(a["question"], a["score"], a["text"]) for a in feedback["answers"]} == {
        ("planning", 4, "Instructor helped me"),
        ("induction", 2, ""),
    }
    student_history = [h for h in data["history"] if h["model_name"] == "student"]
    assert [h["action"] for h in student_history] == ["created", "changed"]
    assert student_history[0]["values"]["phone"] == world["old_phone"]
    assert any(h["model_name"] == "agreement" for h in data["history"])
    assert any(h["model_name"] == "feedbackreaction" for h in data["history"])


def test_the_export_takes_the_same_number_of_queries_however_many_agreements(
    coordinator_client, teacher, coordinator, django_assert_max_num_queries
):
    student = PersonalStudentFactory()
    today = timezone.localdate()
    for days in range(0, 250, 50):
        training_agreement(
            teacher=teacher,
            student=student,
            start=today + datetime.timedelta(days=days),
            end=today + datetime.timedelta(days=days + 30),
        )
    with django_assert_max_num_queries(20):
        response = coordinator_client.get(reverse("partnerships:student_export_json", args=[student.pk]))
    assert len(json.loads(response.content)["agreements"]) == 5


def test_the_pdf_export_is_a_readable_attachment_from_the_pdf_service(
    coordinator_client, teacher, coordinator
):
    world = _world(teacher, coordinator)
    student = world["student"]
    response = coordinator_client.get(reverse("partnerships:student_export_pdf", args=[student.pk]))
    _assert_attachment(response, "application/pdf", student)
    text = text_of(response.content)
    for value in (
        student.last_name,
        student.email,
        "HOKS-SECRET-77",
        "Instructor helped me",
        world["old_phone"],
    ):
        assert value in text


def test_the_privacy_page_links_both_downloads_and_is_linked_from_the_student(
    coordinator_client, teacher, coordinator, django_assert_max_num_queries
):
    student = _world(teacher, coordinator)["student"]
    with django_assert_max_num_queries(12):
        response = coordinator_client.get(reverse("partnerships:student_privacy", args=[student.pk]))
    content = response.content.decode()
    assert reverse("partnerships:student_export_json", args=[student.pk]) in content
    assert reverse("partnerships:student_export_pdf", args=[student.pk]) in content
    assert "5 years after their last agreement ended" in content
    detail = coordinator_client.get(
        reverse("partnerships:student_detail", args=[student.pk])
    ).content.decode()
    assert reverse("partnerships:student_privacy", args=[student.pk]) in detail


@pytest.mark.parametrize(
    "name",
    ["partnerships:student_privacy", "partnerships:student_export_json", "partnerships:student_export_pdf"],
)
def test_teachers_cannot_export_or_erase_even_their_own_students(name, teacher_client, teacher_group):
    student = PersonalStudentFactory(group=teacher_group)
    assert teacher_client.get(reverse(name, args=[student.pk])).status_code == 403
    if name == "partnerships:student_privacy":
        response = teacher_client.post(
            reverse(name, args=[student.pk]), {"reason": "request", "student_number": student.student_number}
        )
        assert response.status_code == 403
        assert Student.objects.get(pk=student.pk).erased_at is None


def test_teachers_do_not_see_the_privacy_link(teacher_client, teacher_group):
    student = PersonalStudentFactory(group=teacher_group)
    content = teacher_client.get(reverse("partnerships:student_detail", args=[student.pk])).content.decode()
    assert reverse("partnerships:student_privacy", args=[student.pk]) not in content


# Erasure ---------------------------------------------------------------------------------


def test_erasure_through_the_form_removes_the_data_from_the_row_and_the_history(
    coordinator_client, teacher, coordinator
):
    world = _world(teacher, coordinator)
    student = world["student"]
    personal = _personal_values(student, world["old_phone"])
    assert all(value in _database_dump() for value in personal)  # the check below can fail

    response = coordinator_client.post(
        reverse("partnerships:student_privacy", args=[student.pk]),
        {"reason": "request", "student_number": student.student_number},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("partnerships:student_privacy", args=[student.pk])
    page = coordinator_client.get(response["Location"]).content.decode()
    assert "The student&#x27;s personal data was erased." in page
    assert "Erased student" in page

    dump = _database_dump()
    assert [value for value in personal if value in dump] == []
    student.refresh_from_db()
    assert (student.first_name, student.last_name, student.email, student.phone, student.learner_oid) == (
        "",
        "",
        "",
        "",
        "",
    )
    assert student.date_of_birth is None and student.erased_at is not None
    assert student.student_number == f"erased-{student.pk}"
    assert student.full_name == "Erased student"

    # Every historical row of the student is anonymised; one more says who erased it and why.
    rows = list(Student.history.filter(id=student.pk).order_by("history_date", "history_id"))
    assert {(r.last_name, r.email, r.phone, r.student_number, r.learner_oid) for r in rows} == {
        ("", "", "", student.student_number, "")
    }
    assert rows[-1].history_user == coordinator
    assert rows[-1].history_change_reason == "personal data erased at the student's request"
    assert rows[-1].erased_at is not None and len(rows) == 3
    history_page = coordinator_client.get(
        reverse("partnerships:history", args=["student", student.pk])
    ).content.decode()
    assert "Personal data erased at the student" in history_page

    # E-mails to the student are gone; e-mails about them no longer name them.
    assert not OutboxMessage.objects.filter(pk=world["to_student"].pk).exists()
    world["thanks"].refresh_from_db()
    world["digest"].refresh_from_db()
    assert "Aino" not in world["thanks"].body_text and "Aino" not in world["thanks"].body_html
    assert world["digest"].body_text.startswith("- ***, ")
    world["not_rendered"].refresh_from_db()
    assert world["not_rendered"].context["items"][0]["student"] == "***"
    assert world["not_rendered"].context["items"][0]["employer"] == world["employer"].name
    world["contact"].refresh_from_db()
    assert world["contact"].summary == "Talked about ***'s period."
    changed = {(c["model"], c["field"]): c["count"] for c in rows[-1].erasure_report["changed"]}
    assert changed[("core.outboxmessage", "body_text")] == 2  # the digest and the thanks
    assert changed[("core.outboxmessage", "context")] == 1
    assert changed[("partnerships.contact", "summary")] == 1


def test_statistics_are_the_same_after_erasure(teacher, coordinator):
    world = _world(teacher, coordinator)
    other = training_agreement(
        teacher=teacher,
        employer=world["employer"],
        start=timezone.localdate() - datetime.timedelta(days=20),
        end=timezone.localdate() + datetime.timedelta(days=20),
    )
    training_agreement(
        teacher=teacher, student=other.student, start=timezone.localdate(), end=timezone.localdate()
    )

    def figures():
        return {
            "per_employer": sorted(
                Agreement.objects.values_list("workplace__employer")
                .annotate(n=Count("pk"))
                .values_list("workplace__employer", "n")
            ),
            "per_student": sorted(Agreement.objects.values_list("student").annotate(n=Count("pk"))),
            "periods": WorkPeriod.objects.count(),
            "students": Student.objects.count(),
            "feedback": FeedbackRequest.objects.count(),
            "scores": FeedbackAnswer.objects.aggregate(avg=Avg("score"), n=Count("score")),
            "negative": FeedbackRequest.objects.negative().count(),
            "reactions": FeedbackReaction.objects.count(),
            "demonstrations": Demonstration.objects.count(),
            "coverage": dashboard.checkpoint_coverage(dashboard.Filters()),
        }

    before = figures()
    assert before["per_employer"] and before["scores"]["n"] == 2
    services.erase_student(world["student"], by=coordinator, reason="request")
    assert figures() == before


def test_erasure_is_refused_the_second_time_and_changes_nothing(coordinator_client, teacher, coordinator):
    student = _world(teacher, coordinator)["student"]
    services.erase_student(student, by=coordinator, reason="not_needed")
    history = Student.history.filter(id=student.pk).count()
    with pytest.raises(services.AlreadyErased):
        services.erase_student(student, by=coordinator, reason="request")
    response = coordinator_client.post(
        reverse("partnerships:student_privacy", args=[student.pk]),
        {"reason": "request", "student_number": student.student_number},
    )
    assert response.status_code == 302
    page = coordinator_client.get(response["Location"]).content.decode()
    assert "already been erased" in page
    assert Student.history.filter(id=student.pk).count() == history


def test_a_wrong_confirmation_keeps_what_was_typed_and_erases_nothing(coordinator_client):
    student = PersonalStudentFactory()
    response = coordinator_client.post(
        reverse("partnerships:student_privacy", args=[student.pk]),
        {"reason": "request", "student_number": "S-typo"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "The student number does not match this student." in content
    assert 'value="S-typo"' in content
    assert Student.objects.get(pk=student.pk).erased_at is None


def test_the_erasure_is_atomic(teacher, coordinator, monkeypatch):
    world = _world(teacher, coordinator)
    student = world["student"]

    def fail(*args, **kwargs):
        raise RuntimeError("the history write fails")

    monkeypatch.setattr(
        "partnerships.services.privacy.get_history_manager_for_model",
        lambda model: type("M", (), {"bulk_history_create": fail})(),
    )
    with pytest.raises(RuntimeError):
        services.erase_student(student, by=coordinator, reason="request")
    student.refresh_from_db()
    assert student.erased_at is None and student.email and student.last_name.startswith("Poistettavanen")
    assert Student.history.filter(id=student.pk, phone=world["old_phone"]).exists()
    assert OutboxMessage.objects.filter(pk=world["to_student"].pk).exists()


def test_an_erased_student_cannot_be_edited_or_given_new_agreements(teacher_client, teacher, teacher_group):
    student = PersonalStudentFactory(group=teacher_group)
    services.erase_student(student, by=None, reason="request")
    response = teacher_client.get(reverse("partnerships:student_edit", args=[student.pk]))
    assert response.status_code == 302 and response["Location"] == student.get_absolute_url()
    form = teacher_client.get(reverse("partnerships:agreement_create")).context["form"]
    assert student not in form.fields["student"].queryset


# Retention -------------------------------------------------------------------------------


def _at(day: datetime.date):
    return time_machine.travel(
        datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC), tick=False
    )


def _agreement_ending(student, teacher, end: datetime.date) -> Agreement:
    """An agreement written when it ended, as it would have been."""
    with _at(end):
        return AgreementFactory(
            student=student, responsible_teacher=teacher, period=(end - datetime.timedelta(days=30), end)
        )


def test_the_retention_task_erases_only_students_whose_period_has_ended(teacher, coordinator):
    long_ago = datetime.date(2020, 3, 9)  # more than five years before TODAY
    recently = datetime.date(2021, 3, 10)  # exactly five years: not yet
    with _at(long_ago):
        ended_long_ago = PersonalStudentFactory()
        no_agreements_old = PersonalStudentFactory()
        no_agreements_touched = PersonalStudentFactory()
        old_but_demonstrated = PersonalStudentFactory()
        ended_recently = PersonalStudentFactory()
    _agreement_ending(ended_long_ago, teacher, long_ago)
    _agreement_ending(old_but_demonstrated, teacher, long_ago)
    _agreement_ending(ended_recently, teacher, recently)
    with _at(datetime.date(2025, 1, 1)):
        no_agreements_touched.phone = "050 1111111"
        no_agreements_touched.save()
        Demonstration.objects.create(
            student=old_but_demonstrated,
            unit=QualificationUnitFactory(),
            teacher_assessor=teacher,
            created_by=teacher,
            date=datetime.date(2024, 6, 1),
        )
    personal = {s.pk: _personal_values(s, s.phone)[:6] for s in Student.objects.all()}

    with _at(TODAY):
        assert set(students_due_for_erasure()) == {ended_long_ago, no_agreements_old}
        assert tasks.students_erase_expired() == 2
        assert tasks.students_erase_expired() == 0  # safe to run twice

    erased = set(Student.objects.filter(erased_at__isnull=False).values_list("pk", flat=True))
    assert erased == {ended_long_ago.pk, no_agreements_old.pk}
    dump = _database_dump()
    for pk, values in personal.items():
        found = [value for value in values if value in dump]
        assert found == ([] if pk in erased else values)
    record = Student.history.filter(id=ended_long_ago.pk).latest()
    assert record.history_user is None
    assert record.history_change_reason == "personal data erased: the retention period ended"
    assert Agreement.history.filter(student_id=ended_long_ago.pk).exclude(hoks_reference="").count() == 0
    assert ended_long_ago.agreements.count() == 1  # the statistics keep the agreement


def test_the_retention_period_is_a_setting(settings, teacher):
    student = PersonalStudentFactory()
    _agreement_ending(student, teacher, datetime.date(2023, 1, 1))
    with _at(TODAY):
        assert student not in students_due_for_erasure()
        settings.KUMPPANI_RETENTION_YEARS = 2
        assert student in students_due_for_erasure()


def test_the_retention_task_runs_every_night():
    [entry] = [
        e for e in celery_app.conf.beat_schedule.values() if e["task"].endswith("students_erase_expired")
    ]
    assert entry["schedule"].hour == {3}


def test_the_privacy_notice_names_the_retention_period_and_the_rights(client, settings):
    settings.KUMPPANI_RETENTION_YEARS = 7
    content = client.get(reverse("core:privacy_notice")).content.decode()
    assert "7 years after their last agreement ended" in content
    assert "machine-readable JSON" in content
    finnish = client.get(reverse("core:privacy_notice"), headers={"Accept-Language": "fi"}).content.decode()
    assert "7 vuotta" in finnish


def test_students_are_listed_anonymised_after_erasure(coordinator_client):
    student = PersonalStudentFactory()
    StudentFactory()
    services.erase_student(student, by=None, reason="request")
    content = coordinator_client.get(reverse("partnerships:student_list")).content.decode()
    assert "Erased student" in content and "Poistettavanen" not in content

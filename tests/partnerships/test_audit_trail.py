"""The audit trail: who created, changed or deleted employers, contact persons, students,
agreements, partnership levels and feedback reactions, with the values before and after, on
every write path, bulk ones included; coordinators read it per object."""

import datetime

import pytest
from django.urls import reverse

from imports import services as import_services
from partnerships import services
from partnerships.models import Agreement, ContactPerson, Employer, FeedbackReaction, LevelRecord, Student

from ..factories import ContactPersonFactory, EmployerFactory, StudentFactory, training_agreement

pytestmark = pytest.mark.django_db


def test_a_change_through_the_portal_records_who_and_what(coordinator_client, coordinator):
    employer = EmployerFactory(name="Vanha Oy")
    response = coordinator_client.post(
        reverse("partnerships:employer_edit", args=[employer.pk]),
        {"name": "Uusi Oy", "business_id": employer.business_id, "sector": "C"},
    )
    assert response.status_code == 302
    latest = employer.history.latest()
    assert latest.history_type == "~" and latest.history_user == coordinator
    delta = latest.diff_against(latest.prev_record)
    assert [(c.field, c.old, c.new) for c in delta.changes if c.field == "name"] == [
        ("name", "Vanha Oy", "Uusi Oy")
    ]


def test_bulk_updates_leave_history_rows_too(coordinator, teacher):
    employer = EmployerFactory()
    before = employer.history.count()
    services.employer_set_active(employer=employer, active=False, by=coordinator)  # a QuerySet.update()
    record = employer.history.latest()
    assert (
        employer.history.count() == before + 1
        and record.is_active is False
        and record.history_user == coordinator
    )
    person = ContactPersonFactory(employer=EmployerFactory())
    services.contact_person_opt_out(person=person)  # a conditional update, from an e-mail link
    assert person.history.latest().opted_out_at is not None
    assert "opted out" in person.history.latest().history_change_reason
    first = services.contact_person_create(
        employer=EmployerFactory(), data={"first_name": "A", "last_name": "B"}
    )
    assert first.employer.history.latest().main_contact_id == first.pk  # main contact set by update()


def test_merges_and_imports_leave_history(coordinator):
    keep, remove = EmployerFactory(business_id=None), EmployerFactory(business_id=None)
    person = ContactPersonFactory(employer=remove)
    services.employer_merge(keep=keep, remove=remove, by=coordinator)
    assert person.history.latest().employer_id == keep.pk
    assert Employer.history.filter(id=remove.pk, history_type="-").exists()
    job = import_services.import_upload(
        kind="students",
        data="Etunimi;Sukunimi;Opiskelijanumero\nAino;Ääri;S9\n".encode(),
        name="s.csv",
        by=coordinator,
    )
    import_services.import_set_mapping(job=job, mapping=job.mapping)
    import_services.import_start(job=job, by=coordinator)
    import_services.import_run(job.pk)
    assert Student.history.filter(student_number="S9", history_type="+").exists()


def test_agreements_levels_and_reactions_are_tracked(coordinator, teacher):
    today = datetime.date.today()
    agreement = training_agreement(teacher=teacher, start=today, end=today + datetime.timedelta(days=10))
    assert agreement.history.filter(history_type="+").exists()
    from checkpoints.models import PartnershipLevel

    level = LevelRecord.objects.create(
        employer=agreement.workplace.employer,
        level=PartnershipLevel.objects.first(),
        rationale="r",
        recorded_by=coordinator,
    )
    assert level.history.count() == 1
    assert FeedbackReaction.history.model is not None and Agreement.history.model is not None


def test_coordinators_read_the_trail_and_teachers_do_not(coordinator_client, teacher_client, coordinator):
    student = StudentFactory(first_name="Aino")
    services.student_update(student=student, data={"first_name": "Aino-Maria"})
    page = coordinator_client.get(
        reverse("partnerships:history", args=["student", student.pk])
    ).content.decode()
    assert "Aino-Maria" in page and "Aino" in page and "Changed" in page and "Created" in page
    assert (
        teacher_client.get(reverse("partnerships:history", args=["student", student.pk])).status_code == 403
    )
    assert (
        coordinator_client.get(reverse("partnerships:history", args=["nothing", student.pk])).status_code
        == 404
    )
    ContactPerson.objects.all().delete()

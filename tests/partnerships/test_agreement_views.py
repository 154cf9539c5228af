import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from partnerships.models import Agreement, AgreementItem, Interruption, WorkplaceCheck

from ..factories import (
    ContactPersonFactory,
    EmployerFactory,
    QualificationUnitFactory,
    StudentFactory,
    UserFactory,
)
from .test_agreement_rules import START, create, training


@pytest.fixture
def setting(teacher, teacher_group):
    employer = EmployerFactory(name="Sähkö-Virtanen Oy")
    return {
        "student": StudentFactory(group=teacher_group, date_of_birth=datetime.date(2000, 5, 1)),
        "workplace": employer.workplaces.get(),
        "instructor": ContactPersonFactory(employer=employer, is_instructor=True, phone="040 111 2222"),
        "unit": QualificationUnitFactory(),
        "teacher": teacher,
    }


def form_data(setting, **overrides) -> dict:
    data = {
        "type": "apprenticeship",
        "student": setting["student"].pk,
        "workplace": setting["workplace"].pk,
        "instructor": setting["instructor"].pk,
        "hoks_reference": "HOKS-1",
        "hours_per_week": "37.5",
        "wage_confirmed": "on",
        "periods-TOTAL_FORMS": "1",
        "periods-INITIAL_FORMS": "0",
        "periods-MIN_NUM_FORMS": "1",
        "periods-MAX_NUM_FORMS": "1000",
        "periods-0-unit": setting["unit"].pk,
        "periods-0-start": "2027-01-11",
        "periods-0-end": "2027-03-26",
        "periods-0-part_time_percent": "100",
    }
    return {**data, **overrides}


def test_teacher_creates_an_apprenticeship_through_the_form(setting, teacher_client):
    response = teacher_client.post(reverse("partnerships:agreement_create"), form_data(setting))
    agreement = Agreement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == agreement.get_absolute_url()
    assert agreement.responsible_teacher == setting["teacher"]
    assert agreement.work_periods.get().part_time_percent == 100


def test_a_rule_broken_in_the_form_gives_its_message_and_keeps_the_input(setting, teacher_client):
    response = teacher_client.post(
        reverse("partnerships:agreement_create"),
        form_data(setting, hours_per_week="20", hoks_reference="HOKS-SÄILYY"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "at least 25 working hours" in html
    assert 'value="HOKS-SÄILYY"' in html
    assert Agreement.objects.count() == 0


def test_the_form_shows_only_the_fields_of_the_chosen_type(setting, teacher_client):
    html = teacher_client.get(reverse("partnerships:agreement_create"), {"type": "training"}).content.decode()
    assert 'name="days_per_week"' in html and 'name="hours_per_week"' not in html
    partial = teacher_client.get(
        reverse("partnerships:agreement_create"),
        {"type": "apprenticeship"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="type-fields",
    ).content.decode()
    assert 'id="type-fields"' in partial and "<html" not in partial
    assert 'name="hours_per_week"' in partial and 'name="days_per_week"' not in partial


def test_switching_to_a_training_agreement_clears_the_apprenticeship_fields(setting, teacher_client):
    agreement = create(
        setting,
        {
            **training(setting),
            "type": "apprenticeship",
            "hours_per_week": 30,
            "wage_confirmed": True,
            "days_per_week": None,
        },
    )
    data = form_data(
        setting,
        type="training",
        days_per_week="3",
        **{"periods-INITIAL_FORMS": "1", "periods-0-id": str(agreement.work_periods.get().pk)},
    )
    del data["hours_per_week"], data["wage_confirmed"]
    response = teacher_client.post(reverse("partnerships:agreement_edit", args=[agreement.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    agreement.refresh_from_db()
    assert (agreement.type, agreement.hours_per_week, agreement.wage_confirmed) == ("training", None, False)


def test_adding_a_work_period_row_saves_nothing(setting, teacher_client):
    response = teacher_client.post(
        reverse("partnerships:agreement_create"), form_data(setting, add_period="1")
    )
    html = response.content.decode()
    assert 'name="periods-1-start"' in html
    assert Agreement.objects.count() == 0


def test_a_work_period_ending_before_it_starts_is_refused_in_the_form(setting, teacher_client):
    response = teacher_client.post(
        reverse("partnerships:agreement_create"), form_data(setting, **{"periods-0-end": "2027-01-01"})
    )
    assert "A work period cannot end before it starts." in response.content.decode()
    assert Agreement.objects.count() == 0


def test_an_unchecked_workplace_shows_a_warning(setting, teacher, teacher_client):
    agreement = create(setting, training(setting))
    html = teacher_client.get(agreement.get_absolute_url()).content.decode()
    assert reverse("partnerships:workplace_check_create", args=[setting["workplace"].pk]) in html
    teacher_client.post(
        reverse("partnerships:workplace_check_create", args=[setting["workplace"].pk]),
        {
            "matching_tasks": "on",
            "enough_activity": "on",
            "tools": "on",
            "competent_staff": "on",
            "notes": "OK",
        },
    )
    check = WorkplaceCheck.objects.get()
    assert (check.checked_by, check.passed) == (teacher, True)
    html = teacher_client.get(agreement.get_absolute_url()).content.decode()
    assert "have not been checked" not in html


def test_the_agreement_page_says_exactly_what_the_national_feedback_lacks(setting, teacher_client):
    instructor = setting["instructor"]
    instructor.email = ""
    instructor.phone = "+35831234567"  # a landline: no SMS goes there
    instructor.save()
    today = timezone.localdate()
    agreement = create(
        setting,
        training(setting),
        [
            {
                "unit": setting["unit"],
                "start": today,
                "end": today + datetime.timedelta(days=3),
                "part_time_percent": None,
            }
        ],
    )
    html = teacher_client.get(agreement.get_absolute_url()).content.decode()
    warning = html.split("feedback-risk")[1].split("</ul>")[0]
    assert "is not a Finnish mobile number" in warning
    assert "part-time percentage" in warning and "not marked as entered in eHOKS" in warning
    assert "business ID" not in warning
    # An e-mail address alone is enough: that part of the flag clears without saving the period.
    instructor.email = "ohjaaja@example.fi"
    instructor.save()
    html = teacher_client.get(agreement.get_absolute_url()).content.decode()
    assert "is not a Finnish mobile number" not in html
    assert "part-time percentage of the work period is missing" in html


def test_teacher_signs_an_agreement_through_the_page(setting, teacher_client):
    agreement = create(setting, training(setting))
    url = reverse("partnerships:agreement_status", args=[agreement.pk])
    response = teacher_client.post(
        url, {"status": "signed", "provider_signed_on": START.isoformat()}, follow=True
    )
    assert "Record this date before marking the agreement signed." in response.content.decode()
    teacher_client.post(
        url,
        {
            "status": "signed",
            "provider_signed_on": START.isoformat(),
            "employer_signed_on": START.isoformat(),
            "student_informed_on": START.isoformat(),
        },
    )
    agreement.refresh_from_db()
    assert agreement.status == "signed"


def test_an_illegal_status_change_through_the_page_gets_the_same_message(setting, teacher_client):
    agreement = create(setting, training(setting))
    response = teacher_client.post(
        reverse("partnerships:agreement_status", args=[agreement.pk]),
        {"status": "ended_early", "ended_on": START.isoformat(), "end_reason": "x"},
        follow=True,
    )
    assert "An agreement cannot go from" in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.status == "draft"


def test_teacher_records_the_joint_planning_with_its_participants(setting, teacher, teacher_client):
    agreement = create(setting, training(setting))
    teacher_client.post(
        reverse("partnerships:agreement_item", args=[agreement.pk]),
        {
            "kind": "planning",
            "done_on": timezone.localdate().isoformat(),
            "participants": ["student", "instructor"],
        },
    )
    item = AgreementItem.objects.get()
    assert (item.kind, item.done_by, item.participants) == ("planning", teacher, ["student", "instructor"])
    teacher_client.post(
        reverse("partnerships:agreement_item", args=[agreement.pk]),
        {"kind": "thanks", "not_applicable_reason": "Yrittäjän oppisopimus: kiitos ei koske."},
    )
    assert AgreementItem.objects.get(kind="thanks").not_applicable_reason


def test_overdue_items_show_on_the_page_and_in_the_list_filter(setting, teacher_client):
    today = timezone.localdate()
    overdue = create(
        setting,
        training(setting),
        [
            {
                "unit": setting["unit"],
                "start": today - datetime.timedelta(days=5),
                "end": today + datetime.timedelta(days=60),
                "part_time_percent": 100,
            }
        ],
    )
    later = create(
        setting,
        training(setting),
        [
            {
                "unit": QualificationUnitFactory(),
                "start": today + datetime.timedelta(days=40),
                "end": today + datetime.timedelta(days=90),
                "part_time_percent": 100,
            }
        ],
    )
    assert "overdue since" in teacher_client.get(overdue.get_absolute_url()).content.decode()
    html = teacher_client.get(reverse("partnerships:agreement_list"), {"overdue": "on"}).content.decode()
    assert overdue.get_absolute_url() in html and later.get_absolute_url() not in html


def test_teacher_records_an_interruption_and_the_ehoks_entry(setting, teacher, teacher_client):
    agreement = create(setting, training(setting))
    period = agreement.work_periods.get()
    response = teacher_client.post(
        reverse("partnerships:interruption_create", args=[period.pk]),
        {
            "start": "2027-02-01",
            "end": "2027-02-05",
            "reason": "sickness",
            "note": "",
            "communicated": "Soitto ohjaajalle",
        },
    )
    assert response.status_code == 302
    assert Interruption.objects.get().recorded_by == teacher
    teacher_client.post(
        reverse("partnerships:work_period_ehoks", args=[period.pk]), {"entered_on": "2027-01-05"}
    )
    period.refresh_from_db()
    assert (period.ehoks_entered_on, period.ehoks_entered_by) == (datetime.date(2027, 1, 5), teacher)


def test_another_teacher_cannot_see_or_edit_the_agreement(setting, other_teacher_client):
    agreement = create(setting, training(setting))
    assert other_teacher_client.get(agreement.get_absolute_url()).status_code == 404
    assert (
        other_teacher_client.get(reverse("partnerships:agreement_edit", args=[agreement.pk])).status_code
        == 404
    )


def test_a_teacher_of_the_students_group_reads_but_does_not_edit(setting, teacher_group):
    colleague = UserFactory(username="colleague")
    colleague.groups.add(Group.objects.get(name="Teacher"))
    teacher_group.teachers.add(colleague)
    agreement = create(setting, training(setting))
    from django.test import Client

    client = Client()
    client.force_login(colleague)
    assert client.get(agreement.get_absolute_url()).status_code == 200
    assert client.get(reverse("partnerships:agreement_edit", args=[agreement.pk])).status_code == 403


def test_agreement_list_runs_a_constant_number_of_queries(
    setting, coordinator_client, django_assert_num_queries
):
    for _ in range(30):
        create(setting, training(setting, overlap_confirmed=True))
    # The user with their roles, the count, the page's ids, its rows, their periods and items,
    # the institution and the units of the unit filter.
    with django_assert_num_queries(8):
        response = coordinator_client.get(reverse("partnerships:agreement_list"), {"scope": "all"})
    html = response.content.decode()
    assert html.count("kp-progress") == 25
    # Each row links to its own agreement (the links made from one reverse for the page).
    links = re.findall(r'<td><a href="([^"]+)" class="fw-semibold">', html)
    assert len(set(links)) == 25
    assert set(links) <= {agreement.get_absolute_url() for agreement in Agreement.objects.all()}


def test_the_admin_refuses_the_same_invalid_agreement_with_the_same_message(setting, coordinator, client):
    coordinator.is_staff = True
    coordinator.is_superuser = True
    coordinator.save()
    client.force_login(coordinator)
    agreement = create(setting, training(setting))
    data = {
        "type": "training",
        "student": agreement.student_id,
        "workplace": agreement.workplace_id,
        "instructor": agreement.instructor_id,
        "responsible_teacher": agreement.responsible_teacher_id,
        "hoks_reference": "HOKS-1",
        "days_per_week": "3",
        "wage_confirmed": "on",
        "status": "draft",
        "created_by": agreement.created_by_id,
        "work_periods-TOTAL_FORMS": "0",
        "work_periods-INITIAL_FORMS": "0",
        "items-TOTAL_FORMS": "0",
        "items-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("admin:partnerships_agreement_change", args=[agreement.pk]), data)
    assert "A student on a training agreement is not employed and gets no wage." in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.wage_confirmed is False


def test_the_student_page_shows_every_agreement_and_period_in_constant_queries(
    setting, teacher_client, django_assert_num_queries
):
    def count_for(n):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        for i in range(n):
            unit = QualificationUnitFactory()
            start = START + datetime.timedelta(days=100 * i)
            create(
                setting,
                training(setting),
                [
                    {
                        "unit": unit,
                        "start": start,
                        "end": start + datetime.timedelta(days=30),
                        "part_time_percent": 80,
                    }
                ],
            )
        with CaptureQueriesContext(connection) as queries:
            html = teacher_client.get(setting["student"].get_absolute_url()).content.decode()
        return len(queries), html

    one, _html = count_for(1)
    many, html = count_for(9)
    assert one == many
    assert html.count("Training agreement") >= 10


def test_a_teacher_responsible_for_an_agreement_sees_the_student_outside_their_groups(setting, other_teacher):
    from django.test import Client

    outsider_student = StudentFactory(group=None)
    setting = {**setting, "student": outsider_student, "teacher": other_teacher}
    agreement = create(setting, training(setting, responsible_teacher=other_teacher))
    client = Client()
    client.force_login(other_teacher)
    assert client.get(outsider_student.get_absolute_url()).status_code == 200
    assert client.get(agreement.get_absolute_url()).status_code == 200


def test_flagged_periods_are_listed_on_the_teachers_home_page_most_urgent_first(setting, teacher_client):
    today = timezone.localdate()
    later = create(
        setting,
        training(setting),
        [
            {
                "unit": setting["unit"],
                "start": today,
                "end": today + datetime.timedelta(days=50),
                "part_time_percent": None,
            }
        ],
    )
    sooner = create(
        setting,
        training(setting),
        [
            {
                "unit": QualificationUnitFactory(),
                "start": today,
                "end": today + datetime.timedelta(days=3),
                "part_time_percent": 50,
            }
        ],
    )
    html = teacher_client.get(reverse("partnerships:home")).content.decode()
    assert html.index(sooner.get_absolute_url()) < html.index(later.get_absolute_url())
    assert "not marked as entered in eHOKS" in html


def test_the_summary_pdf_holds_the_parties_and_the_work_periods(setting, teacher_client):
    from ..brochures.pdfs import text_of

    agreement = create(
        setting,
        {
            **training(setting),
            "type": "apprenticeship",
            "hours_per_week": 30,
            "wage_confirmed": True,
            "days_per_week": None,
        },
    )
    response = teacher_client.get(reverse("partnerships:agreement_pdf", args=[agreement.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = text_of(response.content)
    assert setting["student"].full_name in text
    assert "Sähkö-Virtanen Oy" in text
    assert setting["instructor"].full_name in text
    assert setting["unit"].name_en in text  # in the reader's language
    assert "11.1.2027" in text and "26.3.2027" in text


def test_coordinator_adds_a_local_unit_and_a_made_up_code_is_refused(coordinator_client):
    from partnerships.models import Qualification, QualificationUnit

    qualification = Qualification.objects.first()
    data = {
        "qualification": qualification.pk,
        "name_fi": "Paikallinen osa",
        "name_sv": "Lokal del",
        "name_en": "Local unit",
        "extent": "15",
    }
    response = coordinator_client.post(reverse("partnerships:unit_list"), {**data, "national_code": "TN-12"})
    assert "tutkinnonosat_123456" in response.content.decode()
    assert not QualificationUnit.objects.filter(name_fi="Paikallinen osa").exists()
    coordinator_client.post(reverse("partnerships:unit_list"), data)
    unit = QualificationUnit.objects.get(name_fi="Paikallinen osa")
    assert unit.is_local and unit.national_code == ""


def test_the_workplace_page_shows_its_check_people_and_agreements(setting, teacher_client):
    agreement = create(setting, training(setting))
    html = teacher_client.get(
        reverse("partnerships:workplace_detail", args=[setting["workplace"].pk])
    ).content.decode()
    assert agreement.get_absolute_url() in html
    assert "have not been checked" in html

"""Who may change an employer's account owner, and what owning an employer grants.

Owning an employer is about the relationship with the company, not its students: the
feedback of a work period there is read only by those who may see the student as well
(`Student.visible_to`). These are the selectors that grant anything through the account
owner: the feedback list, its CSV export, the feedback page, the dashboard's attention
lists (negative feedback, periods at risk), and recording a level (employer data only).
"""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from partnerships import permissions, services
from partnerships.models import Employer, FeedbackRequest

from ..factories import ContactPersonFactory, EmployerFactory, StudentFactory, UserFactory, training_agreement

OWNER_MESSAGE = "Only a coordinator or the current account owner can change the account owner."


def edit_data(employer: Employer, **overrides) -> dict:
    data = {
        "name": employer.name,
        "business_id": employer.business_id,
        "sector": employer.sector,
        "website": "",
        "account_owner": employer.account_owner_id or "",
        "notes": "",
    }
    return {**data, **overrides}


# Changing the account owner -------------------------------------------------------------


def test_a_teacher_cannot_make_themselves_account_owner_with_a_forged_post(
    teacher, other_teacher, teacher_client
):
    employer = EmployerFactory(account_owner=other_teacher)
    response = teacher_client.post(
        reverse("partnerships:employer_edit", args=[employer.pk]),
        edit_data(employer, account_owner=teacher.pk, name="Uusi Oy"),
    )
    assert response.status_code == 200
    assert OWNER_MESSAGE in response.content.decode()
    employer.refresh_from_db()
    assert (employer.account_owner, employer.name) == (other_teacher, employer.name)


def test_a_teacher_cannot_claim_an_employer_without_an_owner(teacher, teacher_client):
    employer = EmployerFactory()
    response = teacher_client.post(
        reverse("partnerships:employer_edit", args=[employer.pk]),
        edit_data(employer, account_owner=teacher.pk),
    )
    assert OWNER_MESSAGE in response.content.decode()
    employer.refresh_from_db()
    assert employer.account_owner is None


def test_a_teacher_who_does_not_own_the_employer_sees_the_owner_field_disabled_and_saves_the_rest(
    other_teacher, teacher_client
):
    employer = EmployerFactory(account_owner=other_teacher)
    page = teacher_client.get(reverse("partnerships:employer_edit", args=[employer.pk])).content.decode()
    assert 'name="account_owner"' in page
    assert "Only a coordinator or the account owner can change the account owner." in page
    data = edit_data(employer, name="Uusi Nimi Oy")
    del data["account_owner"]  # a browser does not post a disabled field
    response = teacher_client.post(reverse("partnerships:employer_edit", args=[employer.pk]), data)
    assert response.status_code == 302
    employer.refresh_from_db()
    assert (employer.name, employer.account_owner) == ("Uusi Nimi Oy", other_teacher)


def test_the_account_owner_hands_the_employer_over_to_another_teacher(teacher, other_teacher, teacher_client):
    employer = EmployerFactory(account_owner=teacher)
    response = teacher_client.post(
        reverse("partnerships:employer_edit", args=[employer.pk]),
        edit_data(employer, account_owner=other_teacher.pk),
    )
    assert response.status_code == 302
    employer.refresh_from_db()
    assert employer.account_owner == other_teacher


def test_the_account_owner_cannot_leave_the_employer_without_an_owner(teacher, teacher_client):
    employer = EmployerFactory(account_owner=teacher)
    response = teacher_client.post(
        reverse("partnerships:employer_edit", args=[employer.pk]), edit_data(employer, account_owner="")
    )
    assert response.status_code == 200
    employer.refresh_from_db()
    assert employer.account_owner == teacher
    with pytest.raises(ValidationError, match="only a coordinator can leave it without an owner"):
        services.employer_update(employer=employer, data={"account_owner": None}, by=teacher)


def test_a_coordinator_changes_and_clears_the_account_owner(teacher, other_teacher, coordinator_client):
    employer = EmployerFactory(account_owner=other_teacher)
    url = reverse("partnerships:employer_edit", args=[employer.pk])
    assert coordinator_client.post(url, edit_data(employer, account_owner=teacher.pk)).status_code == 302
    employer.refresh_from_db()
    assert employer.account_owner == teacher
    assert coordinator_client.post(url, edit_data(employer, account_owner="")).status_code == 302
    employer.refresh_from_db()
    assert employer.account_owner is None


def test_the_service_refuses_an_owner_change_by_anyone_else(teacher, other_teacher, coordinator):
    employer = EmployerFactory(account_owner=other_teacher)
    for by in (teacher, None):
        with pytest.raises(ValidationError, match=OWNER_MESSAGE):
            services.employer_update(employer=employer, data={"account_owner": teacher}, by=by)
    employer.refresh_from_db()
    assert employer.account_owner == other_teacher
    services.employer_update(employer=employer, data={"account_owner": teacher}, by=coordinator)
    assert Employer.objects.get(pk=employer.pk).account_owner == teacher


def test_the_service_judges_by_the_stored_owner_not_the_one_a_form_put_on_the_object(teacher, other_teacher):
    employer = EmployerFactory(account_owner=other_teacher)
    employer.account_owner = teacher  # as a model form's cleaning does before the service runs
    with pytest.raises(ValidationError, match=OWNER_MESSAGE):
        services.employer_update(
            employer=employer, data={"account_owner": teacher, "name": "X Oy"}, by=teacher
        )
    assert Employer.objects.get(pk=employer.pk).account_owner == other_teacher


def test_the_account_owner_is_always_a_member_of_staff(teacher, coordinator):
    outsider = UserFactory(username="outsider")
    employer = EmployerFactory(account_owner=teacher)
    with pytest.raises(ValidationError, match="must be a teacher or a coordinator"):
        services.employer_update(employer=employer, data={"account_owner": outsider}, by=coordinator)
    with pytest.raises(ValidationError, match="must be a teacher or a coordinator"):
        services.employer_create(name="Uusi Oy", municipality="Tampere", account_owner=outsider)


def _admin_user(*, coordinator: bool):
    from django.contrib.auth.models import Group

    from core.models import Role

    user = UserFactory(username="admin-coordinator" if coordinator else "admin-staff", is_staff=True)
    if coordinator:
        user.groups.add(Group.objects.get(name=Role.COORDINATOR))
    user.user_permissions.add(*Permission.objects.filter(codename__in=["view_employer", "change_employer"]))
    return user


def _admin_post(client, employer: Employer, owner) -> None:
    url = reverse("admin:partnerships_employer_change", args=[employer.pk])
    workplace = employer.workplaces.get()
    client.post(
        url,
        {
            "name": employer.name,
            "business_id": employer.business_id,
            "sector": employer.sector,
            "account_owner": owner.pk,
            "contact_interval_days": "",
            "workplaces-TOTAL_FORMS": "1",
            "workplaces-INITIAL_FORMS": "1",
            "workplaces-0-id": workplace.pk,
            "workplaces-0-employer": employer.pk,
            "workplaces-0-name": workplace.name,
            "workplaces-0-municipality": workplace.municipality,
            "is_active": "on",
        },
    )


def test_a_staff_user_who_is_not_a_coordinator_cannot_change_the_account_owner_in_the_admin(
    client, teacher, other_teacher
):
    employer = EmployerFactory(account_owner=other_teacher)
    client.force_login(_admin_user(coordinator=False))
    page = client.get(reverse("admin:partnerships_employer_change", args=[employer.pk])).content.decode()
    assert 'name="account_owner"' not in page
    _admin_post(client, employer, teacher)
    employer.refresh_from_db()
    assert employer.account_owner == other_teacher


def test_a_coordinator_changes_the_account_owner_in_the_admin(client, teacher, other_teacher):
    employer = EmployerFactory(account_owner=other_teacher)
    client.force_login(_admin_user(coordinator=True))
    page = client.get(reverse("admin:partnerships_employer_change", args=[employer.pk])).content.decode()
    assert 'name="account_owner"' in page
    _admin_post(client, employer, teacher)
    employer.refresh_from_db()
    assert employer.account_owner == teacher


# What owning an employer grants ----------------------------------------------------------


@pytest.fixture
def owned_feedback(teacher, teacher_group, other_teacher):
    """Negative feedback on `teacher`'s agreement for a student of their group, at an employer
    `other_teacher` owns, who may not see the student."""
    today = timezone.localdate()
    employer = EmployerFactory(name="Omistettu Oy", account_owner=other_teacher)
    agreement = training_agreement(
        teacher=teacher,
        employer=employer,
        student=StudentFactory(group=teacher_group, first_name="Piilo", last_name="Opiskelija"),
        # No e-mail and no mobile: the national survey cannot reach the instructor (at risk).
        instructor=ContactPersonFactory(employer=employer, email="", phone=""),
        start=today - datetime.timedelta(days=20),
        end=today + datetime.timedelta(days=10),
        signed=True,
    )
    return FeedbackRequest.objects.create(
        work_period=agreement.work_periods.get(),
        respondent="student",
        student=agreement.student,
        email="s@example.fi",
        answered_at=timezone.now(),
        contact_me=True,
    )


@pytest.fixture
def clients(teacher_client, other_teacher_client, coordinator_client):
    return {"responsible": teacher_client, "owner": other_teacher_client, "coordinator": coordinator_client}


def test_the_owner_of_the_employer_cannot_open_feedback_of_a_student_they_may_not_see(
    owned_feedback, clients
):
    url = reverse("partnerships:feedback_detail", args=[owned_feedback.pk])
    assert clients["owner"].get(url).status_code == 404
    assert clients["owner"].post(url, {"text": "Soitan"}).status_code == 404
    assert clients["responsible"].get(url).status_code == 200
    assert clients["coordinator"].get(url).status_code == 200


def test_the_feedback_list_leaves_out_students_the_owner_may_not_see(owned_feedback, clients):
    link = reverse("partnerships:feedback_detail", args=[owned_feedback.pk])
    assert link not in clients["owner"].get(reverse("partnerships:feedback_list")).content.decode()
    assert link in clients["responsible"].get(reverse("partnerships:feedback_list")).content.decode()
    assert link in clients["coordinator"].get(reverse("partnerships:feedback_list")).content.decode()


def test_the_feedback_csv_leaves_out_students_the_owner_may_not_see(owned_feedback, clients):
    def csv_for(client) -> str:
        response = client.get(reverse("partnerships:feedback_list"), {"format": "csv"})
        assert response.status_code == 200
        return b"".join(response.streaming_content).decode("utf-8-sig")

    # The export names the employer of each answer (and no student).
    assert "Omistettu Oy" not in csv_for(clients["owner"])
    assert "Omistettu Oy" in csv_for(clients["responsible"])
    assert "Omistettu Oy" in csv_for(clients["coordinator"])


def test_the_owners_dashboard_names_no_student_they_may_not_see(owned_feedback, clients):
    # The period has no instructor e-mail and ends within the month: it is at risk too.
    owner_page = clients["owner"].get(reverse("partnerships:review_dashboard")).content.decode()
    assert "Piilo Opiskelija" not in owner_page
    assert reverse("partnerships:feedback_detail", args=[owned_feedback.pk]) not in owner_page
    coordinator_page = clients["coordinator"].get(reverse("partnerships:review_dashboard")).content.decode()
    assert reverse("partnerships:feedback_detail", args=[owned_feedback.pk]) in coordinator_page


def test_the_owners_periods_at_risk_leave_out_students_they_may_not_see(owned_feedback, other_teacher):
    from partnerships.selectors import dashboard

    period = owned_feedback.work_period
    assert period in dashboard.attention(dashboard.Filters())["at_risk"]
    own = dashboard.Filters(owner_id=other_teacher.pk, viewer=other_teacher)
    assert dashboard.attention(own)["at_risk"] == []
    period.agreement.student.group.teachers.add(other_teacher)
    assert dashboard.attention(own)["at_risk"] == [period]


def test_a_student_the_owner_may_see_keeps_their_feedback_on_the_owners_pages(
    owned_feedback, other_teacher, clients
):
    owned_feedback.work_period.agreement.student.group.teachers.add(other_teacher)
    assert (
        clients["owner"].get(reverse("partnerships:feedback_detail", args=[owned_feedback.pk])).status_code
        == 200
    )
    assert (
        "Piilo Opiskelija" in clients["owner"].get(reverse("partnerships:review_dashboard")).content.decode()
    )


def test_owning_an_employer_still_lets_its_owner_record_its_level(other_teacher, teacher):
    employer = EmployerFactory(account_owner=other_teacher)
    assert permissions.can_record_level(other_teacher, employer)
    assert not permissions.can_record_level(teacher, employer)

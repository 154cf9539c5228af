"""The checks of partnerships/permissions.py, each from both sides: who may, and who may not.
Unsaved objects carry the ids the checks read; the users are the fixed cast of conftest."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from partnerships import permissions
from partnerships.models import (
    Agreement,
    Contact,
    Employer,
    FeedbackRequest,
    Initiative,
    LevelRecord,
    Prospect,
    ThankYou,
    WorkPeriod,
)

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def outsider(db):
    """Signed in, but neither a teacher nor a coordinator."""
    return UserFactory(username="outsider")


COORDINATOR_ONLY = [
    permissions.can_view_history,
    permissions.can_review_institution,
    permissions.can_set_employer_active,
    permissions.can_merge_employers,
    permissions.can_view_all_students,
    permissions.can_manage_student_privacy,
    permissions.can_analyse_feedback,
    permissions.can_edit_partnership_agreement,
    permissions.can_edit_network,
    permissions.can_record_national_result,
    permissions.can_add_qualification_unit,
    permissions.can_leave_employer_without_owner,
    permissions.can_reassign_prospect,
    permissions.can_assign_responsible_teacher,
    permissions.can_assign_initiative_owner,
]
EVERY_STAFF_MEMBER = [
    permissions.can_edit_employer,
    permissions.can_log_contact,
    permissions.can_edit_workplace,
    permissions.can_edit_contact_person,
    permissions.can_edit_student,
    permissions.can_edit_demonstration,
]


@pytest.mark.parametrize("check", COORDINATOR_ONLY, ids=lambda check: check.__name__)
def test_coordinator_only_checks(check, coordinator, teacher, outsider):
    assert check(coordinator)
    assert not check(teacher)
    assert not check(outsider)
    assert not check(AnonymousUser())


@pytest.mark.parametrize("check", EVERY_STAFF_MEMBER, ids=lambda check: check.__name__)
def test_staff_checks(check, coordinator, teacher, outsider):
    assert check(coordinator)
    assert check(teacher)
    assert not check(outsider)
    assert not check(AnonymousUser())


@pytest.mark.parametrize(
    ("check", "make"),
    [
        (permissions.can_change_account_owner, lambda owner: Employer(account_owner_id=owner.pk)),
        (permissions.can_record_level, lambda owner: Employer(account_owner_id=owner.pk)),
        (permissions.can_edit_contact, lambda owner: Contact(author_id=owner.pk)),
        (permissions.can_edit_agreement, lambda owner: Agreement(responsible_teacher_id=owner.pk)),
        (
            permissions.can_send_thanks,
            lambda owner: ThankYou(agreement=Agreement(responsible_teacher_id=owner.pk)),
        ),
        (permissions.can_edit_prospect, lambda owner: Prospect(owner_id=owner.pk)),
        (
            permissions.can_react_to_feedback,
            lambda owner: FeedbackRequest(
                work_period=WorkPeriod(agreement=Agreement(responsible_teacher_id=owner.pk))
            ),
        ),
        (permissions.can_edit_initiative, lambda owner: Initiative(owner_id=owner.pk)),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_the_one_in_charge_and_coordinators_may(check, make, teacher, other_teacher, coordinator):
    obj = make(teacher)
    assert check(teacher, obj)
    assert check(coordinator, obj)
    assert not check(other_teacher, obj)
    assert not check(AnonymousUser(), obj)


def test_a_teacher_without_the_teacher_role_is_not_in_charge_of_their_own(outsider):
    assert not permissions.can_edit_contact(outsider, Contact(author_id=outsider.pk))
    assert not permissions.can_record_level(outsider, Employer(account_owner_id=outsider.pk))


def test_the_recorder_corrects_a_level_record_on_the_day_only(teacher, other_teacher, coordinator):
    record = LevelRecord(recorded_by_id=teacher.pk, created_at=timezone.now())
    assert permissions.can_correct_level_record(teacher, record)
    assert permissions.can_correct_level_record(coordinator, record)
    assert not permissions.can_correct_level_record(other_teacher, record)
    record.created_at = timezone.now() - datetime.timedelta(days=1)
    assert not permissions.can_correct_level_record(teacher, record)
    assert permissions.can_correct_level_record(coordinator, record)


def test_nobody_corrects_a_withdrawn_level_record(teacher, coordinator):
    record = LevelRecord(recorded_by_id=teacher.pk, created_at=timezone.now(), withdrawn_at=timezone.now())
    assert not permissions.can_correct_level_record(teacher, record)
    assert not permissions.can_correct_level_record(coordinator, record)


def test_the_staff_of_an_initiative_log_but_others_do_not(teacher, other_teacher, coordinator, outsider):
    initiative = Initiative(owner_id=coordinator.pk)
    staff_ids = {teacher.pk}
    assert permissions.can_log_initiative(teacher, initiative, staff_ids=staff_ids)
    assert permissions.can_log_initiative(coordinator, initiative, staff_ids=staff_ids)
    assert not permissions.can_log_initiative(other_teacher, initiative, staff_ids=staff_ids)
    assert not permissions.can_log_initiative(outsider, initiative, staff_ids={outsider.pk})
    assert not permissions.can_edit_initiative(teacher, initiative)

"""The fetch helpers of partnerships/views/access.py: 404 for what the user may not see (as for
what does not exist), 403 for what they see but may not act on."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.http import Http404

from core.models import Role
from partnerships.views import access

from ..factories import AgreementFactory, ContactFactory, EmployerFactory, StudentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(teacher_group):
    """Of a student `teacher` teaches, with a third teacher responsible for it."""
    third = UserFactory(username="third")
    third.groups.add(Group.objects.get(name=Role.TEACHER))
    return AgreementFactory(student=StudentFactory(group=teacher_group), responsible_teacher=third)


def test_an_agreement_the_teacher_sees_but_may_not_edit_is_403(agreement, teacher):
    assert access._get_agreement_for_view(teacher, agreement.pk) == agreement
    with pytest.raises(PermissionDenied):
        access._get_agreement_for_edit(teacher, agreement.pk)


def test_an_agreement_the_teacher_may_not_see_is_404_like_one_that_does_not_exist(agreement, other_teacher):
    with pytest.raises(Http404):
        access._get_agreement_for_view(other_teacher, agreement.pk)
    with pytest.raises(Http404):
        access._get_agreement_for_edit(other_teacher, agreement.pk)
    with pytest.raises(Http404):
        access._get_agreement_for_edit(other_teacher, agreement.pk + 1000)


def test_the_coordinator_and_the_responsible_teacher_get_the_agreement_to_edit(agreement, coordinator):
    assert access._get_agreement_for_edit(coordinator, agreement.pk) == agreement
    assert access._get_agreement_for_edit(agreement.responsible_teacher, agreement.pk) == agreement


def test_a_work_period_answers_as_its_agreement(teacher_group, teacher, other_teacher, coordinator):
    today = datetime.date.today()
    third = UserFactory(username="third")
    agreement = AgreementFactory(
        student=StudentFactory(group=teacher_group), responsible_teacher=third, period=(today, today)
    )
    period = agreement.work_periods.get()
    with pytest.raises(PermissionDenied):
        access._get_work_period_for_edit(teacher, period.pk)
    with pytest.raises(Http404):
        access._get_work_period_for_edit(other_teacher, period.pk)
    assert access._get_work_period_for_edit(coordinator, period.pk).agreement == agreement


def test_another_teachers_contact_is_seen_by_all_staff_but_edited_by_its_author(teacher, other_teacher):
    contact = ContactFactory(author=teacher)
    assert access._get_contact_for_edit(teacher, contact.pk) == contact
    with pytest.raises(PermissionDenied):
        access._get_contact_for_edit(other_teacher, contact.pk)
    with pytest.raises(Http404):
        access._get_contact_for_edit(teacher, contact.pk + 1000)


def test_merging_an_employer_is_403_for_a_teacher_and_404_for_an_unknown_one(teacher, coordinator):
    employer = EmployerFactory()
    with pytest.raises(PermissionDenied):
        access._get_employer_for_merge(teacher, employer.pk)
    assert access._get_employer_for_merge(coordinator, employer.pk) == employer
    with pytest.raises(Http404):
        access._get_employer_for_merge(coordinator, employer.pk + 1000)

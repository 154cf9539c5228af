import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from core.models import OutboxMessage
from partnerships.services.digests import coordinator_digests_send, upkeep_digests_send

from ...factories import ContactFactory, EmployerFactory, UserFactory


@pytest.fixture
def owners(teacher, other_teacher):
    teacher.email, other_teacher.email = "tiina@opisto.example", "olli@opisto.example"
    teacher.save()
    other_teacher.save()
    today = timezone.localdate()
    quiet = EmployerFactory(name="Hiljainen Oy", account_owner=teacher)
    ContactFactory(employer=quiet, author=teacher, date=today - datetime.timedelta(days=120))
    EmployerFactory(name="Koskematon Oy", account_owner=teacher)
    busy = EmployerFactory(name="Vilkas Oy", account_owner=other_teacher)
    ContactFactory(employer=busy, author=other_teacher, date=today - datetime.timedelta(days=5))
    return teacher, other_teacher


def test_each_account_owner_gets_one_weekly_digest_of_their_quiet_employers(
    owners, django_capture_on_commit_callbacks
):
    teacher, _other = owners
    with django_capture_on_commit_callbacks():
        assert upkeep_digests_send() == 1
        assert upkeep_digests_send() == 0  # once a week
    message = OutboxMessage.objects.get()
    assert message.to_email == teacher.email
    assert "Hiljainen Oy" in message.body_text and "Koskematon Oy" in message.body_text
    assert "Vilkas Oy" not in message.body_text
    assert "#contact-form" in message.body_text  # opens the log-a-contact form


def test_coordinators_get_the_attention_list(owners, django_capture_on_commit_callbacks):
    coordinator = UserFactory(username="kaisa", email="kaisa@opisto.example")
    coordinator.groups.add(Group.objects.get(name="Coordinator"))
    with django_capture_on_commit_callbacks():
        assert coordinator_digests_send() == 1
    message = OutboxMessage.objects.get()
    assert message.to_email == "kaisa@opisto.example"
    assert "Hiljainen Oy" in message.body_text and "Vilkas Oy" not in message.body_text

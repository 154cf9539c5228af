"""Accepting the suggested partnership level in one click (issue 21, levels in the review)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from partnerships import services
from partnerships.models import LevelRecord

from ...factories import ContactFactory, EmployerFactory


@pytest.fixture
def contacted(teacher):
    """An employer with one contact this year: the suggestion is the minimum level."""
    employer = EmployerFactory(name="Ehdotettu Oy", account_owner=teacher)
    ContactFactory(employer=employer, author=teacher)
    return employer


def test_the_coordinator_records_the_suggested_level_with_its_reasons(contacted, coordinator_client):
    page = coordinator_client.get(contacted.get_absolute_url()).content.decode()
    assert 'name="level" value="minimum"' in page and "Accept the suggestion" in page
    response = coordinator_client.post(
        reverse("partnerships:employer_level_accept", args=[contacted.pk]), {"level": "minimum"}
    )
    assert response.status_code == 302
    record = LevelRecord.objects.get(employer=contacted)
    assert record.level.key == "minimum" and record.is_current
    assert record.rationale == "Suggested from the last 12 months: 1 contact in 12 months"
    page = coordinator_client.get(contacted.get_absolute_url()).content.decode()
    assert "Accept the suggestion" not in page  # the level recorded is the suggestion now


def test_the_account_owner_may_accept_it_too(contacted, teacher):
    record = services.level_suggestion_accept(employer=contacted, by=teacher, seen="minimum")
    assert record.recorded_by == teacher


def test_another_teacher_may_not_accept_it(contacted, other_teacher, other_teacher_client):
    page = other_teacher_client.get(contacted.get_absolute_url()).content.decode()
    assert "Accept the suggestion" not in page
    response = other_teacher_client.post(
        reverse("partnerships:employer_level_accept", args=[contacted.pk]), {"level": "minimum"}
    )
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        services.level_suggestion_accept(employer=contacted, by=other_teacher, seen="minimum")
    assert not LevelRecord.objects.exists()


def test_accepting_is_a_post(contacted, coordinator_client):
    assert (
        coordinator_client.get(reverse("partnerships:employer_level_accept", args=[contacted.pk])).status_code
        == 405
    )


def test_a_suggestion_changed_since_the_page_was_shown_records_nothing(
    contacted, coordinator, coordinator_client
):
    response = coordinator_client.post(
        reverse("partnerships:employer_level_accept", args=[contacted.pk]), {"level": "everyday"}, follow=True
    )
    assert "The suggestion has changed" in response.content.decode()
    assert not LevelRecord.objects.exists()


def test_without_a_suggestion_there_is_nothing_to_accept(coordinator, coordinator_client):
    quiet = EmployerFactory(name="Hiljainen Oy")
    assert "Accept the suggestion" not in coordinator_client.get(quiet.get_absolute_url()).content.decode()
    with pytest.raises(ValidationError):
        services.level_suggestion_accept(employer=quiet, by=coordinator, seen="")
    assert not LevelRecord.objects.exists()

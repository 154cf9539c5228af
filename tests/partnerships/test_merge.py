"""Duplicate employers: found by their normalised name in a municipality, and merged."""

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from partnerships import services
from partnerships.models import Contact, ContactPerson, Employer, LevelRecord
from partnerships.selectors.duplicates import possible_duplicates
from partnerships.validators import nth_business_id

from ..factories import (
    ContactFactory,
    ContactPersonFactory,
    EmployerFactory,
    WorkplaceFactory,
    training_agreement,
)

pytestmark = pytest.mark.django_db


def y(n: int) -> str:
    """A valid Y-tunnus of its own for each n."""
    return nth_business_id(n, start=1_234_560)


def test_possible_duplicates_are_found_by_normalised_name_in_the_same_municipality():
    a = EmployerFactory(name="Rakennus Virtanen Oy", business_id=None, workplace="Tampere")
    b = EmployerFactory(name="rakennus  virtanen", business_id=None, workplace="Tampere")
    EmployerFactory(name="Rakennus Virtanen Ab", business_id=None, workplace="Oulu")  # elsewhere
    EmployerFactory(name="Rakennus Virtanen", business_id=y(5), workplace="Tampere")  # may be it
    EmployerFactory(name="Rakennus Virtanen", business_id=y(9), workplace="Tampere")  # two Y-tunnus
    groups = possible_duplicates()
    assert [{e.pk for e in group} for group in groups if a in group] == []  # two different IDs in it
    EmployerFactory._meta.model.objects.filter(business_id=y(9)).delete()
    groups = possible_duplicates()
    assert any({a.pk, b.pk} <= {e.pk for e in group} for group in groups)


def test_merging_moves_every_related_record_and_is_recorded(coordinator_client, coordinator, teacher):
    keep = EmployerFactory(name="Virtanen Oy", business_id=None)
    remove = EmployerFactory(name="Virtanen", business_id=y(3), website="https://virtanen.example")
    person = ContactPersonFactory(employer=remove)
    contact = ContactFactory(employer=remove, author=teacher)
    today = datetime.date.today()
    agreement = training_agreement(
        teacher=teacher, employer=remove, instructor=person, start=today, end=today
    )
    WorkplaceFactory(employer=remove, name="Virtanen, Oulu", municipality="Oulu")
    from checkpoints.models import PartnershipLevel

    level = LevelRecord.objects.create(
        employer=remove,
        level=PartnershipLevel.objects.first(),
        date=today,
        rationale="x",
        recorded_by=coordinator,
    )
    response = coordinator_client.post(
        reverse("partnerships:employer_merge", args=[keep.pk]), {"other": remove.pk, "keep": keep.pk}
    )
    assert response.status_code == 302 and response["Location"] == keep.get_absolute_url()
    assert not Employer.objects.filter(pk=remove.pk).exists()
    keep.refresh_from_db()
    assert keep.business_id == y(3) and keep.website == "https://virtanen.example"
    assert keep.workplaces.count() == 3
    assert ContactPerson.objects.get(pk=person.pk).employer == keep
    assert Contact.objects.get(pk=contact.pk).employer == keep
    assert LevelRecord.objects.get(pk=level.pk).employer == keep
    agreement.refresh_from_db()
    assert agreement.workplace.employer == keep
    record = LogEntry.objects.get(object_id=str(keep.pk), action_flag=2)
    assert record.user == coordinator and f"id {remove.pk}" in record.change_message
    assert LogEntry.objects.filter(object_id=str(remove.pk), action_flag=3).exists()


def test_two_companies_are_never_merged(coordinator):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="different business IDs"):
        services.employer_merge(
            keep=EmployerFactory(business_id=y(1)), remove=EmployerFactory(business_id=y(2)), by=coordinator
        )

"""Recording the strategic network: coordinators may, teachers may not; cooperation names an
organisation; the history keeps the organisations and staff taking part."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from partnerships import services
from partnerships.models import NetworkCooperation, NetworkOrganisation

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 9, 15)


def organisation(by, **data):
    return services.network_organisation_create(
        by=by, data={"name": "Pohjois-Savon ELY-keskus", "kind": "ely", **data}
    )


def test_a_coordinator_adds_and_edits_an_organisation(coordinator):
    ely = organisation(coordinator, contact_names="Eeva Esimerkki, kehittämispäällikkö")
    assert ely.created_by == coordinator and ely.is_active
    services.network_organisation_update(organisation=ely, by=coordinator, data={"is_active": False})
    ely.refresh_from_db()
    assert not ely.is_active
    assert [h.is_active for h in ely.history.order_by("history_id")] == [True, False]


def test_a_teacher_cannot_add_or_edit_an_organisation(coordinator, teacher):
    with pytest.raises(PermissionDenied):
        organisation(teacher)
    ely = organisation(coordinator)
    with pytest.raises(PermissionDenied):
        services.network_organisation_update(organisation=ely, by=teacher, data={"name": "Muu"})
    ely.refresh_from_db()
    assert ely.name == "Pohjois-Savon ELY-keskus" and NetworkOrganisation.objects.count() == 1


def test_an_organisation_of_an_unknown_kind_is_refused(coordinator):
    with pytest.raises(ValidationError) as error:
        organisation(coordinator, kind="bank")
    assert "kind" in error.value.message_dict


def test_cooperation_is_recorded_with_the_organisations_and_staff_taking_part(coordinator, teacher):
    ely = organisation(coordinator)
    chamber = organisation(coordinator, name="Kuopion kauppakamari", kind="chamber")
    forum = services.network_cooperation_create(
        by=coordinator,
        data={
            "date": DAY,
            "kind": "forum",
            "title": "Osaamisfoorumi",
            "organisations": [ely, chamber],
            "staff": [teacher],
            "contact_names": "Eeva Esimerkki",
        },
    )
    assert set(forum.organisations.all()) == {ely, chamber}
    assert list(forum.staff.all()) == [teacher]
    services.network_cooperation_update(cooperation=forum, by=coordinator, data={"organisations": [chamber]})
    assert list(forum.organisations.all()) == [chamber]
    # The history keeps who was named, before and after.
    named = [
        {row.networkorganisation for row in record.organisations.all()}
        for record in forum.history.order_by("history_id")
    ]
    assert {ely, chamber} in named and named[-1] == {chamber}


def test_cooperation_names_at_least_one_organisation(coordinator):
    with pytest.raises(ValidationError) as error:
        services.network_cooperation_create(
            by=coordinator, data={"date": DAY, "kind": "meeting", "title": "Tapaaminen", "organisations": []}
        )
    assert "organisations" in error.value.message_dict
    assert not NetworkCooperation.objects.exists()
    meeting = services.network_cooperation_create(
        by=coordinator,
        data={
            "date": DAY,
            "kind": "meeting",
            "title": "Tapaaminen",
            "organisations": [organisation(coordinator)],
        },
    )
    with pytest.raises(ValidationError):
        services.network_cooperation_update(cooperation=meeting, by=coordinator, data={"organisations": []})
    # An update that leaves the organisations alone keeps them.
    services.network_cooperation_update(cooperation=meeting, by=coordinator, data={"title": "Kokous"})
    assert meeting.organisations.count() == 1


def test_a_teacher_cannot_record_cooperation(coordinator, teacher):
    ely = organisation(coordinator)
    data = {"date": DAY, "kind": "meeting", "title": "Tapaaminen", "organisations": [ely]}
    with pytest.raises(PermissionDenied):
        services.network_cooperation_create(by=teacher, data=data)
    meeting = services.network_cooperation_create(by=coordinator, data=data)
    with pytest.raises(PermissionDenied):
        services.network_cooperation_update(cooperation=meeting, by=teacher, data={"title": "Muu"})
    meeting.refresh_from_db()
    assert meeting.title == "Tapaaminen"

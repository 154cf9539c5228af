"""The network's forms offer active organisations and staff, and keep those already named."""

import datetime

import pytest

from partnerships import services
from partnerships.forms.network import NetworkCooperationForm, NetworkOrganisationForm

pytestmark = pytest.mark.django_db


def test_the_cooperation_form_offers_active_organisations_and_keeps_the_named_ones(coordinator, teacher):
    active = services.network_organisation_create(by=coordinator, data={"name": "AMKE", "kind": "amke"})
    ended = services.network_organisation_create(
        by=coordinator, data={"name": "Hanke", "kind": "project_network"}
    )
    assert set(NetworkCooperationForm().fields["organisations"].queryset) == {active, ended}
    cooperation = services.network_cooperation_create(
        by=coordinator,
        data={
            "date": datetime.date(2026, 3, 3),
            "kind": "joint_project",
            "title": "H",
            "organisations": [ended],
        },
    )
    services.network_organisation_update(organisation=ended, by=coordinator, data={"is_active": False})
    assert list(NetworkCooperationForm().fields["organisations"].queryset) == [active]
    assert set(NetworkCooperationForm(instance=cooperation).fields["organisations"].queryset) == {
        active,
        ended,
    }
    assert {teacher, coordinator} <= set(NetworkCooperationForm().fields["staff"].queryset)


def test_the_organisation_form_takes_a_website_without_its_scheme():
    form = NetworkOrganisationForm({"name": "Kauppakamari", "kind": "chamber", "website": "kauppakamari.fi"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["website"] == "https://kauppakamari.fi"

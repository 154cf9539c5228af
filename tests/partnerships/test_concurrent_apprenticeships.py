# ruff: noqa: F811 (the shared `setting` fixture is imported and taken as an argument)
"""Two concurrent apprenticeships of one student (20 h and 10 h a week in the same weeks)
can be entered in either order: the first declares the other employment's hours until the
other is entered, and is then checked against its real hours."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from partnerships import services
from partnerships.models import Agreement

from ..factories import ContactPersonFactory, EmployerFactory
from .test_agreement_rules import apprenticeship, create, period, refused, refused_after, setting, training  # noqa: F401
from .test_agreement_views import form_data


def at_another_employer(setting, hours, **data):
    employer = EmployerFactory()
    return apprenticeship(
        setting,
        workplace=employer.workplaces.get(),
        instructor=ContactPersonFactory(employer=employer),
        hours_per_week=Decimal(hours),
        overlap_confirmed=True,  # both train the same unit here
        **data,
    )


def test_the_first_of_two_concurrent_apprenticeships_is_refused_without_a_declaration(setting):
    errors = refused(setting, at_another_employer(setting, 20))
    assert any("here 20" in m for m in errors["hours_per_week"])


@pytest.mark.parametrize(("first", "second"), [(20, 10), (10, 20)])
def test_two_concurrent_apprenticeships_can_be_entered_in_either_order(setting, first, second):
    one = create(setting, at_another_employer(setting, first, other_employment_hours=Decimal(second)))
    other = create(setting, at_another_employer(setting, second))
    assert one.pk and other.pk
    assert Agreement.objects.count() == 2


def test_the_second_apprenticeship_is_checked_with_its_real_hours(setting):
    create(setting, at_another_employer(setting, 20, other_employment_hours=Decimal(10)))
    errors = refused_after(setting, at_another_employer(setting, 4), existing=1)
    assert any("here 24" in m for m in errors["hours_per_week"])


def test_once_the_other_apprenticeship_is_entered_its_hours_replace_the_declaration(setting):
    first = create(setting, at_another_employer(setting, 20, other_employment_hours=Decimal(30)))
    create(setting, at_another_employer(setting, 10))
    data = at_another_employer(setting, 12, other_employment_hours=Decimal(30))
    data.pop("workplace"), data.pop("instructor")
    with pytest.raises(ValidationError) as excinfo:
        services.agreement_update(
            agreement=first, by=setting["teacher"], data=data, periods=[period(setting)]
        )
    assert "here 22" in str(excinfo.value)
    first.refresh_from_db()
    assert first.hours_per_week == 20


def test_a_training_agreement_declares_no_other_apprenticeship(setting):
    errors = refused(setting, training(setting, other_employment_hours=Decimal(10)))
    assert "other_employment_hours" in errors


def test_the_apprenticeship_form_takes_the_declared_hours(setting, teacher_client):
    response = teacher_client.post(
        reverse("partnerships:agreement_create"),
        form_data(setting, hours_per_week="20", other_employment_hours="10"),
    )
    assert response.status_code == 302
    agreement = Agreement.objects.get()
    assert agreement.other_employment_hours == 10
    page = teacher_client.get(agreement.get_absolute_url()).content.decode()
    assert "counts until that apprenticeship is entered" in page

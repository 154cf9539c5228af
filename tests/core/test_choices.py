"""An id too large for the database is an invalid choice in every model choice field, on
SQLite (which cannot bind it) as on PostgreSQL, never a server error."""

import pytest
from django import forms
from django.urls import reverse

from checkpoints.models import Checkpoint
from partnerships.models import Contact

from ..factories import ContactPersonFactory, EmployerFactory

HUGE = "99999999999999999999"

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", [HUGE, "-" + HUGE, " 9223372036854775808 "])
def test_a_single_model_choice_refuses_an_id_out_of_range(value):
    field = forms.ModelChoiceField(queryset=Checkpoint.objects.all())
    with pytest.raises(forms.ValidationError) as refused:
        field.clean(value)
    assert refused.value.code == "invalid_choice"


@pytest.mark.parametrize("value", [HUGE, "-" + HUGE])
def test_a_multiple_model_choice_refuses_an_id_out_of_range_among_valid_ones(value):
    field = forms.ModelMultipleChoiceField(queryset=Checkpoint.objects.all())
    first = Checkpoint.objects.order_by("pk").first()
    with pytest.raises(forms.ValidationError) as refused:
        field.clean([str(first.pk), value])
    assert refused.value.code == "invalid_choice"
    assert value in str(refused.value.messages)


def test_ids_in_range_and_other_bad_values_are_judged_as_before():
    first = Checkpoint.objects.order_by("pk").first()
    single = forms.ModelChoiceField(queryset=Checkpoint.objects.all())
    multiple = forms.ModelMultipleChoiceField(queryset=Checkpoint.objects.all())
    assert single.clean(str(first.pk)) == first
    assert list(multiple.clean([str(first.pk)])) == [first]
    with pytest.raises(forms.ValidationError) as refused:
        multiple.clean(["abc"])
    assert refused.value.code == "invalid_pk_value"
    with pytest.raises(forms.ValidationError):
        single.clean("9223372036854775807")  # the largest id a column holds: simply unknown


def test_logging_a_contact_with_a_huge_checkpoint_or_person_id_is_a_validation_error(teacher_client):
    employer = EmployerFactory()
    ContactPersonFactory(employer=employer)
    url = reverse("partnerships:contact_create", args=[employer.pk])
    base = {"date": "2026-01-15", "channel": "phone", "summary": "Soitto"}
    for extra in ({"checkpoints": HUGE}, {"persons": HUGE}, {"workplace": HUGE}):
        response = teacher_client.post(url, {**base, **extra}, headers={"HX-Request": "true"})
        assert response.status_code == 200, extra
        assert "Select a valid choice" in response.content.decode(), extra
    assert not Contact.objects.exists()


def test_a_list_filter_with_a_huge_id_answers_with_the_list(teacher_client):
    response = teacher_client.get(reverse("partnerships:employer_list"), {"account_owner": HUGE})
    assert response.status_code == 200

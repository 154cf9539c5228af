"""The readiness note: where the national feedback would miss a period because of the
employer's data (the rules of partnerships/selectors/feedback_risk.py), with the form that
fixes it; it goes away when fixed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ..factories import ContactPersonFactory, EmployerFactory
from .test_periods import period_at

ADDRESS = "ville.ohjaaja@konepaja.example"


@pytest.fixture
def ville(db):
    return ContactPersonFactory(
        employer=EmployerFactory(name="Konepaja Oy"), first_name="Ville", email=ADDRESS
    )


@pytest.fixture
def instructor(ville):
    return ContactPersonFactory(
        employer=ville.employer,
        first_name="Iida",
        last_name="Ohjaaja",
        is_instructor=True,
        email="",
        phone="",
    )


def home(client) -> str:
    return client.get(reverse("partners:home")).content.decode()


@pytest.mark.django_db
def test_the_note_names_what_is_missing_and_goes_away_when_the_partner_fixes_it(
    partner, ville, instructor, teacher
):
    today = timezone.localdate()
    period = period_at(
        ville.employer,
        teacher,
        start=today - datetime.timedelta(days=20),
        end=today + datetime.timedelta(days=5),
        instructor=instructor,
    )
    page = home(partner)
    assert "The national working-life feedback would miss these periods" in page
    assert "Iida Ohjaaja has neither an e-mail address nor a Finnish mobile number." in page
    assert period.unit.name in page
    fix = reverse("partners:person_correct", args=[instructor.pk])
    assert fix in page
    # The institution's own gaps (part-time percentage, eHOKS) are not the partner's to fix.
    assert "part-time" not in page and "eHOKS" not in page

    # A landline is not enough.
    partner.post(fix, {"title": "", "email": "", "phone": "09 123 4567"})
    assert "is not a Finnish mobile number" in home(partner)
    partner.post(fix, {"title": "", "email": "", "phone": "040 123 4567"})
    assert "would miss these periods" not in home(partner)


@pytest.mark.django_db
def test_the_note_is_in_finnish_for_a_finnish_partner(partner, ville, instructor, teacher):
    today = timezone.localdate()
    period_at(
        ville.employer, teacher, start=today, end=today + datetime.timedelta(days=5), instructor=instructor
    )
    partner.cookies.load({"django_language": "fi"})
    page = home(partner)
    assert "Iida Ohjaaja" in page and "Korjaa henkilön Iida Ohjaaja tiedot" in page


@pytest.mark.django_db
def test_no_note_for_a_reachable_instructor_or_another_employers_period(partner, ville, teacher):
    today = timezone.localdate()
    reachable = ContactPersonFactory(employer=ville.employer, is_instructor=True, email="ok@konepaja.example")
    period_at(
        ville.employer, teacher, start=today, end=today + datetime.timedelta(days=5), instructor=reachable
    )
    other = EmployerFactory()
    stranger = ContactPersonFactory(employer=other, is_instructor=True, email="", phone="")
    period_at(other, teacher, start=today, end=today + datetime.timedelta(days=5), instructor=stranger)
    assert "would miss these periods" not in home(partner)


@pytest.mark.django_db
def test_the_home_page_with_notes_runs_a_fixed_number_of_queries(
    partner, ville, instructor, teacher, django_assert_num_queries
):
    today = timezone.localdate()
    for n in range(5):
        period_at(
            ville.employer,
            teacher,
            start=today,
            end=today + datetime.timedelta(days=n + 1),
            instructor=instructor,
            first_name=f"S{n}",
        )
    with django_assert_num_queries(11):
        page = home(partner)
    assert page.count("has neither an e-mail address nor a Finnish mobile number") == 5

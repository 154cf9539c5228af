"""The contact form's people: the options the employer's page gives it, and their checkboxes
in crispy's markup without crispy's field template."""

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django.template.loader import render_to_string
from django.test.html import parse_html

from partnerships.forms.contacts import ContactForm

from ...factories import ContactPersonFactory, EmployerFactory


@pytest.fixture
def employer_with_people():
    employer = EmployerFactory()
    for last_name, active in [("Aalto", True), ("Berg", False), ("Corander", True)]:
        ContactPersonFactory(employer=employer, last_name=last_name, is_active=active)
    return employer


def options(form) -> list[tuple[str, str]]:
    return [(str(option.data["value"]), option.data["label"]) for option in form["persons"]]


@pytest.mark.django_db
def test_the_form_given_the_employers_people_offers_its_active_ones_without_reading_them_again(
    employer_with_people, django_assert_num_queries
):
    people = list(employer_with_people.people.all())
    given = ContactForm(employer=employer_with_people, people=people)
    with django_assert_num_queries(0):
        offered = options(given)
    assert offered == options(ContactForm(employer=employer_with_people))
    assert [label for _, label in offered] == [p.full_name for p in people if p.is_active]


@pytest.mark.django_db
def test_a_post_is_still_checked_against_the_employers_active_people(employer_with_people):
    inactive = employer_with_people.people.get(is_active=False)
    data = {"date": "2026-12-01", "channel": "phone", "summary": "x", "persons": [inactive.pk]}
    form = ContactForm(data, employer=employer_with_people, people=list(employer_with_people.people.all()))
    assert not form.is_valid() and "persons" in form.errors


@pytest.mark.django_db
@pytest.mark.parametrize("chosen", ["none", "one", "invalid"])
def test_the_people_checkboxes_are_crispys_markup(employer_with_people, chosen):
    first = employer_with_people.people.filter(is_active=True).first()
    data = {"date": "2026-12-01", "channel": "phone", "summary": "x"}
    data["persons"] = {"none": [], "one": [first.pk], "invalid": [first.pk, 999999]}[chosen]

    def form():
        bound = ContactForm(data, employer=employer_with_people)
        bound.is_valid()
        return bound

    ours = render_to_string("partnerships/_checkbox_list.html", {"field": form()["persons"]})
    assert parse_html(ours) == parse_html(str(as_crispy_field(form()["persons"])))
    assert ("is-invalid" in ours) == (chosen == "invalid")

import pytest
from django.urls import reverse

from partnerships.models import ContactPerson, Employer, Workplace
from partnerships.validators import business_id_check_digit

from ...factories import ContactPersonFactory, EmployerFactory, valid_business_id


def invalid_check_digit_id() -> str:
    body = "1234567"
    right = business_id_check_digit(body)
    return f"{body}-{(right + 1) % 10}"


def remainder_one_id() -> str:
    body = next(
        f"{n:07d}" for n in range(1_000_000, 2_000_000) if business_id_check_digit(f"{n:07d}") is None
    )
    return f"{body}-0"


def employer_data(**overrides) -> dict:
    data = {
        "name": "Rakennus Mäkelä Oy",
        "business_id": valid_business_id(4242),
        "sector": "F",
        "website": "",
        "account_owner": "",
        "notes": "",
        "street_address": "Hämeenkatu 1",
        "postal_code": "33100",
        "municipality": "Tampere",
    }
    return {**data, **overrides}


def test_teacher_creates_an_employer_with_its_first_workplace(teacher_client):
    response = teacher_client.post(reverse("partnerships:employer_create"), employer_data())
    employer = Employer.objects.get()
    assert response.status_code == 302
    assert response["Location"] == employer.get_absolute_url()
    workplace = Workplace.objects.get()
    assert (workplace.employer, workplace.name, workplace.municipality) == (
        employer,
        employer.name,
        "Tampere",
    )


def test_a_business_id_with_surrounding_spaces_is_stored_clean(teacher_client):
    business_id = valid_business_id(7)
    teacher_client.post(
        reverse("partnerships:employer_create"), employer_data(business_id=f"  {business_id} ")
    )
    assert Employer.objects.get().business_id == business_id


def test_an_employer_without_a_business_id_is_allowed_and_stored_as_null(teacher_client):
    teacher_client.post(reverse("partnerships:employer_create"), employer_data(business_id=""))
    teacher_client.post(
        reverse("partnerships:employer_create"), employer_data(name="Toinen toiminimi", business_id="")
    )
    assert list(Employer.objects.values_list("business_id", flat=True)) == [None, None]


@pytest.mark.parametrize(
    "bad_id, message",
    [
        (invalid_check_digit_id(), "check digit does not match"),
        (remainder_one_id(), "no business ID can start with these digits"),
        ("ABCDEFG-H", "seven digits, a hyphen and a check digit"),
        ("123456", "seven digits, a hyphen and a check digit"),
        ("12345678-9", "seven digits, a hyphen and a check digit"),
    ],
)
def test_an_invalid_business_id_is_refused_with_a_clear_message_and_the_input_kept(
    bad_id, message, teacher_client
):
    response = teacher_client.post(
        reverse("partnerships:employer_create"), employer_data(business_id=bad_id, name="Säilyvä Nimi Oy")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'value="Säilyvä Nimi Oy"' in html
    assert f'value="{bad_id}"' in html or bad_id.strip() in html
    assert Employer.objects.count() == 0 and Workplace.objects.count() == 0


def test_a_duplicate_business_id_is_refused(teacher_client):
    existing = EmployerFactory()
    response = teacher_client.post(
        reverse("partnerships:employer_create"), employer_data(business_id=existing.business_id)
    )
    assert "Another employer already has this business ID." in response.content.decode()
    assert Employer.objects.count() == 1


def test_missing_municipality_saves_nothing(teacher_client):
    response = teacher_client.post(reverse("partnerships:employer_create"), employer_data(municipality=""))
    assert response.status_code == 200
    assert Employer.objects.count() == 0


def test_html_in_an_employer_name_is_escaped_everywhere(teacher_client):
    teacher_client.post(
        reverse("partnerships:employer_create"), employer_data(name="<img src=x onerror=alert(1)> Oy")
    )
    employer = Employer.objects.get()
    for url in (reverse("partnerships:employer_list"), employer.get_absolute_url()):
        html = teacher_client.get(url).content.decode()
        assert "<img src=x onerror=alert(1)>" not in html
        assert "&lt;img src=x onerror=alert(1)&gt; Oy" in html


def test_teacher_edits_an_employer_and_picks_its_main_contact(teacher, teacher_client):
    employer = EmployerFactory(account_owner=teacher)
    person = ContactPersonFactory(employer=employer)
    response = teacher_client.post(
        reverse("partnerships:employer_edit", args=[employer.pk]),
        {
            "name": "Uusi Nimi Oy",
            "business_id": employer.business_id,
            "sector": "C",
            "account_owner": teacher.pk,
            "main_contact": person.pk,
            "website": "www.uusinimi.example",
        },
    )
    assert response.status_code == 302
    employer.refresh_from_db()
    assert (employer.name, employer.account_owner, employer.main_contact) == ("Uusi Nimi Oy", teacher, person)
    assert employer.website == "https://www.uusinimi.example"


def test_a_person_of_another_employer_cannot_be_the_main_contact(teacher_client):
    employer = EmployerFactory()
    stranger = ContactPersonFactory()
    response = teacher_client.post(
        reverse("partnerships:employer_edit", args=[employer.pk]),
        {"name": employer.name, "business_id": employer.business_id, "main_contact": stranger.pk},
    )
    assert response.status_code == 200
    employer.refresh_from_db()
    assert employer.main_contact is None


def test_coordinator_deactivates_an_employer(coordinator_client):
    employer = EmployerFactory()
    coordinator_client.post(reverse("partnerships:employer_set_active", args=[employer.pk]), {"active": "0"})
    employer.refresh_from_db()
    assert not employer.is_active


def test_teacher_cannot_deactivate_an_employer(teacher_client):
    employer = EmployerFactory()
    assert (
        teacher_client.post(
            reverse("partnerships:employer_set_active", args=[employer.pk]), {"active": "0"}
        ).status_code
        == 403
    )
    employer.refresh_from_db()
    assert employer.is_active


def test_teacher_adds_a_workplace_and_an_instructor(teacher_client):
    employer = EmployerFactory()
    teacher_client.post(
        reverse("partnerships:workplace_create", args=[employer.pk]),
        {
            "name": "Päiväkoti Satu",
            "municipality": "Nokia",
            "street_address": "",
            "postal_code": "",
            "sector": "",
        },
    )
    workplace = employer.workplaces.get(name="Päiväkoti Satu")
    response = teacher_client.post(
        reverse("partnerships:person_create", args=[employer.pk]),
        {
            "first_name": "Pirjo",
            "last_name": "Ohjaaja",
            "workplace": workplace.pk,
            "email": "pirjo@satu.example",
            "language": "sv",
            "is_instructor": "on",
            "induction_date": "2026-09-01",
            "instructor_training": "Työpaikkaohjaajakoulutus",
            "instructor_training_date": "2026-05-12",
        },
    )
    assert response.status_code == 302
    person = ContactPerson.objects.get()
    assert (person.workplace, person.is_instructor, person.language) == (workplace, True, "sv")
    employer.refresh_from_db()
    assert employer.main_contact == person  # the first person recorded


def test_a_non_instructor_cannot_have_an_induction_date(teacher_client):
    employer = EmployerFactory()
    response = teacher_client.post(
        reverse("partnerships:person_create", args=[employer.pk]),
        {"first_name": "Pekka", "last_name": "Pomo", "language": "fi", "induction_date": "2026-09-01"},
    )
    assert response.status_code == 200
    assert "Only workplace instructors" in response.content.decode()
    assert ContactPerson.objects.count() == 0


def test_a_workplace_of_another_employer_cannot_be_chosen_for_a_person(teacher_client):
    employer = EmployerFactory()
    foreign = EmployerFactory().workplaces.get()
    response = teacher_client.post(
        reverse("partnerships:person_create", args=[employer.pk]),
        {"first_name": "Pekka", "last_name": "Pomo", "language": "fi", "workplace": foreign.pk},
    )
    assert response.status_code == 200
    assert ContactPerson.objects.count() == 0

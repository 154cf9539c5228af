"""New partners: prospects with their stages, who may edit them, the duplicate check and the
conversion into an employer without typing anything twice."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from partnerships import services
from partnerships.models import ContactPerson, Employer, Prospect
from partnerships.selectors.duplicates import employers_like

from ..factories import EmployerFactory


def data(**changes):
    return {
        "name": "Lämpö-Laaksonen Oy",
        "business_id": "",
        "sector": "F",
        "municipality": "Jyväskylä",
        "contact_name": "Leena Laaksonen",
        "contact_email": "leena@lampo.example",
        "contact_phone": "040 123 4567",
        "notes": "Tapasimme messuilla.",
        "stage": "identified",
        "dropped_reason": "",
        **changes,
    }


@pytest.fixture
def prospect(teacher):
    return services.prospect_create(by=teacher, data=data())


# The services -----------------------------------------------------------------------------


def test_a_teacher_records_a_prospect_of_their_own(teacher, other_teacher):
    prospect = services.prospect_create(by=teacher, data=data(owner=other_teacher))
    assert prospect.owner == teacher  # a teacher cannot hand a prospect to someone else


def test_a_coordinator_may_name_another_owner(coordinator, teacher):
    assert services.prospect_create(by=coordinator, data=data(owner=teacher)).owner == teacher


def test_only_the_owner_and_coordinators_edit_a_prospect(prospect, other_teacher, coordinator):
    with pytest.raises(PermissionDenied):
        services.prospect_update(prospect=prospect, by=other_teacher, data={"stage": "contacted"})
    services.prospect_update(prospect=prospect, by=coordinator, data={"stage": "contacted"})
    prospect.refresh_from_db()
    assert prospect.stage == "contacted"


def test_a_dropped_prospect_needs_a_reason(prospect, teacher):
    with pytest.raises(ValidationError) as error:
        services.prospect_update(prospect=prospect, by=teacher, data={"stage": "dropped"})
    assert "dropped_reason" in error.value.message_dict
    services.prospect_update(
        prospect=prospect, by=teacher, data={"stage": "dropped", "dropped_reason": "Ei koulutustarvetta"}
    )
    assert Prospect.objects.get().dropped_reason == "Ei koulutustarvetta"


def test_an_invalid_business_id_is_refused(teacher):
    with pytest.raises(ValidationError) as error:
        services.prospect_create(by=teacher, data=data(business_id="1234567-8"))
    assert "business_id" in error.value.message_dict


def test_stage_changes_are_in_the_history(prospect, teacher):
    services.prospect_update(prospect=prospect, by=teacher, data={"stage": "contacted"})
    services.prospect_update(prospect=prospect, by=teacher, data={"notes": "Soitettu"})
    services.prospect_update(prospect=prospect, by=teacher, data={"stage": "meeting"})
    stages = [r.stage for r in prospect.history.order_by("history_date", "history_id")]
    assert stages == ["identified", "contacted", "contacted", "meeting"]


def test_converting_creates_the_employer_its_workplace_and_contact_person(prospect, teacher):
    employer = services.prospect_convert(prospect=prospect, by=teacher)
    assert (employer.name, employer.sector, employer.account_owner) == ("Lämpö-Laaksonen Oy", "F", teacher)
    workplace = employer.workplaces.get()
    assert workplace.municipality == "Jyväskylä"
    person = ContactPerson.objects.get(employer=employer)
    assert (person.first_name, person.last_name, person.email, person.phone, person.workplace) == (
        "Leena",
        "Laaksonen",
        "leena@lampo.example",
        "+358401234567",  # normalised, as every phone number is stored
        workplace,
    )
    prospect.refresh_from_db()
    assert (prospect.employer, prospect.stage) == (employer, "first_agreement")
    with pytest.raises(ValidationError):
        services.prospect_convert(prospect=prospect, by=teacher)
    assert Employer.objects.count() == 1


def test_a_prospect_is_linked_to_an_existing_employer_instead(prospect, teacher):
    existing = EmployerFactory(name="Lämpö-Laaksonen", workplace="Jyväskylä", business_id=None)
    assert employers_like(name=prospect.name, municipality="jyväskylä") == [existing]
    assert services.prospect_convert(prospect=prospect, by=teacher, link_to=existing) == existing
    assert Employer.objects.count() == 1
    assert existing.people.get().email == "leena@lampo.example"


def test_the_duplicate_check_uses_the_merge_rule(teacher):
    same_name_elsewhere = EmployerFactory(name="Lämpö-Laaksonen Oy", workplace="Oulu")
    same_business_id = EmployerFactory(name="Toinen nimi Oy", business_id="2345678-0")
    found = employers_like(name="Lämpö-Laaksonen oy", municipality="Jyväskylä", business_id="2345678-0")
    assert found == [same_business_id]
    assert same_name_elsewhere not in employers_like(name="Lämpö-Laaksonen", municipality="Jyväskylä")


def test_a_dropped_prospect_cannot_become_an_employer(prospect, teacher):
    services.prospect_update(
        prospect=prospect, by=teacher, data={"stage": "dropped", "dropped_reason": "Lopetti"}
    )
    with pytest.raises(ValidationError):
        services.prospect_convert(prospect=prospect, by=teacher)
    assert not Employer.objects.exists()


def test_another_teacher_cannot_convert(prospect, other_teacher):
    with pytest.raises(PermissionDenied):
        services.prospect_convert(prospect=prospect, by=other_teacher)


# The pages --------------------------------------------------------------------------------


def test_the_form_refuses_a_bad_business_id_with_a_message_and_keeps_the_input(teacher_client):
    response = teacher_client.post(reverse("partnerships:prospect_create"), data(business_id="123"))
    assert response.status_code == 200
    assert response.context["form"].errors["business_id"]
    assert response.context["form"]["name"].value() == "Lämpö-Laaksonen Oy"
    assert not Prospect.objects.exists()


def test_the_form_adds_a_prospect(teacher, teacher_client):
    response = teacher_client.post(reverse("partnerships:prospect_create"), data(business_id="2345678-0"))
    prospect = Prospect.objects.get()
    assert response["Location"] == prospect.get_absolute_url()
    assert (prospect.business_id, prospect.owner) == ("2345678-0", teacher)


def test_the_detail_page_warns_of_a_duplicate_and_offers_to_link(prospect, teacher_client):
    existing = EmployerFactory(name="LÄMPÖ-LAAKSONEN OY", workplace="Jyväskylä", business_id=None)
    page = teacher_client.get(prospect.get_absolute_url()).content.decode()
    assert "look like the same organisation" in page
    assert f'name="link_to" value="{existing.pk}"' in page
    # Converting without choosing is stopped, nothing is created.
    response = teacher_client.post(reverse("partnerships:prospect_convert", args=[prospect.pk]))
    assert response.status_code == 409
    assert Employer.objects.count() == 1
    response = teacher_client.post(
        reverse("partnerships:prospect_convert", args=[prospect.pk]), {"link_to": existing.pk}
    )
    assert response["Location"] == existing.get_absolute_url()
    prospect.refresh_from_db()
    assert prospect.employer == existing


def test_the_convert_button_creates_the_employer(prospect, teacher_client):
    response = teacher_client.post(reverse("partnerships:prospect_convert", args=[prospect.pk]))
    employer = Employer.objects.get()
    assert response["Location"] == employer.get_absolute_url()


def test_another_teacher_reads_but_does_not_edit(prospect, other_teacher_client):
    assert other_teacher_client.get(prospect.get_absolute_url()).status_code == 200
    assert (
        other_teacher_client.get(reverse("partnerships:prospect_edit", args=[prospect.pk])).status_code == 403
    )
    assert (
        other_teacher_client.post(reverse("partnerships:prospect_convert", args=[prospect.pk])).status_code
        == 403
    )
    assert not Employer.objects.exists()


def test_the_list_filters_by_stage_and_exports_csv(teacher, teacher_client):
    services.prospect_create(by=teacher, data=data(name="Eka Oy"))
    services.prospect_create(by=teacher, data=data(name="Toka Oy", stage="meeting"))
    response = teacher_client.get(reverse("partnerships:prospect_list"), {"stage": "meeting"})
    assert [p.name for p in response.context["page"]] == ["Toka Oy"]
    response = teacher_client.get(reverse("partnerships:prospect_list"), {"format": "csv"})
    lines = b"".join(response.streaming_content).decode("utf-8-sig").strip().splitlines()
    assert lines[0].startswith("Name;Business ID;Sector;Municipality;Stage")
    assert len(lines) == 3


def test_the_list_query_count_does_not_grow_with_the_rows(teacher, teacher_client, django_assert_num_queries):
    url = reverse("partnerships:prospect_list")
    for n in range(3):
        services.prospect_create(by=teacher, data=data(name=f"Yritys {n}"))
    teacher_client.get(url)  # warm the session
    # The user with their roles, the institution, and the page's own: the same for 3 rows or 13.
    with django_assert_num_queries(4):
        teacher_client.get(url)
    for n in range(10):
        services.prospect_create(by=teacher, data=data(name=f"Lisää {n}"))
    with django_assert_num_queries(4):
        response = teacher_client.get(url)
    assert response.content.decode().count("Lisää") == 10


def test_the_dashboard_shows_the_pipeline_with_links(teacher, coordinator_client):
    services.prospect_create(by=teacher, data=data(name="A"))
    services.prospect_create(by=teacher, data=data(name="B"))
    services.prospect_create(by=teacher, data=data(name="C", stage="contacted"))
    response = coordinator_client.get(reverse("partnerships:review_dashboard"))
    counts = {row["value"]: row["count"] for row in response.context["prospects"]}
    assert counts == {"identified": 2, "contacted": 1, "meeting": 0, "first_agreement": 0, "dropped": 0}
    assert f"{reverse('partnerships:prospect_list')}?stage=identified" in response.content.decode()


def test_merging_employers_moves_the_prospect_link(prospect, teacher, coordinator):
    keep = EmployerFactory(name="Pysyvä Oy")
    employer = services.prospect_convert(prospect=prospect, by=teacher)
    employer.business_id = None
    employer.save()
    services.employer_merge(keep=keep, remove=employer, by=coordinator)
    prospect.refresh_from_db()
    assert prospect.employer == keep


def test_the_prospect_page_lists_its_stage_changes(prospect, teacher, teacher_client):
    services.prospect_update(prospect=prospect, by=teacher, data={"stage": "contacted"})
    response = teacher_client.get(prospect.get_absolute_url())
    assert [r.stage for r in response.context["stage_changes"]] == ["identified", "contacted"]


def test_creating_anyway_a_business_id_already_taken_is_refused_with_its_reason(teacher, teacher_client):
    existing = EmployerFactory(name="Aivan toinen nimi Oy", business_id="2345678-0")
    prospect = services.prospect_create(by=teacher, data=data(business_id="2345678-0"))
    response = teacher_client.post(
        reverse("partnerships:prospect_convert", args=[prospect.pk]), {"confirm_new": "1"}
    )
    assert response.status_code == 400
    assert "Another employer already has this business ID." in response.content.decode()
    assert list(Employer.objects.all()) == [existing]
    prospect.refresh_from_db()
    assert prospect.employer is None and prospect.stage == "identified"

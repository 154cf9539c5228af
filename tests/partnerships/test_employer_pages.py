import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from checkpoints.models import Checkpoint
from partnerships.models import Employer

from ..factories import ContactFactory, ContactPersonFactory, EmployerFactory, UserFactory, WorkplaceFactory

# The user with their roles, count, the levels (for the level filter and the rows), staff for the owner
# filter, units for the unit filter, one page of rows, institution. The session is read from
# the cache it was written to.
EMPLOYER_LIST_QUERIES = 7
# Incl. one query for the level evidence, one for its level records, its initiatives, its
# partnership agreements and its competence needs; the contact form's options are read once
# each, its workplaces shared with the page's list of them and its people taken from the
# page's list of them; the levels read once for the level form and the suggested level's name;
# the timeline's count read with the employer.
EMPLOYER_PAGE_QUERIES = 16


def make_employers(n: int, owner) -> list[Employer]:
    employers = []
    today = timezone.localdate()
    for i in range(n):
        employer = EmployerFactory(name=f"Yritys {i:03d} Oy", account_owner=owner)
        ContactFactory(employer=employer, author=owner, date=today - datetime.timedelta(days=i + 1))
        employers.append(employer)
    return employers


@pytest.mark.parametrize("n", [1, 50])
def test_employer_list_runs_the_same_queries_for_1_and_50_employers(
    n, teacher, teacher_client, django_assert_num_queries
):
    owners = [UserFactory(first_name="Omistaja", last_name=f"Nro{i}") for i in range(3)]
    employers = []
    for i in range(n):
        employers += make_employers(1, owners[i % 3])
        employers[-1].name = f"Yritys {i:03d} Oy"
        Employer.objects.filter(pk=employers[-1].pk).update(name=employers[-1].name)
    with django_assert_num_queries(EMPLOYER_LIST_QUERIES):
        response = teacher_client.get(reverse("partnerships:employer_list"))
    html = response.content.decode()
    assert response.status_code == 200
    for employer in employers[:25]:
        last = employer.contacts.get().date
        row = html[html.index(employer.name) :]
        row = row[: row.index("</tr>")]
        assert str(employer.account_owner) in row
        assert date_format(last, "SHORT_DATE_FORMAT") in row
        assert f'<a href="{employer.get_absolute_url()}" class="fw-semibold">{employer.name}</a>' in html


@pytest.mark.parametrize("n", [1, 50])
def test_employer_page_runs_the_same_queries_for_1_and_50_contacts(
    n, teacher, teacher_client, django_assert_num_queries
):
    employer = EmployerFactory(account_owner=teacher)
    WorkplaceFactory(employer=employer, name="Toinen toimipaikka")
    checkpoints = list(Checkpoint.objects.all()[:2])
    for i in range(n):
        person = ContactPersonFactory(employer=employer)
        contact = ContactFactory(employer=employer, author=teacher, summary=f"Yhteydenotto numero {i}")
        contact.persons.add(person)
        contact.checkpoints.set(checkpoints)
    with django_assert_num_queries(EMPLOYER_PAGE_QUERIES):
        response = teacher_client.get(employer.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Yhteydenotto numero {n - 1}" in html  # the newest first
    assert html.count('class="timeline-entry') == min(n, 20)


def test_employer_list_searches_by_name_and_business_id(teacher_client):
    wanted = EmployerFactory(name="Sähkö-Virtanen Oy")
    other = EmployerFactory(name="Leipomo Lämmin Oy")
    response = teacher_client.get(reverse("partnerships:employer_list"), {"q": "virtanen"})
    assert wanted.name in response.content.decode()
    assert other.name not in response.content.decode()
    response = teacher_client.get(reverse("partnerships:employer_list"), {"q": other.business_id})
    assert other.name in response.content.decode()
    assert wanted.name not in response.content.decode()


def test_employer_list_filters_by_municipality_of_any_workplace(teacher_client):
    city = EmployerFactory(name="Järvilaakson kaupunki", workplace="Tampere")
    WorkplaceFactory(employer=city, name="Päiväkoti Satu", municipality="Nokia")
    elsewhere = EmployerFactory(name="Muualla Oy", workplace="Orivesi")
    html = teacher_client.get(
        reverse("partnerships:employer_list"), {"municipality": "nokia"}
    ).content.decode()
    assert city.name in html
    assert elsewhere.name not in html
    assert "1 " in html  # the total count


def test_employer_list_filters_employers_not_contacted_in_n_days(teacher, teacher_client):
    today = timezone.localdate()
    recent = EmployerFactory(name="Tuore Oy")
    ContactFactory(employer=recent, author=teacher, date=today - datetime.timedelta(days=10))
    old = EmployerFactory(name="Unohtunut Oy")
    ContactFactory(employer=old, author=teacher, date=today - datetime.timedelta(days=200))
    never = EmployerFactory(name="Koskematon Oy")
    html = teacher_client.get(
        reverse("partnerships:employer_list"), {"not_contacted_days": 90}
    ).content.decode()
    assert old.name in html and never.name in html
    assert recent.name not in html


def test_employer_list_filters_by_sector_and_account_owner(teacher, other_teacher, teacher_client):
    mine = EmployerFactory(name="Oma Rakennus Oy", sector="F", account_owner=teacher)
    EmployerFactory(name="Toisen Rakennus Oy", sector="F", account_owner=other_teacher)
    EmployerFactory(name="Oma Kahvila Oy", sector="I", account_owner=teacher)
    html = teacher_client.get(
        reverse("partnerships:employer_list"), {"sector": "F", "account_owner": teacher.pk}
    ).content.decode()
    assert mine.name in html
    assert "Toisen Rakennus" not in html and "Oma Kahvila" not in html


def test_employer_list_sorts_by_last_contact_with_never_contacted_first(teacher, teacher_client):
    today = timezone.localdate()
    a = EmployerFactory(name="Aaa Oy")
    ContactFactory(employer=a, author=teacher, date=today - datetime.timedelta(days=1))
    b = EmployerFactory(name="Bbb Oy")
    ContactFactory(employer=b, author=teacher, date=today - datetime.timedelta(days=100))
    EmployerFactory(name="Ccc Oy")
    html = teacher_client.get(reverse("partnerships:employer_list"), {"o": "last_contact"}).content.decode()
    assert html.index("Ccc Oy") < html.index("Bbb Oy") < html.index("Aaa Oy")


def test_inactive_employers_are_hidden_unless_asked_for(teacher_client):
    EmployerFactory(name="Lopettanut Oy", is_active=False)
    assert "Lopettanut Oy" not in teacher_client.get(reverse("partnerships:employer_list")).content.decode()
    html = teacher_client.get(reverse("partnerships:employer_list"), {"inactive": "on"}).content.decode()
    assert "Lopettanut Oy" in html


def test_employer_list_htmx_search_returns_only_the_results(teacher_client):
    EmployerFactory(name="Osuma Oy")
    response = teacher_client.get(
        reverse("partnerships:employer_list"),
        {"q": "osuma"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="employer-results",
    )
    html = response.content.decode()
    assert "Osuma Oy" in html
    assert "<html" not in html


def test_employer_list_paginates_with_a_total_count(teacher_client):
    for i in range(30):
        EmployerFactory(name=f"Sivutus {i:02d} Oy")
    first = teacher_client.get(reverse("partnerships:employer_list")).content.decode()
    assert "30" in first and "Sivutus 24 Oy" in first and "Sivutus 25 Oy" not in first
    second = teacher_client.get(reverse("partnerships:employer_list"), {"page": 2}).content.decode()
    assert "Sivutus 25 Oy" in second


def test_employer_list_names_each_employers_sector_in_the_users_language(teacher, teacher_client):
    EmployerFactory(name="Rakennus Oy", sector="F")
    EmployerFactory(name="Ilman alaa Oy", sector="")
    html = teacher_client.get(
        reverse("partnerships:employer_list"), HTTP_ACCEPT_LANGUAGE="fi"
    ).content.decode()
    row = html[html.index("Rakennus Oy") :]
    assert "Rakentaminen" in row[: row.index("</tr>")]
    row = html[html.index("Ilman alaa Oy") :]
    assert "–" in row[: row.index("</tr>")]


def test_the_employer_list_and_its_csv_show_each_employers_current_level(coordinator, coordinator_client):
    from checkpoints.models import PartnershipLevel
    from partnerships.models import LevelRecord

    strategic = PartnershipLevel.objects.get(key="strategic")
    at_level = EmployerFactory(name="Tasolla Oy")
    LevelRecord.objects.create(employer=at_level, level=strategic, rationale="x", recorded_by=coordinator)
    EmployerFactory(name="Tasoton Oy")
    html = coordinator_client.get(reverse("partnerships:employer_list")).content.decode()
    assert 'class="partnership-level">Strategic partnership</td>' in html
    assert html.count('class="partnership-level"><span class="text-body-secondary">Not recorded yet') == 1
    response = coordinator_client.get(reverse("partnerships:employer_list"), {"format": "csv"})
    lines = b"".join(response.streaming_content).decode("utf-8-sig")
    header, *rows = lines.splitlines()
    assert "Partnership level" in header.split(";")
    column = header.split(";").index("Partnership level")
    assert {row.split(";")[0]: row.split(";")[column] for row in rows} == {
        "Tasolla Oy": "Strategic partnership",
        "Tasoton Oy": "",
    }


def test_the_employer_list_filters_by_level_not_recorded_unit_and_contact_due(
    coordinator, coordinator_client, teacher_group
):
    from checkpoints.models import PartnershipLevel
    from partnerships.models import LevelRecord

    from ..factories import StudentFactory, training_agreement

    strategic = PartnershipLevel.objects.get(key="strategic")
    at_level = EmployerFactory(name="Tasolla Oy")
    LevelRecord.objects.create(employer=at_level, level=strategic, rationale="x", recorded_by=coordinator)
    ContactFactory(
        employer=at_level, author=coordinator, date=timezone.localdate() - datetime.timedelta(days=10)
    )
    without = EmployerFactory(name="Tasoton Oy")
    training_agreement(
        teacher=coordinator,
        employer=without,
        student=StudentFactory(group=teacher_group),
        start=timezone.localdate(),
        end=timezone.localdate() + datetime.timedelta(days=30),
    )

    def names(**query):
        html = coordinator_client.get(reverse("partnerships:employer_list"), query).content.decode()
        return {name for name in ("Tasolla Oy", "Tasoton Oy") if name in html}

    assert names(level=strategic.pk) == {"Tasolla Oy"}
    assert names(level="none") == {"Tasoton Oy"}
    assert names(unit=teacher_group.unit_id) == {"Tasoton Oy"}
    assert names(contact_due="on") == {"Tasoton Oy"}  # never contacted; the other 10 days ago


@pytest.mark.parametrize("order", ["name", "-name", "-last_contact", "last_contact", "owner"])
def test_every_page_of_the_employer_list_shows_the_rows_of_a_plain_offset(order, teacher, teacher_client):
    """The page's rows are chosen by their pks first (views/employers.page_rows); every page,
    the last one included, has the rows and the order a plain LIMIT/OFFSET would give."""
    from partnerships.filters import EMPLOYER_SORTS
    from partnerships.views.employers import EMPLOYERS_PER_PAGE

    owners = [UserFactory(first_name="Omistaja", last_name=f"Nro{i}") for i in range(3)]
    today = timezone.localdate()
    for i in range(EMPLOYERS_PER_PAGE * 2 + 3):
        employer = EmployerFactory(name=f"Yritys {i % 7:02d}-{i:03d} Oy", account_owner=owners[i % 3])
        if i % 4:
            ContactFactory(employer=employer, author=teacher, date=today - datetime.timedelta(days=i % 5))
    expected = list(
        Employer.objects.with_last_contact()
        .filter(is_active=True)
        .order_by(*EMPLOYER_SORTS[order][1], "name", "pk")
        .values_list("name", flat=True)
    )
    shown = []
    for page in (1, 2, 3):
        response = teacher_client.get(reverse("partnerships:employer_list"), {"o": order, "page": page})
        rows = response.context["page"].object_list
        assert len(rows) == (EMPLOYERS_PER_PAGE if page < 3 else 3)
        shown += [row.name for row in rows]
    assert shown == expected


def test_the_employer_list_reads_its_filter_options_without_a_server_side_cursor(teacher_client):
    """core.forms.ListedChoiceIterator: one plain query per option list, not DECLARE/FETCH/CLOSE."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    EmployerFactory()
    with CaptureQueriesContext(connection) as queries:
        response = teacher_client.get(reverse("partnerships:employer_list"))
    assert 'id="id_account_owner"' in response.content.decode()
    assert not [q["sql"] for q in queries.captured_queries if "DECLARE" in q["sql"]]


def test_each_timeline_entry_shows_its_own_people_and_checkpoints_in_order(teacher, teacher_client):
    """The entries' people and checkpoints come from the page's own lists of them: each entry
    shows those linked to it, people by last name (an inactive one too), checkpoints by
    number, as the relations themselves give them."""
    employer = EmployerFactory(account_owner=teacher)
    people = [
        ContactPersonFactory(employer=employer, first_name="Ulla", last_name="Örn"),
        ContactPersonFactory(employer=employer, first_name="Aino", last_name="Berg"),
        ContactPersonFactory(employer=employer, first_name="Eero", last_name="Aalto", is_active=False),
    ]
    ContactPersonFactory(employer=EmployerFactory(), first_name="Muu", last_name="Yritys")
    checkpoints = list(Checkpoint.objects.order_by("number"))
    links = [([], []), (people, checkpoints[5:1:-1]), (people[:1], checkpoints[:1]), (people[2:], [])]
    contacts = []
    for i, (met, tagged) in enumerate(links):
        contact = ContactFactory(employer=employer, author=teacher, summary=f"Yhteydenotto {i}")
        contact.persons.set(met)
        contact.checkpoints.set(tagged)
        contacts.append(contact)
    html = teacher_client.get(employer.get_absolute_url()).content.decode()

    for contact in contacts:
        start = html.index(f'id="contact-{contact.pk}"')
        entry = html[start : html.index("</article>", start)]
        names = [person.full_name for person in contact.persons.order_by("last_name", "first_name")]
        met = re.findall(r'<div class="small text-body-secondary">[^<]*: ([^<]*)</div>', entry)
        assert met == ([", ".join(names)] if names else [])
        shown = [int(number) for number in re.findall(r"checkpoint-badge[^>]*>(\d+)\. ", entry)]
        assert shown == [checkpoint.number for checkpoint in contact.checkpoints.order_by("number")]
    assert "Aalto" in html and "Muu Yritys" not in html


def test_an_old_entry_still_names_a_person_moved_to_another_employer_since(teacher, teacher_client):
    """A person is the employer's own when a contact is logged; moved elsewhere later (in the
    admin), the old entry still names them, though the People card no longer lists them."""
    employer = EmployerFactory(account_owner=teacher)
    stays = ContactPersonFactory(employer=employer, first_name="Aino", last_name="Berg")
    moves = ContactPersonFactory(employer=employer, first_name="Ville", last_name="Aalto")
    contact = ContactFactory(employer=employer, author=teacher, summary="Tapasimme molemmat")
    contact.persons.set([stays, moves])
    moves.employer = EmployerFactory(name="Uusi Työnantaja Oy")
    moves.save()
    html = teacher_client.get(employer.get_absolute_url()).content.decode()
    start = html.index(f'id="contact-{contact.pk}"')
    entry = html[start : html.index("</article>", start)]
    assert f"{moves.full_name}, {stays.full_name}" in entry

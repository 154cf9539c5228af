import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from checkpoints.models import Checkpoint
from partnerships import services
from partnerships.models import Contact

from ..factories import ContactFactory, ContactPersonFactory, EmployerFactory


@pytest.fixture
def employer(db):
    return EmployerFactory(name="Sähkö-Virtanen Oy")


def test_teacher_logs_a_contact_with_a_plain_post(employer, teacher, teacher_client):
    url = reverse("partnerships:contact_create", args=[employer.pk])
    response = teacher_client.post(
        url, {"date": timezone.localdate().isoformat(), "channel": "visit", "summary": "Kävin työpaikalla."}
    )
    assert response.status_code == 302
    assert response["Location"] == employer.get_absolute_url()
    contact = Contact.objects.get()
    assert (contact.author, contact.channel, contact.summary) == (teacher, "visit", "Kävin työpaikalla.")
    page = teacher_client.get(employer.get_absolute_url()).content.decode()
    assert "Kävin työpaikalla." in page


def test_teacher_logs_a_contact_through_htmx_and_gets_the_new_entry_and_a_fresh_form(
    employer, teacher, teacher_client
):
    person = ContactPersonFactory(employer=employer, first_name="Pirjo", last_name="Ohjaaja")
    checkpoint = Checkpoint.objects.get(number=4)
    response = teacher_client.post(
        reverse("partnerships:contact_create", args=[employer.pk]),
        {
            "date": timezone.localdate().isoformat(),
            "channel": "phone",
            "summary": "Sovittiin perehdytyksestä.",
            "persons": [person.pk],
            "checkpoints": [checkpoint.pk],
        },
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'hx-swap-oob="afterbegin:#timeline"' in html
    assert "Sovittiin perehdytyksestä." in html
    assert "Pirjo Ohjaaja" in html
    assert 'id="contact-form"' in html
    # The fresh form is empty again, ready for the next entry.
    assert '<textarea name="summary"' in html and "Sovittiin perehdytyksestä.</textarea>" not in html
    contact = Contact.objects.get()
    assert list(contact.persons.all()) == [person]
    assert list(contact.checkpoints.all()) == [checkpoint]


def test_the_first_contact_replaces_the_empty_timeline_and_the_next_ones_do_not(employer, teacher_client):
    def log(summary):
        return teacher_client.post(
            reverse("partnerships:contact_create", args=[employer.pk]),
            {"date": timezone.localdate().isoformat(), "channel": "phone", "summary": summary},
            HTTP_HX_REQUEST="true",
        ).content.decode()

    first = log("Ensimmäinen.")
    assert 'hx-swap-oob="delete:#timeline-empty"' in first and ">1</span>" in first
    second = log("Toinen.")
    assert "timeline-empty" not in second and ">2</span>" in second


def test_logging_a_contact_takes_as_many_queries_however_many_people_and_checkpoints(
    employer, teacher_client
):
    people = [ContactPersonFactory(employer=employer) for _ in range(5)]
    checkpoints = list(Checkpoint.objects.order_by("number"))

    def log(persons, points):
        data = {"date": timezone.localdate().isoformat(), "channel": "visit", "summary": "Käynti."}
        data.update(persons=[p.pk for p in persons], checkpoints=[c.pk for c in points])
        with CaptureQueriesContext(connection) as queries:
            response = teacher_client.post(
                reverse("partnerships:contact_create", args=[employer.pk]), data, HTTP_HX_REQUEST="true"
            )
        assert response.status_code == 200
        return len(queries)

    log([], [])  # the session and the user read once
    assert log(people[:1], checkpoints[:1]) == log(people, checkpoints)
    assert log([], []) < log(people[:1], checkpoints[:1])  # nothing to link: no link queries


def test_the_log_form_needs_no_more_than_three_fields_and_prefills_the_date(employer, teacher_client):
    page = teacher_client.get(employer.get_absolute_url()).content.decode()
    form = page[page.index('id="contact-form"') : page.index("</form>", page.index('id="contact-form"'))]
    required = re.findall(r'name="(\w+)"[^>]*\srequired[\s>]', form)
    assert set(required) == {"date", "channel", "summary"}
    assert f'value="{timezone.localdate().isoformat()}"' in form


@pytest.mark.parametrize("htmx", [False, True])
def test_a_follow_up_before_the_contact_date_is_refused_and_the_input_kept(htmx, employer, teacher_client):
    today = timezone.localdate()
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = teacher_client.post(
        reverse("partnerships:contact_create", args=[employer.pk]),
        {
            "date": today.isoformat(),
            "channel": "email",
            "summary": "Tärkeä viesti jota ei saa hukata",
            "follow_up_date": (today - datetime.timedelta(days=1)).isoformat(),
        },
        **headers,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "The follow-up date cannot be before the contact date." in html or "Seurannan" in html
    assert "Tärkeä viesti jota ei saa hukata" in html
    assert Contact.objects.count() == 0


@pytest.mark.parametrize("summary", ["", "   ", "x" * 100_000])
def test_an_empty_or_huge_summary_is_refused_with_a_message(summary, employer, teacher_client):
    response = teacher_client.post(
        reverse("partnerships:contact_create", args=[employer.pk]),
        {"date": timezone.localdate().isoformat(), "channel": "phone", "summary": summary},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "invalid-feedback" in response.content.decode()
    assert Contact.objects.count() == 0


def test_html_in_a_summary_is_shown_escaped(employer, teacher, teacher_client):
    ContactFactory(employer=employer, author=teacher, summary='<script>alert("x")</script><b>lihava</b>')
    html = teacher_client.get(employer.get_absolute_url()).content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;lihava&lt;/b&gt;" in html


def test_a_person_of_another_employer_cannot_be_tagged(employer, teacher):
    stranger = ContactPersonFactory()  # works for some other employer
    with pytest.raises(ValidationError) as excinfo:
        services.contact_log(
            employer=employer, author=teacher, channel="phone", summary="x", persons=[stranger]
        )
    assert "persons" in excinfo.value.error_dict
    assert Contact.objects.count() == 0


def test_the_database_refuses_a_follow_up_before_the_contact_date(employer, teacher):
    from django.db import IntegrityError, transaction

    today = timezone.localdate()
    with pytest.raises(IntegrityError), transaction.atomic():
        ContactFactory(
            employer=employer, author=teacher, date=today, follow_up_date=today - datetime.timedelta(days=1)
        )
    ContactFactory(
        employer=employer, author=teacher, date=today, follow_up_date=today
    )  # the same day is fine


@pytest.mark.parametrize("days, refused", [(-3, True), (-1, True), (0, False), (1, False)])
def test_the_log_service_refuses_a_follow_up_before_the_contact_date(days, refused, employer, teacher):
    today = timezone.localdate()

    def log():
        return services.contact_log(
            employer=employer,
            author=teacher,
            channel="phone",
            summary="x",
            date=today,
            follow_up_date=today + datetime.timedelta(days=days),
        )

    if not refused:
        assert log().follow_up_date == today + datetime.timedelta(days=days)
        return
    with pytest.raises(ValidationError) as excinfo:
        log()
    assert excinfo.value.messages == ["The follow-up date cannot be before the contact date."]
    assert Contact.objects.count() == 0


def test_teacher_cannot_edit_another_teachers_contact(employer, teacher, other_teacher, other_teacher_client):
    contact = ContactFactory(employer=employer, author=teacher, summary="Alkuperäinen")
    response = other_teacher_client.post(
        reverse("partnerships:contact_edit", args=[contact.pk]),
        {"date": contact.date.isoformat(), "channel": "phone", "summary": "Muutettu"},
    )
    assert response.status_code == 403
    contact.refresh_from_db()
    assert contact.summary == "Alkuperäinen"
    with pytest.raises(PermissionDenied):
        services.contact_update(contact=contact, by=other_teacher, data={"summary": "Muutettu"})


def test_teacher_edits_their_own_contact(employer, teacher, teacher_client):
    contact = ContactFactory(employer=employer, author=teacher)
    response = teacher_client.post(
        reverse("partnerships:contact_edit", args=[contact.pk]),
        {"date": contact.date.isoformat(), "channel": "meeting", "summary": "Korjattu yhteenveto"},
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert (contact.channel, contact.summary) == ("meeting", "Korjattu yhteenveto")


def test_coordinator_deletes_any_contact(employer, teacher, coordinator_client):
    contact = ContactFactory(employer=employer, author=teacher)
    response = coordinator_client.post(reverse("partnerships:contact_delete", args=[contact.pk]))
    assert response.status_code == 302
    assert not Contact.objects.filter(pk=contact.pk).exists()


def test_teacher_cannot_delete_another_teachers_contact(employer, teacher, other_teacher_client):
    contact = ContactFactory(employer=employer, author=teacher)
    assert (
        other_teacher_client.post(reverse("partnerships:contact_delete", args=[contact.pk])).status_code
        == 403
    )
    assert Contact.objects.filter(pk=contact.pk).exists()


def test_open_follow_ups_show_on_the_authors_home_page_until_done(employer, teacher, teacher_client):
    today = timezone.localdate()
    contact = ContactFactory(
        employer=employer,
        author=teacher,
        date=today,
        follow_up_date=today + datetime.timedelta(days=3),
        follow_up_note="Soita uudelleen syksyn jaksoista",
    )
    home = teacher_client.get(reverse("partnerships:home")).content.decode()
    assert "Soita uudelleen syksyn jaksoista" in home
    # The done URL, reversed once, in both the plain form and its htmx post.
    done = reverse("partnerships:follow_up_done", args=[contact.pk])
    assert f'<form method="post" action="{done}" hx-post="{done}"' in home
    response = teacher_client.post(
        reverse("partnerships:follow_up_done", args=[contact.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert f'id="follow-up-{contact.pk}"' in response.content.decode()
    contact.refresh_from_db()
    assert contact.follow_up_done_at is not None
    assert (
        "Soita uudelleen syksyn jaksoista"
        not in teacher_client.get(reverse("partnerships:home")).content.decode()
    )


def test_marking_a_follow_up_done_twice_keeps_the_first_time(employer, teacher):
    today = timezone.localdate()
    contact = ContactFactory(employer=employer, author=teacher, date=today, follow_up_date=today)
    services.follow_up_complete(contact=contact, by=teacher)
    first = Contact.objects.get(pk=contact.pk).follow_up_done_at
    services.follow_up_complete(contact=contact, by=teacher)
    assert Contact.objects.get(pk=contact.pk).follow_up_done_at == first


def test_other_teachers_follow_ups_are_not_on_my_home_page(employer, other_teacher, teacher_client):
    today = timezone.localdate()
    ContactFactory(
        employer=employer, author=other_teacher, date=today, follow_up_date=today, follow_up_note="Ei minun"
    )
    assert "Ei minun" not in teacher_client.get(reverse("partnerships:home")).content.decode()


def test_home_page_runs_a_constant_number_of_queries(
    employer, teacher, teacher_client, django_assert_max_num_queries
):
    today = timezone.localdate()
    for i in range(40):
        e = EmployerFactory(account_owner=teacher)
        ContactFactory(employer=e, author=teacher, date=today, follow_up_date=today, follow_up_note=f"n{i}")
    # One query per section, each section a constant number however many rows it holds.
    with django_assert_max_num_queries(11):
        response = teacher_client.get(reverse("partnerships:home"))
    assert response.status_code == 200


@pytest.mark.postgres
def test_a_teachers_latest_contacts_are_read_from_an_index_not_sorted(teacher, employer):
    from django.db import transaction

    for _ in range(30):
        ContactFactory(employer=employer, author=teacher)
    latest = Contact.objects.filter(author=teacher).order_by("-date", "-created_at")[:8]
    sql, params = latest.query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        # A tiny table: plan as for thousands of rows, where reading and sorting them all costs.
        for setting in ("enable_seqscan", "enable_bitmapscan", "enable_sort"):
            cursor.execute(f"SET LOCAL {setting} = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "contact_author_latest" in plan and "Sort" not in plan, plan


@pytest.mark.parametrize("htmx", [True, False])
@pytest.mark.parametrize("workplaces", [1, 2])
def test_the_workplace_choice_is_offered_only_where_there_is_more_than_one(
    workplaces, htmx, employer, teacher_client
):
    """On the page, in the fresh form after an htmx entry and in a refused form alike."""
    from ..factories import WorkplaceFactory

    for i in range(workplaces - employer.workplaces.count()):
        WorkplaceFactory(employer=employer, name=f"Toimipaikka {i}")
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    url = reverse("partnerships:contact_create", args=[employer.pk])
    day = timezone.localdate().isoformat()
    pages = [
        teacher_client.get(employer.get_absolute_url()),
        teacher_client.post(url, {"date": day, "channel": "phone", "summary": "Soitin."}, **headers),
        teacher_client.post(url, {"date": day, "channel": "phone", "summary": ""}, **headers),
    ]
    if not htmx:
        pages[1] = teacher_client.get(pages[1]["Location"])
    for response in pages:
        assert ('name="workplace"' in response.content.decode()) == (workplaces > 1)


# The user with their roles, the employer with its count of contacts, the form's constraint
# check (savepoint, check, release), the service's savepoint, the insert and its release, and
# the blank form's three option lists; in a test, the request's savepoint and its release too
# (ATOMIC_REQUESTS inside the test's transaction). The entry's people and checkpoints are
# not read back: they are those the form read. Links cost 7 more whatever their number: the
# chosen workplace, people and checkpoints read by the form, the workplace's existence
# checked by the form and by the service, one insert for the people and one for the
# checkpoints.
CONTACT_POST_QUERIES = 13
CONTACT_POST_LINK_QUERIES = 7


@pytest.mark.parametrize("n", [1, 5])
def test_the_logged_entry_is_shown_as_the_page_shows_it_in_as_many_queries(
    n, employer, teacher_client, django_assert_num_queries
):
    from ..factories import WorkplaceFactory

    workplaces = [employer.workplaces.get(), WorkplaceFactory(employer=employer, name="Varasto")]
    people = [ContactPersonFactory(employer=employer, first_name=f"Henkilö{i}") for i in range(n)]
    checkpoints = list(Checkpoint.objects.order_by("number"))[:n]
    today = timezone.localdate()
    data = {
        "date": today.isoformat(),
        "channel": "visit",
        "summary": "Käynti.\nSovittiin jatkosta.",
        "workplace": workplaces[1].pk,
        "persons": [p.pk for p in people],
        "checkpoints": [c.pk for c in checkpoints],
        "follow_up_date": (today + datetime.timedelta(days=7)).isoformat(),
        "follow_up_note": "Soita",
    }
    url = reverse("partnerships:contact_create", args=[employer.pk])
    with django_assert_num_queries(CONTACT_POST_QUERIES + CONTACT_POST_LINK_QUERIES):
        response = teacher_client.post(url, data, HTTP_HX_REQUEST="true")
    contact = Contact.objects.get()

    def entry(html):
        start = html.index(f'id="contact-{contact.pk}"')
        return html[start : html.index("</article>", start)]

    logged = entry(response.content.decode())
    assert "Varasto" in logged and "Henkilö0" in logged and "Soita" in logged
    assert logged == entry(teacher_client.get(employer.get_absolute_url()).content.decode())


def test_a_contact_without_links_is_logged_in_as_many_queries(
    employer, teacher_client, django_assert_num_queries
):
    data = {"date": timezone.localdate().isoformat(), "channel": "phone", "summary": "Puhelu."}
    url = reverse("partnerships:contact_create", args=[employer.pk])
    with django_assert_num_queries(CONTACT_POST_QUERIES):
        assert teacher_client.post(url, data, HTTP_HX_REQUEST="true").status_code == 200

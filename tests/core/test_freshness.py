"""Generational caching (core/freshness.py): a cached page is served until any data changes,
never after, and never to anyone it was not rendered for."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from brochures.models import BrochureDownload
from core import freshness
from partnerships.models import Employer

from ..factories import AgreementFactory, ContactFactory, EmployerFactory, UserFactory


@pytest.fixture
def employer(db):
    return EmployerFactory(name="Sähkö-Virtanen Oy")


def test_a_write_gives_a_new_generation_and_bookkeeping_does_not(db):
    first = freshness.generation()
    assert freshness.generation() == first
    EmployerFactory()
    second = freshness.generation()
    assert second != first
    BrochureDownload.objects.create(
        day=timezone.localdate(), kind="brochure", audience="employer", language="fi", count=1
    )
    assert freshness.generation() == second  # a download shows on no cached page


def test_bulk_updates_and_raw_sql_are_writes_too(employer):
    before = freshness.generation()
    Employer.objects.filter(pk=employer.pk).update(name="Uusi nimi Oy")
    after_update = freshness.generation()
    assert after_update != before
    with connection.cursor() as cursor:
        cursor.execute("UPDATE partnerships_employer SET name = %s WHERE id = %s", ["Raaka Oy", employer.pk])
    assert freshness.generation() != after_update


def test_a_transaction_changes_the_generation_again_when_it_commits(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        EmployerFactory()
        EmployerFactory()
        seen_inside = freshness.generation()
    # One callback for the whole transaction, however many rows it wrote.
    assert [c for c in callbacks if c is freshness._after_commit] == [freshness._after_commit]
    assert freshness.generation() != seen_inside


def test_the_employer_list_comes_from_the_cache_until_a_contact_is_logged(
    employer, teacher, teacher_client, django_assert_num_queries
):
    url = reverse("employer_list")
    teacher_client.get(url)
    with django_assert_num_queries(0):  # the session, user, roles and page all from the cache
        cached = teacher_client.get(url).content.decode()
    assert "Sähkö-Virtanen Oy" in cached and "never" in cached
    day = timezone.localdate() - datetime.timedelta(days=2)
    response = teacher_client.post(
        reverse("contact_create", args=[employer.pk]),
        {"date": day.isoformat(), "channel": "phone", "summary": "Soitin."},
    )
    assert response.status_code == 302
    fresh = teacher_client.get(url).content.decode()
    assert date_format(day, "SHORT_DATE_FORMAT") in fresh and "never" not in fresh


def test_a_cached_page_is_not_shown_to_another_user(employer, teacher_client, other_teacher_client):
    mine = teacher_client.get(employer.get_absolute_url()).content.decode()
    assert "Tiina Opettaja" in mine
    theirs = other_teacher_client.get(employer.get_absolute_url()).content.decode()
    assert "Olli Toinen" in theirs and "Tiina Opettaja" not in theirs


def test_a_cached_page_is_in_the_language_asked_for(employer, teacher):
    finnish, english = Client(headers={"Accept-Language": "fi"}), Client(headers={"Accept-Language": "en"})
    for client in (finnish, english):
        client.force_login(teacher)
    # The teacher's own language preference, if any, would win; they have none.
    assert "Kirjaa yhteydenotto" in finnish.get(employer.get_absolute_url()).content.decode()
    english.get(employer.get_absolute_url())
    assert "Log a contact" in english.get(employer.get_absolute_url()).content.decode()


def test_the_forms_of_a_cached_page_carry_each_visitors_own_csrf_token(employer, teacher):
    ContactFactory(employer=employer, author=teacher, summary="Ensimmäinen käynti.")
    first = Client(enforce_csrf_checks=True)
    first.force_login(teacher)
    first.get(employer.get_absolute_url())  # rendered and cached with a placeholder
    second = Client(enforce_csrf_checks=True)  # another browser: another CSRF secret
    second.force_login(teacher)
    html = second.get(employer.get_absolute_url()).content.decode()
    assert freshness.CSRF_PLACEHOLDER not in html
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))
    assert tokens
    response = second.post(
        reverse("contact_create", args=[employer.pk]),
        {
            "csrfmiddlewaretoken": tokens.pop(),
            "date": timezone.localdate().isoformat(),
            "channel": "visit",
            "summary": "Toinen käynti.",
        },
    )
    assert response.status_code == 302
    assert "Toinen käynti." in second.get(employer.get_absolute_url()).content.decode()


def test_a_new_agreement_shows_on_the_list_at_once(setting_free_agreement, coordinator_client):
    url = reverse("agreement_list")
    before = coordinator_client.get(url, {"scope": "all"}).content.decode()
    assert before.count("kp-progress") == 1
    AgreementFactory()
    after = coordinator_client.get(url, {"scope": "all"}).content.decode()
    assert after.count("kp-progress") == 2


@pytest.fixture
def setting_free_agreement(db):
    return AgreementFactory()


def test_the_cache_can_be_turned_off(employer, teacher_client, settings):
    settings.KUMPPANI_FRAGMENT_CACHE = False
    url = reverse("employer_list")
    counts = []
    teacher_client.get(url)
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            teacher_client.get(url)
        counts.append(len(queries))
    assert counts[0] == counts[1] > 3  # every request renders anew: the count and the rows


def test_only_the_benchmark_may_ask_for_a_page_rendered_anew(employer, teacher_client, settings):
    url = reverse("employer_list")
    teacher_client.get(url)
    bypass = {freshness.BENCH_BYPASS_HEADER: "1"}
    with CaptureQueriesContext(connection) as ignored:
        teacher_client.get(url, headers=bypass)
    settings.KUMPPANI_BENCH = True
    with CaptureQueriesContext(connection) as honoured:
        teacher_client.get(url, headers=bypass)
    assert len(ignored) == 0 and len(honoured) > 3


class BrokenCache:
    def get(self, *args, **kwargs):
        raise ConnectionError("cache down")

    set = get


def test_pages_and_writes_go_on_when_the_cache_fails(employer, teacher_client, monkeypatch, caplog):
    url = reverse("employer_list")
    teacher_client.get(url)
    monkeypatch.setattr(freshness, "cache", BrokenCache())
    EmployerFactory(name="Kirjoitus Oy")  # the write is not stopped by the cache
    response = teacher_client.get(url)
    assert response.status_code == 200 and "Kirjoitus Oy" in response.content.decode()
    assert "The cache is unavailable" in caplog.text
    monkeypatch.undo()
    # The change the cache missed is made as soon as it answers again.
    assert "Kirjoitus Oy" in teacher_client.get(url).content.decode()


def test_a_new_release_does_not_serve_the_old_fragments(employer, teacher_client, monkeypatch):
    url = reverse("employer_list")
    teacher_client.get(url)
    with CaptureQueriesContext(connection) as same_release:
        teacher_client.get(url)
    monkeypatch.setattr(freshness, "release", lambda: "next-release")
    with CaptureQueriesContext(connection) as next_release:
        teacher_client.get(url)
    assert len(same_release) == 0 and len(next_release) > 3


def test_a_one_time_message_is_shown_once_and_never_kept_in_the_cached_page(employer, teacher_client):
    page = employer.get_absolute_url()
    teacher_client.get(page)  # the page without a message is in the cache
    response = teacher_client.post(
        reverse("contact_create", args=[employer.pk]),
        {"date": timezone.localdate().isoformat(), "channel": "visit", "summary": "Käynti."},
        follow=True,
    )
    shown = response.content.decode()
    assert 'class="messages"' in shown and "Käynti." in shown
    again = teacher_client.get(page).content.decode()
    assert 'class="messages"' not in again and "Käynti." in again
    with CaptureQueriesContext(connection) as queries:
        third = teacher_client.get(page).content.decode()
    assert len(queries) == 1 and 'class="messages"' not in third  # the title; the page from the cache


def test_a_deactivated_user_is_signed_out_on_the_next_request(employer, teacher, teacher_client):
    url = reverse("employer_list")
    teacher_client.get(url)
    with CaptureQueriesContext(connection) as cached:
        assert teacher_client.get(url).status_code == 200
    assert len(cached) == 0  # the user came from the cache
    teacher.is_active = False
    teacher.save()
    response = teacher_client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_new_password_signs_out_the_other_sessions_at_once(employer, teacher, teacher_client):
    url = reverse("employer_list")
    teacher_client.get(url)
    teacher_client.get(url)
    teacher.set_password("an entirely new passphrase 42")
    teacher.save()
    response = teacher_client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_role_taken_away_is_taken_away_at_once(coordinator, coordinator_client):
    url = reverse("review_dashboard")
    assert coordinator_client.get(url).status_code == 200
    assert coordinator_client.get(url).status_code == 200
    coordinator.groups.clear()
    assert coordinator_client.get(url).status_code == 403


def test_the_filter_forms_choices_are_as_fresh_as_the_page(employer, teacher_client):
    url = reverse("employer_list")
    assert "Uusi Opettaja" not in teacher_client.get(url).content.decode()
    newcomer = UserFactory(username="uusi", first_name="Uusi", last_name="Opettaja")
    newcomer.groups.add(Group.objects.get(name="Teacher"))
    assert "Uusi Opettaja" in teacher_client.get(url).content.decode()  # the account owner list

"""Feedback: asked once after each work period, reminded once, the link's whole lifecycle,
and negative answers staying on the attention list until someone reacts."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from core.models import Institution, OutboxMessage
from partnerships import services
from partnerships.models import FeedbackRequest

from ..factories import (
    ContactPersonFactory,
    EmployerFactory,
    QualificationUnitFactory,
    StudentFactory,
    training_agreement,
)

TODAY = datetime.date(2027, 3, 29)


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


@pytest.fixture
def ended(teacher, teacher_group, django_capture_on_commit_callbacks):
    """A signed training agreement whose work period ended yesterday."""
    employer = EmployerFactory(name="Sähkö-Virtanen Oy")
    main = ContactPersonFactory(employer=employer, email="pomo@virtanen.example")
    employer.main_contact = main
    employer.save()
    student = StudentFactory(group=teacher_group, email="aino@opiskelija.example", language="sv")
    agreement = services.agreement_create(
        by=teacher,
        data={
            "type": "training",
            "student": student,
            "workplace": employer.workplaces.get(),
            "instructor": ContactPersonFactory(employer=employer, email="ohjaaja@virtanen.example"),
            "responsible_teacher": teacher,
            "hoks_reference": "H",
            "days_per_week": 4,
        },
        periods=[
            {
                "unit": QualificationUnitFactory(),
                "start": TODAY - datetime.timedelta(days=60),
                "end": TODAY - datetime.timedelta(days=1),
                "part_time_percent": 100,
            }
        ],
    )
    day = TODAY - datetime.timedelta(days=70)
    services.agreement_change_status(
        agreement=agreement,
        by=teacher,
        status="signed",
        signed={"employer_signed_on": day, "provider_signed_on": day, "student_informed_on": day},
    )
    return agreement


def send(today=TODAY):
    with time_machine.travel(datetime.datetime.combine(today, datetime.time(8), tzinfo=datetime.UTC)):
        return services.feedback_requests_send(today)


def test_the_student_is_asked_once_after_the_period_and_instructors_are_not_by_default(ended):
    assert send() == 1
    assert send() == 0
    request = FeedbackRequest.objects.get()
    assert (request.respondent, request.email) == ("student", "aino@opiskelija.example")
    message = OutboxMessage.objects.get()
    assert message.language == "sv"
    assert request.token in message.body_text


def test_partner_feedback_reaches_the_instructor_and_the_main_contact_when_turned_on(ended):
    Institution.objects.create(name="Opisto", partner_feedback=True)
    assert send() == 3
    assert set(FeedbackRequest.objects.values_list("respondent", flat=True)) == {
        "student",
        "instructor",
        "employer",
    }


def test_a_period_that_has_not_ended_is_not_asked_about(ended):
    assert send(TODAY - datetime.timedelta(days=1)) == 0


def test_one_reminder_follows_after_five_days(ended):
    send()
    sent = FeedbackRequest.objects.get().sent_at
    assert services.feedback_reminders_send(sent + datetime.timedelta(days=4)) == 0
    assert services.feedback_reminders_send(sent + datetime.timedelta(days=5, minutes=1)) == 1
    assert services.feedback_reminders_send(sent + datetime.timedelta(days=6)) == 0
    assert OutboxMessage.objects.filter(kind="feedback-reminder").count() == 1


def answer(client, token, **scores):
    data = {f"score_{key}": str(value) for key, value in scores.items()}
    return client.post(reverse("partnerships:feedback_form", args=[token]), data)


def test_the_feedback_link_lifecycle_valid_edited_locked_expired_forged(ended, client):
    send()
    request = FeedbackRequest.objects.get()
    url = reverse("partnerships:feedback_form", args=[request.token])

    page = client.get(url)
    assert page.status_code == 200 and '<html lang="sv">' in page.content.decode()  # the student's language
    assert answer(client, request.token, planning=4, induction=5).status_code == 302
    request.refresh_from_db()
    first = request.answered_at
    assert request.answers.get(question="planning").score == 4

    with time_machine.travel(first + datetime.timedelta(days=13)):
        assert answer(client, request.token, planning=2).status_code == 302  # edited
    request.refresh_from_db()
    assert request.answers.get(question="planning").score == 2 and request.answered_at == first

    with time_machine.travel(first + datetime.timedelta(days=15)):
        locked = answer(client, request.token, planning=5)
        assert locked.status_code == 410
    assert request.answers.get(question="planning").score == 2

    assert (
        client.get(reverse("partnerships:feedback_form", args=["forged-" + request.token[7:]])).status_code
        == 404
    )


def test_an_unanswered_link_expires_after_30_days(ended, client):
    send()
    request = FeedbackRequest.objects.get()
    with time_machine.travel(request.sent_at + datetime.timedelta(days=31)):
        response = client.get(reverse("partnerships:feedback_form", args=[request.token]))
    assert response.status_code == 410
    assert "30" in response.content.decode()


def test_a_score_outside_1_to_5_is_refused(ended, client):
    send()
    request = FeedbackRequest.objects.get()
    response = client.post(
        reverse("partnerships:feedback_form", args=[request.token]), {"score_planning": "9"}
    )
    assert response.status_code == 200
    assert not request.answers.exists()


def test_the_links_are_rate_limited(ended, client):
    send()
    url = reverse("partnerships:feedback_form", args=["no-such-token"])
    statuses = [client.get(url).status_code for _ in range(35)]
    assert statuses[:30] == [404] * 30
    assert statuses[-1] == 429


@pytest.fixture
def file_cache(settings, tmp_path):
    """The production default: a file cache, whose incr() re-sets a key's expiry."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
        }
    }


def test_a_burst_on_one_link_locks_neither_other_respondents_nor_the_next_minute(
    ended, client, settings, file_cache
):
    settings.KUMPPANI_PROXY_COUNT = 1  # behind the documented nginx: every request from 10.0.0.1
    Institution.objects.create(name="Opisto", partner_feedback=True)  # more than one link
    send()
    first, second = FeedbackRequest.objects.order_by("pk")[:2]

    def get(token, address):
        url = reverse("partnerships:feedback_form", args=[token])
        return client.get(url, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=address).status_code

    start = datetime.datetime(2027, 3, 29, 10, 0, 5, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        statuses = [get(first.token, "192.0.2.10") for _ in range(40)]
        assert statuses[:30] == [200] * 30 and statuses[30:] == [429] * 10
        assert get(first.token, "192.0.2.11") == 200  # the same link from another address
        assert get(second.token, "192.0.2.10") == 200  # another link from the same address
        clock.shift(61)
        assert get(first.token, "192.0.2.10") == 200  # the window closed on time


def test_the_too_many_requests_page_is_translated(ended, client):
    send()
    request = FeedbackRequest.objects.order_by("pk").first()
    url = reverse("partnerships:feedback_form", args=[request.token])
    for _ in range(30):
        client.get(url)
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 429
    assert "Too many requests" not in response.content.decode()
    assert "Försök igen" in response.content.decode() or "försök igen" in response.content.decode()


def test_a_negative_answer_waits_for_a_reaction_and_can_be_answered_with_a_note(
    ended, client, teacher, teacher_client
):
    send()
    request = FeedbackRequest.objects.get()
    answer(client, request.token, planning=2, induction=4)
    assert list(FeedbackRequest.objects.needing_reaction()) == [request]
    listing = teacher_client.get(reverse("partnerships:feedback_list")).content.decode()
    assert reverse("partnerships:feedback_detail", args=[request.pk]) in listing.split("Recent answers")[0]
    teacher_client.post(
        reverse("partnerships:feedback_detail", args=[request.pk]),
        {"text": "Sovimme työpaikan kanssa yhteisestä aloituspalaverista.", "send_note": "on"},
    )
    assert not FeedbackRequest.objects.needing_reaction().exists()
    note = OutboxMessage.objects.get(kind="you-said-we-did")
    assert note.to_email == "aino@opiskelija.example"
    assert "yhteisestä aloituspalaverista" in note.body_text


def test_please_contact_me_alone_makes_an_answer_negative(ended, client):
    send()
    request = FeedbackRequest.objects.get()
    client.post(
        reverse("partnerships:feedback_form", args=[request.token]),
        {"score_planning": "5", "contact_me": "on"},
    )
    assert FeedbackRequest.objects.needing_reaction().exists()


def test_the_sweep_runs_a_constant_number_of_queries(teacher, teacher_group, django_assert_max_num_queries):
    # Many ended periods cost no more queries than one.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for(n):
        FeedbackRequest.objects.all().delete()
        for _ in range(n):
            training_agreement(
                teacher=teacher,
                student=StudentFactory(group=teacher_group, email="s@example.fi"),
                start=TODAY - datetime.timedelta(days=30),
                end=TODAY - datetime.timedelta(days=2),
                signed=True,
            )
        with CaptureQueriesContext(connection) as queries:
            send()
        return len(queries)

    assert queries_for(1) == queries_for(15)


def test_the_analysis_shows_scores_per_checkpoint_by_half_year_beside_national_results(
    ended, client, coordinator, coordinator_client
):
    send()
    request = FeedbackRequest.objects.get()
    with time_machine.travel(datetime.datetime(2027, 4, 2, 10, tzinfo=datetime.UTC)):
        answer(client, request.token, planning=2, induction=4)
    response = coordinator_client.post(
        reverse("partnerships:feedback_analysis"),
        {
            "period": "2027 H1",
            "period_start": "2027-01-01",
            "period_end": "2027-06-30",
            "checkpoint": 3,
            "average": "4.1",
        },
    )
    assert response.status_code == 302
    html = coordinator_client.get(reverse("partnerships:feedback_analysis")).content.decode()
    assert "2027 H1" in html and "4.1" in html
    csv_text = coordinator_client.get(
        reverse("partnerships:feedback_analysis"), {"format": "csv"}
    ).content.decode()
    assert csv_text.startswith("\ufeff")  # as the list exports, for Finnish Excel
    rows = csv_text.splitlines()
    assert rows[0].startswith("\ufeffCheckpoint;")
    planning = next(r for r in rows if r.startswith("3."))
    assert "2.0" in planning and "4.1" in planning  # ours (one answer) and the national figure
    other_sector = coordinator_client.get(
        reverse("partnerships:feedback_analysis"), {"sector": "Q", "format": "csv"}
    )
    assert "2.0" not in other_sector.content.decode()


def test_the_analysis_runs_a_constant_number_of_queries(
    ended, coordinator_client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):  # no per-row queries: two aggregates, names, units
        coordinator_client.get(reverse("partnerships:feedback_analysis"))

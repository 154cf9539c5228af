"""The coordinator's digests page: the schedule and the contact intervals set in one form, and
the digests and thanks previewed as they would be sent, without sending anything."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from checkpoints.models import PartnershipLevel
from core.models import OutboxMessage
from partnerships import services
from partnerships.models import DigestSchedule, ThankYou
from partnerships.services.digests import next_digest_day, upkeep_digests_build

from ...factories import (
    ContactFactory,
    EmployerFactory,
    StudentFactory,
    UserFactory,
    thank_you_waiting,
)

URL = reverse("partnerships:digest_settings")


def _levels():
    return list(PartnershipLevel.objects.filter(cross_cutting=False))


def _post_data(schedule: dict | None = None, intervals: dict[str, str] | None = None) -> dict:
    """The whole page as the browser posts it: the schedule and each level's interval."""
    levels = _levels()
    data = {
        "schedule-digest_weekday": "0",
        "schedule-digest_hour": "7",
        "schedule-thanks_hour": "9",
        "levels-TOTAL_FORMS": str(len(levels)),
        "levels-INITIAL_FORMS": str(len(levels)),
        "levels-MIN_NUM_FORMS": "0",
        "levels-MAX_NUM_FORMS": "10",
    }
    data.update({f"schedule-{key}": value for key, value in (schedule or {}).items()})
    for i, level in enumerate(levels):
        data[f"levels-{i}-id"] = str(level.pk)
        value = (intervals or {}).get(level.key)
        data[f"levels-{i}-contact_interval_days"] = (
            value if value is not None else str(level.contact_interval_days or "")
        )
    return data


@pytest.fixture
def world(teacher, other_teacher, teacher_group):
    """Two quiet account owners, a coordinator with an e-mail address, a thank-you waiting."""
    today = timezone.localdate()
    for user, email in ((teacher, "tiina@opisto.example"), (other_teacher, "olli@opisto.example")):
        user.email = email
        user.save()
        EmployerFactory(name=f"Hiljainen {user.username} Oy", account_owner=user)
    coordinator = UserFactory(username="kaisa", email="kaisa@opisto.example")
    coordinator.groups.add(Group.objects.get(name="Coordinator"))
    busy = EmployerFactory(name="Vilkas Oy", account_owner=teacher)
    ContactFactory(employer=busy, author=teacher, date=today - datetime.timedelta(days=3))
    thank_you_waiting(teacher=teacher, student=StudentFactory(group=teacher_group, first_name="Aino"))
    assert ThankYou.objects.get().status == "draft"
    return teacher


def test_the_page_previews_every_digest_and_thank_you_and_sends_nothing(
    world, coordinator_client, django_assert_max_num_queries
):
    # The queries do not grow with the messages: the sweeps' own constant-query builds.
    with django_assert_max_num_queries(40):
        response = coordinator_client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["upkeep_count"] == 2
    assert response.context["coordinator_count"] == 2  # the signed-in one and Kaisa
    assert "kaisa@opisto.example" in html
    assert response.context["thanks_count"] == 1
    assert len(response.context["thanks"]) == 2  # the main contact and the instructor
    assert "tiina@opisto.example" in html and "olli@opisto.example" in html
    assert "Hiljainen teacher Oy" in html  # in the plain-text part, as sent
    assert "Vilkas Oy" not in html.split("upkeep-heading", 1)[1].split("coordinator-heading", 1)[0]
    assert not OutboxMessage.objects.exists()
    assert ThankYou.objects.get().status == "draft"


def test_the_page_with_more_rows_takes_the_same_number_of_queries(
    world, coordinator_client, django_assert_num_queries
):
    coordinator_client.get(URL)  # the first visit creates the schedule row
    with CaptureQueriesContext(connection) as few:
        response = coordinator_client.get(URL)
    baseline = len(response.context["upkeep"])
    for i in range(5):
        owner = UserFactory(username=f"owner{i}", email=f"owner{i}@opisto.example")
        EmployerFactory(name=f"Unohtunut {i} Oy", account_owner=owner)
    with django_assert_num_queries(len(few.captured_queries)):
        response = coordinator_client.get(URL)
    assert len(response.context["upkeep"]) == baseline + 5


def test_each_preview_frame_serves_the_html_part_exactly_as_queued(world, coordinator_client):
    built = upkeep_digests_build(next_digest_day(DigestSchedule.current()))
    for index, message in enumerate(built):
        response = coordinator_client.get(reverse("partnerships:digest_preview", args=["upkeep", index]))
        assert response.status_code == 200
        assert response.content.decode() == message["body_html"]
        # Framed by the page itself only; the e-mail's inline styles are allowed here alone.
        assert response["X-Frame-Options"] == "SAMEORIGIN"
        assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    thanks = coordinator_client.get(reverse("partnerships:digest_preview", args=["thanks", 1]))
    assert thanks.status_code == 200 and "Aino" in thanks.content.decode()
    assert (
        coordinator_client.get(reverse("partnerships:digest_preview", args=["upkeep", 2])).status_code == 404
    )
    assert (
        coordinator_client.get(reverse("partnerships:digest_preview", args=["other", 0])).status_code == 404
    )
    assert not OutboxMessage.objects.exists()
    # The page's own policy keeps denying framing and inline styles.
    page = coordinator_client.get(URL)
    assert page["X-Frame-Options"] == "DENY" and "unsafe-inline" not in page["Content-Security-Policy"]


def test_a_coordinator_sets_the_schedule_and_the_intervals_with_a_translated_message(
    coordinator_client, coordinator
):
    response = coordinator_client.post(
        URL,
        _post_data({"digest_weekday": "2", "digest_hour": "13", "thanks_hour": "15"}, {"minimum": "45"}),
        headers={"Accept-Language": "sv"},
        follow=True,
    )
    assert response.redirect_chain == [(URL, 302)]
    schedule = DigestSchedule.current()
    assert (schedule.digest_weekday, schedule.digest_hour, schedule.thanks_hour) == (2, 13, 15)
    assert PartnershipLevel.objects.get(key="minimum").contact_interval_days == 45
    assert schedule.history.first().history_user == coordinator
    with translation.override("sv"):
        message = translation.gettext("The schedule and the contact intervals are saved.")
        assert message != "The schedule and the contact intervals are saved."
        assert message in response.content.decode()


def test_an_emptied_interval_asks_for_no_regular_contact(coordinator_client):
    coordinator_client.post(URL, _post_data(intervals={"minimum": ""}))
    assert PartnershipLevel.objects.get(key="minimum").contact_interval_days is None


@pytest.mark.parametrize(
    ("schedule", "intervals", "field"),
    [
        ({"digest_hour": "24"}, {}, "digest_hour"),
        ({"thanks_hour": "-1"}, {}, "thanks_hour"),
        ({"digest_weekday": "7"}, {}, "digest_weekday"),
        ({"digest_hour": "seven"}, {}, "digest_hour"),
        ({}, {"minimum": "0"}, "contact_interval_days"),
        ({}, {"minimum": "1096"}, "contact_interval_days"),
        ({}, {"minimum": "abc"}, "contact_interval_days"),
    ],
)
def test_bad_input_is_refused_with_a_field_error_and_nothing_is_saved(
    coordinator_client, schedule, intervals, field
):
    before = {level.pk: level.contact_interval_days for level in _levels()}
    data = _post_data({"digest_hour": "12", **schedule}, {"everyday": "30", **intervals})
    with translation.override("fi"):
        response = coordinator_client.post(URL, data, headers={"Accept-Language": "fi"})
    assert response.status_code == 200
    html = response.content.decode()
    with translation.override("fi"):
        assert translation.gettext("Please correct the errors below. Nothing was saved yet.") in html
    errors = response.context["form"].errors
    errors.update({k: v for form in response.context["intervals"].forms for k, v in form.errors.items()})
    assert field in errors
    assert DigestSchedule.current().digest_hour == 7
    assert {level.pk: level.contact_interval_days for level in _levels()} == before


def test_the_page_is_the_coordinators_alone(teacher_client, anonymous_client, teacher):
    assert teacher_client.get(URL).status_code == 403
    assert teacher_client.post(URL, _post_data({"digest_hour": "12"})).status_code == 403
    assert teacher_client.get(reverse("partnerships:digest_preview", args=["upkeep", 0])).status_code == 403
    assert anonymous_client.get(URL).status_code == 302
    assert DigestSchedule.current().digest_hour == 7


def test_the_wrong_method_is_refused(coordinator_client):
    assert coordinator_client.put(URL).status_code == 405
    assert (
        coordinator_client.post(reverse("partnerships:digest_preview", args=["upkeep", 0])).status_code == 405
    )


def test_the_navigation_links_the_page_for_coordinators_only(coordinator_client, teacher_client):
    assert URL in coordinator_client.get(reverse("partnerships:home")).content.decode()
    assert URL not in teacher_client.get(reverse("partnerships:home")).content.decode()


def test_a_changed_interval_changes_who_is_in_the_preview(world, coordinator_client, coordinator):
    """The intervals set here are those the digests use: a level's employer contacted 20 days
    ago is quiet once the level asks for contact every 14 days."""
    level = PartnershipLevel.objects.get(key="minimum")
    employer = EmployerFactory(name="Tasolla Oy", account_owner=world)
    services.level_record(employer=employer, by=coordinator, level=level, rationale="Perustaso.")
    ContactFactory(employer=employer, author=world, date=timezone.localdate() - datetime.timedelta(days=20))
    coordinator_client.post(URL, _post_data(intervals={"minimum": "90"}))
    assert "Tasolla Oy" not in coordinator_client.get(URL).content.decode()
    coordinator_client.post(URL, _post_data(intervals={"minimum": "14"}))
    assert "Tasolla Oy" in coordinator_client.get(URL).content.decode()

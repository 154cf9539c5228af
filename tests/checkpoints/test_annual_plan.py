"""The annual plan: pre-filled with the national survey windows, editable, a year clock and an
.ics that a calendar library reads back."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from checkpoints.annual_plan import year_clock
from checkpoints.models import AnnualActivity


def test_the_plan_comes_with_the_national_survey_windows(db):
    windows = list(AnnualActivity.objects.filter(kind="national_survey"))
    assert [(w.start_month, w.end_month) for w in windows] == [(1, 2), (7, 8)]


def test_a_coordinator_adds_and_edits_an_activity(coordinator_client):
    response = coordinator_client.post(
        reverse("checkpoints:annual_plan"),
        {"kind": "instructor_training", "title": "Ohjaajakoulutus", "start": "2026-09-15",
         "end": "2026-09-16", "responsible": "Kaisa", "description": ""},
    )  # fmt: skip
    assert response.status_code == 302
    activity = AnnualActivity.objects.get(title="Ohjaajakoulutus")
    coordinator_client.post(
        reverse("checkpoints:annual_activity_edit", args=[activity.pk]),
        {"kind": "instructor_training", "title": "Ohjaajakoulutus", "start": "2026-10-01",
         "end": "2026-10-02", "responsible": "", "description": ""},
    )  # fmt: skip
    activity.refresh_from_db()
    assert (activity.start_month, activity.start_day, activity.end_month, activity.end_day) == (10, 1, 10, 2)


@pytest.mark.parametrize("start", ["2026-13-01", "2026-02-30", "13", ""])
def test_an_impossible_date_is_refused_with_a_field_error_and_nothing_saved(coordinator_client, start):
    response = coordinator_client.post(
        reverse("checkpoints:annual_plan"),
        {"kind": "event", "title": "Ei päivää", "start": start, "end": "2026-03-01"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["start"]
    assert "Nothing was saved yet." in response.content.decode()
    assert not AnnualActivity.objects.filter(title="Ei päivää").exists()


def test_the_old_month_and_day_boxes_of_month_13_no_longer_answer_500(coordinator_client):
    response = coordinator_client.post(
        reverse("checkpoints:annual_plan"),
        {"kind": "event", "title": "Ei kuuta", "start_month": 13, "start_day": 1, "end_month": 3},
    )
    assert response.status_code == 200
    assert not AnnualActivity.objects.filter(title="Ei kuuta").exists()


def test_a_month_13_in_the_model_is_a_field_error_not_a_crash(db):
    from django.core.exceptions import ValidationError

    activity = AnnualActivity(kind="event", start_month=13, start_day=1, end_month=3, end_day=1)
    with pytest.raises(ValidationError) as refused:
        activity.full_clean()
    assert "start_month" in refused.value.message_dict


def test_the_plan_offers_date_pickers_and_the_edit_page_shows_the_saved_dates(coordinator_client):
    html = coordinator_client.get(reverse("checkpoints:annual_plan")).content.decode()
    assert 'type="date" name="start"' in html and 'name="start_month"' not in html
    activity = AnnualActivity.objects.create(
        kind="event", start_month=2, start_day=29, end_month=3, end_day=2
    )
    form = coordinator_client.get(reverse("checkpoints:annual_activity_edit", args=[activity.pk])).context[
        "form"
    ]
    start, end = form["start"].value(), form["end"].value()
    assert (start.month, start.day, end.month, end.day) == (2, 29, 3, 2)


def test_an_activity_across_new_year_keeps_its_days_and_months(coordinator_client):
    coordinator_client.post(
        reverse("checkpoints:annual_plan"),
        {"kind": "thanks", "title": "Joulukiitokset", "start": "2026-12-10", "end": "2027-01-10"},
    )
    activity = AnnualActivity.objects.get(title="Joulukiitokset")
    assert (activity.start_month, activity.start_day, activity.end_month, activity.end_day) == (12, 10, 1, 10)


def test_a_teacher_reads_but_cannot_add(teacher_client):
    assert teacher_client.get(reverse("checkpoints:annual_plan")).status_code == 200
    response = teacher_client.post(
        reverse("checkpoints:annual_plan"),
        {"kind": "event", "start_month": 1, "start_day": 1, "end_month": 1, "end_day": 2},
    )
    assert response.status_code == 403


def test_the_ics_parses_and_has_the_expected_yearly_events(teacher_client):
    AnnualActivity.objects.create(
        kind="thanks", title="Joulukiitokset", start_month=12, start_day=10, end_month=1, end_day=10
    )
    response = teacher_client.get(reverse("checkpoints:annual_plan_ics"))
    events = {str(e["summary"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}
    year = timezone.localdate().year
    assert events["Joulukiitokset"].decoded("dtstart") == datetime.date(year, 12, 10)
    assert events["Joulukiitokset"].decoded("dtend") == datetime.date(year + 1, 1, 11)  # across New Year
    assert events["Joulukiitokset"]["rrule"]["FREQ"] == ["YEARLY"]
    assert len([s for s in events if "survey" in s or "kysely" in s]) == 1  # both windows share a label
    assert len(list(Calendar.from_ical(response.content).walk("VEVENT"))) == 3


def test_the_year_clock_puts_overlapping_activities_on_separate_lanes(db):
    a = AnnualActivity(kind="event", start_month=3, start_day=1, end_month=4, end_day=1)
    b = AnnualActivity(kind="event", start_month=3, start_day=15, end_month=5, end_day=1)
    clock = year_clock([a, b])
    radii = [arc["d"].split(" A ")[1].split()[0] for arc in clock["arcs"]]
    assert radii[0] != radii[1]
    assert len(clock["months"]) == 12

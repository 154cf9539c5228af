"""The annual plan: pre-filled with the national survey windows, editable, a year clock and an
.ics that a calendar library reads back."""

import datetime
import math

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from checkpoints.annual_plan import MARKER, OUTER, next_instructor_survey, year_clock
from checkpoints.models import AnnualActivity

from ..factories import UserFactory


def test_the_plan_comes_with_the_national_survey_windows(db):
    windows = list(AnnualActivity.objects.filter(kind="national_survey"))
    assert [(w.start_month, w.end_month) for w in windows] == [(1, 2), (7, 8)]


def test_a_coordinator_adds_and_edits_an_activity(coordinator_client, coordinator):
    response = coordinator_client.post(
        reverse("checkpoints:annual_plan"),
        {"kind": "instructor_training", "title": "Ohjaajakoulutus", "start": "2026-09-15",
         "end": "2026-09-16", "responsible": coordinator.pk, "description": ""},
    )  # fmt: skip
    assert response.status_code == 302
    activity = AnnualActivity.objects.get(title="Ohjaajakoulutus")
    assert activity.responsible == coordinator
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


# The responsible person: a staff picker, the text of before migrated where a name matches.


def test_the_responsible_person_is_picked_from_the_staff_only(coordinator_client, teacher, coordinator):
    from django.contrib.auth.models import Group

    from core.models import Role

    outsider = UserFactory(username="ulkopuolinen", first_name="Ulla")  # in no staff group
    leaver = UserFactory(username="lahtija", is_active=False)
    leaver.groups.add(Group.objects.get(name=Role.TEACHER))
    form = coordinator_client.get(reverse("checkpoints:annual_plan")).context["form"]
    offered = set(form.fields["responsible"].queryset)
    assert offered == {teacher, coordinator}
    response = coordinator_client.post(
        reverse("checkpoints:annual_plan"),
        {"kind": "event", "title": "Messut", "start": "2026-03-01", "end": "2026-03-02",
         "responsible": outsider.pk},
    )  # fmt: skip
    assert response.status_code == 200 and response.context["form"].errors["responsible"]
    assert "Nothing was saved yet." in response.content.decode()
    assert not AnnualActivity.objects.filter(title="Messut").exists()


def test_the_plan_names_the_responsible_person_and_keeps_unmatched_old_text(teacher_client, teacher):
    AnnualActivity.objects.create(kind="event", title="Messut", start_month=3, start_day=1,
                                  end_month=3, end_day=2, responsible=teacher)  # fmt: skip
    AnnualActivity.objects.create(kind="thanks", title="Kiitokset", start_month=12, start_day=1,
                                  end_month=12, end_day=20, responsible_text="Rehtorin toimisto")  # fmt: skip
    html = teacher_client.get(reverse("checkpoints:annual_plan")).content.decode()
    assert "Responsible: Tiina Opettaja" in html
    assert "Responsible: Rehtorin toimisto" in html


def test_picking_a_staff_member_replaces_the_old_text_and_the_form_shows_it_until_then(
    coordinator_client, teacher
):
    activity = AnnualActivity.objects.create(
        kind="thanks", title="Kiitokset", start_month=12, start_day=1, end_month=12, end_day=20,
        responsible_text="T. Opettaja",
    )  # fmt: skip
    url = reverse("checkpoints:annual_activity_edit", args=[activity.pk])
    assert "T. Opettaja" in coordinator_client.get(url).content.decode()
    coordinator_client.post(url, {"kind": "thanks", "title": "Kiitokset", "start": "2026-12-01",
                                  "end": "2026-12-20", "responsible": ""})  # fmt: skip
    activity.refresh_from_db()
    assert activity.responsible_text == "T. Opettaja"  # nothing picked: nothing lost
    coordinator_client.post(url, {"kind": "thanks", "title": "Kiitokset", "start": "2026-12-01",
                                  "end": "2026-12-20", "responsible": teacher.pk})  # fmt: skip
    activity.refresh_from_db()
    assert activity.responsible == teacher and activity.responsible_text == ""


def test_the_migration_turns_a_matching_name_into_the_staff_member_and_keeps_the_rest(
    teacher, other_teacher, coordinator
):
    import importlib

    from django.apps import apps

    from core.models import User

    migration = importlib.import_module("checkpoints.migrations.0010_annual_activity_responsible_staff")
    namesake = UserFactory(username="olli2", first_name="Olli", last_name="Toinen")
    namesake.groups.add(*other_teacher.groups.all())
    outsider = UserFactory(username="ulla", first_name="Ulla", last_name="Ulkopuolinen")  # not staff
    texts = {
        "full name": " tiina  OPETTAJA ",
        "username": "Coordinator",
        "two staff of that name": "Olli Toinen",
        "not staff": "Ulla Ulkopuolinen",
        "no one": "Rehtorin toimisto",
    }
    made = {
        key: AnnualActivity.objects.create(
            kind="event", title=key, start_month=1, start_day=1, end_month=1, end_day=2, responsible_text=text
        )
        for key, text in texts.items()
    }
    migration.pick_staff(apps, None)
    found = {key: AnnualActivity.objects.get(pk=a.pk) for key, a in made.items()}
    assert found["full name"].responsible == teacher and found["full name"].responsible_text == ""
    assert found["username"].responsible == coordinator
    for key in ("two staff of that name", "not staff", "no one"):
        assert found[key].responsible is None and found[key].responsible_text == texts[key]
    assert User.objects.filter(pk=outsider.pk).exists()
    migration.back_to_text(apps, None)
    assert AnnualActivity.objects.get(pk=made["full name"].pk).responsible_text == "Tiina Opettaja"


def test_the_ics_names_the_responsible_person_as_organizer_or_in_the_description(teacher_client, teacher):
    from core.models import User

    no_mail = UserFactory(username="eiposti", first_name="Eino", last_name="Postiton", email="")
    AnnualActivity.objects.create(kind="event", title="Messut", start_month=3, start_day=1, end_month=3,
                                  end_day=2, responsible=teacher, description="Halli B")  # fmt: skip
    AnnualActivity.objects.create(kind="event", title="Ilta", start_month=4, start_day=1, end_month=4,
                                  end_day=1, responsible=User.objects.get(pk=no_mail.pk))  # fmt: skip
    response = teacher_client.get(reverse("checkpoints:annual_plan_ics"))
    events = {str(e["summary"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}
    organizer = events["Messut"]["organizer"]
    assert str(organizer) == f"mailto:{teacher.email}" and organizer.params["CN"] == "Tiina Opettaja"
    assert str(events["Messut"]["description"]) == "Responsible: Tiina Opettaja\n\nHalli B"
    assert "organizer" not in events["Ilta"]
    assert str(events["Ilta"]["description"]) == "Responsible: Eino Postiton"
    assert "ORGANIZER;CN=" in response.content.decode()  # a parameter, as RFC 5545 3.2.2 has it


# The instructor survey's rhythm beside the workplace survey windows.


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (datetime.date(2026, 12, 2), datetime.date(2026, 12, 16)),
        (datetime.date(2026, 12, 16), datetime.date(2026, 12, 16)),
        (datetime.date(2026, 12, 17), datetime.date(2027, 1, 1)),
        (datetime.date(2027, 2, 1), datetime.date(2027, 2, 1)),
    ],
)
def test_the_next_instructor_survey_is_on_the_1st_or_the_16th(today, expected):
    assert next_instructor_survey(today) == expected


def test_the_plan_shows_the_instructor_survey_beside_the_workplace_survey_windows(
    teacher_client, django_assert_num_queries
):
    # the user with their roles, the branding, the activities with their responsible person
    with (
        time_machine.travel(datetime.datetime(2026, 12, 2, 10, tzinfo=datetime.UTC)),
        django_assert_num_queries(3),
    ):
        response = teacher_client.get(reverse("checkpoints:annual_plan"))
    html = response.content.decode()
    start = html.index('id="national-feedback"')
    section = html[start : html.index("</section>", start)]
    assert '<dd data-survey="workplace">1.1.–28.2., 1.7.–31.8.</dd>' in section
    assert "Sent on day 1 and day 16 of every month" in section and "12/16/2026" in section
    assert html.count('class="clock-survey-day"') == 24


def test_the_plan_page_has_no_n_plus_one(teacher_client, teacher, django_assert_num_queries):
    for month in range(1, 13):
        AnnualActivity.objects.create(kind="event", title=f"K{month}", start_month=month, start_day=1,
                                      end_month=month, end_day=5, responsible=teacher)  # fmt: skip
    with django_assert_num_queries(3):
        teacher_client.get(reverse("checkpoints:annual_plan"))


# Overlapping activities stay readable: every number on the clock has room of its own.


def _distance(a, b) -> float:
    return math.hypot(a.x - b.x, a.y - b.y)


@pytest.mark.parametrize(
    "dates",
    [
        # six activities starting in March on consecutive days
        [((3, day), (3, day + 1)) for day in range(1, 7)],
        # one after the other with no gap: each ends the day before the next starts
        [((5, 1), (5, 1)), ((5, 2), (5, 2)), ((5, 3), (5, 10)), ((5, 11), (5, 12))],
        # the same day, and one across the turn of the year with one in early January
        [((9, 1), (9, 30)), ((9, 1), (9, 2)), ((9, 1), (10, 1)), ((12, 30), (1, 2)), ((1, 1), (1, 1))],
    ],
)
def test_the_numbers_of_activities_in_the_same_month_never_overlap(dates):
    activities = [
        AnnualActivity(kind="event", start_month=s[0], start_day=s[1], end_month=e[0], end_day=e[1])
        for s, e in dates
    ]
    markers = [arc["marker"] for arc in year_clock(activities)["arcs"]]
    assert [m.number for m in markers] == list(range(1, len(dates) + 1))
    for i, a in enumerate(markers):
        for b in markers[i + 1 :]:
            # rounding of the coordinates to 0.1 aside
            assert _distance(a, b) >= 2 * MARKER - 0.2, (a, b)


def test_activities_that_do_not_overlap_share_the_outer_lane(db):
    activities = [
        AnnualActivity(kind="event", start_month=1, start_day=1, end_month=2, end_day=28),
        AnnualActivity(kind="event", start_month=7, start_day=1, end_month=8, end_day=31),
    ]
    radii = {arc["d"].split(" A ")[1].split()[0] for arc in year_clock(activities)["arcs"]}
    assert radii == {str(OUTER)}


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        (
            "fi",
            [
                "Valtakunnallinen työelämäpalaute",
                "Lähetetään kuukauden 1. ja 16. päivänä",
                "Vastuussa: Tiina",
            ],
        ),
        ("sv", ["Nationell arbetslivsrespons", "Skickas den 1 och den 16 varje månad", "Ansvarig: Tiina"]),
        (
            "en",
            [
                "National working-life feedback",
                "Sent on day 1 and day 16 of every month",
                "Responsible: Tiina",
            ],
        ),
    ],
)
def test_the_plan_speaks_finnish_swedish_and_english(teacher_client, teacher, language, texts):
    AnnualActivity.objects.create(
        kind="event", title="Messut", start_month=3, start_day=1, end_month=3, end_day=2, responsible=teacher
    )
    teacher.language = language
    teacher.save(update_fields=["language"])
    html = teacher_client.get(reverse("checkpoints:annual_plan")).content.decode()
    assert f'lang="{language}"' in html
    for text in texts:
        assert text in html

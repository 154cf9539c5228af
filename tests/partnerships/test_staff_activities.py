"""Staff in working life's pages: a teacher records and reads their own, a coordinator
everyone's; the list's filters and export, the detail and the history, the yearly summary per
unit with its CSV, the dashboard's count and the self-assessment beside the developing
partnership's questions."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from checkpoints import services as checkpoint_services
from partnerships import services
from partnerships.models import StaffActivity

from ..factories import EmployerFactory, UnitFactory

pytestmark = pytest.mark.django_db
QUERIES = 6  # the coordinator's list with its filters' choices, whatever its number of rows


def record(by, *, title="Jakso lämpöpumpuissa", starts_on=None, days=1, kind="work_period", **data):
    starts_on = starts_on or timezone.localdate()
    return services.staff_activity_create(
        by=by,
        data={
            "kind": kind,
            "title": title,
            "organisation_name": "Savon Lämpö Oy",
            "starts_on": starts_on,
            "ends_on": starts_on + datetime.timedelta(days=days - 1),
            **data,
        },
    )


def test_a_teacher_records_their_own_period_through_the_form(teacher, teacher_client):
    employer = EmployerFactory(name="Savon Lämpö Oy")
    form = teacher_client.get(reverse("partnerships:staff_activity_create"), {"employer": employer.pk})
    assert "staff_member" not in form.context["form"].fields
    assert form.context["form"].initial["employer"] == employer.pk
    response = teacher_client.post(
        reverse("partnerships:staff_activity_create"),
        {
            "kind": "work_period",
            "title": "Kaksi viikkoa asennuksissa",
            "employer": employer.pk,
            "starts_on": "14.9.2026",
            "ends_on": "25.9.2026",
            "notes": "Uudet kylmäaineet opetukseen.",
            # A crafted field is ignored: the teacher's form has none.
            "staff_member": "999",
        },
    )
    activity = StaffActivity.objects.get()
    assert response.url == activity.get_absolute_url()
    assert activity.staff_member == teacher and activity.days == 12
    page = teacher_client.get(activity.get_absolute_url()).content.decode()
    assert "Kaksi viikkoa asennuksissa" in page and "Savon Lämpö Oy" in page
    assert reverse("partnerships:history", args=["staff_activity", activity.pk]) not in page


def test_bad_dates_are_refused_with_a_translated_error_and_nothing_saved(teacher_client):
    response = teacher_client.post(
        reverse("partnerships:staff_activity_create"),
        {
            "kind": "forum",
            "title": "Foorumi",
            "organisation_name": "Kuopion kauppakamari",
            "starts_on": "14.9.2026",
            "ends_on": "12.9.2026",
        },
        HTTP_ACCEPT_LANGUAGE="fi",
    )
    assert response.status_code == 200 and not StaffActivity.objects.exists()
    assert "Loppu ei voi olla ennen alkua." in response.content.decode()
    # What was typed is still there.
    assert response.context["form"]["title"].value() == "Foorumi"


def test_a_coordinator_records_for_a_teacher_and_reads_the_history(
    coordinator, teacher, coordinator_client, teacher_client
):
    response = coordinator_client.post(
        reverse("partnerships:staff_activity_create"),
        {
            "staff_member": teacher.pk,
            "kind": "development_day",
            "title": "Yhteinen kehittämispäivä",
            "organisation_name": "Rakennusteollisuus",
            "starts_on": "2.10.2026",
            "ends_on": "2.10.2026",
        },
    )
    activity = StaffActivity.objects.get()
    assert response.url == activity.get_absolute_url() and activity.staff_member == teacher
    coordinator_client.post(
        reverse("partnerships:staff_activity_edit", args=[activity.pk]),
        {
            "staff_member": teacher.pk,
            "kind": "development_day",
            "title": "Yhteinen koulutuspäivä",
            "organisation_name": "Rakennusteollisuus",
            "starts_on": "2.10.2026",
            "ends_on": "2.10.2026",
        },
    )
    history = coordinator_client.get(reverse("partnerships:history", args=["staff_activity", activity.pk]))
    assert "Yhteinen kehittämispäivä" in history.content.decode()
    # The teacher sees it as their own.
    assert (
        "Yhteinen koulutuspäivä"
        in teacher_client.get(reverse("partnerships:staff_activity_list")).content.decode()
    )


def test_a_teacher_sees_and_edits_only_their_own(teacher, other_teacher, teacher_client):
    own = record(teacher, title="Oma jakso")
    theirs = record(other_teacher, title="Kollegan jakso")
    page = teacher_client.get(reverse("partnerships:staff_activity_list")).content.decode()
    assert "Oma jakso" in page and "Kollegan jakso" not in page
    assert teacher_client.get(theirs.get_absolute_url()).status_code == 404
    assert (
        teacher_client.get(reverse("partnerships:staff_activity_edit", args=[theirs.pk])).status_code == 404
    )
    assert teacher_client.get(reverse("partnerships:staff_activity_edit", args=[own.pk])).status_code == 200
    assert teacher_client.get(reverse("partnerships:staff_activity_summary")).status_code == 403


def test_the_list_filters_and_exports_csv(coordinator, teacher, other_teacher, coordinator_client):
    unit = UnitFactory(name="Kuopion kampus")
    teacher.unit = unit
    teacher.save()
    record(teacher, title="=Jakso", days=5)
    record(other_teacher, title="Foorumi", kind="forum")
    record(teacher, title="Vanha", starts_on=datetime.date(2024, 5, 2))
    year = timezone.localdate().year
    response = coordinator_client.get(
        reverse("partnerships:staff_activity_list"), {"year": year, "unit": unit.pk, "format": "csv"}
    )
    rows = list(
        csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";")
    )
    assert len(rows) == 2 and rows[1][4] == "'=Jakso" and rows[1][2] == "5" and rows[1][6] == "Kuopion kampus"
    page = coordinator_client.get(
        reverse("partnerships:staff_activity_list"), {"kind": "forum"}
    ).content.decode()
    assert "Foorumi" in page and "Vanha" not in page


def test_the_list_query_count_does_not_grow_with_the_rows(
    coordinator, teacher, coordinator_client, django_assert_num_queries
):
    record(teacher)
    url = reverse("partnerships:staff_activity_list")
    with django_assert_num_queries(QUERIES):
        coordinator_client.get(url)
    for n in range(10):
        record(teacher, title=f"Lisää {n}", employer=EmployerFactory())
    with django_assert_num_queries(QUERIES):
        response = coordinator_client.get(url)
    assert response.content.decode().count("Lisää") == 10


def test_the_summary_page_and_its_csv(coordinator, teacher, coordinator_client, django_assert_num_queries):
    teacher.unit = UnitFactory(name="Kuopion kampus")
    teacher.save()
    record(teacher, starts_on=datetime.date(2026, 3, 2), days=10)
    record(teacher, starts_on=datetime.date(2026, 4, 2), kind="forum")
    url = reverse("partnerships:staff_activity_summary")
    response = coordinator_client.get(url, {"year": 2026})
    assert [row.total for row in response.context["summary"].rows] == [2]
    assert "Kuopion kampus" in response.content.decode()
    response = coordinator_client.get(url, {"year": 2026, "format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Unit" and rows[1] == ["Kuopion kampus", "1", "1", "0", "1", "10", "2"]
    assert rows[-1] == ["Total", "1", "1", "0", "1", "10", "2"]
    # A year out of the choices is not an error page: this year's summary, the form says why.
    response = coordinator_client.get(url, {"year": "1066"})
    assert response.status_code == 200 and response.context["year"] == timezone.localdate().year
    assert response.context["form"].errors


def test_the_dashboard_counts_the_years_activities(coordinator, teacher, coordinator_client, teacher_client):
    record(teacher, days=3)
    record(coordinator, kind="forum", title="Foorumi")
    response = coordinator_client.get(reverse("partnerships:review_dashboard"))
    assert response.context["staff_activities"]["activities"] == 2
    assert response.context["staff_activities"]["period_days"] == 3
    assert f"{reverse('partnerships:staff_activity_list')}?year={timezone.localdate().year}" in (
        response.content.decode()
    )
    assert (
        teacher_client.get(reverse("partnerships:review_dashboard")).context["staff_activities"]["activities"]
        == 1
    )


def test_the_self_assessment_shows_them_beside_the_developing_questions(
    coordinator, teacher, coordinator_client
):
    record(teacher, title="Kevään työelämäjakso", starts_on=datetime.date(2026, 4, 2), days=5)
    record(teacher, title="Edellisvuoden jakso", starts_on=datetime.date(2025, 4, 2))
    assessment = checkpoint_services.self_assessment_open(by=coordinator, year=2026, unit=None)
    response = coordinator_client.get(reverse("checkpoints:self_assessment", args=[assessment.pk]))
    blocks = {block["level"].key: block["evidence"] for block in response.context["workbook"]}
    assert [item["context"]["total"] for item in blocks["developing"]] == [1]
    page = response.content.decode()
    assert "Kevään työelämäjakso" in page and "Edellisvuoden jakso" not in page
    developing = page.index('id="level-developing"')
    assert developing < page.index("Kevään työelämäjakso") < page.index("<fieldset", developing)


def test_the_navigation_leads_to_the_list(teacher_client):
    page = teacher_client.get(reverse("partnerships:home")).content.decode()
    assert reverse("partnerships:staff_activity_list") in page

# ruff: noqa: F811 (the shared `setting` fixture is imported and taken as an argument)
"""Summer periods (kesän ajalle): an agreement or a work period is marked as for the summer,
the agreement list filters by it and the export reports it."""

import datetime

from django.urls import reverse

from partnerships.models import Agreement

from ..factories import training_agreement
from .test_agreement_views import form_data, setting  # noqa: F401
from .test_exports import csv_rows


def test_the_form_marks_an_agreement_and_a_work_period_for_the_summer(setting, teacher_client):
    response = teacher_client.post(
        reverse("partnerships:agreement_create"),
        form_data(setting, for_summer="on", **{"periods-0-for_summer": "on"}),
    )
    assert response.status_code == 302
    agreement = Agreement.objects.get()
    assert agreement.for_summer and agreement.work_periods.get().for_summer
    page = teacher_client.get(agreement.get_absolute_url()).content.decode()
    assert "For the summer" in page


def test_an_agreement_is_not_for_the_summer_unless_marked(setting, teacher_client):
    teacher_client.post(reverse("partnerships:agreement_create"), form_data(setting))
    agreement = Agreement.objects.get()
    assert not agreement.for_summer and not agreement.work_periods.get().for_summer


def test_the_list_filter_finds_summer_agreements_and_agreements_with_a_summer_period(teacher, teacher_client):
    day = datetime.date(2027, 6, 1)
    summer = training_agreement(
        teacher=teacher, start=day, end=day + datetime.timedelta(days=60), for_summer=True
    )
    with_summer_period = training_agreement(teacher=teacher, start=day, end=day + datetime.timedelta(days=30))
    with_summer_period.work_periods.update(for_summer=True)
    other = training_agreement(teacher=teacher, start=day, end=day + datetime.timedelta(days=30))
    response = teacher_client.get(reverse("partnerships:agreement_list"), {"summer": "on"})
    shown = {row["agreement"].pk for row in response.context["rows"]}
    assert shown == {summer.pk, with_summer_period.pk}
    everything = teacher_client.get(reverse("partnerships:agreement_list"))
    assert other.pk in {row["agreement"].pk for row in everything.context["rows"]}


def test_the_export_reports_whether_an_agreement_is_for_the_summer(teacher, teacher_client):
    day = datetime.date(2027, 6, 1)
    training_agreement(teacher=teacher, start=day, end=day + datetime.timedelta(days=60), for_summer=True)
    training_agreement(teacher=teacher, start=day, end=day + datetime.timedelta(days=10))
    rows = csv_rows(teacher_client.get(reverse("partnerships:agreement_list"), {"format": "csv"}))
    column = rows[0].index("For the summer")
    assert sorted(row[column] for row in rows[1:]) == ["", "x"]

"""Lists export to CSV (as Finnish Excel reads it) and XLSX, with the list's filters, and no
cell can become a formula."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from partnerships.exports import neutralise

from ..factories import ContactFactory, EmployerFactory, StudentFactory, training_agreement

pytestmark = pytest.mark.django_db


def csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads UTF-8 with a byte-order mark
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def xlsx_rows(response) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [tuple(cell.value for cell in row) for row in sheet.iter_rows()]


@pytest.mark.parametrize("value", ["=1+1", "+358401234567", "-2+3", "@SUM(A1)", "\t=cmd", "\r=x"])
def test_formula_starts_are_neutralised(value):
    assert neutralise(value) == "'" + value


def test_plain_values_pass_unchanged():
    assert neutralise("Sähkö-Virtanen Oy") == "Sähkö-Virtanen Oy"
    assert neutralise(3) == 3 and neutralise(None) == "" and neutralise(True) == "x"


def test_the_employer_list_exports_with_its_filters(teacher_client):
    EmployerFactory(name='=HYPERLINK("http://evil")', sector="C")
    EmployerFactory(name="Rakennus Ääri Oy", sector="F")
    EmployerFactory(name="Kauppa Oy", sector="G")
    url = reverse("partnerships:employer_list")
    response = teacher_client.get(url, {"sector": "F", "format": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="employers-')
    rows = csv_rows(response)
    assert rows[0][:2] == ["Name", "Business ID"] and [r[0] for r in rows[1:]] == ["Rakennus Ääri Oy"]
    everything = csv_rows(teacher_client.get(url, {"format": "csv"}))
    assert '\'=HYPERLINK("http://evil")' in [r[0] for r in everything]
    book = xlsx_rows(teacher_client.get(url, {"format": "xlsx"}))
    names = [row[0] for row in book[1:]]
    assert '=HYPERLINK("http://evil")' in names  # stored as text, never as a formula
    sheet = load_workbook(io.BytesIO(teacher_client.get(url, {"format": "xlsx"}).content)).active
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_agreements_students_and_contacts_export(teacher_client, teacher, teacher_group):
    today = datetime.date.today()
    student = StudentFactory(group=teacher_group, first_name="Aino", last_name="Ääri")
    agreement = training_agreement(
        teacher=teacher, student=student, start=today, end=today + datetime.timedelta(days=30)
    )
    ContactFactory(employer=agreement.workplace.employer, author=teacher, summary="-soitto", date=today)
    agreements = csv_rows(teacher_client.get(reverse("partnerships:agreement_list"), {"format": "csv"}))
    assert agreements[1][0] == "Aino Ääri" and agreements[1][9] == today.strftime("%-d.%-m.%Y")
    students = xlsx_rows(teacher_client.get(reverse("partnerships:student_list"), {"format": "xlsx"}))
    assert students[1][:2] == ("Ääri", "Aino")
    contacts = csv_rows(
        teacher_client.get(
            reverse("partnerships:contact_export"),
            {"employer": agreement.workplace.employer.pk, "format": "csv"},
        )
    )
    assert len(contacts) == 2 and contacts[1][4] == "'-soitto"
    none = csv_rows(
        teacher_client.get(
            reverse("partnerships:contact_export"),
            {"since": (today + datetime.timedelta(days=1)).isoformat()},
        )
    )
    assert len(none) == 1


def test_the_export_runs_a_constant_number_of_queries(teacher_client, teacher, django_assert_max_num_queries):
    for _ in range(3):
        EmployerFactory()
    with django_assert_max_num_queries(12) as few:
        b"".join(
            teacher_client.get(reverse("partnerships:employer_list"), {"format": "csv"}).streaming_content
        )
    for _ in range(30):
        EmployerFactory()
    with django_assert_max_num_queries(len(few.captured_queries)):
        b"".join(
            teacher_client.get(reverse("partnerships:employer_list"), {"format": "csv"}).streaming_content
        )


def test_feedback_exports_its_scores(coordinator_client, teacher):
    from django.utils import timezone

    from partnerships.models import FeedbackAnswer, FeedbackRequest

    today = datetime.date.today()
    agreement = training_agreement(teacher=teacher, start=today - datetime.timedelta(days=20), end=today)
    feedback = FeedbackRequest.objects.create(
        work_period=agreement.work_periods.get(),
        respondent="student",
        email="s@opisto.example",
        answered_at=timezone.now(),
        comment="=kaikki hyvin",
    )
    FeedbackAnswer.objects.create(request=feedback, question="planning", checkpoint=3, score=4)
    rows = xlsx_rows(coordinator_client.get(reverse("partnerships:feedback_list"), {"format": "xlsx"}))
    header, row = rows[0], rows[1]
    assert row[header.index("The work period was planned together beforehand.")] == 4
    assert row[header.index("Comment")] == "=kaikki hyvin"

# ruff: noqa: F811 (the shared `setting` fixture is imported and taken as an argument)
"""The student's path: both agreement types month by month, with their periods, interruptions,
summer periods, demonstrations and the checkpoint items due; "Molempi parempi" at a glance."""

import datetime
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from partnerships import services
from partnerships.selectors.timeline import Combination, student_path

from ...factories import ContactPersonFactory, EmployerFactory, QualificationUnitFactory
from ..test_agreement_rules import END, START, apprenticeship, create, period, setting, training  # noqa: F401

TODAY = START - datetime.timedelta(days=30)


def an_apprenticeship(setting, start, end, **data):
    employer = EmployerFactory()
    return create(
        setting,
        apprenticeship(
            setting,
            workplace=employer.workplaces.get(),
            instructor=ContactPersonFactory(employer=employer),
            **data,
        ),
        [period(setting, start=start, end=end, unit=QualificationUnitFactory(), part_time_percent=80)],
    )


def test_one_type_only_is_no_combination(setting):
    create(setting, training(setting))
    assert student_path(setting["student"], TODAY).combination is None


def test_both_types_one_after_the_other_are_a_sequence(setting):
    create(setting, training(setting))
    an_apprenticeship(setting, END + datetime.timedelta(days=1), END + datetime.timedelta(days=200))
    path = student_path(setting["student"], TODAY)
    assert path.combination == Combination.SEQUENCE
    assert "one after the other" in path.combination_label


def test_both_types_at_the_same_time_are_concurrent(setting):
    create(setting, training(setting))
    an_apprenticeship(setting, END, END + datetime.timedelta(days=200))  # shares the last day
    assert student_path(setting["student"], TODAY).combination == Combination.CONCURRENT


def test_a_cancelled_agreement_makes_no_combination(setting):
    create(setting, training(setting))
    other = an_apprenticeship(setting, END + datetime.timedelta(days=1), END + datetime.timedelta(days=90))
    services.agreement_change_status(agreement=other, by=setting["teacher"], status="cancelled")
    assert student_path(setting["student"], TODAY).combination is None


def test_the_months_hold_periods_interruptions_summer_demonstrations_and_items_due(setting):
    agreement = create(setting, training(setting, for_summer=True))
    work_period = agreement.work_periods.get()
    services.interruption_record(
        period=work_period,
        by=setting["teacher"],
        data={"start": datetime.date(2027, 2, 1), "end": datetime.date(2027, 2, 5), "reason": "sickness"},
    )
    services.demonstration_save(
        by=setting["teacher"],
        student=setting["student"],
        data={
            "unit": setting["unit"],
            "teacher_assessor": setting["teacher"],
            "date": datetime.date(2027, 3, 10),
        },
    )
    path = student_path(setting["student"], TODAY)
    # Items fall due after the end too (e.g. the thanks), so the path goes on after March.
    assert [m.first_day for m in path.months[:3]] == [datetime.date(2027, m, 1) for m in (1, 2, 3)]
    january, february, march = path.months[:3]
    [first] = [e for e in january.events if e.kind == "period"]
    assert (first.day, first.detail, first.summer) == (START, "100 %", True)
    assert "item" in {e.kind for e in january.events}  # e.g. the induction by the first day
    assert [e.label for e in february.events if e.kind == "interruption"] == ["Sickness"]
    assert [e.day for e in march.events if e.kind == "demonstration"] == [datetime.date(2027, 3, 10)]
    # The period started in January runs on through February and March.
    assert [p for _a, p in february.running] == [work_period]


def test_a_settled_item_is_not_shown_as_due(setting):
    agreement = create(setting, training(setting))
    services.agreement_item_record(
        agreement=agreement, by=setting["teacher"], kind="induction", done_on=timezone.localdate()
    )
    labels = [
        e.label for m in student_path(setting["student"], TODAY).months for e in m.events if e.kind == "item"
    ]
    assert labels and not any("inducted" in label for label in labels)


def test_the_student_page_shows_the_path_in_constant_queries(setting, teacher_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as queries:
            html = teacher_client.get(setting["student"].get_absolute_url()).content.decode()
        return len(queries), html

    create(setting, training(setting))
    one, _html = count()
    for i in range(1, 5):
        start = END + datetime.timedelta(days=60 * i)
        an_apprenticeship(setting, start, start + datetime.timedelta(days=40), hours_per_week=Decimal(30))
    many, html = count()
    assert one == many
    assert "student-path" in html, html[html.find("<main") :][:3000]
    assert "Molempi parempi" in html


def test_the_path_prints_as_a_pdf(setting, teacher_client):
    from ...brochures.pdfs import text_of

    create(setting, training(setting))
    response = teacher_client.get(reverse("partnerships:student_path_pdf", args=[setting["student"].pk]))
    assert response["Content-Type"] == "application/pdf"
    text = text_of(response.content)
    assert setting["student"].full_name in text and "Sähkö-Virtanen Oy" in text and "11.1." in text


def test_another_teacher_cannot_print_the_path(setting, other_teacher_client):
    assert (
        other_teacher_client.get(
            reverse("partnerships:student_path_pdf", args=[setting["student"].pk])
        ).status_code
        == 404
    )


def test_the_student_page_reads_the_agreements_and_demonstrations_once_for_its_path(setting, teacher_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    agreement = create(setting, training(setting))
    services.interruption_record(
        period=agreement.work_periods.get(),
        by=setting["teacher"],
        data={"start": datetime.date(2027, 2, 1), "end": datetime.date(2027, 2, 5), "reason": "sickness"},
    )
    for day, cancelled in ((datetime.date(2027, 3, 10), False), (datetime.date(2027, 3, 12), True)):
        demonstration = services.demonstration_save(
            by=setting["teacher"],
            student=setting["student"],
            data={"unit": setting["unit"], "teacher_assessor": setting["teacher"], "date": day},
        )
        if cancelled:
            type(demonstration).objects.filter(pk=demonstration.pk).update(status="cancelled")
    with CaptureQueriesContext(connection) as queries:
        response = teacher_client.get(setting["student"].get_absolute_url())
    sqls = [q["sql"] for q in queries]
    assert sum(sql.startswith('SELECT "partnerships_agreement"."id"') for sql in sqls) == 1
    for table in ("agreementitem", "demonstration", "interruption", "workperiod"):
        assert sum(sql.startswith(f'SELECT "partnerships_{table}"."id"') for sql in sqls) == 1, table
    # The same path as the selector reads on its own: the cancelled demonstration left out.
    shown, alone = response.context["path"], student_path(setting["student"], timezone.localdate())
    assert [(m.first_day, [(e.kind, e.day, str(e.label)) for e in m.events]) for m in shown.months] == [
        (m.first_day, [(e.kind, e.day, str(e.label)) for e in m.events]) for m in alone.months
    ]
    demonstrations = [e.day for m in shown.months for e in m.events if e.kind == "demonstration"]
    assert demonstrations == [datetime.date(2027, 3, 10)]
    assert len(response.context["demonstrations"]) == 2  # the page's own list shows both

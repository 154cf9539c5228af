"""Every agreement rule from both sides, through the service (the same rules.py serves the
forms and the admin)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from partnerships import services
from partnerships.models import Agreement, AgreementStatus, InterruptionReason

from ..factories import (
    ContactPersonFactory,
    EmployerFactory,
    QualificationUnitFactory,
    StudentFactory,
)

START = datetime.date(2027, 1, 11)
END = datetime.date(2027, 3, 26)


@pytest.fixture
def setting(teacher, teacher_group):
    employer = EmployerFactory(name="Sähkö-Virtanen Oy")
    return {
        "student": StudentFactory(group=teacher_group, date_of_birth=datetime.date(2000, 5, 1)),
        "workplace": employer.workplaces.get(),
        "instructor": ContactPersonFactory(employer=employer, is_instructor=True),
        "unit": QualificationUnitFactory(),
        "teacher": teacher,
    }


def apprenticeship(setting, **overrides):
    data = {
        "type": "apprenticeship",
        "student": setting["student"],
        "workplace": setting["workplace"],
        "instructor": setting["instructor"],
        "responsible_teacher": setting["teacher"],
        "hoks_reference": "HOKS-2027-1",
        "hours_per_week": Decimal("37.5"),
        "wage_confirmed": True,
    }
    return {**data, **overrides}


def training(setting, **overrides):
    data = {
        "type": "training",
        "student": setting["student"],
        "workplace": setting["workplace"],
        "instructor": setting["instructor"],
        "responsible_teacher": setting["teacher"],
        "hoks_reference": "HOKS-2027-2",
        "days_per_week": Decimal(4),
    }
    return {**data, **overrides}


def period(setting, start=START, end=END, **overrides):
    return {"unit": setting["unit"], "start": start, "end": end, "part_time_percent": 100, **overrides}


def create(setting, data, periods=None):
    return services.agreement_create(
        by=setting["teacher"], data=data, periods=periods if periods is not None else [period(setting)]
    )


def refused(setting, data, periods=None) -> dict:
    return refused_after(setting, data, periods, existing=0)


def refused_after(setting, data, periods=None, *, existing: int) -> dict:
    """Refused with these errors, and nothing saved beside the `existing` agreements."""
    with pytest.raises(ValidationError) as excinfo:
        create(setting, data, periods)
    assert Agreement.objects.count() == existing
    return excinfo.value.message_dict


# Apprenticeship ---------------------------------------------------------------------------


def test_a_full_time_apprenticeship_is_accepted(setting):
    agreement = create(setting, apprenticeship(setting))
    assert agreement.status == AgreementStatus.DRAFT
    assert agreement.work_periods.count() == 1


def test_an_apprenticeship_under_25_hours_a_week_is_refused(setting):
    errors = refused(setting, apprenticeship(setting, hours_per_week=Decimal(20)))
    assert any("at least 25 working hours" in m for m in errors["hours_per_week"])


def existing_apprenticeship(setting, hours, start=START, end=END):
    """Another employer's part-time apprenticeship already on file (saved without the service)."""
    other = EmployerFactory()
    agreement = Agreement.objects.create(
        type="apprenticeship",
        student=setting["student"],
        workplace=other.workplaces.get(),
        instructor=ContactPersonFactory(employer=other),
        responsible_teacher=setting["teacher"],
        created_by=setting["teacher"],
        hoks_reference="HOKS-OTHER",
        hours_per_week=Decimal(hours),
        wage_confirmed=True,
    )
    agreement.work_periods.create(unit=QualificationUnitFactory(), start=start, end=end, part_time_percent=40)
    return agreement


def test_concurrent_apprenticeships_together_make_up_the_25_hours(setting):
    existing_apprenticeship(setting, 12)
    assert create(setting, apprenticeship(setting, hours_per_week=Decimal(15))).pk


def test_a_concurrent_apprenticeship_counts_only_in_the_weeks_it_runs(setting):
    existing_apprenticeship(setting, 12, end=START + datetime.timedelta(days=20))
    errors = refused_after(setting, apprenticeship(setting, hours_per_week=Decimal(15)), existing=1)
    assert any("here 15" in m for m in errors["hours_per_week"])


def test_an_apprenticeship_without_the_wage_confirmed_is_refused(setting):
    errors = refused(setting, apprenticeship(setting, wage_confirmed=False))
    assert "wage_confirmed" in errors


def test_an_entrepreneurs_apprenticeship_needs_no_wage_and_no_instructor(setting):
    agreement = create(
        setting, apprenticeship(setting, is_entrepreneur=True, wage_confirmed=False, instructor=None)
    )
    assert agreement.is_entrepreneur


def test_an_entrepreneurs_apprenticeship_gets_no_training_compensation(setting):
    errors = refused(
        setting,
        apprenticeship(setting, is_entrepreneur=True, training_compensation=Decimal(300)),
    )
    assert "training_compensation" in errors


def test_an_apprenticeship_may_have_a_training_compensation(setting):
    agreement = create(setting, apprenticeship(setting, training_compensation=Decimal("450.00")))
    assert agreement.training_compensation == Decimal("450.00")


def test_an_apprentice_under_15_on_the_start_date_is_refused(setting):
    student = setting["student"]
    student.date_of_birth = START.replace(year=START.year - 15) + datetime.timedelta(days=1)
    student.save()
    errors = refused(setting, apprenticeship(setting, young_workers_considered=True))
    assert any("at least 15" in m for m in errors["__all__"])


def test_an_apprentice_who_turns_15_on_the_start_date_is_accepted(setting):
    student = setting["student"]
    student.date_of_birth = START.replace(year=START.year - 15)
    student.save()
    assert create(setting, apprenticeship(setting, young_workers_considered=True)).pk


def test_without_a_date_of_birth_the_teacher_confirms_the_age(setting):
    student = setting["student"]
    student.date_of_birth = None
    student.save()
    assert "age_confirmed" in refused(setting, apprenticeship(setting))
    assert create(setting, apprenticeship(setting, age_confirmed=True)).pk


# Training agreement -----------------------------------------------------------------------


def test_a_training_agreement_is_accepted(setting):
    assert create(setting, training(setting)).type == "training"


def test_a_training_agreement_has_no_wage(setting):
    assert "wage_confirmed" in refused(setting, training(setting, wage_confirmed=True))


def test_a_training_agreement_has_no_compensation_without_special_support(setting):
    assert "training_compensation" in refused(setting, training(setting, training_compensation=Decimal(100)))


def test_special_support_compensation_needs_its_reason(setting):
    errors = refused(setting, training(setting, special_support=True, training_compensation=Decimal(100)))
    assert "special_support_reason" in errors
    agreement = create(
        setting,
        training(
            setting,
            special_support=True,
            training_compensation=Decimal(100),
            special_support_reason="Vaativa erityinen tuki: ohjaus vie ohjaajalta puolet työajasta.",
        ),
    )
    assert agreement.training_compensation == Decimal(100)


@pytest.mark.parametrize("days", [Decimal("0.5"), Decimal(6)])
def test_days_outside_one_to_five_are_a_warning_the_teacher_confirms(setting, days):
    errors = refused(setting, training(setting, days_per_week=days))
    assert "days_outside_guidance_confirmed" in errors
    assert create(setting, training(setting, days_per_week=days, days_outside_guidance_confirmed=True)).pk


def test_a_training_agreement_cannot_be_an_entrepreneurs(setting):
    assert "is_entrepreneur" in refused(setting, training(setting, is_entrepreneur=True))


# Both types -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", [apprenticeship, training])
def test_a_student_under_18_needs_the_young_workers_rules_considered(setting, kind):
    student = setting["student"]
    student.date_of_birth = START.replace(year=START.year - 17)
    student.save()
    assert "young_workers_considered" in refused(setting, kind(setting))
    assert create(setting, kind(setting, young_workers_considered=True)).pk


def test_the_instructor_must_work_for_the_workplaces_employer(setting):
    errors = refused(setting, training(setting, instructor=ContactPersonFactory()))
    assert "instructor" in errors


def test_a_work_period_cannot_end_before_it_starts(setting):
    with pytest.raises(services.AgreementInvalid) as excinfo:
        create(setting, training(setting), [period(setting, start=END, end=START)])
    assert 0 in excinfo.value.period_errors
    assert Agreement.objects.count() == 0


@pytest.mark.parametrize("percent", [0, 101])
def test_the_part_time_percentage_is_1_to_100(setting, percent):
    with pytest.raises(services.AgreementInvalid) as excinfo:
        create(setting, training(setting), [period(setting, part_time_percent=percent)])
    assert "part_time_percent" in excinfo.value.period_errors[0].message_dict


def test_an_agreement_needs_a_work_period(setting):
    errors = refused(setting, training(setting), periods=[])
    assert errors["__all__"]


def test_both_types_combine_for_different_units_side_by_side(setting):
    create(setting, apprenticeship(setting))
    other_unit = QualificationUnitFactory()
    assert create(setting, training(setting), [period(setting, unit=other_unit)]).pk


def test_the_same_unit_twice_at_the_same_time_is_a_warning(setting):
    create(setting, apprenticeship(setting))
    assert "overlap_confirmed" in refused_after(setting, training(setting), existing=1)
    assert create(setting, training(setting, overlap_confirmed=True)).pk


def test_the_same_unit_in_sequence_is_fine(setting):
    create(setting, apprenticeship(setting))
    later = period(setting, END + datetime.timedelta(days=1), END + datetime.timedelta(days=30))
    assert create(setting, training(setting), [later]).pk


def test_a_teacher_cannot_create_an_agreement_for_another_teacher(setting, other_teacher):
    with pytest.raises(PermissionDenied):
        create(setting, training(setting, responsible_teacher=other_teacher))


# Status -----------------------------------------------------------------------------------

SIGNED_TRAINING = {"employer_signed_on": START, "provider_signed_on": START, "student_informed_on": START}
SIGNED_APPRENTICESHIP = {"employer_signed_on": START, "provider_signed_on": START, "student_signed_on": START}


def test_a_training_agreement_is_signed_by_the_employer_and_the_provider_and_the_student_informed(setting):
    agreement = create(setting, training(setting))
    with pytest.raises(ValidationError) as excinfo:
        services.agreement_change_status(
            agreement=agreement, by=setting["teacher"], status="signed", signed={"provider_signed_on": START}
        )
    assert {"employer_signed_on", "student_informed_on"} <= set(excinfo.value.message_dict)
    services.agreement_change_status(
        agreement=agreement, by=setting["teacher"], status="signed", signed=SIGNED_TRAINING
    )
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.SIGNED


def test_an_apprenticeship_is_signed_by_the_student_too(setting):
    agreement = create(setting, apprenticeship(setting))
    with pytest.raises(ValidationError) as excinfo:
        services.agreement_change_status(
            agreement=agreement, by=setting["teacher"], status="signed", signed=SIGNED_TRAINING
        )
    assert "student_signed_on" in excinfo.value.message_dict
    services.agreement_change_status(
        agreement=agreement, by=setting["teacher"], status="signed", signed=SIGNED_APPRENTICESHIP
    )


def test_active_and_completed_follow_from_the_dates_once_signed(setting):
    agreement = create(setting, training(setting))
    assert agreement.phase(START) == "draft"
    services.agreement_change_status(
        agreement=agreement, by=setting["teacher"], status="signed", signed=SIGNED_TRAINING
    )
    agreement.refresh_from_db()
    assert agreement.phase(START - datetime.timedelta(days=1)) == "upcoming"
    assert agreement.phase(START) == "active"
    assert agreement.phase(END + datetime.timedelta(days=1)) == "completed"


def test_ending_early_needs_a_date_and_a_reason(setting):
    agreement = create(setting, training(setting))
    services.agreement_change_status(
        agreement=agreement, by=setting["teacher"], status="signed", signed=SIGNED_TRAINING
    )
    with pytest.raises(ValidationError) as excinfo:
        services.agreement_change_status(agreement=agreement, by=setting["teacher"], status="ended_early")
    assert {"ended_on", "end_reason"} <= set(excinfo.value.message_dict)
    services.agreement_change_status(
        agreement=agreement,
        by=setting["teacher"],
        status="ended_early",
        ended_on=START + datetime.timedelta(days=10),
        end_reason="Opiskelija siirtyi toiseen koulutukseen.",
    )
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ENDED_EARLY


def test_a_draft_can_be_cancelled(setting):
    agreement = create(setting, training(setting))
    services.agreement_change_status(agreement=agreement, by=setting["teacher"], status="cancelled")
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.CANCELLED


@pytest.mark.parametrize(
    "start_status, new_status",
    [("draft", "ended_early"), ("signed", "cancelled"), ("signed", "draft"), ("cancelled", "signed")],
)
def test_other_status_changes_are_refused(setting, start_status, new_status):
    agreement = create(setting, training(setting))
    Agreement.objects.filter(pk=agreement.pk).update(status=start_status, **SIGNED_TRAINING)
    with pytest.raises(ValidationError) as excinfo:
        services.agreement_change_status(
            agreement=agreement,
            by=setting["teacher"],
            status=new_status,
            ended_on=START,
            end_reason="x",
        )
    assert "cannot go from" in excinfo.value.message_dict["status"][0]
    agreement.refresh_from_db()
    assert agreement.status == start_status


# Interruptions ----------------------------------------------------------------------------


def test_interruptions_lie_inside_their_period_and_do_not_overlap(setting):
    agreement = create(setting, apprenticeship(setting))
    work_period = agreement.work_periods.get()
    teacher = setting["teacher"]
    layoff = {
        "start": START + datetime.timedelta(days=7),
        "end": START + datetime.timedelta(days=20),
        "reason": InterruptionReason.LAYOFF,
    }
    services.interruption_record(period=work_period, by=teacher, data=layoff)
    overlapping = {
        **layoff,
        "start": START + datetime.timedelta(days=15),
        "end": START + datetime.timedelta(days=25),
    }
    with pytest.raises(ValidationError, match="cannot overlap"):
        services.interruption_record(period=work_period, by=teacher, data=overlapping)
    outside = {**layoff, "start": END, "end": END + datetime.timedelta(days=3), "reason": "sickness"}
    with pytest.raises(ValidationError, match="inside its work period"):
        services.interruption_record(period=work_period, by=teacher, data=outside)
    assert work_period.interruptions.count() == 1
